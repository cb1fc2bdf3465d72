import TendCore
import Testing

@Suite struct SourceSnapshotTests {
    @Test func walksOnceSkippingJunkAndLinksOutOfTheRoot() {
        let fileSystem = MemoryFileSystem()
        fileSystem.add([
            "/site/content/articles/a.md": "a", "/site/content/articles/.DS_Store": "x", "/site/content/articles/a.md~": "x",
            "/site/content/articles/~$lock.md": "x", "/site/content/media/p.png": "p", "/site/templates/page.html": "t", "/outside/secret.md": "s",
        ])
        fileSystem.addLink("/site/content/articles/leak.md", to: "/outside/secret.md")
        fileSystem.addLink("/site/content/articles/inside.md", to: "a.md")
        fileSystem.addLink("/site/content/loop", to: "/site/content")
        let snapshot = SourceSnapshot(root: "/site", folders: ["content", "templates", "missing"], fileSystem: fileSystem)
        #expect(
            snapshot.files.map(\.relativePath) == [
                "content/articles/a.md", "content/articles/inside.md", "content/media/p.png", "templates/page.html",
            ])
        #expect(snapshot.linksOutside == ["content/articles/leak.md"])
        #expect(snapshot.missingFolders == ["missing"])
        #expect(snapshot.files(under: "content").count == 3)
        #expect(snapshot.files(under: "templates").map(\.relativePath) == ["templates/page.html"])
        #expect(snapshot.file("content/media/p.png")?.status.size == 1)
        #expect(snapshot.file("content/media/q.png") == nil)
    }

    @Test func aSymlinkedSiteFolderIsFollowed() {
        let fileSystem = MemoryFileSystem()
        fileSystem.add(["/site/theme/page.html": "t"])
        fileSystem.addLink("/site/templates", to: "theme")
        let snapshot = SourceSnapshot(root: "/site", folders: ["templates"], fileSystem: fileSystem)
        #expect(snapshot.files.map(\.relativePath) == ["templates/page.html"])
    }
}

@Suite struct SourceSnapshotLinkTests {
    /// `content/media/site -> ../..` would copy the site, its output included, into media/.
    @Test func aLinkToAFolderAboveIsNotFollowed() {
        let fileSystem = MemoryFileSystem()
        fileSystem.add(["/site/content/media/a.png": "a", "/site/public/index.html": "old", "/site/content/articles/x.md": "x"])
        fileSystem.addLink("/site/content/media/site", to: "../..")
        fileSystem.addLink("/site/content/media/up", to: "/site/content")
        let snapshot = SourceSnapshot(root: "/site", folders: ["content"], fileSystem: fileSystem)
        #expect(snapshot.files.map(\.relativePath) == ["content/articles/x.md", "content/media/a.png"])
        #expect(snapshot.linksOutside == ["content/media/site"])
    }
}
