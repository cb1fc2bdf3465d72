import TendCore

/// Every reference a site can cite, by key, from all its bibliography files.
public struct Bibliography: Sendable {
    public private(set) var references: [String: Reference] = [:]
    /// APA sort keys, computed once per entry (they fold case and accents, which is slow).
    private(set) var sortKeys: [String: APASorting.SortKey] = [:]
    /// Each entry's APA text, formatted once (pages cite the same works again and again).
    private(set) var formatted: [String: FormattedReference] = [:]

    /// How BibTeX titles are cased (site.yml's `citations: { titles: … }`).
    public let titles: TitleStyle

    public init(titles: TitleStyle = .sentence) { self.titles = titles }

    /// Loads one file's text (BibTeX unless the path ends in `.json`); a key that is already known
    /// is an error naming both places.
    public mutating func add(text: String, path: String) -> [Diagnostic] {
        let (parsed, diagnostics) =
            path.lowercased().hasSuffix(".json")
            ? CSLJSONParser.parse(text, path: path) : BibTeXParser.parse(text, path: path, titles: titles)
        var all = diagnostics
        // Sort keys and APA text are made on all cores (folding and formatting are most of the work).
        let derived = parallelMap(parsed) { (APASorting.SortKey($0), FormattedReference($0)) }
        for (reference, (sortKey, entry)) in zip(parsed, derived) {
            if let existing = references[reference.key] {
                all.append(
                    .error(
                        reference.location, "the citation key '\(reference.key)' is defined twice",
                        hint: "it is also defined at \(existing.location.path):\(existing.location.line); rename or remove one"))
                continue
            }
            references[reference.key] = reference
            sortKeys[reference.key] = sortKey
            formatted[reference.key] = entry
        }
        return all
    }

    public subscript(_ key: String) -> Reference? { references[key] }

    public var keys: Dictionary<String, Reference>.Keys { references.keys }

    /// A hint naming the nearest keys to a misspelt one.
    public func suggestion(for key: String) -> String {
        Suggestions.hint(for: key, in: references.keys)
            ?? (references.isEmpty
                ? "the site has no bibliography: list one under 'bibliography:' in content/site.yml" : "check the key against your bibliography file")
    }
}

/// The parts of a reference's APA form that do not depend on the page citing it.
struct FormattedReference: Sendable {
    /// The reference-list entry when the work needs no `a`/`b` year suffix.
    let entry: String
    let parentheticalAuthor: String
    let narrativeAuthor: String
    /// The lead names' surnames, folded for comparison (APA 8.18 and 8.20 compare them).
    let foldedSurnames: [String]
    /// The year as cited, without a letter.
    let yearLabel: String

    init(_ reference: Reference) {
        entry = APAStyle.entry(reference)
        parentheticalAuthor = APAStyle.inTextAuthor(reference, narrative: false)
        narrativeAuthor = APAStyle.inTextAuthor(reference, narrative: true)
        foldedSurnames = reference.leadNames.map { APANames.folded($0.surname) }
        yearLabel = APAStyle.yearLabel(reference, suffix: "")
    }
}
