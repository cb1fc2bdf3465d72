import TendCitations
import TendCore
import TendFrontMatter

/// A heading of a page's body, for its table of contents and the search index.
public struct Heading: Sendable, Hashable {
    /// Where the heading is in its source file.
    public var location: SourceLocation
    public var level: Int
    public var id: String
    public var text: String
}

/// A link or image in a page's body, for `tend check`.
public struct LinkUse: Sendable, Hashable {
    public var url: String
    public var isImage: Bool
    public var altText: String
    public var location: SourceLocation
}

/// One article, exercise, page or author, parsed and rendered; knows nothing of other pages.
/// A reference type, so the graph, lists and indexes share one copy of each page; it is only
/// changed while `PageProcessor` makes it.
public final class Page: @unchecked Sendable {
    public var kind: ContentKind
    /// The source file, relative to the site root.
    public var sourcePath: String
    public var slug: String
    /// The page's URL path, such as `/articles/micro-hurts/`.
    public var url: String
    public let matter: FrontMatter
    /// The rendered body (read back from disk on large sites).
    public var body: PageBody
    public var bodyHTML: String { body.html }
    public var headings: [Heading]
    /// The distinct words of the body, space-separated, for the search index.
    public var searchWords: String
    public var wordCount: Int
    /// Flesch–Kincaid grade of the body's prose (citations, code and headings excluded).
    public var readabilityGrade: Double?
    /// The works in the page's reference list, in APA order.
    public var references: [Reference]
    /// Names of the components the body uses.
    public var usedComponents: Set<String>
    public var links: [LinkUse]
    /// The items of the body's first ordered list (an exercise's steps).
    public var steps: [String]
    /// Bare `@word`s that are no citation key (left as text).
    public var handles: [(word: String, location: SourceLocation)]
    /// A digest of the source file's bytes: with the site's settings, it decides everything above.
    public internal(set) var sourceDigest: UInt64 = 0 {
        didSet {
            var hasher = StableHasher()
            hasher.combine(sourcePath)
            hasher.combine(sourceDigest)
            address = hasher.value
        }
    }
    /// The page's address: its source path and bytes, which (with the site's settings) decide
    /// everything the page holds.
    public private(set) var address: UInt64 = 0
    /// A digest of what a list shows of the page (its card): title, URL, summary, date,
    /// author, reading time, content note, duration. Set once the page is complete.
    public internal(set) var listingDigest: UInt64 = 0
    /// A digest of what the search index shows of the page: title, summary, kind, tags,
    /// headings and words. Set once the page is complete.
    public internal(set) var searchDigest: UInt64 = 0

    /// Computes `listingDigest` and `searchDigest` from the finished page.
    func digestSummaries() {
        var listing = StableHasher()
        for field in [
            matter.title, url, matter.summary ?? "", String(readingMinutes), matter.date?.description ?? "", matter.author ?? "",
            matter.contentNote ?? "", matter.durationMinutes.map(String.init) ?? "",
        ] {
            listing.combine(field)
        }
        listingDigest = listing.value
        var search = StableHasher()
        search.combine(matter.title)
        search.combine(matter.summary ?? "")
        search.combine(kind.rawValue)
        for tag in matter.tags { search.combine(tag) }
        search.combine("\u{1}")
        for heading in headings { search.combine(heading.text) }
        search.combine(searchWords)
        searchDigest = search.value
    }
    /// The URL slug of each tag, in the order of `matter.tags`.
    public let tagSlugs: [String]

    public init(
        kind: ContentKind, sourcePath: String, slug: String, url: String, matter: FrontMatter, body: PageBody = PageBody(""), headings: [Heading] = [],
        searchWords: String = "", wordCount: Int = 0, readabilityGrade: Double? = nil, references: [Reference] = [], usedComponents: Set<String> = [],
        links: [LinkUse] = [], steps: [String] = [], handles: [(word: String, location: SourceLocation)] = []
    ) {
        self.kind = kind
        self.sourcePath = sourcePath
        self.slug = slug
        self.url = url
        self.matter = matter
        tagSlugs = matter.tags.map(Slug.make)
        self.body = body
        self.headings = headings
        self.searchWords = searchWords
        self.wordCount = wordCount
        self.readabilityGrade = readabilityGrade
        self.references = references
        self.usedComponents = usedComponents
        self.links = links
        self.steps = steps
        self.handles = handles
    }

    /// True for an article or exercise that is left out of this build.
    public func isHidden(drafts: Bool, future: Bool, today: CalendarDate) -> Bool {
        if matter.draft && !drafts { return true }
        if let date = matter.date, date > today, !future { return true }
        return false
    }

    /// Reading time at 200 words a minute, rounded up.
    public var readingMinutes: Int { max(1, (wordCount + 199) / 200) }
}
