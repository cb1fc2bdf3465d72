import Foundation
import TendCore

/// One reference recovered from an APA-formatted line of text.
public struct ImportedReference: Equatable, Sendable {
    public var key: String
    public var type: String
    public var authors: [String]
    public var year: String
    public var title: String
    public var publisher: String = ""
    public var journal: String = ""
    public var volume: String = ""
    public var issue: String = ""
    public var pages: String = ""
    public var doi: String = ""
    public var url: String = ""
    /// `inpress` for a work cited as `(in press)` / `(en prensa)`.
    public var pubstate: String = ""

    /// The entry as BibTeX, fields in a fixed order.
    public var bibtex: String {
        func escape(_ text: String) -> String {
            var out = ""
            for character in text {
                switch character {
                case "\\": out += "\\textbackslash{}"
                case "&", "%", "{", "}", "#", "$", "_": out += "\\" + String(character)
                default: out.append(character)
                }
            }
            return out
        }
        /// A URL or DOI with what could end the field or start a command percent-encoded.
        func address(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "{": out += "%7B"
                case "}": out += "%7D"
                case "\\": out += "%5C"
                default:
                    if scalar.value <= 0x20 || scalar.value == 0x7F { out += String(format: "%%%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out
        }
        func name(_ author: String) -> String {
            author.hasPrefix("{") && author.hasSuffix("}") ? "{" + escape(String(author.dropFirst().dropLast())) + "}" : escape(author)
        }
        // The title is already in APA sentence case: protected whole, so it is kept as written.
        var fields: [(String, String)] = [("author", authors.map(name).joined(separator: " and ")), ("title", "{" + escape(title) + "}")]
        if !journal.isEmpty { fields.append(("journal", escape(journal))) }
        if !volume.isEmpty { fields.append(("volume", escape(volume))) }
        if !issue.isEmpty { fields.append(("number", escape(issue))) }
        if !pages.isEmpty { fields.append(("pages", escape(pages.replacingOccurrences(of: "–", with: "--")))) }
        if !publisher.isEmpty { fields.append(("publisher", escape(publisher))) }
        if !year.isEmpty { fields.append(("year", escape(year))) }
        if !pubstate.isEmpty { fields.append(("pubstate", pubstate)) }
        if !doi.isEmpty { fields.append(("doi", address(doi))) }
        if !url.isEmpty { fields.append(("url", address(url))) }
        let body = fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n")
        return "@\(type){\(key),\n\(body)\n}\n"
    }
}

/// Parses reference-list lines as APA writes them: `Author, A. A., & Author, B. (2015). Title. Publisher.`
public enum APAReferenceParser {
    private static let particles: Set<String> = ["van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos", "das"]

    /// Nil when the line has no `(year).` after an author part.
    public static func parse(_ line: String) -> ImportedReference? {
        var text = stripNumbering(line.trimmingCharacters(in: .whitespaces))
        guard let open = text.range(of: " ("), let close = text.range(of: ").", range: open.upperBound..<text.endIndex) else { return nil }
        let yearText = String(text[open.upperBound..<close.lowerBound])
        // `n.d.` and Spanish APA's `s.f.` are no date; `in press` / `en prensa` a work not yet out.
        let undated = ["n.d.", "s.f.", "in press", "en prensa"].contains(yearText.lowercased())
        guard undated || (yearText.prefix(4).allSatisfy(\.isNumber) && yearText.count >= 4) else { return nil }
        let authorPart = String(text[..<open.lowerBound])
        text = String(text[close.upperBound...]).trimmingCharacters(in: .whitespaces)
        let authors = parseAuthors(authorPart)
        guard !authors.isEmpty else { return nil }
        var parts = splitSentences(text)
        guard !parts.isEmpty else { return nil }
        let title = parts.removeFirst()
        var reference = ImportedReference(
            key: "", type: "book", authors: authors.map(\.bibtex), year: undated ? "" : String(yearText.prefix(4)), title: title)
        if ["in press", "en prensa"].contains(yearText.lowercased()) { reference.pubstate = "inpress" }
        for part in parts {
            let lower = part.lowercased()
            if lower.hasPrefix("https://doi.org/") || lower.hasPrefix("http://doi.org/") || lower.hasPrefix("doi:") {
                reference.doi = String(part.drop { $0 != "1" })
            } else if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
                reference.url = part
            } else if let journal = journalParts(part) {
                reference.type = "article"
                (reference.journal, reference.volume, reference.issue, reference.pages) = journal
            } else if reference.publisher.isEmpty {
                reference.publisher = part
            }
        }
        reference.key = key(family: authors[0].family, year: reference.year)
        return reference
    }

    /// `gottman2015`, `vanderkolk2014`: the first author's surname folded to ASCII, and the year.
    public static func key(family: String, year: String) -> String {
        Slug.make(from: family).replacingOccurrences(of: "-", with: "") + (year.isEmpty ? "nd" : year)
    }

    struct Author {
        var family: String
        var initials: String
        var bibtex: String { initials.isEmpty ? "{\(family)}" : "\(family), \(initials)" }
    }

    /// `Gottman, J. M., & Silver, N.` (or `y`) → two authors; a corporate name stays whole.
    static func parseAuthors(_ text: String) -> [Author] {
        // `&` in English APA, `y` in Spanish APA (`Gottman, J. M., y Silver, N.`).
        let cleaned = text.replacingOccurrences(of: ", &", with: ",").replacingOccurrences(of: " & ", with: ", ")
            .replacingOccurrences(of: "., y ", with: "., ").replacingOccurrences(of: ". y ", with: "., ")
            .replacingOccurrences(of: ", . . .", with: ",").replacingOccurrences(of: "…", with: "")
        let pieces = cleaned.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var authors: [Author] = []
        var index = 0
        while index < pieces.count {
            let family = pieces[index]
            if index + 1 < pieces.count, isInitials(pieces[index + 1]) {
                authors.append(Author(family: normaliseParticles(family), initials: pieces[index + 1]))
                index += 2
                if index < pieces.count, ["Jr.", "Sr.", "II", "III", "IV"].contains(pieces[index]) {
                    authors[authors.count - 1].initials += ", " + pieces[index]
                    index += 1
                }
            } else {
                authors.append(Author(family: family.hasSuffix(".") ? String(family.dropLast()) : family, initials: ""))
                index += 1
            }
        }
        return authors
    }

    /// `J. M.`, `B.-A.`: capital letters each followed by a period.
    static func isInitials(_ text: String) -> Bool {
        let letters = text.filter { $0.isLetter }
        guard !letters.isEmpty, letters.count <= 5 else { return false }
        return letters.allSatisfy(\.isUppercase) && text.contains(".")
    }

    /// `Van der Kolk` → `van der Kolk`: particles are lower case before a surname.
    static func normaliseParticles(_ family: String) -> String {
        var words = family.split(separator: " ").map(String.init)
        for index in words.indices.dropLast() where particles.contains(words[index].lowercased()) {
            words[index] = words[index].lowercased()
        }
        return words.joined(separator: " ")
    }

    /// `Journal of X, 12(3), 45–67` → journal, volume, issue, pages.
    static func journalParts(_ text: String) -> (String, String, String, String)? {
        let pieces = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count >= 2, let volumePiece = pieces.dropFirst().first, let first = volumePiece.first, first.isNumber else { return nil }
        var volume = volumePiece, issue = ""
        if let paren = volumePiece.firstIndex(of: "(") {
            volume = String(volumePiece[..<paren])
            issue = String(volumePiece[volumePiece.index(after: paren)...].prefix { $0 != ")" })
        }
        let pages = pieces.count > 2 ? pieces[2] : ""
        return (pieces[0], volume, issue, pages)
    }

    /// Splits at `. ` that ends a sentence (not an initial such as `W. W.`), dropping the final period.
    static func splitSentences(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            let atEnd = index + 1 == characters.count
            let beforeSpace = index + 1 < characters.count && characters[index + 1] == " "
            if character == "." && (atEnd || beforeSpace) {
                let word = current.split(separator: " ").last ?? ""
                let isInitial = word.count == 2 && word.first!.isUppercase
                let isURL = current.hasPrefix("http")
                if !isInitial && !(isURL && !atEnd) {
                    parts.append(String(current.dropLast()).trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            }
            index += 1
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { parts.append(rest) }
        return parts.filter { !$0.isEmpty }
    }

    private static func stripNumbering(_ line: String) -> String {
        var text = Substring(line)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") { text = text[text.index(after: close)...] }
        let digits = text.prefix { $0.isNumber }
        if !digits.isEmpty {
            let rest = text.dropFirst(digits.count)
            if rest.hasPrefix(")") || rest.hasPrefix(".") { text = rest.dropFirst() }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
