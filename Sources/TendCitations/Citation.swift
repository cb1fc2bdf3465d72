/// One cited work inside a citation: `[see @key, p. 3]` has prefix `see`, key `key`, suffix `p. 3`.
public struct CitationItem: Equatable, Sendable {
    public var key: String
    public var prefix: String
    public var suffix: String
    /// `[-@key]`: the year alone.
    public var suppressAuthor: Bool

    public init(key: String, prefix: String = "", suffix: String = "", suppressAuthor: Bool = false) {
        self.key = key
        self.prefix = prefix
        self.suffix = suffix
        self.suppressAuthor = suppressAuthor
    }
}

/// A citation as written: in brackets (parenthetical) or a bare `@key` (narrative).
public struct Citation: Equatable, Sendable {
    public var items: [CitationItem]
    public var isNarrative: Bool

    public init(items: [CitationItem], isNarrative: Bool) {
        self.items = items
        self.isNarrative = isNarrative
    }
}

/// A citation found in a run of text, with its UTF-8 byte range in that text.
public struct CitationMatch: Equatable, Sendable {
    public var range: Range<Int>
    public var citation: Citation
}

/// What a scan of one text finds: citations, and bare `@word`s that are no known key.
public struct CitationScan: Equatable, Sendable {
    public var matches: [CitationMatch] = []
    /// Byte offsets and words of `@word`s left as text (handles such as `@example_practice`).
    public var unknownHandles: [(offset: Int, word: String)] = []

    public static func == (lhs: CitationScan, rhs: CitationScan) -> Bool {
        lhs.matches == rhs.matches && lhs.unknownHandles.map(\.word) == rhs.unknownHandles.map(\.word)
            && lhs.unknownHandles.map(\.offset) == rhs.unknownHandles.map(\.offset)
    }
}
