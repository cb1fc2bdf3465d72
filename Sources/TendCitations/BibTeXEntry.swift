import Foundation
import TendCore

/// One parsed BibTeX entry, turned into a `Reference`.
struct BibTeXEntry {
    let type: String
    let key: String
    let fields: [String: String]
    let location: SourceLocation

    var reference: Reference {
        var reference = Reference(key: key, type: referenceType, location: location)
        reference.authors = names("author")
        reference.editors = names("editor")
        if let date = fields["date"] {
            let parts = date.split(separator: "-").map { Int($0.prefix(4)) }
            reference.year = parts.first ?? nil
            reference.month = parts.count > 1 ? parts[1] : nil
            reference.day = parts.count > 2 ? parts[2] : nil
        }
        if let year = fields["year"].flatMap({ Int(Self.clean(LaTeXText.decode($0)).prefix(4)) }) { reference.year = year }
        if let month = fields["month"] { reference.month = Int(month) ?? Self.monthNumber(Self.clean(LaTeXText.decode(month))) }
        reference.title = text("title")
        reference.containerTitle = [text("journaltitle"), text("journal"), text("booktitle")].first { !$0.isEmpty } ?? ""
        if reference.type == .webpage && reference.containerTitle.isEmpty {
            reference.containerTitle = text("howpublished").hasPrefix("\\url") ? "" : text("howpublished")
            if reference.containerTitle.isEmpty { reference.containerTitle = text("organization") }
        }
        reference.volume = text("volume")
        reference.issue = reference.type == .article ? [text("number"), text("issue")].first { !$0.isEmpty } ?? "" : text("issue")
        reference.number = reference.type == .article ? "" : text("number")
        reference.pages = text("pages")
        reference.publisher = [text("publisher"), text("institution"), text("school"), text("organization")].first { !$0.isEmpty } ?? ""
        if reference.type == .webpage { reference.publisher = "" }
        reference.edition = text("edition")
        reference.doi = raw("doi")
        reference.url = raw("url")
        reference.accessed = fields["urldate"].flatMap { CalendarDate(String($0.prefix(10))) }
        reference.isbn = text("isbn")
        switch type {
        case "phdthesis": reference.genre = "Doctoral dissertation"
        case "mastersthesis": reference.genre = "Master's thesis"
        default: reference.genre = text("type")
        }
        return reference
    }

    private var referenceType: ReferenceType {
        switch type {
        case "article": return .article
        case "book", "mvbook", "booklet": return .book
        case "incollection", "inreference": return .chapter
        case "inbook": return fields["booktitle"] == nil ? .book : .chapter
        case "inproceedings", "conference": return .conferencePaper
        case "report", "techreport": return .report
        case "phdthesis", "mastersthesis", "thesis": return .thesis
        case "online", "webpage", "www", "electronic": return .webpage
        default: return fields["url"] != nil && fields["publisher"] == nil ? .webpage : .misc
        }
    }

    private func text(_ field: String) -> String {
        guard let value = fields[field] else { return "" }
        return Self.clean(LaTeXText.decode(value))
    }

    /// URLs and DOIs keep their characters; only braces and `\_`-style escapes go.
    private func raw(_ field: String) -> String {
        guard let value = fields[field] else { return "" }
        var out = ""
        var escaped = false
        for character in value {
            if escaped { out.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "{" || character == "}" { continue }
            out.append(character)
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func names(_ field: String) -> [PersonName] {
        guard let value = fields[field] else { return [] }
        return BibTeXNames.split(value).map(BibTeXNames.parse)
    }

    static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    private static func monthNumber(_ name: String) -> Int? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.firstIndex(of: String(name.lowercased().prefix(3))).map { $0 + 1 }
    }
}

/// BibTeX's name rules: `and` between names; `Last, First`, `Last, Jr, First` or `First von Last`.
enum BibTeXNames {
    /// Splits on ` and ` outside braces.
    static func split(_ value: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        let words = value.split(omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        for word in words {
            let opens = word.filter { $0 == "{" }.count, closes = word.filter { $0 == "}" }.count
            if depth == 0 && word.lowercased() == "and" {
                if !current.isEmpty { names.append(current) }
                current = ""
                continue
            }
            current += current.isEmpty ? String(word) : " " + word
            depth += opens - closes
        }
        if !current.isEmpty { names.append(current) }
        return names
    }

    static func parse(_ raw: String) -> PersonName {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") && isSingleGroup(trimmed) {
            return PersonName(literal: BibTeXEntry.clean(LaTeXText.decode(String(trimmed.dropFirst().dropLast()))))
        }
        let parts = splitTopLevel(trimmed, on: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var name = PersonName()
        if parts.count >= 2 {
            let (particle, family) = splitParticle(words(parts[0]))
            name.particle = particle
            name.family = family
            if parts.count >= 3 {
                name.suffix = decode(parts[1])
                name.given = decode(parts[2])
            } else {
                name.given = decode(parts[1])
            }
        } else {
            let all = words(trimmed)
            guard all.count > 1 else {
                name.family = decode(trimmed)
                return name
            }
            // First von Last: the von part starts at the first lower-case word after the first word.
            var index = 0
            while index < all.count - 1 && !isLowercaseWord(all[index]) { index += 1 }
            if index == all.count - 1 {
                name.given = all.dropLast().map(decode).joined(separator: " ")
                name.family = decode(all.last!)
            } else {
                name.given = all[..<index].map(decode).joined(separator: " ")
                let (particle, family) = splitParticle(Array(all[index...]))
                name.particle = particle
                name.family = family
            }
        }
        return name
    }

    /// Leading lower-case words of a last name are its particle (`van der` Kolk).
    private static func splitParticle(_ words: [String]) -> (String, String) {
        var index = 0
        while index < words.count - 1 && isLowercaseWord(words[index]) { index += 1 }
        return (words[..<index].map(decode).joined(separator: " "), words[index...].map(decode).joined(separator: " "))
    }

    private static func isLowercaseWord(_ word: String) -> Bool {
        guard let first = word.first(where: { $0.isLetter }) else { return false }
        return !word.hasPrefix("{") && first.isLowercase
    }

    private static func words(_ text: String) -> [String] { splitTopLevel(text, on: " ").filter { !$0.isEmpty } }

    private static func decode(_ text: String) -> String { BibTeXEntry.clean(LaTeXText.decode(text)) }

    private static func isSingleGroup(_ text: String) -> Bool {
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "{" { depth += 1 }
            if character == "}" {
                depth -= 1
                if depth == 0 && offset != text.count - 1 { return false }
            }
        }
        return true
    }

    private static func splitTopLevel(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if character == separator && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
