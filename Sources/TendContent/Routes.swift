import TendCore
import TendFrontMatter

/// Every URL Tend publishes by itself, the names a page may not take, and the pagination of
/// the article list: the graph, the checker, the renderer and the processor all ask here.
public enum Routes {
    public static let home = "/"
    public static let articles = "/articles/"
    public static let exercises = "/exercises/"
    public static let tags = "/tags/"
    public static let authors = "/authors/"
    public static let references = "/references/"
    public static let search = "/search/"
    /// Tend's own crisis page, written when no page of the site shows the crisis component.
    public static let crisis = "/crisis/"
    public static let feed = "/feed.xml"
    public static let sitemap = "/sitemap.xml"
    public static let robots = "/robots.txt"
    public static let notFound = "/404.html"
    /// Theme assets and the site's media are copied under these.
    public static let assets = "/assets/"
    public static let media = "/media/"

    /// The pretty URL of a page of `kind`: `/articles/<slug>/`, `/exercises/<slug>/`, `/<slug>/`, `/authors/<id>/`.
    public static func page(kind: ContentKind, slug: String) -> String {
        switch kind {
        case .article: return articles + slug + "/"
        case .exercise: return exercises + slug + "/"
        case .page: return "/" + slug + "/"
        case .author: return authors + slug + "/"
        }
    }

    public static func tag(_ slug: String) -> String { tags + slug + "/" }

    /// Page `number` (from 1) of the article list.
    public static func articleList(page number: Int) -> String {
        number <= 1 ? articles : articles + "page/\(number)/"
    }

    /// How many pages the article list has for `count` articles, `size` a page (at least one).
    public static func articleListPageCount(articles count: Int, size: Int) -> Int {
        max(1, (count + max(size, 1) - 1) / max(size, 1))
    }

    /// Paths no page may be published at, with what Tend publishes there (folders end in `/`; a
    /// page's slug gives a folder, so `feed.xml/` stands for the file).
    public static let builtIn: [(path: String, owner: String)] = [
        articles, exercises, tags, authors, references, search, assets, media, feed + "/", sitemap + "/", robots + "/", notFound + "/",
    ].map { ($0, "Tend's own \($0) page") }

    /// Links into these are not checked against pages: Tend copies them as they are.
    public static func isCopiedFile(_ sitePath: String) -> Bool { sitePath.hasPrefix(assets) }

    /// The file a site path is written to: `/articles/x/` → `articles/x/index.html`.
    public static func file(for sitePath: String) -> String {
        let trimmed = sitePath.drop { $0 == "/" }
        if trimmed.isEmpty { return "index.html" }
        return trimmed.hasSuffix("/") ? trimmed + "index.html" : String(trimmed)
    }

    /// The site path of a file under `content/media/` (`content/media/a.png` → `/media/a.png`).
    public static func mediaPath(of relativePath: String) -> String {
        "/" + relativePath.dropFirst("content/".count)
    }
}
