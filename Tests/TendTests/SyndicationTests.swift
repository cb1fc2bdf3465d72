import Foundation
import Testing

/// The built fixture site's feed and sitemap: well-formed and complete.
@Suite struct SyndicationTests {
    @Test func feedIsWellFormedAtom() throws {
        let names = try #require(FixtureOutput.elements("feed.xml"))
        for required in ["feed", "id", "title", "updated", "author", "entry", "link", "content", "summary"] {
            #expect(names.contains(required), "feed lacks <\(required)>")
        }
        let feed = FixtureOutput.text("feed.xml")
        #expect(feed.contains("<id>https://fixture.example.org/blog/articles/alpha/</id>"))
        #expect(feed.contains("<title>Alpha &amp; &lt;Omega&gt;: a &quot;quoted&quot; title</title>"))
        #expect(!feed.contains("Gamma draft"))
        #expect(names.filter { $0 == "entry" }.count == 3)
    }

    @Test func sitemapIsWellFormedWithDates() throws {
        let names = try #require(FixtureOutput.elements("sitemap.xml"))
        #expect(names.first == "urlset")
        let sitemap = FixtureOutput.text("sitemap.xml")
        #expect(sitemap.contains("<loc>https://fixture.example.org/blog/articles/alpha/</loc><lastmod>2026-02-01</lastmod>"))
        #expect(!sitemap.contains("delta-future"))
        #expect(FixtureOutput.text("robots.txt").contains("Sitemap: https://fixture.example.org/blog/sitemap.xml"))
    }
}
