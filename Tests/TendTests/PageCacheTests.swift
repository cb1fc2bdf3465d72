import Foundation
import TendBuild
import TendCache
import TendCore
import TendFrontMatter
import Testing

@testable import TendContent

@Suite struct PageCacheTests {
    /// A damaged page cache is a note, never trusted: every page is read again.
    @Test func damagedPageCacheIsIgnoredWithANote() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        site.write([".tend-cache/pages": "not a page cache", "content/articles/first.md": MinimalSite.article(body: "Changed.")])
        let report = site.build()
        #expect(report.succeeded)
        #expect(report.diagnostics.contains { $0.severity == .note && $0.message.contains("the page cache in .tend-cache/ is damaged") })
        #expect(site.read("public/articles/first/index.html")?.contains("Changed.") == true)
    }

    /// The first build leaves its pages for the next, and the next reads no unchanged file.
    @Test func firstBuildLeavesThePageCache() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        #expect(site.read(".tend-cache/pages") != nil)
    }

    /// A build after a page was removed writes a delta that names it; a build that removed
    /// nothing names none, and the page stays gone from the cache and the site.
    @Test func aRemovedPageIsNamedInTheDelta() throws {
        let site = MemorySite(files: MinimalSite.files())
        site.write(["content/articles/second.md": MinimalSite.article("slug: second\n", body: "Second.")])
        #expect(site.build().succeeded)
        let store = CacheStore(siteRoot: site.root, fileSystem: site.fileSystem)
        func removedInDelta() throws -> [String]? {
            try store.read(.pagesDelta, format: PageCache.format) { reader in
                _ = try reader.readUInt64()
                _ = try reader.readUInt64()
                _ = try reader.readUInt64()
                return try reader.readStrings()
            }
        }
        site.write(["content/articles/first.md": MinimalSite.article(body: "Edited.")])
        #expect(site.build().succeeded)
        #expect(try removedInDelta() == [])
        site.remove("content/articles/second.md")
        #expect(site.build().succeeded)
        #expect(try removedInDelta() == ["content/articles/second.md"])
        #expect(site.read("public/articles/second/index.html") == nil)
        #expect(site.build().unchanged)
    }

    /// Records with a good checksum but a count, length or path that cannot be right are
    /// damaged: a note and a clean rebuild, never a trap.
    @Test(arguments: [-1, Int.max, Int.min, 1 << 40])
    func handMadeRecordsWithImpossibleCountsAreDamaged(count: Int) {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        let store = CacheStore(siteRoot: site.root, fileSystem: site.fileSystem)
        let settings = (try? store.read(.pages, format: PageCache.format) { try $0.readUInt64() }) ?? nil
        #expect(settings != nil, "the test writes a record of the current format")
        var writer = ArchiveWriter(format: PageCache.format)
        writer.write(settings ?? 0)
        writer.write(UInt64(1))
        writer.write(UInt64(0))
        writer.write([String]())
        writer.write(1)
        writer.write(count)
        writer.write(count)
        #expect(store.write(.pages, writer))
        store.remove(.buildState)
        let report = site.build()
        #expect(report.succeeded)
        #expect(report.diagnostics.contains { $0.message.contains("the page cache in .tend-cache/ is damaged") })
    }
}

@Suite struct CacheRecordFuzzTests {
    /// A real page cache and build state with random bytes changed and the checksum made good
    /// again (what a hand-made cache can do): no build traps or touches anything outside public/
    /// and .tend-cache/, and a build that fails leaves public/ as it was. (A record changed into
    /// another valid page can make the build report that page's problems: the cache is not signed.)
    @Test func neverCrashesOnCacheRecords() {
        let site = MemorySite(files: MinimalSite.files())
        #expect(site.build().succeeded)
        let store = CacheStore(siteRoot: site.root, fileSystem: site.fileSystem)
        let originals = [CacheStore.Record.pages, .buildState].map { ($0, try! site.fileSystem.contents(of: store.path($0))) }
        fuzz(iterations: 150, seed: 29) { random in
            for (record, original) in originals {
                var bytes = Array(original.dropLast(8))
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    bytes[index] = UInt8.random(in: 0...255, using: &random)
                }
                let checksum = bytes.withUnsafeBytes(StableHasher.digest)
                try! site.fileSystem.write(bytes + (0..<8).map { UInt8(truncatingIfNeeded: checksum >> UInt64($0 * 8)) }, to: store.path(record))
            }
            site.write(["content/articles/first.md": MinimalSite.article(body: "Edit \(Int.random(in: 0...1_000_000, using: &random)).")])
            let before = site.tree()
            let report = site.build()
            if !report.succeeded { #expect(site.tree() == before) }
            #expect(site.read("content/site.yml") != nil && site.read("content/references.bib") != nil)
        }
    }
}

/// Every front matter field survives the page cache: a field added to `FrontMatter` and not to
/// its archive fails here (the comparison walks the stored properties, not a hand-kept list).
@Suite struct FrontMatterArchiveTests {
    @Test func everyFieldSurvivesTheCache() throws {
        let yaml = """
            title: A title
            summary: A summary.
            date: 2026-01-02
            updated: 2026-02-03
            author: ana
            reviewed_by: ben
            reviewed_on: 2026-02-04
            review_every: 6
            safe_messaging: reviewed
            quick_exit: false
            image: /media/a.jpg
            image_alt: A picture
            image_focus: top
            aliases: [/old/path/]
            translation_key: repair
            tags: [repair, couples]
            content_note: Mentions grief.
            draft: true
            slug: a-title
            consultation: false
            nocite: [key]
            layout: wide
            bibliography: [more.bib]
            """
        var diagnostics = Diagnostics()
        var matter = try #require(FrontMatter.decode(yaml: yaml, kind: .article, path: "content/articles/a.md", firstLine: 2, diagnostics: &diagnostics))
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
        // Fields other kinds carry, set by hand so that every property differs from its default.
        matter.durationMinutes = 5
        matter.menu = 2
        matter.name = "Ana"
        matter.credentials = "LMFT"
        matter.role = "Therapist"
        matter.photo = "media/ana.jpg"
        var writer = ArchiveWriter()
        matter.archive(into: &writer) { location, writer in
            writer.write(location.path)
            writer.write(location.line)
            writer.write(location.column)
        }
        let bytes = writer.bytes
        let restored = try bytes.withUnsafeBytes { buffer in
            var reader = ArchiveReader(buffer)
            return try FrontMatter.unarchive(from: &reader) { reader in
                SourceLocation(path: try reader.readString(), line: try reader.readInt(), column: try reader.readInt())
            }
        }
        let before = Mirror(reflecting: matter).children, after = Mirror(reflecting: restored).children
        #expect(before.count == after.count)
        let defaults = Mirror(reflecting: FrontMatter(start: matter.start)).children.map { String(describing: $0.value) }
        for ((field, value), (index, restoredValue)) in zip(before.map { ($0.label ?? "?", $0.value) }, after.map(\.value).enumerated()) {
            #expect(String(describing: value) == String(describing: restoredValue), "\(field)")
            if field != "start" { #expect(String(describing: value) != defaults[index], "\(field) is not set by this test") }
        }
    }
}
