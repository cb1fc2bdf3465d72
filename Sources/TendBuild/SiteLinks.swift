import TendContent
import TendCore

/// Internal and absolute URLs of a site whose `base_url` may include a path (`https://x.org/blog/`).
public struct SiteLinks: Sendable, Encodable {
    /// `https://www.example.org/blog/`
    public let baseURL: String
    /// `/blog/` (or `/`)
    public let rootPath: String

    public init(baseURL: String) {
        self.baseURL = baseURL
        rootPath = URLPolicy.path(of: baseURL)
    }

    /// A site path (`/articles/x/`) as a link inside the site.
    public func path(_ sitePath: String) -> String {
        rootPath + sitePath.drop { $0 == "/" }
    }

    /// A site path as an absolute URL, for feeds, sitemaps and canonical links.
    public func absolute(_ sitePath: String) -> String {
        baseURL + sitePath.drop { $0 == "/" }
    }
}
