import TendCore
import TendMarkdown

/// Replaces each shortcode line with a marker heading before cmark parses the text, so the
/// shortcode becomes a block of its own without shifting any line number; markers that land in
/// code are turned back into the original text afterwards.
public struct ShortcodeMarkers {
    /// A shortcode line found in the text, parsed or not.
    public struct Line {
        public var lineNumber: Int
        public var original: String
        public var parsed: Result<Shortcode, ShortcodeParser.Failure>
    }

    public private(set) var lines: [Line] = []
    /// The text to hand to cmark.
    public let text: String

    private static let delimiter: Character = "\u{E000}"

    public init(_ source: String) {
        guard Self.mayContainShortcode(source) else {
            text = source
            return
        }
        var found: [Line] = []
        var output = ""
        output.reserveCapacity(source.utf8.count + 64)
        var lineNumber = 0
        var inline = OpenInline()
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if !output.isEmpty || lineNumber > 1 { output += "\n" }
            // A shortcode line inside a code span or an HTML tag that spans lines is text.
            guard ShortcodeParser.looksLikeShortcode(line), !inline.isOpen else {
                inline.read(line)
                output += line
                continue
            }
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            found.append(Line(lineNumber: lineNumber, original: String(line), parsed: ShortcodeParser.parse(line)))
            output += indentation + "###### " + String(Self.delimiter) + String(found.count - 1) + String(Self.delimiter)
        }
        lines = found
        text = output
    }

    /// What a paragraph left open at the end of a line: a code span (its run of backticks) or an
    /// HTML tag whose `>` has not come yet. A blank line closes both.
    private struct OpenInline {
        var backticks: Int?
        var inTag = false

        var isOpen: Bool { backticks != nil || inTag }

        mutating func read(_ line: Substring) {
            let bytes = Array(line.utf8)
            if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                self = OpenInline()
                return
            }
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "`") {
                    var run = 0
                    while index < bytes.count, bytes[index] == UInt8(ascii: "`") {
                        run += 1
                        index += 1
                    }
                    if inTag { continue }
                    if let open = backticks { if open == run { backticks = nil } } else { backticks = run }
                    continue
                }
                if backticks == nil {
                    if byte == UInt8(ascii: "<"), index + 1 < bytes.count, bytes[index + 1] < 0x80,
                        Character(UnicodeScalar(bytes[index + 1])).isLetter || bytes[index + 1] == UInt8(ascii: "/")
                    {
                        inTag = true
                    } else if byte == UInt8(ascii: ">") {
                        inTag = false
                    }
                }
                index += 1
            }
        }
    }

    /// A byte scan for `{{<` (far cheaper than Foundation's substring search).
    private static func mayContainShortcode(_ text: String) -> Bool {
        text.containsByte(UInt8(ascii: "<")) { bytes, index in
            index >= 2 && bytes[index - 1] == UInt8(ascii: "{") && bytes[index - 2] == UInt8(ascii: "{")
        }
    }

    /// The index of the shortcode a heading node stands for, or nil for an ordinary heading.
    public func index(of node: MarkdownNode) -> Int? {
        guard !lines.isEmpty, node.kind == .heading, node.headingLevel == 6, let child = node.firstChild, child.next == nil,
            child.kind == .text, let literal = child.literal, literal.first == Self.delimiter, literal.last == Self.delimiter,
            let index = Int(literal.dropFirst().dropLast()), index < lines.count
        else { return nil }
        return index
    }

    /// Puts the original lines back into code blocks (and raw HTML) that swallowed a marker.
    public func restoreInLiterals(of document: MarkdownDocument) {
        guard !lines.isEmpty else { return }
        for node in document.nodes(where: { ($0.kind == .codeBlock || $0.kind == .htmlBlock) && $0.literalContains(0xEE) }) {
            guard var literal = node.literal else { continue }
            for (index, line) in lines.enumerated().reversed() {
                let marker = "###### " + String(Self.delimiter) + String(index) + String(Self.delimiter)
                if literal.contains(marker) {
                    let indentation = line.original.prefix { $0 == " " || $0 == "\t" }
                    literal = literal.replacingOccurrences(of: marker, with: String(line.original.dropFirst(indentation.count)))
                }
            }
            node.literal = literal
        }
    }
}
