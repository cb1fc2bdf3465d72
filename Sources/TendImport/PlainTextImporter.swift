import Foundation
import TendCore

/// Turns an article copied out of a word processor or a web page into Tend Markdown: title,
/// summary, headings, lists, numbered steps, a contact block replaced by the consultation
/// component, and the reference list parsed into BibTeX.
public struct PlainTextImporter {
    /// What the importer made, and what it recognised.
    public struct Result: Sendable {
        public var title: String
        public var summary: String
        public var body: String
        public var references: [ImportedReference]
        /// One line per thing recognised: "3 headings", "a contact block"...
        public var recognised: [String]
        /// Lines kept as paragraphs because nothing else fitted, with their line numbers.
        public var unclassified: [(line: Int, text: String)]
        /// The lines of the contact block the consultation component replaced.
        public var contactLines: [String] = []
        /// What could not be brought over, for the report.
        public var leftOut: [String] = []
    }

    /// A short line that introduces a contact block (“Book a complimentary consultation”): it
    /// becomes the component's headline instead of staying as a paragraph.
    func isLeadIn(_ line: String) -> Bool {
        let lower = line.lowercased()
        return line.count <= 320
            && [
                "consultation", "book ", "schedule", "reach out", "get in touch", "contact us", "call us", "talk to", "consulta", "reserve", "agende",
                "llámenos", "contáctenos", "escríbanos",
            ].contains { lower.contains($0) }
    }

    /// The component for a contact block and its lead-in: a short lead-in is the headline, a
    /// longer one the text under the site's headline.
    static func consultation(leadIn: String?) -> String {
        guard let leadIn else { return "{{< consultation >}}" }
        let text = attribute(leadIn)
        return text.count <= 80 ? "{{< consultation headline=\"\(text)\" >}}" : "{{< consultation body=\"\(text).\" >}}"
    }

    public init() {}

    private enum Block {
        case heading(String)
        case paragraph(String)
        case bullet(String)
        case step(number: Int, title: String, paragraphs: [String])
        case consultation(headline: String?)
    }

