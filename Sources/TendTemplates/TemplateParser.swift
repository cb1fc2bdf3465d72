import Foundation

/// A name a template looks up: `title`, `site.title`, or `.` (the value on top of the context).
struct TemplateName: Sendable, Equatable {
    /// The dotted parts; empty for `.`.
    let parts: [String]
    /// False for a name written with a leading dot (`.title`), looked up in the top value only.
    let climbs: Bool
}

/// One piece of a parsed template, as rendering walks it.
indirect enum TemplateNode: Sendable, Equatable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case value(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{>name}}`; `indentation` is added to its lines when the tag stood on its own line.
    case partial(String, indentation: String?)
    /// `{{<name}}{{$block}}…{{/block}}{{/name}}`: the template `name` with some of its blocks filled.
    case parent(String, indentation: String, blocks: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}` in a template others fill.
    case block(String, [TemplateNode], indentation: String)
    /// `{{% CONTENT_TYPE: HTML }}` (escapes) or `TEXT` (does not) for the rest of the template.
    case escaping(Bool)
}

/// A parsed template: its nodes, and the partials and parents it names, with where.
struct ParsedTemplate: Sendable {
    let nodes: [TemplateNode]
    let includes: [(name: String, line: Int, column: Int)]
}

/// A template that cannot be parsed: where and why, in words a template author can act on.
struct TemplateSyntaxError: Error, Equatable {
    let line: Int
    let column: Int
    let message: String
    let hint: String?
}

