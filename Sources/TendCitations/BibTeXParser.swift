import TendCore

/// Reads BibTeX as Zotero, Better BibTeX and Mendeley export it. Errors name the file and
/// line; a broken entry is skipped and every other entry still loads.
public struct BibTeXParser {
    private let bytes: [UInt8]
    private let path: String
    private let lineStarts: [Int]
    private var position = 0
    /// The longest value a field may have.
    static let longestValue = 64 * 1024

    private var macros: [String: String] = [
        "jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
        "jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12",
    ]
    private var diagnostics = Diagnostics()

    private struct ParseError: Error {
        let offset: Int
        let message: String
        let hint: String?
    }

    /// Parses `text`, read from `path` (relative to the site root); `titles` says how titles are cased.
    public static func parse(_ text: String, path: String, titles: TitleStyle = .sentence) -> (references: [Reference], diagnostics: [Diagnostic]) {
        var parser = BibTeXParser(text: text, path: path)
        let entries = parser.inheritFields(parser.parseAll())
        var reported = Set<String>()
        var references: [Reference] = []
        // Entries are independent once their fields are inherited: they are read on all cores.
        for (entry, (reference, warnings)) in zip(entries, parallelMap(entries) { $0.reference(titles: titles) }) {
            references.append(reference)
            for warning in warnings {
                let location = warning.offset.map(parser.location) ?? entry.location
                guard reported.insert("\(location.line):\(location.column):\(warning.message)").inserted else { continue }
                parser.diagnostics.warning(location, warning.message, hint: warning.hint)
            }
        }
        return (references, parser.diagnostics.all)
    }

    /// Fills each entry's missing fields from its `crossref` parent and its `xdata` entries, the
    /// way BibLaTeX does (a parent book's title becomes a chapter's book title).
    private mutating func inheritFields(_ entries: [BibTeXEntry]) -> [BibTeXEntry] {
        var byKey: [String: BibTeXEntry] = [:]
        for entry in entries where byKey[entry.key.lowercased()] == nil { byKey[entry.key.lowercased()] = entry }
        return entries.map { entry in
            var entry = entry
            var visited: Set<String> = [entry.key.lowercased()]
            for source in ["xdata", "crossref", "xref"] {
                guard let value = entry.fields[source]?.value else { continue }
                let keys = source == "xdata" ? value.split(separator: ",").map { String($0).trimmingSpaces } : [value.trimmingSpaces]
                for key in keys where !key.isEmpty {
                    guard let parent = byKey[key.lowercased()] else {
                        diagnostics.warning(
                            entry.location, "the entry '\(entry.key)' takes fields from '\(key)' (\(source)), which is not in this file",
                            hint: "export the parent entry with it, or remove the \(source) field")
                        continue
                    }
                    guard visited.insert(key.lowercased()).inserted, source != "xref" else { continue }
                    Self.inherit(into: &entry, from: parent, mapsTitles: source == "crossref")
                }
            }
            return entry
        }
    }

    private static func inherit(into child: inout BibTeXEntry, from parent: BibTeXEntry, mapsTitles: Bool) {
        var inherited = parent.fields
        inherited["crossref"] = nil
        inherited["xdata"] = nil
        inherited["ids"] = nil
        if mapsTitles, ["book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference"].contains(parent.type) {
            // The parent's title names the book the child is in; its author is the book's author.
            inherited["booktitle"] = parent.fields["title"]
            inherited["booksubtitle"] = parent.fields["subtitle"]
            inherited["bookauthor"] = parent.fields["author"]
            for field in ["title", "subtitle", "titleaddon", "shorttitle", "author", "pages", "url", "doi"] { inherited[field] = nil }
        }
        for (name, field) in inherited where child.fields[name] == nil {
            child.fields[name] = BibTeXField(value: field.value, offset: nil)
        }
    }

    private init(text: String, path: String) {
        self.bytes = Array(text.utf8)
        self.path = path
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.lineStarts = starts
    }

