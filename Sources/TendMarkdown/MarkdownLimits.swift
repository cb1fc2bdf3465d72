/// Limits checked on the bytes before cmark-gfm sees them. Each guards a cost that grows faster
/// than the input in Debian's cmark-gfm 0.29; what it handles in linear time (long lines, wide
/// tables, large files) is not refused.
public struct MarkdownLimits: Sendable {
    /// Memory: a page is held whole, several at once.
    public var maxBytes = 16_000_000
    /// Deep nesting: each level of `>` or list costs a pass over what it holds.
    public var maxNesting = 32
    /// cmark-gfm fills every short row of a table up to the table's width: rows × columns.
    public var maxTableCells = 20_000
    /// Brackets and emphasis marks in one block: the inline parser's backtracking is quadratic.
    public var maxBracketsPerBlock = 2_000

    public init() {}

    /// A problem found, with the line (from 1) it was found on.
    public struct Violation: Equatable, Sendable {
        public var line: Int
        public var message: String
        public var hint: String
    }

    /// The first limit `text` breaks, or nil.
    public func check(_ text: String) -> Violation? {
        let utf8 = text.utf8
        if utf8.count > maxBytes {
            return Violation(
                line: 1, message: "the file is \(utf8.count / 1000) KB; the limit is \(maxBytes / 1000) KB",
                hint: "split it into several articles")
        }
        var lineNumber = 0
        var tableColumns = 0
        var tableRows = 0
        var tableStart = 0
        var bracketsInBlock = 0
        var blockStart = 1
        var previousLine: ArraySlice<UInt8> = []
        let bytes = Array(utf8)
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            let blank = line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if blank {
                bracketsInBlock = 0
                blockStart = lineNumber + 1
            } else {
                bracketsInBlock +=
                    line.lazy.filter { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "`") }.count
                if bracketsInBlock > maxBracketsPerBlock {
                    return Violation(
                        line: blockStart, message: "this paragraph has more than \(maxBracketsPerBlock) brackets and emphasis marks",
                        hint: "this looks like damaged or generated text; split it or remove the stray marks")
                }
            }
            let depth = nesting(line)
            if depth > maxNesting {
                return Violation(
                    line: lineNumber, message: "quotes or lists are nested \(depth) levels deep here; the limit is \(maxNesting)",
                    hint: "flatten the nesting")
            }
            // A table inside a quote or list item is a table all the same.
            let cells = Self.content(of: line)
            if tableColumns > 0 {
                if cells.isEmpty {
                    tableColumns = 0
                } else {
                    tableRows += 1
                    if tableRows * tableColumns > maxTableCells {
                        return Violation(
                            line: tableStart, message: "this table has more than \(maxTableCells) cells",
                            hint: "split it into smaller tables")
                    }
                }
            } else if let columns = delimiterRowColumns(cells), !previousLine.isEmpty {
                tableColumns = max(columns, cellCount(previousLine))
                tableRows = 2
                tableStart = lineNumber - 1
                if tableRows * tableColumns > maxTableCells {
                    return Violation(line: tableStart, message: "this table has more than \(maxTableCells) cells", hint: "split it into smaller tables")
                }
            }
            previousLine = cells
            start = end + 1
        }
        return nil
    }

    /// The line without the quote markers and list markers that open it.
    private static func content(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = line
        while let first = rest.first {
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: ">") {
                rest.removeFirst()
            } else if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+"), rest.dropFirst().first == UInt8(ascii: " ") {
                rest.removeFirst(2)
            } else {
                break
            }
        }
        return rest
    }

    /// How many `>` and list markers open the line.
    private func nesting(_ line: ArraySlice<UInt8>) -> Int {
        var depth = 0
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            if byte == UInt8(ascii: ">") {
                depth += 1
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+")),
                index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: " ")
            {
                depth += 1
                index += 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                break
            }
            index += 1
        }
        return depth
    }

    /// The number of cells when the line is a table's delimiter row (`|---|:--:|`).
    private func delimiterRowColumns(_ line: ArraySlice<UInt8>) -> Int? {
        // Prose starts with a letter: only a line opening with `|`, `-` or `:` can be a delimiter row.
        guard let first = line.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
            first == UInt8(ascii: "|") || first == UInt8(ascii: "-") || first == UInt8(ascii: ":")
        else { return nil }
        guard line.contains(UInt8(ascii: "-")), line.contains(UInt8(ascii: "|")) || line.contains(UInt8(ascii: ":")) else { return nil }
        guard line.allSatisfy({ "|-: \t".utf8.contains($0) }) else { return nil }
        return cellCount(line)
    }

    private func cellCount(_ line: ArraySlice<UInt8>) -> Int {
        var trimmed = line
        while let first = trimmed.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "|") { trimmed.removeFirst() }
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "|") { trimmed.removeLast() }
        return trimmed.filter { $0 == UInt8(ascii: "|") }.count + 1
    }
}
