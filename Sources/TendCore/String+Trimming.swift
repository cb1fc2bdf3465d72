extension String {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, no-break spaces).
    public var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
