import TendCore
import Yams

/// A YAML mapping read field by field; every problem becomes a diagnostic at the file's line.
public struct YAMLMapping {
    private var values: [String: YAMLValue] = [:]
    /// Keys in the order written, with where each stands.
    public private(set) var keys: [(name: String, location: SourceLocation)] = []
    /// Where the mapping starts.
    public let location: SourceLocation

    init(_ mapping: Node.Mapping, origin: SourceLocation, location: SourceLocation, diagnostics: inout Diagnostics) {
        self.location = location
        for (keyNode, valueNode) in mapping {
            let key = YAMLValue(keyNode, name: "key", origin: origin)
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.error(key.location, "a key must be a plain word")
                continue
            }
            let value = YAMLValue(valueNode, name: scalar.string, origin: origin)
            if let earlier = values[scalar.string] {
                diagnostics.error(
                    key.location, "'\(scalar.string)' is set twice (first on line \(earlier.location.line))",
                    hint: "keep one of the two lines")
                continue
            }
            values[scalar.string] = value
            keys.append((scalar.string, key.location))
        }
    }

    /// Parses YAML text whose first line is line `firstLine` of `path`; nil (with a diagnostic)
    /// when it is malformed or not a mapping. Empty text is an empty mapping.
    /// Yams makes a new constructor (three dictionaries) for every document unless given one;
    /// it is never changed after it is made, so every thread can share it.
    private nonisolated(unsafe) static let sharedConstructor = Constructor()

    public static func parse(_ yaml: String, path: String, firstLine: Int, diagnostics: inout Diagnostics) -> YAMLMapping? {
        let origin = SourceLocation(path: path, line: firstLine, column: 1)
        if let problem = unsupportedConstruct(in: yaml) {
            diagnostics.error(origin.offset(lines: problem.line - 1, column: problem.column), problem.message, hint: problem.hint)
            return nil
        }
        let node: Node?
        do {
            // Swift strings are UTF-8 here; Yams' default encoding reads the whole environment each time.
            // The basic resolver matches no regular expressions: each field reads its value's text
            // itself (`YAMLValue`), so YAML 1.1's implicit types are never used, and resolving them
            // (several regular expressions a scalar, for each key again in the duplicate check) was
            // a third of the time YAML took.
            node = try Yams.compose(yaml: yaml, .basic, sharedConstructor, .utf8)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, origin: origin, yaml: yaml))
            return nil
        } catch {
            diagnostics.error(origin, "the front matter could not be read: \(error)")
            return nil
        }
        let start = SourceLocation(path: path, line: firstLine - 1, column: 1)
        guard let node else {
            return YAMLMapping(Node.Mapping([]), origin: origin, location: start, diagnostics: &diagnostics)
        }
        guard case .mapping(let mapping) = node else {
            diagnostics.error(origin, "the front matter must be 'key: value' lines", hint: "for example: title: My article")
            return nil
        }
        return YAMLMapping(mapping, origin: origin, location: start, diagnostics: &diagnostics)
    }

    public subscript(_ key: String) -> YAMLValue? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    /// Reports a missing required field at the start of the mapping.
    public func require(_ key: String, _ diagnostics: inout Diagnostics, example: String) -> YAMLValue? {
        if let value = self[key] { return value }
        diagnostics.error(location, "missing required field '\(key)'", hint: "add a line such as: \(key): \(example)")
        return nil
    }

    /// Warns about every key not in `known`, with a did-you-mean.
    public func warnAboutUnknownKeys(known: [String], _ diagnostics: inout Diagnostics) {
        let knownSet = Set(known)
        for (name, location) in keys where !knownSet.contains(name) {
            diagnostics.warning(
                location, "unknown field '\(name)' is ignored",
                hint: Suggestions.hint(for: name, in: known) ?? "known fields: " + known.joined(separator: ", "))
        }
    }

    /// Anchors and aliases are refused before parsing: they can expand exponentially. The lines
    /// of a block scalar (`summary: |` and the lines indented below it) are text, not syntax:
    /// `**bold**` there is no alias.
    private static func unsupportedConstruct(in yaml: String) -> (line: Int, column: Int, message: String, hint: String)? {
        // Only an anchor or an alias is reported: most front matter has neither character.
        guard yaml.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
        var blockIndent: Int?
        for (index, text) in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(text)
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            if let block = blockIndent {
                if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) || indent > block { continue }
                blockIndent = nil
            }
            var lastSignificant: UInt8? = nil
            var quote: UInt8? = nil
            for (position, byte) in bytes.enumerated() {
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                let previous = position > 0 ? bytes[position - 1] : UInt8(ascii: " ")
                let atValueStart =
                    previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: ",")
                    || previous == UInt8(ascii: "{") || position == 0
                switch byte {
                case UInt8(ascii: "#") where atValueStart:
                    break
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if atValueStart { quote = byte }
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    let opensValue = lastSignificant == nil || [":", "-", "[", ",", "?", "{"].map { UInt8(ascii: $0) }.contains(lastSignificant!)
                    let nameFollows =
                        position + 1 < bytes.count && bytes[position + 1] != UInt8(ascii: " ") && bytes[position + 1] != UInt8(ascii: "\t")
                    if atValueStart && opensValue && nameFollows {
                        return (
                            index + 1, position + 1, "YAML anchors and aliases ('&name', '*name') are not supported here",
                            "write the value out in full, or put it in quotes"
                        )
                    }
                default:
                    break
                }
                if byte == UInt8(ascii: "#") && atValueStart { break }
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { lastSignificant = byte }
            }
            if Self.opensBlockScalar(bytes) { blockIndent = indent }
        }
        return nil
    }

    /// Whether the line ends with a block scalar indicator (`key: |`, `- >-`, `key: |2+`).
    private static func opensBlockScalar(_ bytes: [UInt8]) -> Bool {
        var end = bytes.count
        if let hash = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: "#") && ($0 == 0 || bytes[$0 - 1] == UInt8(ascii: " ")) }) { end = hash }
        var tail = bytes[..<end].reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.reversed().map { $0 }
        while let last = tail.last, last == UInt8(ascii: "+") || last == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(last) {
            tail.removeLast()
        }
        guard let indicator = tail.last, indicator == UInt8(ascii: "|") || indicator == UInt8(ascii: ">") else { return false }
        tail.removeLast()
        guard let before = tail.last else { return false }
        return before == UInt8(ascii: " ") && tail.dropLast().last.map { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") } == true
    }

    /// Where a key is set the second time (keys at any indentation).
    private static func secondDefinition(of key: String, in yaml: String, origin: SourceLocation) -> SourceLocation? {
        var seen = 0
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(key), trimmed.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") else { continue }
            seen += 1
            if seen == 2 { return origin.offset(lines: index, column: line.count - trimmed.count + 1) }
        }
        return nil
    }

    /// The first value that opens a quote and does not close it on its line (0-based line, 1-based column).
    private static func unclosedQuote(in yaml: String) -> (line: Int, column: Int)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            guard let quote = value.first, quote == "\"" || quote == "'" else { continue }
            if !value.dropFirst().contains(quote) {
                return (index, line.distance(from: line.startIndex, to: value.startIndex) + 1)
            }
        }
        return nil
    }

    /// What a YAML parser's problem means for someone who writes articles, not parsers.
    static func plainWords(context: String, problem: String) -> (String, String?) {
        let text = (context + " " + problem).lowercased()
        if text.contains("quoted scalar") {
            return (
                "a quotation mark opened in the front matter is never closed",
                "end the value with the same kind of quote on the same line: title: \"A title\" (or leave the quotes out)"
            )
        }
        if text.contains("mapping values are not allowed") {
            return ("a value holds a second ':', so YAML reads it as a new field", "put the whole value in quotes: title: \"Repair: a guide\"")
        }
        if text.contains("cannot start any token") {
            return (
                "a character YAML cannot read starts a value or an indentation here (a tab, '@' or '`')",
                "indent with spaces, and put a value that starts with @ or ` in quotes"
            )
        }
        if text.contains("expected ',' or ']'") || text.contains("flow sequence") {
            return ("a list opened with '[' is not closed", "close it on the same line: tags: [stress, sleep]")
        }
        if text.contains("expected ',' or '}'") || text.contains("flow mapping") {
            return ("a group opened with '{' is not closed", "close it with '}' on the same line")
        }
        if text.contains("did not find expected key") || text.contains("block mapping") || text.contains("block end") {
            return (
                "this line's indentation does not fit the fields around it", "start each field at the beginning of its line; indent only the items of a list"
            )
        }
        if text.contains("did not find expected node content") || text.contains("expected node content") {
            return ("a field's value is missing or cut off here", "write a value after the colon, or remove the line")
        }
        if text.contains("alias") || text.contains("anchor") {
            return ("'&' or '*' starts a value here, which YAML reads as an anchor or alias", "put the value in quotes")
        }
        return ("the front matter cannot be read here (\(problem))", nil)
    }

    private static func diagnostic(for error: YamlError, origin: SourceLocation, yaml: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { origin.offset(lines: mark.line - 1, column: mark.column) }
        let hint = "check the quotes, colons and indentation on this line (use spaces, not tabs)"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let (message, plainHint) = plainWords(context: context?.text ?? "", problem: problem)
            // The parser notices an unclosed quote where the text ends; the quote is where it opened.
            if (context?.text ?? "").contains("quoted scalar"), let open = unclosedQuote(in: yaml) {
                return .error(origin.offset(lines: open.line, column: open.column), message, hint: plainHint ?? hint)
            }
            return .error(at(mark), message, hint: plainHint ?? hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                secondDefinition(of: duplicates.first ?? "", in: yaml, origin: origin) ?? at(context.mark),
                "the front matter sets \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) twice",
                hint: "keep one of the lines")
        case .reader(let problem, _, _, _):
            return .error(origin, "the front matter could not be read: \(problem)", hint: hint)
        default:
            return .error(origin, "the front matter is not valid YAML: \(error)", hint: hint)
        }
    }
}
