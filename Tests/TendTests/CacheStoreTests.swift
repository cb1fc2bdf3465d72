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
