import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct CardCacheTests {
    /// A damaged card cache is a note, and every card is rendered again.
    @Test func damagedCardCacheIsIgnoredWithANote() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        // A new title: the lists must show the page's card again, so the card cache is read.
        let retitled = MinimalSite.article(body: "Changed.").replacingOccurrences(of: "title: An article", with: "title: A new title")
        site.write([".tend-cache/cards": "not a card cache", "content/articles/first.md": retitled])
        let report = site.build()
        #expect(report.succeeded)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("the card cache in .tend-cache/ is damaged") })
        #expect(site.build(site.request(output: "clean")).succeeded)
        #expect(site.tree() == site.tree("clean"))
    }
}
