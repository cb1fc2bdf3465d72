import TendCore

/// A heading of a document and the id it was given.
public struct HeadingAnchor: Sendable, Hashable {
    public let level: Int
    public let id: String
    /// The heading's words, as a reader sees them.
    public let text: String
    /// Where the heading starts in the Markdown.
    public let line: Int
    public let column: Int
}

extension MarkdownDocument {
    /// Anchors the page itself uses; a heading never takes them.
    public static let reservedAnchors: Set<String> = [
        "main", "toc-title", "references", "related-title", "cite-title", "cite-reference", "reflection-title", "reflection-notes", "reflection-privacy",
    ]
    /// Beginnings of anchors made for citations, reference entries and footnotes.
    public static let reservedAnchorPrefixes = ["cite-", "ref-", "fn-", "fnref-"]

    /// Gives every heading an id made from its words, unique in the document whatever the
    /// headings say: none is one of `reservedAnchors` (unless the caller allows it) or starts
    /// like Tend's own anchors, and repeats get `-1`, `-2`… (in linear time however many there
    /// are). Each heading is rewritten to carry its id; the headings are returned in order.
    public func assignHeadingIDs(allowing allowed: Set<String> = []) -> [HeadingAnchor] {
        var used = Self.reservedAnchors.subtracting(allowed)
        var nextSuffix: [String: Int] = [:]
        var anchors: [HeadingAnchor] = []
        for node in nodes(where: { $0.kind == .heading }) {
            let text = node.plainText.trimmingSpaces
            var base = Slug.make(from: text)
            if base.isEmpty { base = "section" }
            if Self.reservedAnchorPrefixes.contains(where: base.hasPrefix) { base = "section-" + base }
            var id = base
            var suffix = nextSuffix[base] ?? 1
            while used.contains(id) {
                id = "\(base)-\(suffix)"
                suffix += 1
            }
            nextSuffix[base] = suffix
            used.insert(id)
            let level = node.headingLevel
            let inner = node.children.map { renderHTML($0) }.joined()
            anchors.append(HeadingAnchor(level: level, id: id, text: text, line: node.line, column: node.column))
            node.replace(withBlockHTML: "<h\(level) id=\"\(id)\">\(inner)</h\(level)>\n")
        }
        return anchors
    }
}