/// Parses Mustache (the spec's interpolation, sections, inverted sections, comments, partials,
/// set delimiters and inheritance, with its standalone-line rules) into nodes, once per
/// template. Works on UTF-8 bytes; every name and text stays as written.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    /// Where the tag being read starts, for errors.
    private var tagStart = 0
    /// The partials and parents named so far, with where their tags start (a byte offset).
    private var includes: [(name: String, offset: Int)] = []

    /// What the loop knows of the text around it.
    private struct Scope {
        /// The section, parent or block this loop ends at.
        var name: String?
        /// Its opening tag's sigil and where that tag starts, for an error when it is never closed.
        var sigil = ""
        var openedAt = 0
        /// At the start of a line (or after a tag that stood on its own line).
        var atLineStart = true
        /// Directly inside `{{<parent}}`: only block definitions count.
        var isParentTopLevel = false
        /// Inside a block definition of a parent: its first line's indentation is removed from each line.
        var isInDefinition = false
        var definitionIndent: Int?
        /// How many sections, parents and blocks are open around this loop.
        var depth = 0
    }

    /// Sections nested deeper than this are refused: parsing and rendering recurse once a level.
    static let maxDepth = 100

    /// The nodes of `text`, or where it stops making sense.
    static func parse(_ text: String) throws(TemplateSyntaxError) -> ParsedTemplate {
        var parser = TemplateParser(bytes: Array(text.utf8))
        let nodes = try parser.nodes(in: Scope())
        return ParsedTemplate(
            nodes: nodes,
            includes: zip(parser.includes, parser.lineAndColumn(ofAscending: parser.includes.map(\.offset))).map {
                ($0.name, $1.line, $1.column)
            })
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func nodes(in initial: Scope) throws(TemplateSyntaxError) -> [TemplateNode] {
        var scope = initial
        var nodes: [TemplateNode] = []
        var indent: [UInt8] = []
        func flushIndent() {
            if !indent.isEmpty { nodes.append(.text(String(decoding: indent, as: UTF8.self))) }
            indent = []
        }
        while position < bytes.count {
            if scope.atLineStart {
                let whitespace = readSpaces()
                if scope.isInDefinition {
                    if let definitionIndent = scope.definitionIndent {
                        indent = Array(whitespace.dropFirst(definitionIndent))
                    } else {
                        scope.definitionIndent = whitespace.count
                    }
                } else {
                    indent = whitespace
                }
            }
            let (text, foundTag) = readText()
            if let newline = newlineLength(at: position), !foundTag {
                nodes.append(.text(String(decoding: indent + text + bytes[position..<position + newline], as: UTF8.self)))
                indent = []
                position += newline
                scope.atLineStart = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(decoding: indent + text, as: UTF8.self)))
                indent = []
                scope.atLineStart = false
            }
            guard foundTag else { break }
            guard position < bytes.count else { throw unclosedTag() }
            var standsAlone = false
            let sigil = bytes[position]
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                position += 1
                let name = try readName()
                standsAlone = endsLine(scope)
                if !standsAlone { flushIndent() }
                let opening = tagStart
                let children = try self.nodes(in: try section(of: scope, named: name, sigil: sigil, at: opening, standsAlone: standsAlone))
                nodes.append(.section(try lookupName(name, at: opening), children, inverted: sigil == UInt8(ascii: "^")))
            case UInt8(ascii: "/"):
                position += 1
                let name = try readName()
                guard name == scope.name else {
                    throw error(
                        scope.name.map { "'\(show("/" + name))' closes a section that is not open here; the open one is '\(show("#" + $0))'" }
                            ?? "'\(show("/" + name))' closes a section that was never opened",
                        hint: "check that every {{#section}} has a matching {{/section}}")
                }
                if !endsLine(scope) { flushIndent() }
                return nodes
            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(close, from: position) else { throw unclosedTag() }
                position = end + close.count
                standsAlone = endsLine(scope)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                flushIndent()
                position += 1
                let opening = tagStart
                let name = try readName(closingWith: sigil == UInt8(ascii: "{") ? [UInt8(ascii: "}")] + close : close)
                nodes.append(.value(try lookupName(name, at: opening), escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                let name = try readPartialName()
                includes.append((name, tagStart))
                let whitespace = String(decoding: indent, as: UTF8.self)
                flushIndent()
                standsAlone = endsLine(scope)
                nodes.append(.partial(name, indentation: standsAlone ? whitespace : nil))
            case UInt8(ascii: "<"):
                position += 1
                let opening = tagStart
                let name = try readPartialName()
                includes.append((name, tagStart))
                let whitespace = String(decoding: indent, as: UTF8.self)
                flushIndent()
                standsAlone = endsLine(scope)
                try checkDepth(scope, opening: opening)
                var inner = Scope(name: name, sigil: "<", openedAt: opening, atLineStart: true, isParentTopLevel: true)
                inner.definitionIndent = scope.definitionIndent
                inner.depth = scope.depth + 1
                let children = try self.nodes(in: inner)
                var blocks: [String: [TemplateNode]] = [:]
                for child in children {
                    switch child {
                    case .block(let block, let content, _): blocks[block] = content
                    case .text: continue
                    default:
                        tagStart = opening
                        throw error(
                            "only block definitions ('{{$name}}…{{/name}}') may stand inside '\(show("<" + name))'",
                            hint: "move the rest into a block, or into the template '\(name)'")
                    }
                }
                nodes.append(.parent(name, indentation: whitespace, blocks: blocks))
            case UInt8(ascii: "$"):
                position += 1
                let opening = tagStart
                let name = try readName()
                if scope.isParentTopLevel {
                    standsAlone = endsLine(scope)
                    let children = try self.nodes(in: try section(of: scope, named: name, sigil: sigil, at: opening, standsAlone: standsAlone))
                    nodes.append(.block(name, children, indentation: ""))
                } else {
                    let whitespace = String(decoding: indent, as: UTF8.self)
                    flushIndent()
                    standsAlone = endsLine(scope)
                    let children = try self.nodes(in: try section(of: scope, named: name, sigil: sigil, at: opening, standsAlone: standsAlone))
                    nodes.append(.block(name, children, indentation: whitespace))
                }
            case UInt8(ascii: "="):
                position += 1
                try readDelimiters()
                standsAlone = endsLine(scope)
            case UInt8(ascii: "%"):
                position += 1
                nodes.append(.escaping(try readPragma()))
                standsAlone = endsLine(scope)
            default:
                flushIndent()
                let opening = tagStart
                nodes.append(.value(try lookupName(try readName(), at: opening), escaped: true))
            }
            scope.atLineStart = standsAlone
            // A tag alone on its line takes the line's indentation with it.
            if standsAlone { indent = [] }
        }
        if let name = scope.name {
            tagStart = scope.openedAt
            throw error("'\(show(scope.sigil + name))' is never closed", hint: "add '\(show("/" + name))' where it ends")
        }
        flushIndent()
        return nodes
    }

    /// The scope inside a section or block opened in `scope`.
    private mutating func section(of scope: Scope, named name: String, sigil: UInt8, at opening: Int, standsAlone: Bool) throws(TemplateSyntaxError)
        -> Scope
    {
        try checkDepth(scope, opening: opening)
        var inner = scope
        inner.depth += 1
        inner.name = name
        inner.sigil = String(decoding: [sigil], as: UTF8.self)
        inner.openedAt = opening
        inner.isParentTopLevel = false
        inner.atLineStart = standsAlone
        if scope.isParentTopLevel { inner.isInDefinition = true }
        return inner
    }

    private mutating func checkDepth(_ scope: Scope, opening: Int) throws(TemplateSyntaxError) {
        guard scope.depth >= Self.maxDepth else { return }
        tagStart = opening
        throw error("sections are nested more than \(Self.maxDepth) deep here", hint: "close some sections before opening others")
    }

    // MARK: Reading

    private mutating func readSpaces() -> [UInt8] {
        let start = position
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
        return Array(bytes[start..<position])
    }

    /// The text up to the next tag (whose opening delimiter is passed) or the end of the line.
    private mutating func readText() -> (text: [UInt8], foundTag: Bool) {
        let start = position
        while position < bytes.count {
            if newlineLength(at: position) != nil { return (Array(bytes[start..<position]), false) }
            if matches(open, at: position) {
                let text = Array(bytes[start..<position])
                tagStart = position
                position += open.count
                return (text, true)
            }
            position += 1
        }
        return (Array(bytes[start..<position]), false)
    }

    /// 1 for `\n`, 2 for `\r\n`, nil elsewhere.
    private func newlineLength(at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\n") { return 1 }
        if bytes[index] == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { return 2 }
        return nil
    }

    /// True, having read the rest of the line, when only spaces and a line break (or the end)
    /// follow a tag that starts its line: such a tag leaves no blank line behind.
    private mutating func endsLine(_ scope: Scope) -> Bool {
        guard scope.atLineStart else { return false }
        if position >= bytes.count { return true }
        var index = position
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        guard let newline = newlineLength(at: index) else { return false }
        position = index + newline
        return true
    }

    private func matches(_ delimiter: [UInt8], at index: Int) -> Bool {
        guard index + delimiter.count <= bytes.count else { return false }
        for offset in 0..<delimiter.count where bytes[index + offset] != delimiter[offset] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + delimiter.count <= bytes.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    /// The name up to the closing delimiter, which is read too.
    private mutating func readName(closingWith closing: [UInt8]? = nil) throws(TemplateSyntaxError) -> String {
        let closing = closing ?? close
        guard let end = find(closing, from: position) else { throw unclosedTag() }
        var inner = bytes[position..<end]
        while let first = inner.first, Self.isSpace(first) { inner = inner.dropFirst() }
        while let last = inner.last, Self.isSpace(last) { inner = inner.dropLast() }
        let name = String(decoding: inner, as: UTF8.self)
        position = end + closing.count
        guard !name.isEmpty else { throw error("the tag '\(show(""))' has no name", hint: nil) }
        if inner.contains(where: Self.isSpace) {
            throw error("'\(show(name))' holds more than one name", hint: "a tag holds one name, such as {{title}} or {{site.title}}")
        }
        if name.contains("(") {
            throw error(
                "'\(show(name))' calls a function; Tend's templates are plain Mustache and call none",
                hint: "compute the value in Swift (the view) and name it here")
        }
        return name
    }

    private mutating func readPartialName() throws(TemplateSyntaxError) -> String {
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
            throw error("a partial's name must be written out: Tend does not look names of partials up ('*')", hint: nil)
        }
        return try readName()
    }

    /// `{{=<% %>=}}`: the delimiters for the rest of the template.
    private mutating func readDelimiters() throws(TemplateSyntaxError) {
        let bad = error("'\(show("=… …="))' must give an opening and a closing delimiter, such as {{=<% %>=}}", hint: nil)
        guard let end = find(Array("=".utf8) + close, from: position) else { throw bad }
        let parts = bytes[position..<end].split(whereSeparator: Self.isSpace)
        guard parts.count == 2, !parts[0].contains(UInt8(ascii: "=")), !parts[1].contains(UInt8(ascii: "=")) else { throw bad }
        position = end + 1 + close.count
        open = Array(parts[0])
        close = Array(parts[1])
    }

    /// `{{% CONTENT_TYPE: HTML }}` or `TEXT`: whether values are escaped from here on.
    private mutating func readPragma() throws(TemplateSyntaxError) -> Bool {
        guard let end = find(close, from: position) else { throw unclosedTag() }
        let inner = String(decoding: bytes[position..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        position = end + close.count
        let parts = inner.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces }
        guard parts.count == 2, parts[0] == "CONTENT_TYPE", parts[1] == "HTML" || parts[1] == "TEXT" else {
            throw error(
                "'\(show("%" + inner))' is not a setting Tend knows", hint: "the one setting is {{% CONTENT_TYPE: HTML }} (or TEXT, which escapes nothing)")
        }
        return parts[1] == "HTML"
    }

    /// `name` as parts to look up; `opening` is where its tag starts, for an error.
    private mutating func lookupName(_ name: String, at opening: Int) throws(TemplateSyntaxError) -> TemplateName {
        if name == "." { return TemplateName(parts: [], climbs: true) }
        let climbs = !name.hasPrefix(".")
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst(climbs ? 0 : 1).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            tagStart = opening
            throw error("'\(show(name))' is not a name: its dots must separate names, as in {{site.title}}", hint: nil)
        }
        return TemplateName(parts: parts, climbs: climbs)
    }

    // MARK: Errors

    /// `inner` between the current delimiters.
    private func show(_ inner: String) -> String {
        String(decoding: open, as: UTF8.self) + inner + String(decoding: close, as: UTF8.self)
    }

    private func unclosedTag() -> TemplateSyntaxError {
        error("the tag is not closed with '\(String(decoding: close, as: UTF8.self))'", hint: nil)
    }

    private func error(_ message: String, hint: String?) -> TemplateSyntaxError {
        let (line, column) = lineAndColumn(ofAscending: [tagStart])[0]
        return TemplateSyntaxError(line: line, column: column, message: message, hint: hint)
    }

    /// Lines and columns of byte offsets given in ascending order, in one pass over the text
    /// (a template may name thousands of partials).
    private func lineAndColumn(ofAscending offsets: [Int]) -> [(line: Int, column: Int)] {
        var located: [(line: Int, column: Int)] = []
        located.reserveCapacity(offsets.count)
        var line = 1, column = 1, scanned = 0
        for offset in offsets {
            while scanned < offset {
                if bytes[scanned] == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if !Self.continuesCharacter(bytes[scanned]) {
                    column += 1
                }
                scanned += 1
            }
            located.append((line, column))
        }
        return located
    }

    /// A UTF-8 byte that continues a character rather than starting one (columns count characters).
    private static func continuesCharacter(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
