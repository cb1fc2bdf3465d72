import Foundation
import TendCache
import TendCore
import TendSite
import Testing

@testable import TendBuild

@Suite struct BuildCacheTests {
    @Test func unchangedInputsSkipTheBuild() {
        let site = MemorySite(files: MinimalSite.files())
        let first = site.build()
        #expect(first.succeeded && !first.unchanged)
        let second = site.build()
        #expect(second.unchanged)
        #expect(second.pagesWritten == first.pagesWritten)
    }

    @Test func rebuildAfterAnEditEqualsACleanBuild() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        site.write(["content/articles/first.md": MinimalSite.article("tags: [repair]\n", body: "Edited [@gottman2015].")])
        let incremental = site.build()
        #expect(incremental.succeeded && !incremental.unchanged)
        #expect(site.build(site.request(output: "clean")).succeeded)
        #expect(site.tree() == site.tree("clean"))
        #expect(site.read("public/tags/repair/index.html") != nil)
    }

    @Test func damagedStateIsIgnoredWithANote() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        site.write([".tend-cache/build-state": "tend-cache 1\nsomething else\n"])
        let report = site.build()
        #expect(report.succeeded && !report.unchanged)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("damaged or from another version of Tend") })
    }

    /// A state with a good checksum that names a file outside the output folder is damaged: the
    /// build starts from scratch and deletes nothing outside public/.
    @Test func stateNamingAFileOutsideTheOutputIsRefused() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        site.write(["precious.txt": "keep me"])
        let store = CacheStore(siteRoot: site.root, fileSystem: site.fileSystem)
        for path in ["../precious.txt", "/site/precious.txt", "a/../../precious.txt", "a//b", ""] {
            var writer = ArchiveWriter(format: BuildCache.format)
            writer.write("key")
            writer.write("stamp")
            writer.write(1)
            writer.write(1)
            writer.write([String]()) { _, _ in }
            writer.write([Diagnostic]()) { $0.write($1) }
            writer.write(1)
            writer.write(path)
            writer.write(UInt64(1))
            writer.write(0)
            #expect(store.write(.buildState, writer))
            let report = site.build()
            #expect(report.succeeded)
            #expect(report.diagnostics.contains { $0.message.contains("the build state in .tend-cache/ is damaged") }, "\(path)")
            #expect(site.read("precious.txt") == "keep me")
        }
    }

    /// A file rewritten within one timestamp tick keeps its size and time; its bytes were
    /// digested, so the change is not missed.
    @Test func aChangeWithinOneTimestampTickIsSeen() throws {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files(article: MinimalSite.article(body: "Version A.")))
        let path = site.path + "/content/articles/first.md"
        let time = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        #expect(SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).succeeded)
        site.write(["content/articles/first.md": MinimalSite.article(body: "Version B.")])
        try FileManager.default.setAttributes([.modificationDate: time], ofItemAtPath: path)
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(!report.unchanged)
        #expect(site.read("public/articles/first/index.html")?.contains("Version B.") == true)
    }

    /// The state comes back as saved, with the files written since marked stale.
    @Test func stateRoundTripsWithStaleOutputs() {
        let fileSystem = MemoryFileSystem()
        try! fileSystem.createDirectories("/site")
        let store = CacheStore(siteRoot: "/site", fileSystem: fileSystem)
        let state = BuildCache(
            key: "options", entries: [.init(path: "/site/content/a.md", size: 3, modified: 9, contentHash: 7)], outputStamp: "1:2",
            pagesWritten: 1, filesWritten: 2, diagnostics: [.warning(SourceLocation(path: "content/a.md", line: 1, column: 1), "careful")],
            outputs: ["index.html": 11, "articles/a/index.html": 12],
            rankings: ["en": RelatedRankings(key: 5, byTagSet: ["repair": [0, 2], "repair\u{0}sleep": [1]]), "es": .none])
        state.save(to: store)
        BuildCache.markStale(["articles/a/index.html", "not/in/state.html"], in: store)
        let (loaded, stopped, problem) = BuildCache.load(from: store, stoppingWhen: { _ in false })
        #expect(!stopped)
        #expect(problem == nil)
        #expect(loaded?.key == "options" && loaded?.entries == state.entries && loaded?.outputStamp == "1:2")
        #expect(loaded?.pagesWritten == 1 && loaded?.filesWritten == 2 && loaded?.diagnostics.map(\.message) == ["careful"])
        #expect(loaded?.outputs == ["index.html": 11, "articles/a/index.html": 0])
        #expect(loaded?.rankings["en"]?.key == 5 && loaded?.rankings["en"]?.byTagSet == ["repair": [0, 2], "repair\u{0}sleep": [1]])
        #expect(loaded?.rankings["es"]?.byTagSet == [:])
        // A state whose inputs are current is read only as far as the inputs.
        let (head, stoppedEarly, _) = BuildCache.load(from: store, stoppingWhen: { $0.entries == state.entries })
        #expect(stoppedEarly && head?.pagesWritten == 1 && head?.outputs.isEmpty == true && head?.rankings.isEmpty == true)
        state.save(to: store)
        #expect(store.lines(of: .staleOutputs).isEmpty)
    }
}
