import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct SiteBuilderTests {
    @Test func fixtureSiteMatchesGoldenFiles() {
        let site = MemorySite(copying: Fixtures.root + "/sites/basic")
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        GoldenFiles.compare(site.tree(), expected: Fixtures.root + "/sites/basic/expected")
    }

    @Test func sampleSiteMatchesGoldenFiles() {
        let site = MemorySite(copying: Fixtures.repository)
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "the sample site should build without a word: \(report.diagnostics)")
        GoldenFiles.compare(site.tree(), expected: Fixtures.root + "/golden/sample")
    }

    @Test func buildsAreDeterministic() {
        let first = MemorySite(copying: Fixtures.root + "/sites/basic"), second = MemorySite(copying: Fixtures.root + "/sites/basic")
        #expect(first.build().succeeded && second.build().succeeded)
        #expect(!first.tree().isEmpty)
        #expect(first.tree() == second.tree())
    }

    /// On disk: nothing is written outside public/ and .tend-cache/, and no staging folder is left.
    @Test func failedBuildKeepsThePreviousSite() throws {
        let (report, site) = MinimalSite.build(MinimalSite.files())
        #expect(report.succeeded, "\(report.diagnostics)")
        let before = readTree(site.path + "/public")
        #expect(before["articles/first/index.html"] != nil)
        site.write(["content/articles/first.md": MinimalSite.article("date: 2026-02-30\n")])
        let failed = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(!failed.succeeded)
        #expect(readTree(site.path + "/public") == before)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: site.path)) == ["content", "public", ".tend-cache"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path + "/.tend-cache").filter { $0.hasPrefix(".tend-staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func successfulRebuildReplacesTheSite() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        site.write(["content/articles/first.md": MinimalSite.article(body: "Changed body.")])
        #expect(site.build().succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("Changed body.") == true)
    }

    @Test func draftsAndFuturePagesAreLeftOutEverywhere() throws {
        let site = MemorySite(copying: Fixtures.root + "/sites/basic")
        #expect(site.build().succeeded)
        let files = site.tree()
        #expect(files["articles/gamma-draft/index.html"] == nil)
        #expect(files["articles/delta-future/index.html"] == nil)
        #expect(files["tags/secret-tag/index.html"] == nil)
        for (path, data) in files where !path.hasPrefix("assets/") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("Gamma draft") && !text.contains("Delta future"), "\(path) mentions a hidden page")
        }
    }

    @Test func outputOutsideTheSiteIsRefusedWhereItWouldDestroySomething() {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        for output in ["/", site.path, site.path + "/content", site.path + "/templates/x", (site.path as NSString).deletingLastPathComponent] {
            let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: output, clock: Fixtures.clock))
            #expect(!report.succeeded, "output \(output) should be refused")
        }
        #expect(FileManager.default.fileExists(atPath: site.path + "/content/site.yml"))
    }

    /// Each build starts from an empty cache, so the bodies really wait in the scratch file.
    @Test func bodiesKeptOnDiskGiveTheSameSite() {
        let inMemory = MemorySite(copying: Fixtures.root + "/sites/basic")
        #expect(inMemory.build().succeeded)
        let onDisk = TemporaryDirectory()
        try! FileManager.default.copyItem(atPath: Fixtures.root + "/sites/basic/content", toPath: onDisk.path + "/content")
        var request = BuildRequest(siteRoot: onDisk.path, clock: Fixtures.clock)
        request.bodiesOnDiskFrom = 1
        #expect(SiteBuilder.build(request).succeeded)
        #expect(!readTree(onDisk.path + "/public").isEmpty)
        #expect(readTree(onDisk.path + "/public") == inMemory.tree())
    }

    @Test func parallelOutputEqualsSerialOutput() {
        let parallel = MemorySite(copying: Fixtures.root + "/sites/basic"), serial = MemorySite(copying: Fixtures.root + "/sites/basic")
        #expect(parallel.build().succeeded)
        var request = serial.request()
        request.serial = true
        #expect(serial.build(request).succeeded)
        #expect(parallel.tree() == serial.tree())
    }

    /// `check` validates what `build` does and more, but renders and writes no page.
    @Test func checkRendersNothing() {
        let site = MemorySite(files: MinimalSite.files())
        let report = SiteBuilder.check(site.request(), fileSystem: site.fileSystem)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.pagesChecked == 2)
        #expect(site.tree().isEmpty)
        #expect(!report.timings.map(\.step).contains("Render and write pages"))
        #expect(report.timings.map(\.step).contains("Check content"))
    }

    /// Every step of a build is named and timed, in order.
    @Test func buildStepsAreNamedInOrder() {
        let site = MemorySite(files: MinimalSite.files())
        let steps = site.build().timings.map(\.step)
        #expect(
            steps == [
                "Check the output folder", "Read the site's files", "Compare with the last build", "Load and render Markdown", "Build the site graph",
                "Check links", "Check images", "Load templates", "Process images", "Find what changed", "Render and write pages", "Save the build state",
            ])
        #expect(site.build().timings.map(\.step) == ["Check the output folder", "Read the site's files", "Compare with the last build"])
    }

    @Test func emptySiteStillBuilds() {
        let site = TemporaryDirectory()
        site.write(["content/site.yml": "title: Empty\nbase_url: https://e.example.org/\n"])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(site.read("public/index.html")?.contains("There is nothing here yet") == true)
        #expect(site.read("public/articles/index.html") != nil)
        #expect(site.read("public/feed.xml")?.contains("<feed") == true)
    }

    /// `citations: { titles: as-written }` keeps BibTeX titles as written; the default is APA
    /// sentence case; any other value is an error at its line.
    @Test func citationTitlesFollowSiteYML() throws {
        let bibliography =
            "@book{gottman2015, author = {Gottman, John M.}, title = {The Seven Principles for Making Marriage Work}, publisher = {Harmony}, year = {2015}}"
        let article = MinimalSite.article(body: "As [@gottman2015] found.")
        for (setting, expected) in [
            ("", "The seven principles for making marriage work"), ("citations: { titles: as-written }\n", "The Seven Principles for Making Marriage Work"),
        ] {
            var files = MinimalSite.files(article: article)
            files["content/site.yml"] = MinimalSite.siteYML + setting
            files["content/references.bib"] = bibliography
            let (report, site) = MinimalSite.build(files)
            #expect(report.succeeded, "\(report.diagnostics)")
            let page = try #require(site.read("public/articles/first/index.html"))
            #expect(page.contains("<em>\(expected)</em>"), "\(setting)")
        }
        var files = MinimalSite.files(article: article)
        files["content/site.yml"] = MinimalSite.siteYML + "citations:\n  titles: title-case\n"
        let (report, _) = MinimalSite.build(files)
        #expect(
            report.diagnostics.map(\.description).contains {
                $0.hasPrefix("content/site.yml:") && $0.contains(":11: error: 'citations.titles' must be 'sentence' or 'as-written', not 'title-case'")
            })
    }

    /// Quick exit on every page unless a page says `quick_exit: false`; trust statements and the
    /// last update in the footer; the page's own citation; crisis help in print and in search.
    @Test func readersInDistressGetHelpOnEveryPage() throws {
        let settings =
            "quick_exit:\n  url: https://www.google.com/\ntrust:\n  care: This site supports, and does not replace, care.\n  funding: The practice pays for it; no advertising.\n"
        var files = MinimalSite.files(article: MinimalSite.article("updated: 2026-02-01\ncontent_note: Mentions grief.\n"))
        files["content/site.yml"] = MinimalSite.siteYML + settings
        files["content/pages/private.md"] = "---\ntitle: Private\nquick_exit: false\n---\nText.\n"
        let (report, site) = MinimalSite.build(files)
        #expect(report.succeeded, "\(report.diagnostics)")
        let article = try #require(site.read("public/articles/first/index.html"))
        #expect(article.contains("<a class=\"quick-exit\" href=\"https://www.google.com/\" rel=\"noreferrer\" data-quick-exit>"))
        let quickExit = try #require(article.range(of: "quick-exit"))
        let skipLink = try #require(article.range(of: "skip-link"))
        #expect(quickExit.lowerBound < skipLink.lowerBound)
        #expect(
            article.contains("<li>This site supports, and does not replace, care.</li>")
                && article.contains("<li>The practice pays for it; no advertising.</li>"))
        #expect(article.contains("This page was last updated on <time datetime=\"2026-02-01\">February 1, 2026</time>."))
        #expect(article.contains("<meta name=\"citation_author\" content=\"Author, Ada\">"))
        #expect(article.contains("<meta name=\"citation_publication_date\" content=\"2026/01/05\">"))
        #expect(article.contains("Author, A. (2026, January 5). <em>An article</em>. Test Practice. <a href=\"https://www.example.org/articles/first/\">"))
        #expect(article.contains("<p class=\"print-help\">Help now — In an emergency, call 911 · Test Practice: (310) 555-0142.</p>"))
        #expect(article.contains("href=\"tel:911\""))
        let page = try #require(site.read("public/private/index.html"))
        #expect(!page.contains("data-quick-exit") && page.contains("href=\"tel:911\""))
        let index = try #require(site.read("public/search/index.json"))
        #expect(index.contains("\"title\":\"Crisis resources\"") && index.contains("\"note\":\"Mentions grief.\""))
        let search = try #require(site.read("public/search/index.html"))
        #expect(search.contains("data-crisis-terms=\"suicide|suicidal|") && search.contains("id=\"search-help\""))
    }

    @Test func readerSettingsAreChecked() {
        var files = MinimalSite.files()
        files["content/site.yml"] = MinimalSite.siteYML + "quick_exit:\n  url: javascript:alert(1)\nreview_every: 0\n"
        files["content/articles/first.md"] = MinimalSite.article("safe_messaging: maybe\nreview_every: 500\n")
        let messages = MinimalSite.build(files).0.diagnostics.map(\.message)
        #expect(messages.contains { $0.hasPrefix("'quick_exit.url'") })
        #expect(messages.contains("'review_every' must be a number of months from 1 to 120, not 0"))
        #expect(messages.contains("'review_every' must be a number of months from 1 to 120, not 500"))
        #expect(messages.contains("'safe_messaging' can only be 'reviewed', not 'maybe'"))
    }

    /// Each alias is a redirect page at the old path and a line in /_redirects; an alias where a
    /// page is published is an error.
    @Test func aliasesBecomeRedirects() throws {
        var files = MinimalSite.files(article: MinimalSite.article("aliases: [/2021/05/first-post/, /old-first.html]\n"))
        let (report, site) = MinimalSite.build(files)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(site.read("public/_redirects") == "/2021/05/first-post/ /articles/first/ 301\n/old-first.html /articles/first/ 301\n")
        let redirect = try #require(site.read("public/2021/05/first-post/index.html"))
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/articles/first/\">"))
        #expect(redirect.contains("<link rel=\"canonical\" href=\"https://www.example.org/articles/first/\">"))
        #expect(site.read("public/old-first.html")?.contains("<a href=\"/articles/first/\">An article</a>") == true)
        #expect(site.read("public/sitemap.xml")?.contains("first-post") == false)
        files["content/articles/first.md"] = MinimalSite.article("aliases: [/search/]\n")
        #expect(
            MinimalSite.messages(MinimalSite.build(files).0) == [
                "content/articles/first.md:6:10: the alias '/search/' of content/articles/first.md is taken: Tend's own /search/ page is published there"
            ])
    }
}
