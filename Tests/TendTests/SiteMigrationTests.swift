import Foundation
import TendBuild
import Testing

@testable import TendImport

/// `tend import --from`: Hugo, Jekyll and WordPress sites into content/, built as they come,
/// every old URL redirected, everything not converted in the report, and the same files twice.
@Suite struct SiteMigrationTests {
    private func migrate(_ generator: SiteMigration.Generator, _ source: String, into site: TemporaryDirectory) throws -> SiteMigration.Report {
        var migration = SiteMigration(generator: generator, source: Fixtures.root + "/import/" + source, site: site.path)
        return try migration.run()
    }

    private func tree(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: folder) ?? FileManager.DirectoryEnumerator() {
            if let data = FileManager.default.contents(atPath: folder + "/" + relative) { files[relative] = data }
        }
        return files
    }

    @Test func hugoSitesComeOverWithBundlesShortcodesAndOldAddresses() throws {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        let report = try migrate(.hugo, "hugo-site", into: site)
        #expect(report.entries.map(\.target) == ["content/pages/about.md", "content/articles/sleep-and-mood.md"])
        let post = try #require(site.read("content/articles/sleep-and-mood.md"))
        for expected in [
            "title: \"Sleep and Mood\"", "summary: \"Why a steady sleep rhythm helps mood.\"", "date: 2019-01-08", "author: kristoffer-magnusson",
            "tags: [\"sleep\", \"wellbeing\"]", "aliases: [\"/2019/01/sleep/\", \"/posts/sleep-and-mood/\"]",
            "![A dim bedroom](/media/sleep-and-mood-room.png)",
            "![A chart of sleep hours](/media/chart.png)", "{{< callout kind=\"note\" >}}\nKeep the same wake-up time, even at weekends.\n{{< /callout >}}",
            "[Watch the video on YouTube](https://www.youtube.com/watch?v=abc123)",
        ] {
            #expect(post.contains(expected), "missing: \(expected)\n\(post)")
        }
        #expect(!post.contains("+++") && !post.contains("tweet"))
        #expect(report.entries[1].notes.contains("posts/sleep-and-mood/index.md:22: the tag 'tweet' was left out: Tend has no equivalent"))
        #expect(
            report.media == ["content/media/sleep-and-mood-room.png", "content/media/chart.png"]
                && report.authors == ["content/authors/kristoffer-magnusson.md"])
        let build = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(site.read("public/_redirects")?.contains("/2019/01/sleep/ /articles/sleep-and-mood/ 301") == true)
    }

    /// A multilingual Hugo site: `index.es.md` is the Spanish version of `index.md`, and comes
    /// over into content/es/ under the same name, so the two are translations of each other.
    @Test func hugoTranslationsGoToTheirLanguageFolder() throws {
        let source = TemporaryDirectory()
        source.write([
            "content/posts/calma/index.md": "---\ntitle: Calm\ndate: 2024-02-01\nauthor: Ana Ruiz\n---\nBreathe slowly.\n",
            "content/posts/calma/index.es.md": "---\ntitle: Calma\ndate: 2024-02-01\nauthor: Ana Ruiz\n---\nRespire despacio.\n",
        ])
        let site = TemporaryDirectory()
        var files = MinimalSite.files()
        files["content/site.yml"] = MinimalSite.siteYML + "languages: { default: en, others: [es] }\n"
        site.write(files)
        var migration = SiteMigration(generator: .hugo, source: source.path, site: site.path)
        let report = try migration.run()
        #expect(report.entries.map(\.target).sorted() == ["content/articles/calma.md", "content/es/articles/calma.md"])
        #expect(site.read("content/es/articles/calma.md")?.contains("aliases: [\"/es/posts/calma/\"]") == true)
        let build = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(site.read("public/articles/calma/index.html")?.contains("hreflang=\"es\" href=\"https://www.example.org/es/articles/calma/\"") == true)
    }

    @Test func jekyllAndWordPressAndTheSameFilesTwice() throws {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        _ = try migrate(.jekyll, "jekyll-site", into: site)
        let wordpress = try migrate(.wordpress, "wordpress.xml", into: site)
        let first = tree(site.path + "/content")
        let post = try #require(site.read("content/articles/calm-after-conflict.md"))
        #expect(post.contains("aliases: [\"/2021/07/08/calm-after-conflict.html\"]") && post.contains("```text\nBreathe in for four, out for six.\n```"))
        #expect(post.contains("Read the [earlier post](/articles/first-steps/).") && post.contains("![A quiet park bench](/media/bench.jpg)"))
        let grounding = try #require(site.read("content/articles/five-ways-to-ground-yourself.md"))
        #expect(grounding.contains("author: ana-ruiz") && grounding.contains("tags: [\"anxiety\", \"grounding\"]"))
        #expect(grounding.contains("Grounding brings attention back to the present moment") && grounding.contains("- Name **five** things you see"))
        #expect(wordpress.skipped.first?.contains("the attachment https://blog.example.org/wp-content/uploads/2020/03/feet.jpg was not downloaded") == true)
        let build = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(build.succeeded, "\(build.diagnostics)")
        #expect(site.read("public/about-us/index.html")?.contains("url=/about/") == true)
        _ = try migrate(.jekyll, "jekyll-site", into: site)
        _ = try migrate(.wordpress, "wordpress.xml", into: site)
        #expect(tree(site.path + "/content") == first)
    }
}
