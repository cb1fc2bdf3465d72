import TendCache
import TendCore
import Testing

@Suite struct CacheStoreTests {
    private func store() -> (CacheStore, MemoryFileSystem) {
        let fileSystem = MemoryFileSystem()
        try! fileSystem.createDirectories("/site")
        return (CacheStore(siteRoot: "/site", fileSystem: fileSystem), fileSystem)
    }

    @Test func recordsComeBackWhenFormatAndChecksumMatch() throws {
        let (store, _) = store()
        var writer = ArchiveWriter(format: "pages 1")
        writer.write("hello")
        #expect(store.write(.pages, writer))
        #expect(try store.read(.pages, format: "pages 1") { try $0.readString() } == "hello")
        #expect(throws: ArchiveReader.Damaged.self) { try store.read(.pages, format: "pages 2") { try $0.readString() } }
        #expect(try store.read(.pagesDelta, format: "pages 1") { try $0.readString() } == nil)
    }

    @Test func deferredTextOutlivesTheReadAndDecodesAsWritten() throws {
        let (store, fileSystem) = store()
        let texts = ["", "plain words", "héllo wörld ünïcode", String(repeating: "repair ", count: 2_000)]
        var writer = ArchiveWriter(format: "pages 1")
        writer.write(texts)
        texts.forEach { writer.write($0) }
        store.write(.pages, writer)
        let deferred = try #require(
            try store.read(.pages, format: "pages 1") { reader in
                _ = try reader.readStrings()
                return try texts.map { _ in try reader.readDeferredText() }
            })
        // The record is replaced on disk: what was read stays as it was.
        try fileSystem.write(Array("something else".utf8), to: store.path(.pages))
        #expect(deferred.map(\.string) == texts)
        #expect(deferred.map { $0.withUTF8 { Array($0) } } == texts.map { Array($0.utf8) })
        // A reader over bytes of its own decodes at once.
        try writer.bytes.withUnsafeBytes { bytes in
            var reader = ArchiveReader(bytes)
            try reader.checkFormat("pages 1")
            _ = try reader.readStrings()
            #expect(try texts.map { _ in try reader.readDeferredText().string } == texts)
        }
    }

    @Test func deferredTextOfTheDiskOutlivesTheRead() throws {
        let folder = TemporaryDirectory()
        let store = CacheStore(siteRoot: folder.path, fileSystem: LocalFileSystem())
        var writer = ArchiveWriter(format: "pages 1")
        writer.write("distinct words of a page")
        store.write(.pages, writer)
        let deferred = try #require(try store.read(.pages, format: "pages 1") { try $0.readDeferredText() })
        // A new record is renamed over the old one, as a build does.
        var newer = ArchiveWriter(format: "pages 1")
        newer.write("other words")
        store.write(.pages, newer)
        #expect(deferred.string == "distinct words of a page")
        #expect(try store.read(.pages, format: "pages 1") { try $0.readDeferredText() }?.string == "other words")
    }

    @Test func aChangedByteIsDamage() throws {
        let (store, fileSystem) = store()
        var writer = ArchiveWriter(format: "pages 1")
        writer.write("hello")
        store.write(.pages, writer)
        var bytes = try fileSystem.contents(of: store.path(.pages))
        for index in bytes.indices {
            bytes[index] ^= 0x20
            try fileSystem.write(bytes, to: store.path(.pages))
            #expect(throws: ArchiveReader.Damaged.self, "byte \(index)") { try store.read(.pages, format: "pages 1") { try $0.readString() } }
            bytes[index] ^= 0x20
        }
    }

    @Test func logsAppendLines() {
        let (store, _) = store()
        #expect(store.lines(of: .staleOutputs).isEmpty)
        store.append(["a/index.html"], to: .staleOutputs)
        store.append(["b/index.html", "c.xml"], to: .staleOutputs)
        #expect(store.lines(of: .staleOutputs) == ["a/index.html", "b/index.html", "c.xml"])
        store.remove(.staleOutputs)
        #expect(store.lines(of: .staleOutputs).isEmpty)
    }

    /// `.tend-cache` as a plain file: nothing can be kept, nothing traps.
    @Test func aFileInThePlaceOfTheFolderIsNoCache() throws {
        let (store, fileSystem) = store()
        try fileSystem.write(Array("x".utf8), to: "/site/.tend-cache")
        #expect(!store.prepare())
        #expect(!store.write(.pages, ArchiveWriter(format: "pages 1")))
        #expect(!store.append(["x"], to: .staleOutputs))
        #expect(try store.read(.pages, format: "pages 1") { _ in 1 } == nil)
        #expect(store.scratchFile() == nil)
    }
}
