import TendContent
import Testing

/// Site paths and the files they are written to.
@Suite struct RoutesTests {
    /// `sitePath(ofFile:)` undoes `file(for:)` for every kind of path a site publishes.
    @Test func filesAndSitePathsRoundTrip() {
        for path in ["/", "/articles/x/", "/es/articles/como-pedir-perdon/", "/feed.xml", "/404.html", "/search/index-1.json"] {
            #expect(Routes.sitePath(ofFile: Routes.file(for: path)) == path)
        }
        #expect(Routes.file(for: "/articles/x/") == "articles/x/index.html")
        #expect(Routes.sitePath(ofFile: "articles/myindex.html") == "/articles/myindex.html")
    }
}
