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
        // Notes about a cache another build of Tend left in the repository are not warnings.
        let warnings = report.diagnostics.filter { $0.severity != .note }
        #expect(warnings.isEmpty, "the sample site should build without warnings: \(warnings)")
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
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("damaged or from another version of Tend") })
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

@Suite struct DependencyTrackingTests {
    /// A clean build of the site's sources, in a copy with no cache.
    private func cleanTree(of site: TemporaryDirectory) -> [String: Data] {
        let copy = TemporaryDirectory()
        for folder in ["content", "templates"] where FileManager.default.fileExists(atPath: site.path + "/" + folder) {
            try! FileManager.default.copyItem(atPath: site.path + "/" + folder, toPath: copy.path + "/" + folder)
        }
        let report = SiteBuilder.build(BuildRequest(siteRoot: copy.path, clock: Fixtures.clock))
        #expect(report.succeeded)
        return readTree(copy.path + "/public")
    }

    private static func article(_ title: String, date: String, tags: String, body: String) -> String {
        "---\ntitle: \(title)\nsummary: About \(title).\ndate: \(date)\nauthor: ada\ntags: [\(tags)]\n---\n\(body)\n"
    }

    /// After every kind of edit, the incremental build's tree is byte for byte a clean build's,
    /// and an edit to one body rewrites only what shows that body.
    @Test func everyEditGivesTheCleanBuildsSite() throws {
        let site = TemporaryDirectory()
        var files = MinimalSite.files(article: Self.article("First", date: "2026-01-05", tags: "repair, trust", body: "Cited [@gottman2015]."))
        for index in 0..<12 {
            files["content/articles/a\(index).md"] = Self.article(
                "Article \(index)", date: "2026-02-\(10 + index)", tags: index % 2 == 0 ? "repair" : "trust, sleep", body: "Body \(index) words.")
        }
        site.write(files)
        #expect(SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).succeeded)
        let edits: [(String, () -> Void)] = [
            (
                "a body",
                { site.write(["content/articles/a3.md": Self.article("Article 3", date: "2026-02-13", tags: "trust, sleep", body: "New words here.")]) }
            ),
            ("a title", { site.write(["content/articles/a4.md": Self.article("Renamed", date: "2026-02-14", tags: "repair", body: "Body 4 words.")]) }),
            ("tags", { site.write(["content/articles/a5.md": Self.article("Article 5", date: "2026-02-15", tags: "anger", body: "Body 5 words.")]) }),
            (
                "a new article",
                { site.write(["content/articles/new.md": Self.article("New", date: "2026-03-01", tags: "repair", body: "[Link](/articles/a1/)")]) }
            ),
            ("a removed article", { try? FileManager.default.removeItem(atPath: site.path + "/content/articles/a7.md") }),
            ("a draft", { site.write(["content/articles/a8.md": Self.article("Article 8", date: "2026-02-18", tags: "repair", body: "x") + "draft: true\n"]) }),
            ("the author", { site.write(["content/authors/ada.md": "---\nname: Ada Lovelace\ncredentials: PhD\n---\nAda.\n"]) }),
            (
                "site.yml",
                { site.write(["content/site.yml": MinimalSite.siteYML.replacingOccurrences(of: "title: Test Practice", with: "title: Calm Practice")]) }
            ),
            ("the bibliography", { site.write(["content/references.bib": MinimalSite.bibliography.replacingOccurrences(of: "Harmony", with: "Other")]) }),
            ("a template", { site.write(["templates/404.html": "{{% CONTENT_TYPE: HTML }}<p>Gone: {{head.title}}</p>\n"]) }),
            (
                "nothing but the time",
                { site.write(["content/articles/a9.md": Self.article("Article 9", date: "2026-02-19", tags: "trust, sleep", body: "Body 9 words.")]) }
            ),
        ]
        for (name, edit) in edits {
            edit()
            let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
            #expect(report.succeeded, "after editing \(name)")
            #expect(readTree(site.path + "/public") == cleanTree(of: site), "after editing \(name)")
            if name == "a body" { #expect(report.filesUpdated <= 3, "a body edit rewrote \(report.filesUpdated) files") }
        }
    }

    /// Files that did not change keep their inode and time: they were not written again.
    @Test func unchangedFilesAreNotRewritten() throws {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        site.write(["content/articles/second.md": MinimalSite.article(body: "Second.").replacingOccurrences(of: "An article", with: "Second")])
        #expect(SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).succeeded)
        // The first build leaves its pages for the next (the cache folder did not exist before it).
        #expect(FileManager.default.fileExists(atPath: site.path + "/.tend-cache/pages"))
        let before = try FileManager.default.attributesOfItem(atPath: site.path + "/public/articles/second/index.html")
        site.write(["content/articles/first.md": MinimalSite.article(body: "Edited.")])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded && report.filesUpdated < report.filesWritten)
        let after = try FileManager.default.attributesOfItem(atPath: site.path + "/public/articles/second/index.html")
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(site.read("public/articles/first/index.html")?.contains("Edited.") == true)
    }

    /// A damaged page cache is a note, never trusted: every page is read again.
    @Test func damagedPageCacheIsIgnoredWithANote() {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        site.write([".tend-cache/pages": "not a page cache", "content/articles/first.md": MinimalSite.article(body: "Changed.")])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("the page cache in .tend-cache/ is damaged") })
        #expect(site.read("public/articles/first/index.html")?.contains("Changed.") == true)
    }

    /// A damaged card cache is a note, and every card is rendered again.
    @Test func damagedCardCacheIsIgnoredWithANote() {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        // A new title: the lists must show the page's card again, so the card cache is read.
        let retitled = MinimalSite.article(body: "Changed.").replacingOccurrences(of: "title: An article", with: "title: A new title")
        site.write([".tend-cache/cards": "not a card cache", "content/articles/first.md": retitled])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("the card cache in .tend-cache/ is damaged") })
        #expect(readTree(site.path + "/public") == cleanTree(of: site))
    }

    /// A build that fails after an edit leaves the previous site and its state as they were.
    @Test func failedIncrementalBuildKeepsTheSite() {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        let before = readTree(site.path + "/public")
        site.write(["content/articles/first.md": MinimalSite.article(body: "Cites [@missing].")])
        #expect(!SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).succeeded)
        #expect(readTree(site.path + "/public") == before)
        site.write(["content/articles/first.md": MinimalSite.article(body: "Fixed.")])
        #expect(SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("Fixed.") == true)
    }
}

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
