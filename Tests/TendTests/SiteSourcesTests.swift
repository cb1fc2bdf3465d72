import Foundation
import TendBuild
import TendContent
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
                "content/articles/leak.md:1:1: ignored a symbolic link that points outside content/",
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

/// Settings and bibliographies are read only when they are regular files inside the site, and
/// small enough: a pipe, a device or a link out of the site is an error naming it, in no time.
@Suite struct SiteSettingsFileTests {
    @Test func aPipeOrALinkOutOfTheSiteIsNeverRead() throws {
        let outside = TemporaryDirectory()
        outside.write(["secret.bib": MinimalSite.bibliography])
        let site = TemporaryDirectory()
        var files = MinimalSite.files()
        files["content/references.bib"] = nil
        site.write(files)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/content/references.bib", withDestinationPath: outside.path + "/secret.bib")
        let linked = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(
            MinimalSite.messages(linked).contains(
                "content/references.bib:1:1: content/references.bib is not a regular file inside the site (a link out of the site, a pipe or a device)"))
        try FileManager.default.removeItem(atPath: site.path + "/content/site.yml")
        #expect(mkfifo(site.path + "/content/site.yml", 0o644) == 0)
        let start = Date()
        let piped = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(
            MinimalSite.messages(piped) == [
                "content/site.yml:1:1: content/site.yml is not a regular file inside the site (a link out of the site, a pipe or a device)"
            ])
    }
}

@Suite struct SiteContentSizeTests {
    /// A page larger than the limit is refused from the size the walk saw, before it is read.
    @Test func hugePagesAreRefusedUnread() {
        let site = MemorySite(files: MinimalSite.files())
        site.write(["content/articles/huge.md": MinimalSite.article(body: String(repeating: "word ", count: 3_400_000))])
        let report = site.build()
        #expect(MinimalSite.messages(report) == ["content/articles/huge.md:1:1: the file is 17 MB; the limit is 16 MB"])
    }
}

@Suite struct LanguageFolderTests {
    @Test func aLanguageFolderIsAFolderThatIsNoSection() {
        #expect(Page.languageFolder(of: "content/es/articles/a.md") == "es")
        #expect(Page.languageFolder(of: "content/pt-br/pages/contato.md") == "pt-br")
        for path in ["content/articles/a.md", "content/media/x/y.png", "content/es/site.yml", "content/authors/ana.md", "templates/es/a.md", "content/es"] {
            #expect(Page.languageFolder(of: path) == nil, "\(path)")
        }
    }
}
