import TendCore
import TendFrontMatter

/// Every URL Tend publishes by itself, the names a page may not take, and the pagination of
/// the article list, for one language: the graph, the checker, the renderer and the processor
/// all ask here. The default language's pages are at the site's root (`prefix` `/`), another
/// language's under its code (`/es/`).
public struct Routes: Sendable, Hashable, Encodable {
    /// `/`, or `/es/` for Spanish.
    public let prefix: String

    public init(prefix: String = "/") { self.prefix = prefix }

    /// The routes of language `code` on a site whose default language is `defaultCode`.
    public init(language code: String, defaultLanguage defaultCode: String) {
        prefix = code == defaultCode ? "/" : "/\(code)/"
    }

    public var home: String { prefix }
    public var articles: String { prefix + "articles/" }
    public var exercises: String { prefix + "exercises/" }
    public var tags: String { prefix + "tags/" }
    public var authors: String { prefix + "authors/" }
    public var references: String { prefix + "references/" }
    public var search: String { prefix + "search/" }
    /// Tend's own crisis page, written when no page of the site shows the crisis component.
    public var crisis: String { prefix + "crisis/" }
    public var feed: String { prefix + "feed.xml" }
    public var notFound: String { prefix + "404.html" }
    /// One sitemap and one robots.txt for every language.
    public static let sitemap = "/sitemap.xml"
    public static let robots = "/robots.txt"
    /// Theme assets and the site's media are copied under these, shared by every language.
    public static let assets = "/assets/"
    public static let media = "/media/"

    /// The pretty URL of a page of `kind`: `/articles/<slug>/`, `/exercises/<slug>/`, `/<slug>/`, `/authors/<id>/`.
    public func page(kind: ContentKind, slug: String) -> String {
        switch kind {
        case .article: return articles + slug + "/"
        case .exercise: return exercises + slug + "/"
        case .page: return prefix + slug + "/"
        case .author: return authors + slug + "/"
        }
    }

    public func tag(_ slug: String) -> String { tags + slug + "/" }

    /// Page `number` (from 1) of the article list.
    public func articleList(page number: Int) -> String {
        number <= 1 ? articles : articles + "page/\(number)/"
    }

    /// How many pages the article list has for `count` articles, `size` a page (at least one).
    public static func articleListPageCount(articles count: Int, size: Int) -> Int {
        max(1, (count + max(size, 1) - 1) / max(size, 1))
    }

    /// Paths no page may be published at, with what Tend publishes there (folders end in `/`; a
    /// page's slug gives a folder, so `feed.xml/` stands for the file). `languages` are the
    /// other languages' folders, reserved at the root.
    public func builtIn(languages: [String] = []) -> [(path: String, owner: String)] {
        var paths = [articles, exercises, tags, authors, references, search, feed + "/", notFound + "/"]
        if prefix == "/" { paths += [Self.assets, Self.media, Self.sitemap + "/", Self.robots + "/"] + languages.map { "/\($0)/" } }
        return paths.map { ($0, "Tend's own \($0) page") }
    }

    /// Links into these are not checked against pages: Tend copies them as they are.
    public static func isCopiedFile(_ sitePath: String) -> Bool { sitePath.hasPrefix(assets) }

    /// The file a site path is written to: `/articles/x/` → `articles/x/index.html`.
    public static func file(for sitePath: String) -> String {
        let trimmed = sitePath.drop { $0 == "/" }
        if trimmed.isEmpty { return "index.html" }
        return trimmed.hasSuffix("/") ? trimmed + "index.html" : String(trimmed)
    }

    /// The site path a written file is served at, the inverse of `file(for:)`:
    /// `articles/x/index.html` → `/articles/x/`.
    public static func sitePath(ofFile file: String) -> String {
        "/" + (file == "index.html" || file.hasSuffix("/index.html") ? file.dropLast("index.html".count) : Substring(file))
    }

    /// The site path of a file under `content/media/` (`content/media/a.png` → `/media/a.png`).
    public static func mediaPath(of relativePath: String) -> String {
        "/" + relativePath.dropFirst("content/".count)
    }
}
