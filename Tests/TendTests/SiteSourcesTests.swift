import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct SiteSourcesTests {
    @Test func symlinksJunkAndOddNames() throws {
        let outside = TemporaryDirectory()
        outside.write(["secret.md": MinimalSite.article()])
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        site.write([
            "content/articles/.DS_Store": "junk", "content/articles/draft.md~": "backup", "content/articles/~$lock.md": "lock",
            "content/articles/Café Notes #1?.md": MinimalSite.article(), "content/notes.txt": "stray",
            "content/media/evil.js": "alert(1)", "content/media/page.html": "<script>alert(1)</script>", "content/media/ok.pdf": "%PDF",
        ])
        try FileManager.default.createSymbolicLink(atPath: site.path + "/content/articles/leak.md", withDestinationPath: outside.path + "/secret.md")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/content/articles/loop", withDestinationPath: site.path + "/content")
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(
            MinimalSite.messages(report, severity: .warning) == [
                "content/articles/leak.md:1:1: ignored a symbolic link that points outside the site",
                "content/media/evil.js:1:1: not copied: files in media/ may not be pages or scripts",
                "content/media/page.html:1:1: not copied: files in media/ may not be pages or scripts",
                "content/notes.txt:1:1: ignored a file Tend does not know what to do with",
            ])
        let files = readTree(site.path + "/public")
        #expect(files["articles/cafe-notes-1/index.html"] != nil)
        #expect(files["articles/leak/index.html"] == nil)
        #expect(!files.keys.contains { $0.contains("DS_Store") || $0.contains("notes.txt") || $0.hasSuffix(".js") && $0.hasPrefix("media/") })
        #expect(files["media/ok.pdf"] != nil && files["media/page.html"] == nil)
    }
}
