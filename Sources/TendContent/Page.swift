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
/// Immutable once made; a reference type, so the graph, lists and indexes share one copy.
public final class Page: Sendable {
    public let kind: ContentKind
    /// The source file, relative to the site root.
    public let sourcePath: String
    public let slug: String
    /// The page's URL path, such as `/articles/micro-hurts/`.
    public let url: String
    public let matter: FrontMatter
    /// The rendered body (in a scratch file on large sites, or made again from the source when
    /// first asked for).
    public let body: PageBody
    public var bodyHTML: String { body.html }
    public let headings: [Heading]
    /// The distinct words of the body, space-separated, for the search index.
    public var searchWords: String { searchText.string }
    /// The same words as the page cache keeps them: decoded only for the index files rendered again.
    public let searchText: DeferredText
    public let wordCount: Int
    /// Flesch–Kincaid grade of the body's prose (citations, code and headings excluded).
    public let readabilityGrade: Double?
    /// The works in the page's reference list, in APA order.
    public let references: [Reference]
    /// Names of the components the body uses.
    public let usedComponents: Set<String>
    public let links: [LinkUse]
    /// The items of the body's first ordered list (an exercise's steps).
    public let steps: [String]
    /// Bare `@word`s that are no citation key (left as text).
    public let handles: [(word: String, location: SourceLocation)]
    /// A digest of every byte the page was made from: its file, and any bibliography of its own.
    /// With the site's settings, it decides everything above.
    public let sourceDigest: UInt64
    /// The page's address: its source path and `sourceDigest`.
    public let address: UInt64
    /// The URL slug of each tag, in the order of `matter.tags`.
    public let tagSlugs: [String]
    /// The page's distinct tag slugs, sorted and joined by NUL: pages with one set of tags have
    /// the same related articles (made with the page, on the core that reads it).
    public let tagSet: String

    public convenience init(
        kind: ContentKind, sourcePath: String, slug: String, url: String, matter: FrontMatter, body: PageBody = PageBody(""), headings: [Heading] = [],
        searchWords: String = "", wordCount: Int = 0, readabilityGrade: Double? = nil, references: [Reference] = [], usedComponents: Set<String> = [],
        links: [LinkUse] = [], steps: [String] = [], handles: [(word: String, location: SourceLocation)] = [], sourceDigest: UInt64 = 0
    ) {
        self.init(
            kind: kind, sourcePath: sourcePath, slug: slug, url: url, matter: matter, body: body, headings: headings, searchText: DeferredText(searchWords),
            wordCount: wordCount, readabilityGrade: readabilityGrade, references: references, usedComponents: usedComponents, links: links, steps: steps,
            handles: handles, sourceDigest: sourceDigest)
    }

    init(
        kind: ContentKind, sourcePath: String, slug: String, url: String, matter: FrontMatter, body: PageBody, headings: [Heading], searchText: DeferredText,
        wordCount: Int, readabilityGrade: Double?, references: [Reference], usedComponents: Set<String>, links: [LinkUse], steps: [String],
        handles: [(word: String, location: SourceLocation)], sourceDigest: UInt64
    ) {
        self.kind = kind
        self.sourcePath = sourcePath
        language = Self.languageFolder(of: sourcePath)
        self.slug = slug
        self.url = url
        self.matter = matter
        tagSlugs = matter.tags.map(Slug.make)
        tagSet = Self.tagSet(of: tagSlugs)
        self.body = body
        self.headings = headings
        self.searchText = searchText
        self.wordCount = wordCount
        self.readabilityGrade = readabilityGrade
        self.references = references
        self.usedComponents = usedComponents
        self.links = links
        self.steps = steps
        self.handles = handles
        self.sourceDigest = sourceDigest
        var hasher = StableHasher()
        hasher.combine(sourcePath)
        hasher.combine(sourceDigest)
        address = hasher.value
    }

    /// This page published at another URL (an author's page in each language).
    public func published(at url: String) -> Page {
        Page(
            kind: kind, sourcePath: sourcePath, slug: slug, url: url, matter: matter, body: body, headings: headings, searchText: searchText,
            wordCount: wordCount, readabilityGrade: readabilityGrade, references: references, usedComponents: usedComponents, links: links, steps: steps,
            handles: handles, sourceDigest: sourceDigest)
    }

    /// True for an article or exercise that is left out of this build.
    public func isHidden(drafts: Bool, future: Bool, today: CalendarDate) -> Bool {
        if matter.draft && !drafts { return true }
        if let date = matter.date, date > today, !future { return true }
        return false
    }

    /// Reading time at 200 words a minute, rounded up.
    public var readingMinutes: Int { readingMinutes(wordsPerMinute: 200) }

    /// Reading time at a language's reading speed, rounded up.
    public func readingMinutes(wordsPerMinute: Int) -> Int {
        let speed = max(wordsPerMinute, 1)
        return max(1, (wordCount + speed - 1) / speed)
    }

    /// The language folder the page's file is in (`es` for `content/es/articles/a.md`); nil
    /// for the default language's files.
    public let language: String?

    /// The language folder of a file below `content/`: a folder that is no section.
    /// (Read for every page of every build: a scan of the bytes, nothing allocated for a page in
    /// the default language.)
    public static func languageFolder(of sourcePath: String) -> String? {
        let bytes = sourcePath.utf8
        guard bytes.starts(with: "content/".utf8) else { return nil }
        let rest = bytes.dropFirst(8)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let folder = rest[rest.startIndex..<slash]
        // A section of the default language (articles, exercises, pages, authors) or media; or a file directly in the folder.
        for section in ["articles", "exercises", "pages", "authors", "media"] where folder.elementsEqual(section.utf8) { return nil }
        guard rest[bytes.index(after: slash)...].contains(UInt8(ascii: "/")) else { return nil }
        return String(Substring(sourcePath.utf8[folder.startIndex..<folder.endIndex]))
    }

    private static func tagSet(of slugs: [String]) -> String {
        if slugs.count <= 1 { return slugs.first ?? "" }
        var unique: [String] = []
        unique.reserveCapacity(slugs.count)
        for slug in slugs.sorted() where slug != unique.last { unique.append(slug) }
        return unique.joined(separator: "\u{0}")
    }

    /// The routes of the page's language.
    public static func routes(of sourcePath: String) -> Routes {
        Routes(prefix: languageFolder(of: sourcePath).map { "/\($0)/" } ?? "/")
    }

    /// What links a page with its translations: its `translation_key`, or else its path below
    /// its language folder (`articles/a.md` for `content/es/articles/a.md`).
    public var translationKey: String {
        if let key = matter.translationKey { return "key:" + key }
        return translationPath
    }

    /// The file's path below its language folder: `articles/a.md` for `content/es/articles/a.md`.
    public var translationPath: String {
        let below = sourcePath.dropFirst("content/".count)
        guard let language else { return String(below) }
        return String(below.dropFirst(language.count + 1))
    }

    /// When the next clinical review is due: the last review plus the page's `review_every`
    /// (or the site's `siteMonths`); nil for a page never reviewed.
    public func nextReviewDue(siteMonths: Int) -> CalendarDate? {
        matter.reviewedOn?.adding(months: matter.reviewEvery ?? siteMonths)
    }
}
