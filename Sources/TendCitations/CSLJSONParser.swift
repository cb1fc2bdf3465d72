import Foundation
import TendCore

/// Reads CSL-JSON as Zotero exports it: a list of items with `id`, `type`, name objects and date parts.
public enum CSLJSONParser {
    public static func parse(_ text: String, path: String) -> (references: [Reference], diagnostics: [Diagnostic]) {
        let items: [[String: Any]]
        // Foundation's reader lets a trailing comma pass; JSON, and other tools, do not.
        if let (line, column) = trailingComma(in: text) {
            return (
                [],
                [
                    .error(
                        SourceLocation(path: path, line: line, column: column), "the file is not valid JSON: a comma stands before the closing bracket",
                        hint: "remove the comma after the last item or field")
                ]
            )
        }
        do {
            guard let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
                return ([], [.error(SourceLocation(path: path), "a CSL-JSON bibliography must be a list of items ([...])")])
            }
            items = list.compactMap { $0 as? [String: Any] }
        } catch {
            return (
                [],
                [.error(SourceLocation(path: path), "the file is not valid JSON: \(Self.describe(error))", hint: "export it again from Zotero as 'CSL JSON'")]
            )
        }
        var references: [Reference] = []
        var diagnostics: [Diagnostic] = []
        var searchFrom = text.startIndex
        for item in items {
            guard let key = (item["id"] as? String) ?? (item["id"] as? NSNumber)?.stringValue, !key.isEmpty else {
                diagnostics.append(.error(SourceLocation(path: path), "a CSL-JSON item has no 'id'", hint: "every item needs an \"id\" to be cited as [@id]"))
                continue
            }
            var line = 1
            if let range = text.range(of: "\"\(key)\"", range: searchFrom..<text.endIndex) {
                line = text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                searchFrom = range.upperBound
            }
            references.append(reference(from: item, key: key, location: SourceLocation(path: path, line: line)))
        }
        return (references, diagnostics)
    }

    private static func reference(from item: [String: Any], key: String, location: SourceLocation) -> Reference {
        func string(_ field: String) -> String {
            if let text = item[field] as? String { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let number = item[field] as? NSNumber { return number.stringValue }
            return ""
        }
        var reference = Reference(key: key, type: type(of: string("type")), location: location)
        reference.authors = names(item["author"])
        reference.editors = names(item["editor"])
        if let parts = dateParts(item["issued"]) {
            reference.year = parts.first
            reference.month = parts.count > 1 ? parts[1] : nil
            reference.day = parts.count > 2 ? parts[2] : nil
        }
        if let parts = dateParts(item["accessed"]), parts.count == 3 {
            reference.accessed = CalendarDate(year: parts[0], month: parts[1], day: parts[2])
        }
        reference.title = string("title")
        reference.containerTitle = string("container-title")
        reference.volume = string("volume")
        reference.issue = string("issue")
        reference.number = string("number")
        reference.pages = string("page")
        reference.publisher = string("publisher")
        reference.edition = string("edition")
        reference.doi = string("DOI")
        reference.url = string("URL")
        reference.isbn = string("ISBN")
        reference.genre = string("genre")
        return reference
    }

    private static func type(of name: String) -> ReferenceType {
        switch name {
        case "article-journal", "article-magazine", "article-newspaper", "article", "review": return .article
        case "book": return .book
        case "chapter", "entry-encyclopedia", "entry-dictionary", "entry": return .chapter
        case "paper-conference": return .conferencePaper
        case "report": return .report
        case "thesis": return .thesis
        case "webpage", "post-weblog", "post": return .webpage
        default: return .misc
        }
    }

    private static func names(_ value: Any?) -> [PersonName] {
        guard let list = value as? [[String: Any]] else { return [] }
        return list.map { object in
            func field(_ name: String) -> String { (object[name] as? String)?.trimmingCharacters(in: .whitespaces) ?? "" }
            if !field("literal").isEmpty { return PersonName(literal: field("literal")) }
            let particle = [field("dropping-particle"), field("non-dropping-particle")].filter { !$0.isEmpty }.joined(separator: " ")
            return PersonName(family: field("family"), given: field("given"), particle: particle, suffix: field("suffix"))
        }
    }

    private static func dateParts(_ value: Any?) -> [Int]? {
        // An EDTF string ("2020", "2020-05-03", "2019/2020": the first date counts) or a bare year.
        if let text = value as? String {
            let first = text.split(separator: "/").first.map(String.init) ?? text
            let numbers = first.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            return numbers.isEmpty ? nil : numbers
        }
        if let number = value as? NSNumber { return [number.intValue] }
        guard let object = value as? [String: Any] else { return nil }
        if let parts = object["date-parts"] as? [[Any]], let first = parts.first {
            let numbers = first.compactMap { ($0 as? NSNumber)?.intValue ?? ($0 as? String).flatMap { Int($0) } }
            return numbers.isEmpty ? nil : numbers
        }
        if let raw = object["raw"] as? String ?? object["literal"] as? String {
            let numbers = raw.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            return numbers.isEmpty ? nil : numbers
        }
        return nil
    }

    /// Where a `,` is followed (after white space) by `]` or `}`, outside strings.
    static func trailingComma(in text: String) -> (line: Int, column: Int)? {
        var line = 1, column = 0
        var inString = false, escaped = false
        var comma: (line: Int, column: Int)?
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"": inString = true; comma = nil
            case ",": comma = (line, column)
            case "]", "}": if let comma { return comma }
            case " ", "\t", "\n", "\r": continue
            default: comma = nil
            }
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "\(error.localizedDescription)"
    }
}