    public func convert(_ text: String) -> Result {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { (number: $0.offset + 1, text: $0.element.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.text.isEmpty }
        guard !lines.isEmpty else {
            return Result(title: "Untitled", summary: "", body: "", references: [], recognised: [], unclassified: [])
        }
        let title = lines.removeFirst().text
        if lines.first?.text == title { lines.removeFirst() }
        var summary = ""
        if let first = lines.first, !looksLikeHeading(first.text), first.text.count > 40 {
            summary = first.text
            lines.removeFirst()
        }
        var blocks: [Block] = []
        var references: [ImportedReference] = []
        var unclassified: [(Int, String)] = []
        var counts: [String: Int] = [:]
        var inReferences = false
        var contactLines: [String] = []
        var index = 0
        while index < lines.count {
            let (number, line) = lines[index]
            index += 1
            if inReferences {
                if let reference = APAReferenceParser.parse(line) {
                    references.append(reference)
                    continue
                }
                inReferences = false
            }
            if ["references", "sources", "bibliography", "referencias", "bibliografía", "fuentes"].contains(
                line.lowercased().trimmingCharacters(in: .punctuationCharacters))
            {
                inReferences = true
                continue
            }
            if isContactLine(line) {
                contactLines.append(line)
                if case .consultation? = blocks.last {
                } else if case .paragraph(let leadIn)? = blocks.last, isLeadIn(leadIn) {
                    blocks[blocks.count - 1] = .consultation(headline: leadIn)
                    counts["paragraph", default: 0] -= 1
                } else {
                    blocks.append(.consultation(headline: nil))
                }
                counts["contact", default: 0] += 1
                continue
            }
            if let item = bulletText(line) {
                blocks.append(.bullet(item))
                counts["list item", default: 0] += 1
                continue
            }
            if let (stepNumber, stepTitle) = numberedStep(line) {
                var paragraphs: [String] = []
                if !stepTitle.hasSuffix("."), index < lines.count, numberedStep(lines[index].text) == nil, bulletText(lines[index].text) == nil,
                    !looksLikeHeading(lines[index].text), !isContactLine(lines[index].text), endsLikeSentence(lines[index].text)
                {
                    // A step takes the one paragraph that explains it; later ones belong to the text.
                    paragraphs.append(lines[index].text)
                    index += 1
                }
                blocks.append(.step(number: stepNumber, title: stepTitle, paragraphs: paragraphs))
                counts["numbered step", default: 0] += 1
                continue
            }
            if looksLikeHeading(line) {
                blocks.append(.heading(line))
                counts["heading", default: 0] += 1
                continue
            }
            if !endsLikeSentence(line) { unclassified.append((number, line)) }
            blocks.append(.paragraph(line))
            counts["paragraph", default: 0] += 1
        }
        var recognised = ["title: \(title)"]
        if !summary.isEmpty { recognised.append("summary: the first paragraph") }
        for (name, count) in counts.sorted(by: { $0.key < $1.key }) where name != "contact" && count > 0 {
            recognised.append("\(count) \(name)\(count == 1 ? "" : "s")")
        }
        if counts["contact"] != nil { recognised.append("a contact block (\(counts["contact"]!) lines), replaced by {{< consultation >}}") }
        if !references.isEmpty { recognised.append("\(references.count) reference\(references.count == 1 ? "" : "s")") }
        return Result(
            title: title, summary: summary, body: render(blocks), references: references, recognised: recognised, unclassified: unclassified,
            contactLines: contactLines)
    }

    private func render(_ blocks: [Block]) -> String {
        var out: [String] = []
        var previous: Block? = nil
        for block in blocks {
            switch block {
            case .heading(let text):
                out.append("## " + Self.escapeMarkdown(text))
            case .paragraph(let text):
                out.append(Self.escapeMarkdown(text))
            case .bullet(let text):
                if case .bullet? = previous { out[out.count - 1] += "\n- " + Self.escapeMarkdown(text) } else { out.append("- " + Self.escapeMarkdown(text)) }
            case .step(let number, let title, let paragraphs):
                var text = "\(number). **\(Self.escapeMarkdown(title))**"
                for paragraph in paragraphs { text += "\n\n   " + Self.escapeMarkdown(paragraph) }
                if case .step? = previous { out[out.count - 1] += "\n\n" + text } else { out.append(text) }
            case .consultation(let headline):
                out.append(Self.consultation(leadIn: headline))
            }
            previous = block
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// A component attribute's value: no double quotes, no line breaks.
    static func attribute(_ text: String) -> String {
        String(text.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ").filter { $0 != "<" && $0 != ">" })
            .trimmingCharacters(in: CharacterSet(charactersIn: ":.! "))
    }

    /// Characters that would start Markdown or HTML in pasted prose are escaped.
    static func escapeMarkdown(_ text: String) -> String {
        var out = ""
        for (offset, character) in text.enumerated() {
            if "<>*_`[]\\".contains(character) || (offset == 0 && "#>+".contains(character)) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Short, no closing full stop, capitalised: a heading line (also a short question).
    func looksLikeHeading(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (1...14).contains(words.count), let first = line.first, first.isUppercase else { return false }
        guard !line.hasSuffix("."), !line.hasSuffix(":"), !line.hasSuffix(","), !line.hasSuffix(";"), !line.hasSuffix("!") else { return false }
        if line.hasSuffix("?") { return words.count <= 10 }
        return line.count <= 100
    }

    private func endsLikeSentence(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return ".!?:;\"”’)".contains(last)
    }

    /// `— item`, `– item`, `- item`, `• item`, `* item`.
    func bulletText(_ line: String) -> String? {
        for marker in ["— ", "– ", "- ", "• ", "* ", "· "] where line.hasPrefix(marker) {
            return String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
        }
        for marker in ["—", "–", "•"] where line.hasPrefix(marker) {
            return String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// `1. Step`, `2) Step`.
    func numberedStep(_ line: String) -> (Int, String)? {
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, let number = Int(digits) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return (number, String(rest.dropFirst(2)).trimmingCharacters(in: .whitespaces))
    }

    /// Phone, text, e-mail, web and social lines of a "contact us" block.
    func isContactLine(_ line: String) -> Bool {
        let lower = line.lowercased()
        let emoji = ["📞", "📱", "📩", "📧", "✉", "🔗", "👉", "🌍", "☎"]
        if emoji.contains(where: { line.hasPrefix($0) }) { return true }
        let starts = [
            "call us", "text us", "email us", "e-mail us", "visit us", "check us out", "follow us", "explore our", "find us on", "phone:", "email:", "tel:",
        ]
        guard starts.contains(where: { lower.hasPrefix($0) }) else { return false }
        let digits = line.filter(\.isNumber).count
        return digits >= 7 || lower.contains("@") || lower.contains("www.") || lower.contains("http") || lower.contains("instagram") || lower.contains(".com")
    }
}
