import TendCore
import Testing

@Suite struct MemoryFileSystemTests {
    @Test func filesFoldersAndErrorsFollowPOSIX() throws {
        let fileSystem = MemoryFileSystem()
        #expect(throws: FileSystemError.self) { try fileSystem.write(Array("x".utf8), to: "/missing/a.txt") }
        try fileSystem.createDirectories("/a/b")
        try fileSystem.write(Array("one".utf8), to: "/a/b/f.txt")
        try fileSystem.append(Array("two".utf8), to: "/a/b/f.txt")
        #expect(String(decoding: try fileSystem.contents(of: "/a/b/f.txt"), as: UTF8.self) == "onetwo")
        #expect(try fileSystem.entries(of: "/a").map(\.name) == ["b"])
        #expect(fileSystem.status(of: "/a/b/f.txt", followingLinks: true)?.size == 6)
        #expect(!fileSystem.removeEmptyDirectory("/a/b"))
        try fileSystem.remove("/a/b/f.txt")
        #expect(fileSystem.removeEmptyDirectory("/a/b"))
        #expect(fileSystem.kind(of: "/a/b") == nil)
    }

    @Test func hardLinksShareOneFile() throws {
        let fileSystem = MemoryFileSystem()
        fileSystem.add(["/a.txt": "first"])
        try fileSystem.link("/a.txt", to: "/b.txt")
        try fileSystem.write(Array("second".utf8), to: "/a.txt")
        #expect(String(decoding: try fileSystem.contents(of: "/b.txt"), as: UTF8.self) == "second")
        #expect(fileSystem.status(of: "/a.txt", followingLinks: true)?.inode == fileSystem.status(of: "/b.txt", followingLinks: true)?.inode)
        #expect(throws: FileSystemError.self) { try fileSystem.link("/a.txt", to: "/b.txt") }
    }

    @Test func renameReplacesAndExchangeSwaps() throws {
        let fileSystem = MemoryFileSystem()
        fileSystem.add(["/old/x.html": "old", "/new/x.html": "new", "/new/y/z.html": "z", "/file": "f"])
        try fileSystem.rename("/file", to: "/old/x.html")
        #expect(String(decoding: try fileSystem.contents(of: "/old/x.html"), as: UTF8.self) == "f")
        try fileSystem.exchange("/new", "/old")
        #expect(String(decoding: try fileSystem.contents(of: "/old/x.html"), as: UTF8.self) == "new")
        #expect(String(decoding: try fileSystem.contents(of: "/old/y/z.html"), as: UTF8.self) == "z")
        #expect(String(decoding: try fileSystem.contents(of: "/new/x.html"), as: UTF8.self) == "f")
        #expect(throws: FileSystemError.self) { try fileSystem.rename("/new", to: "/old") }
    }

    @Test func symbolicLinksResolveAndLoopsEnd() throws {
        let fileSystem = MemoryFileSystem()
        fileSystem.add(["/site/content/a.md": "a"])
        fileSystem.addLink("/site/content/b.md", to: "a.md")
        fileSystem.addLink("/site/content/loop", to: "/site/content")
        fileSystem.addLink("/x", to: "/y")
        fileSystem.addLink("/y", to: "/x")
        #expect(fileSystem.realPath("/site/content/b.md") == "/site/content/a.md")
        #expect(fileSystem.realPath("/site/content/loop/loop/a.md") == "/site/content/a.md")
        #expect(fileSystem.kind(of: "/site/content/b.md") == .symbolicLink)
        #expect(fileSystem.realPath("/x") == nil)
        #expect(String(decoding: try fileSystem.contents(of: "/site/content/b.md"), as: UTF8.self) == "a")
    }

    @Test func everyChangeMovesTheClockOn() throws {
        let fileSystem = MemoryFileSystem()
        fileSystem.add(["/a": "1"])
        let first = fileSystem.status(of: "/a", followingLinks: true)!.modified
        try fileSystem.write(Array("2".utf8), to: "/a")
        #expect(fileSystem.status(of: "/a", followingLinks: true)!.modified > first)
        #expect(fileSystem.now() > first)
    }
}
