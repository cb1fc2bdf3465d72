import TendCore

/// Text pasted out of Word, Google Docs or a web page looks clean and is not: non-breaking,
/// zero-width and narrow spaces, soft hyphens, line separators, typed bullets, curly quotes
/// used as YAML quotes. Each is reported at its line and column; where it is harmless it is
/// normalised (one warning per kind, with the count), and where it breaks something (a front
/// matter key or date, a slug, a citation key, an address) it is an error that says the fix.
enum PastedText {
    /// The invisible characters Tend looks for, what they are called, and what replaces them.
    private static let invisible: [Unicode.Scalar: (name: String, replacement: String)] = [
        "\u{00A0}": ("a non-breaking space", " "), "\u{202F}": ("a narrow non-breaking space", " "), "\u{2007}": ("a figure space", " "),
        "\u{200B}": ("a zero-width space", ""), "\u{2060}": ("a word joiner", ""), "\u{FEFF}": ("a zero-width no-break space", ""),
        "\u{00AD}": ("a soft hyphen", ""), "\u{2028}": ("a line separator", " "), "\u{2029}": ("a paragraph separator", " "),
    ]
    private static let typedBullets: Set<Character> = ["•", "◦", "▪", "‣", "●", "○", "■", "–", "—"]
    /// Front matter fields whose values are names, dates or addresses: an invisible character there is an error.
    private static let exactFields: Set<String> = ["date", "updated", "reviewed_on", "slug", "author", "reviewed_by", "layout", "image", "aliases", "photo"]

    /// `fullLook` skips the fast scan (the tests compare the two).
    static func clean(_ text: String, path: String, fullLook: Bool = false) -> (text: String, diagnostics: [Diagnostic]) {
        guard fullLook || needsLook(text) else { return (text, []) }
        var diagnostics: [Diagnostic] = []
        var normalised: [String: (first: SourceLocation, count: Int, removed: Bool)] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inFrontMatter = lines.first == "---"
        var inFence = false
        for index in lines.indices {
            let number = index + 1
            let line = lines[index]
            if index > 0, inFrontMatter, line == "---" || line == "..." {
                inFrontMatter = false
                continue
            }
            if !inFrontMatter, line.drop(while: { $0 == " " }).hasPrefix("```") || line.drop(while: { $0 == " " }).hasPrefix("~~~") { inFence.toggle() }
            if inFence { continue }
            var out = ""
            var column = 1
            let field = inFrontMatter ? line.split(separator: ":", maxSplits: 1).first.map { String($0).trimmingCharacters(in: .whitespaces) } : nil
            let keyEnd = inFrontMatter ? line.firstIndex(of: ":") : nil
            for character in line {
                defer { column += String(character).utf8.count }
                guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first, let kind = invisible[scalar] else {
                    out.append(character)
                    continue
                }
                let location = SourceLocation(path: path, line: number, column: column)
                let offset = out.utf8.count
                if inFrontMatter, let keyEnd, offset < line.utf8.distance(from: line.startIndex, to: keyEnd) {
                    diagnostics.append(
                        .error(location, "\(kind.name) is inside a front matter field name", hint: "retype the name '\(field ?? "")' with plain letters"))
                } else if inFrontMatter, let field, exactFields.contains(field) {
                    diagnostics.append(
                        .error(
                            location, "\(kind.name) (often pasted from a word processor) is in '\(field):'",
                            hint:
                                "delete it and type a normal space if one is needed: \(field): \(line.split(separator: ":", maxSplits: 1).last.map { cleanValue(String($0)) } ?? "")"
                        ))
                } else if !inFrontMatter, let problem = breakingContext(line: line, offset: offset) {
                    let clean = cleanValue(problem.text)
                    diagnostics.append(
                        .error(location, "\(kind.name) is inside \(problem.what) \(clean)", hint: "delete it (it is invisible): write \(clean)"))
                } else {
                    let entry = normalised[kind.name]
                    normalised[kind.name] = (entry?.first ?? location, (entry?.count ?? 0) + 1, kind.replacement.isEmpty)
                }
                out += kind.replacement
            }
            if inFrontMatter, let quoted = curlyQuotedValue(out) {
                diagnostics.append(
                    .warning(
                        SourceLocation(path: path, line: number, column: quoted.column),
                        "the value of '\(field ?? "")' is wrapped in curly quotes, which YAML keeps as text",
                        hint: "the quotes were dropped; to quote a value, use straight quotes (\"…\") or none"))
                out = quoted.line
            }
            if !inFrontMatter, let bullet = typedBullet(out) {
                diagnostics.append(
                    .warning(
                        SourceLocation(path: path, line: number, column: bullet.column),
                        "the line starts with a typed bullet '\(bullet.mark)'; Markdown lists start with '- '",
                        hint: "it was read as a list item; write it as: - \(bullet.rest)"))
                out = String(repeating: " ", count: bullet.column - 1) + "- " + bullet.rest
            }
            lines[index] = out
        }
        for (name, entry) in normalised.sorted(by: { ($0.value.first.line, $0.value.first.column) < ($1.value.first.line, $1.value.first.column) }) {
            let what = entry.count == 1 ? "\(name) (often pasted from a word processor) was" : "\(entry.count) \(pluralName(name)) (the first here) were"
            let done = entry.removed ? "removed" : entry.count == 1 ? "replaced by a normal space" : "replaced by normal spaces"
            diagnostics.append(.warning(entry.first, "\(what) \(done)", hint: "nothing to do; retyping the text there removes it from the file"))
        }
        return (lines.joined(separator: "\n"), diagnostics.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
    }

    /// A fast byte scan: true when the text holds an invisible character, a line that starts
    /// with a typed bullet, or a curly quote in its front matter (the slower look is needed).
    static func needsLook(_ text: String) -> Bool {
        // Everything it looks for is written with bytes above ASCII.
        if text.isASCII { return false }
        var text = text
        return text.withUTF8 { bytes -> Bool in
            let count = bytes.count
            var lineStart = true
            var inFrontMatter = bytes.starts(with: Array("---\n".utf8))
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte == 0x0A {
                    lineStart = true
                    if inFrontMatter, index + 4 <= count, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D, index > 3 {
                        inFrontMatter = false
                    }
                    index += 1
                    continue
                }
                if byte == 0x20 || byte == 0x09 {
                    index += 1
                    continue
                }
                let second = index + 1 < count ? bytes[index + 1] : 0, third = index + 2 < count ? bytes[index + 2] : 0
                switch byte {
                case 0xC2 where second == 0xA0 || second == 0xAD: return true
                case 0xEF where second == 0xBB && third == 0xBF: return true
                case 0xE2:
                    if second == 0x80 && [0x8B, 0xAF, 0x87, 0xA8, 0xA9].contains(third) { return true }
                    if second == 0x81 && third == 0xA0 { return true }
                    // • ‣ – — at a line start, and ◦ ● ○ ■ ▪.
                    if lineStart && ((second == 0x80 && [0xA2, 0xA3, 0x93, 0x94].contains(third)) || second == 0x97 || second == 0x96) { return true }
                    // “ ‘ in the front matter.
                    if inFrontMatter && second == 0x80 && (third == 0x9C || third == 0x98) { return true }
                default:
                    break
                }
                lineStart = false
                index += 1
            }
            return false
        }
    }

