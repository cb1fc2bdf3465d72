import Foundation
import TendBuild
import TendContent
import TendCore
import Testing

@Suite struct SiteBuildTests {
    private func buildFixture(_ site: String, into output: String) -> BuildReport {
        SiteBuilder.build(BuildRequest(siteRoot: site, outputPath: output, clock: Fixtures.clock))
    }

    @Test func fixtureSiteMatchesGoldenFiles() {
        let output = TemporaryDirectory()
        let site = Fixtures.root + "/sites/basic"
        let report = buildFixture(site, into: output.path + "/public")
        #expect(report.succeeded, "\(report.diagnostics)")
        GoldenFiles.compare(built: output.path + "/public", expected: site + "/expected")
    }

    @Test func sampleSiteMatchesGoldenFiles() {
        let output = TemporaryDirectory()
        let report = buildFixture(Fixtures.repository, into: output.path + "/public")
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "the sample site should build without warnings: \(report.diagnostics)")
        GoldenFiles.compare(built: output.path + "/public", expected: Fixtures.root + "/golden/sample")
    }

    @Test func buildsAreDeterministic() {
        let first = TemporaryDirectory(), second = TemporaryDirectory()
        let site = Fixtures.root + "/sites/basic"
        _ = buildFixture(site, into: first.path + "/public")
        _ = buildFixture(site, into: second.path + "/public")
        let a = readTree(first.path + "/public"), b = readTree(second.path + "/public")
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func failedBuildKeepsThePreviousSite() throws {
        let (report, site) = MinimalSite.build(MinimalSite.files())
        #expect(report.succeeded, "\(report.diagnostics)")
        let before = readTree(site.path + "/public")
        #expect(before["articles/first/index.html"] != nil)
        site.write(["content/articles/first.md": MinimalSite.article("date: 2026-02-30\n")])
        let failed = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(!failed.succeeded)
        #expect(readTree(site.path + "/public") == before)
        // Nothing is written outside public/ and .tend-cache/, and no staging folder is left.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: site.path)) == ["content", "public", ".tend-cache"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path + "/.tend-cache").filter { $0.hasPrefix(".tend-staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func successfulRebuildReplacesTheSite() {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        site.write(["content/articles/first.md": MinimalSite.article(body: "Changed body.")])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("Changed body.") == true)
    }

    @Test func draftsAndFuturePagesAreLeftOutEverywhere() throws {
        let output = TemporaryDirectory()
        _ = buildFixture(Fixtures.root + "/sites/basic", into: output.path + "/public")
        let files = readTree(output.path + "/public")
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
}

@Suite struct IncrementalBuildTests {
    @Test func unchangedInputsSkipTheBuild() {
        let (first, site) = MinimalSite.build(MinimalSite.files())
        #expect(first.succeeded && !first.unchanged)
        let second = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(second.unchanged)
        #expect(second.pagesWritten == first.pagesWritten)
    }

    @Test func rebuildAfterAnEditEqualsACleanBuild() {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        site.write(["content/articles/first.md": MinimalSite.article("tags: [repair]\n", body: "Edited [@gottman2015].")])
        let incremental = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(incremental.succeeded && !incremental.unchanged)
        let clean = TemporaryDirectory()
        _ = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: clean.path + "/public", clock: Fixtures.clock))
        #expect(readTree(site.path + "/public") == readTree(clean.path + "/public"))
        #expect(site.read("public/tags/repair/index.html") != nil)
    }

    @Test func damagedCacheIsIgnoredWithANote() {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        site.write([".tend-cache/build-state": "tend-cache 1\nsomething else\n"])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded && !report.unchanged)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("another version of Tend or damaged") })
    }

    @Test func bodiesKeptOnDiskGiveTheSameSite() {
        let inMemory = TemporaryDirectory(), onDisk = TemporaryDirectory()
        let site = Fixtures.root + "/sites/basic"
        _ = SiteBuilder.build(BuildRequest(siteRoot: site, outputPath: inMemory.path + "/public", clock: Fixtures.clock))
        var request = BuildRequest(siteRoot: site, outputPath: onDisk.path + "/public", clock: Fixtures.clock)
        request.bodiesOnDiskFrom = 1
        _ = SiteBuilder.build(request)
        #expect(!readTree(onDisk.path + "/public").isEmpty)
        #expect(readTree(inMemory.path + "/public") == readTree(onDisk.path + "/public"))
    }

    @Test func parallelOutputEqualsSerialOutput() {
        let parallel = TemporaryDirectory(), serial = TemporaryDirectory()
        let site = Fixtures.root + "/sites/basic"
        _ = SiteBuilder.build(BuildRequest(siteRoot: site, outputPath: parallel.path + "/public", clock: Fixtures.clock))
        var request = BuildRequest(siteRoot: site, outputPath: serial.path + "/public", clock: Fixtures.clock)
        request.serial = true
        _ = SiteBuilder.build(request)
        #expect(readTree(parallel.path + "/public") == readTree(serial.path + "/public"))
    }
}

@Suite struct PageMemoTests {
    /// `tend serve` reuses unchanged pages; an edit, or a changed bibliography, still shows.
    @Test func reusedPagesGiveTheSameSite() {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files(article: MinimalSite.article(body: "Cited [@gottman2015].")))
        site.write(["content/articles/second.md": MinimalSite.article(body: "Second.")])
        var request = BuildRequest(siteRoot: site.path, clock: Fixtures.clock)
        request.memo = PageMemo()
        #expect(SiteBuilder.build(request).succeeded)
        Thread.sleep(forTimeInterval: 0.01)
        site.write(["content/articles/second.md": MinimalSite.article(body: "Second, edited.")])
        #expect(SiteBuilder.build(request).succeeded)
        #expect(site.read("public/articles/second/index.html")?.contains("Second, edited.") == true)
        site.write(["content/references.bib": MinimalSite.bibliography.replacingOccurrences(of: "Harmony Books", with: "Other Books")])
        #expect(SiteBuilder.build(request).succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("Other Books") == true)
        let clean = TemporaryDirectory()
        _ = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: clean.path + "/public", clock: Fixtures.clock))
        #expect(readTree(site.path + "/public") == readTree(clean.path + "/public"))
    }
}
