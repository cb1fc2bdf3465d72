import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct CardCacheTests {
    /// Cards are made in each build: HTML planted in the cache (a shared CI cache, say) never
    /// reaches a page.
    @Test func plantedCardsAreNeverPublished() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        site.write([".tend-cache/cards": "<li><script>alert(1)</script></li>"])
        let retitled = MinimalSite.article(body: "Changed.").replacingOccurrences(of: "title: An article", with: "title: A new title")
        site.write(["content/articles/first.md": retitled])
        #expect(site.build().succeeded)
        #expect(!site.tree().values.contains { String(decoding: $0, as: UTF8.self).contains("alert(1)") })
        #expect(site.build(site.request(output: "clean")).succeeded)
        #expect(site.tree() == site.tree("clean"))
    }
}