    /// `a non-breaking space` → `non-breaking spaces`.
    private static func pluralName(_ name: String) -> String {
        let bare = name.hasPrefix("a ") ? String(name.dropFirst(2)) : name
        return bare.hasSuffix("s") ? bare : bare + "s"
    }

    /// A citation or an address around `offset` (a byte offset in `line`), where an invisible
    /// character changes meaning: what it is, and its text.
    private static func breakingContext(line: String, offset: Int) -> (what: String, text: String)? {
        let bytes = Array(line.utf8)
        let before = String(decoding: bytes[..<min(offset, bytes.count)], as: UTF8.self)
        let after = String(decoding: bytes[min(offset, bytes.count)...], as: UTF8.self)
        if let open = before.lastIndex(of: "["), before[open...].contains("@"), !before[open...].contains("]") {
            return ("the citation", String(before[open...]) + (after.split(separator: "]", maxSplits: 1).first.map { $0 + "]" } ?? ""))
        }
        if let open = before.range(of: "](", options: .backwards), !before[open.upperBound...].contains(")") {
            return ("the link address", String(before[open.upperBound...]) + (after.split(separator: ")", maxSplits: 1).first.map(String.init) ?? ""))
        }
        let word = before.split(separator: " ").last.map(String.init) ?? ""
        if word.contains("://") || word.hasPrefix("www.") || word.hasPrefix("<http") {
            return ("the address", word + (after.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""))
        }
        return nil
    }

    private static func cleanValue(_ value: String) -> String {
        String(value.unicodeScalars.filter { invisible[$0] == nil }.map(Character.init)).trimmingCharacters(in: .whitespaces)
    }

    /// `title: “A title”` → `title: A title`, and the quote's column.
    private static func curlyQuotedValue(_ line: String) -> (line: String, column: Int)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard let first = value.first, let last = value.last, value.count >= 2,
            (first == "“" && (last == "”" || last == "“")) || (first == "‘" && (last == "’" || last == "‘"))
        else { return nil }
        let column = line.utf8.distance(from: line.startIndex, to: line.range(of: String(first))!.lowerBound) + 1
        let inner = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\"", with: "\\\"")
        return (String(line[...colon]) + " \"" + inner + "\"", column)
    }

    /// A line that starts with a typed bullet and a space or tab: the bullet, its column, the rest.
    private static func typedBullet(_ line: String) -> (mark: Character, column: Int, rest: String)? {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        guard let mark = rest.first, typedBullets.contains(mark), rest.count > 2, let gap = rest.dropFirst().first, gap == " " || gap == "\t" else {
            return nil
        }
        // "– " and "— " open a list only when the line reads as an item, not a dash in prose.
        if mark == "–" || mark == "—", indent.isEmpty == false { return nil }
        let text = rest.dropFirst(2).drop { $0 == " " || $0 == "\t" }
        return (mark, indent.count + 1, String(text))
    }
}