    private func location(_ offset: Int) -> SourceLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(path: path, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private mutating func parseAll() -> [BibTeXEntry] {
        var references: [BibTeXEntry] = []
        while let at = nextEntryStart() {
            position = at + 1
            do {
                if let reference = try parseEntry(startingAt: at) { references.append(reference) }
            } catch {
                diagnostics.error(location(error.offset), error.message, hint: error.hint)
                position = max(position, at + 1)
                skipToNextLineStartingWithAt()
            }
        }
        return references
    }

    /// The next `@` outside an entry (text between entries is a comment in BibTeX).
    private func nextEntryStart() -> Int? {
        var index = position
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "@") { return index }
            // A `%` line is a comment, an entry commented out included (as Biber reads it).
            if bytes[index] == UInt8(ascii: "%") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            }
            index += 1
        }
        return nil
    }

    private mutating func skipToNextLineStartingWithAt() {
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "@"), position == 0 || bytes[position - 1] == UInt8(ascii: "\n") { return }
            position += 1
        }
    }

    private mutating func parseEntry(startingAt start: Int) throws(ParseError) -> BibTeXEntry? {
        let type = readIdentifier().lowercased()
        guard !type.isEmpty else { throw ParseError(offset: start, message: "'@' must be followed by an entry type such as @article", hint: nil) }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") || bytes[position] == UInt8(ascii: "(") else {
            throw ParseError(offset: position, message: "expected '{' after @\(type)", hint: nil)
        }
        let close = bytes[position] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
        let open = position
        position += 1
        switch type {
        case "comment", "preamble":
            try skipBalanced(from: open)
            return nil
        case "string":
            let (name, value, _) = try readField()
            macros[name.lowercased()] = value
            skipWhitespace()
            try expect(close, after: "@string")
            return nil
        default:
            break
        }
        skipWhitespace()
        let keyStart = position
        while position < bytes.count, ![UInt8(ascii: ","), close, UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t")].contains(bytes[position]) {
            position += 1
        }
        let key = String(decoding: bytes[keyStart..<position], as: UTF8.self)
        guard !key.isEmpty else { throw ParseError(offset: keyStart, message: "the @\(type) entry has no citation key", hint: "write @\(type){key, ...}") }
        skipWhitespace()
        var fields: [String: BibTeXField] = [:]
        if position < bytes.count, bytes[position] == UInt8(ascii: ",") { position += 1 }
        while true {
            skipWhitespace()
            guard position < bytes.count else {
                throw unclosed(key: key, start: start, close: close, fields: fields)
            }
            if bytes[position] == close { position += 1; break }
            let fieldStart = position
            let (name, value, valueOffset) = try readField()
            if fields[name] != nil {
                diagnostics.warning(
                    location(fieldStart), "the field '\(name)' appears twice in '\(key)'; the first value is used",
                    hint: "remove one of the two '\(name)' lines")
            } else {
                fields[name] = BibTeXField(value: value, offset: valueOffset)
            }
            skipWhitespace()
            guard position < bytes.count else { continue }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "@"), bytes[position - 1] == UInt8(ascii: "\n") {
                throw unclosed(key: key, start: start, close: close, fields: fields)
            } else if bytes[position] != close {
                throw ParseError(
                    offset: position, message: "missing comma after the field '\(name)' in '\(key)'",
                    hint: "put a ',' at the end of line \(location(fieldStart).line)")
            }
        }
        return BibTeXEntry(type: type, key: key, fields: fields, location: location(start))
    }

    /// The error for an entry that is never closed: at the field whose brace was left open (its
    /// value runs on over the next field's `name =` line), or else at the entry.
    private func unclosed(key: String, start: Int, close: UInt8, fields: [String: BibTeXField]) -> ParseError {
        for (name, field) in fields.sorted(by: { ($0.value.offset ?? 0) < ($1.value.offset ?? 0) }) {
            guard let offset = field.offset else { continue }
            let lines = field.value.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 1,
                lines.dropFirst().contains(where: { line in
                    let trimmed = line.drop { $0 == " " || $0 == "\t" }
                    let name = trimmed.prefix { $0.isLetter }
                    return !name.isEmpty && trimmed.dropFirst(name.count).drop { $0 == " " }.first == "="
                })
            else { continue }
            return ParseError(
                offset: offset - 1, message: "the field '\(name)' in '\(key)' is not closed: its '{' has no matching '}'",
                hint: "add '}' at the end of the value on line \(location(offset).line)")
        }
        return ParseError(offset: start, message: "the entry '\(key)' is not closed", hint: "add '\(Character(UnicodeScalar(close)))' after its last field")
    }

    /// `name = value # value ...`; returns the name (lower-cased), the raw, concatenated value, and
    /// the offset of the value's text when it is one braced or quoted piece.
    private mutating func readField() throws(ParseError) -> (String, String, Int?) {
        skipWhitespace()
        let nameStart = position
        let name = readIdentifier().lowercased()
        guard !name.isEmpty else {
            throw ParseError(
                offset: nameStart, message: "expected a field name such as 'title'", hint: "check for a stray character or a missing comma before this point")
        }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            throw ParseError(offset: position, message: "expected '=' after the field name '\(name)'", hint: nil)
        }
        position += 1
        var value = ""
        var pieces = 0
        var valueOffset: Int?
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw ParseError(offset: nameStart, message: "the field '\(name)' has no value", hint: nil) }
            let piece = bytes[position]
            pieces += 1
            valueOffset = pieces == 1 && (piece == UInt8(ascii: "{") || piece == UInt8(ascii: "\"")) ? position + 1 : nil
            if piece == UInt8(ascii: "{") {
                value += try readBraced(field: name)
            } else if piece == UInt8(ascii: "\"") {
                value += try readQuoted(field: name)
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(piece) {
                let start = position
                while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
                value += String(decoding: bytes[start..<position], as: UTF8.self)
            } else {
                let start = position
                let macro = readIdentifier()
                guard !macro.isEmpty else {
                    throw ParseError(offset: position, message: "the field '\(name)' has no value", hint: "write \(name) = {...}")
                }
                if let expansion = macros[macro.lowercased()] {
                    value += expansion
                } else {
                    // Reported, and the entry read on, so that every unknown name is listed in one run.
                    diagnostics.error(
                        location(start), "unknown @string '\(macro)' in the field '\(name)'",
                        hint: Suggestions.hint(for: macro, in: macros.keys)
                            ?? "define it with @string{\(macro) = {...}} before this entry, or put the value in braces")
                }
            }
            // Values joined with '#' from @string macros can double at every step: bounded, like
            // any field, by what a reference can need.
            guard value.utf8.count <= Self.longestValue else {
                throw ParseError(
                    offset: nameStart, message: "the field '\(name)' grows past \(Self.longestValue / 1024) KB from @string values joined with '#'",
                    hint: "no reference needs a field this long; check the @string definitions above")
            }
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "#") {
                position += 1
                continue
            }
            return (name, value, valueOffset)
        }
    }

    private mutating func readBraced(field: String) throws(ParseError) -> String {
        let open = position
        var depth = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 {
                    position += 1
                    return String(decoding: bytes[(open + 1)..<(position - 1)], as: UTF8.self)
                }
            }
            if byte == UInt8(ascii: "@"), bytes[position - 1] == UInt8(ascii: "\n") { break }
            position += 1
        }
        throw ParseError(offset: open, message: "unbalanced braces in the field '\(field)'", hint: "every '{' needs a matching '}'")
    }

    private mutating func readQuoted(field: String) throws(ParseError) -> String {
        let open = position
        position += 1
        var depth = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") { position += 2; continue }
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") { depth -= 1 }
            if byte == UInt8(ascii: "\""), depth == 0 {
                position += 1
                return String(decoding: bytes[(open + 1)..<(position - 1)], as: UTF8.self)
            }
            if byte == UInt8(ascii: "@"), bytes[position - 1] == UInt8(ascii: "\n") { break }
            position += 1
        }
        throw ParseError(offset: open, message: "unclosed quote in the field '\(field)'", hint: "end the value with '\"'")
    }

    private mutating func skipBalanced(from open: Int) throws(ParseError) {
        position = open
        _ = try readBraced(field: "@comment")
    }

    private mutating func expect(_ byte: UInt8, after what: String) throws(ParseError) {
        guard position < bytes.count, bytes[position] == byte else {
            throw ParseError(offset: position, message: "expected '\(Character(UnicodeScalar(byte)))' to close \(what)", hint: nil)
        }
        position += 1
    }

    private mutating func readIdentifier() -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let isNameByte =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "_-:.+/".utf8.contains(byte) || byte >= 0x80
            guard isNameByte else { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            } else {
                return
            }
        }
    }
}
