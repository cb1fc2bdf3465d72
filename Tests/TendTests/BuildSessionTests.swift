import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct BuildSessionTests {
    private static func article(_ title: String, tags: String, body: String) -> String {
        "---\ntitle: \(title)\nsummary: About \(title).\ndate: 2026-02-10\nauthor: ada\ntags: [\(tags)]\n---\n\(body)\n"
    }

    private func cleanTree(of site: TemporaryDirectory) -> [String: Data] {
        let copy = TemporaryDirectory()
        try! FileManager.default.copyItem(atPath: site.path + "/content", toPath: copy.path + "/content")
        _ = SiteBuilder.build(BuildRequest(siteRoot: copy.path, clock: Fixtures.clock))
        return readTree(copy.path + "/public")
    }

    /// A saved article is written at once, exactly as the full build then leaves it.
    @Test func editedArticleIsRenderedAsTheFullBuildWould() {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        for index in 0..<4 { site.write(["content/articles/a\(index).md": Self.article("A\(index)", tags: "repair", body: "Body \(index).")]) }
        var request = BuildRequest(siteRoot: site.path, clock: Fixtures.clock)
        request.session = BuildSession()
        #expect(SiteBuilder.build(request).succeeded)
        site.write(["content/articles/a1.md": Self.article("A1", tags: "repair", body: "A new body [@gottman2015].")])
        #expect(request.session?.renderEditedPage("content/articles/a1.md") == "articles/a1/index.html")
        #expect(readTree(site.path + "/public")["articles/a1/index.html"] == cleanTree(of: site)["articles/a1/index.html"])
        #expect(SiteBuilder.build(request).succeeded)
        #expect(readTree(site.path + "/public") == cleanTree(of: site))
    }

    /// A translation's edit is rendered at once too, by its language's plan, as the full build would.
    @Test func editedTranslationIsRenderedInItsLanguage() throws {
        let site = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.root + "/sites/bilingual/content", toPath: site.path + "/content")
        var request = BuildRequest(siteRoot: site.path, clock: Fixtures.clock)
        request.session = BuildSession()
        #expect(SiteBuilder.build(request).succeeded)
        let path = site.path + "/content/es/articles/duelo.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\nUna frase nueva.\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(request.session?.renderEditedPage("content/es/articles/duelo.md") == "es/articles/duelo/index.html")
        let page = readTree(site.path + "/public")["es/articles/duelo/index.html"]
        #expect(page.map { String(decoding: $0, as: UTF8.self).contains("Una frase nueva.") } == true)
        #expect(page == cleanTree(of: site)["es/articles/duelo/index.html"])
    }

    /// Edits that change other pages, or that have problems, wait for the full build.
    @Test func editsThatReachOtherPagesOrFailAreLeftToTheFullBuild() {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        site.write(["content/articles/a0.md": Self.article("A0", tags: "repair", body: "Body.")])
        var request = BuildRequest(siteRoot: site.path, clock: Fixtures.clock)
        request.session = BuildSession()
        #expect(SiteBuilder.build(request).succeeded)
        let before = readTree(site.path + "/public")
        for edit in [
            Self.article("A0", tags: "trust", body: "Body."), Self.article("A0", tags: "repair", body: "Cites [@missing]."),
            Self.article("A0", tags: "repair", body: "[Broken](/articles/nowhere/)"),
            Self.article("A0", tags: "repair", body: "Body.").replacingOccurrences(of: "---\nB", with: "draft: true\n---\nB"),
        ] {
            site.write(["content/articles/a0.md": edit])
            #expect(request.session?.renderEditedPage("content/articles/a0.md") == nil, "\(edit)")
            #expect(readTree(site.path + "/public") == before)
        }
    }

    /// A page written ahead of the full build is rendered again by the next build, even when
    /// the edit was undone in between.
    @Test func pagesWrittenAheadAreRenderedAgainByTheNextBuild() {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        let original = Self.article("A0", tags: "repair", body: "Original.")
        site.write(["content/articles/a0.md": original])
        var request = BuildRequest(siteRoot: site.path, clock: Fixtures.clock)
        request.session = BuildSession()
        #expect(SiteBuilder.build(request).succeeded)
        site.write(["content/articles/a0.md": Self.article("A0", tags: "repair", body: "Edited.")])
        #expect(request.session?.renderEditedPage("content/articles/a0.md") != nil)
        site.write(["content/articles/a0.md": original])
        #expect(SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).succeeded)
        #expect(readTree(site.path + "/public") == cleanTree(of: site))
    }
}
