/// A position in a source file, relative to the site root; lines and columns start at 1.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    /// The same file, `lines` further down.
    public func offset(lines: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(path: path, line: line + lines, column: column ?? self.column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
