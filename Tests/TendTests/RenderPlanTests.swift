import Foundation
import TendBuild
import TendCore
import Testing

/// Render keys: after any edit the incremental build is a clean build, and unchanged files are
/// not written again.
@Suite struct RenderPlanTests {
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

@Suite struct SearchPageListTests {
    /// Without JavaScript the search page lists at most a hundred cards, then links to the full lists.
    @Test func largeSitesListTheNewestWithLinks() throws {
        var files = MinimalSite.files()
        for index in 0..<130 {
            files["content/articles/a\(index).md"] =
                "---\ntitle: Article \(index)\nsummary: About \(index).\ndate: 2026-01-\(String(format: "%02d", index % 28 + 1))\nauthor: ada\n---\nBody \(index).\n"
        }
        let (report, site) = MinimalSite.build(files)
        #expect(report.succeeded, "\(report.diagnostics)")
        let page = try String(contentsOfFile: site.path + "/public/search/index.html", encoding: .utf8)
        let all = page.components(separatedBy: "<div class=\"search-all\">")[1]
        #expect(all.components(separatedBy: "<li class=\"card\">").count - 1 == 100)
        #expect(all.contains("<h2>The newest articles and exercises</h2>") && all.contains("<a href=\"/articles/\">All articles</a>"))
        let index = try String(contentsOfFile: site.path + "/public/search/index.json", encoding: .utf8)
        #expect(index.components(separatedBy: "\"kind\":\"article\"").count - 1 == 131)
    }
}
