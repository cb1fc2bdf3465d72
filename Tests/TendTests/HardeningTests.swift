import Foundation
import TendBuild
import TendCore
import Testing

/// Hostile and broken input: each category of the safety issue gets a clear result.
@Suite struct HardeningTests {
    private func build(article body: String, frontMatter: String = "", extra: [String: String] = [:]) -> (BuildReport, TemporaryDirectory) {
        var files = MinimalSite.files(article: MinimalSite.article(frontMatter, body: body))
        for (path, text) in extra { files[path] = text }
        return MinimalSite.build(files)
    }

    @Test func injectedScriptsAndURLsNeverReachThePage() {
        let body = """
            [one](javascript:alert(1)) [two](JaVaScRiPt:alert(2)) [three](java\tscript:alert(3)) [four](&#106;avascript:alert(4))
            [five](vbscript:x) [six](data:text/html;base64,PHNjcmlwdD4=) [seven](file:///etc/passwd) ![img](javascript:alert(8))
            [ok](https://example.org "a \\" onmouseover=alert(9) x")

            ## <img src=x onerror=alert(10)> heading

            Template syntax stays text: {{title}} {{{body_html}}} {% if x %} {{> partials/card}}

            Footnote[^<b>x</b>].

            [^<b>x</b>]: A note.
            """
        let (report, site) = build(article: body, frontMatter: "tags: [\"<script>alert(11)</script>\"]\n")
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = site.read("public/articles/first/index.html") ?? ""
        for needle in ["javascript:", "vbscript:", "data:text", "file:", "onerror=alert", "<script>alert"] {
            #expect(!html.lowercased().contains(needle), "found \(needle)")
        }
        #expect(html.contains("title=\"a &quot; onmouseover=alert(9) x\""))
        #expect(html.contains("{{title}} {{{body_html}}} {% if x %} {{&gt; partials/card}}"))
        let tagPage = site.read("public/tags/script-alert-11-script/index.html") ?? ""
        #expect(tagPage.contains("&lt;script&gt;alert(11)&lt;/script&gt;"))
        let search = site.read("public/search/index.json") ?? ""
        #expect(search.contains("\\u003cscript\\u003ealert(11)"))
    }

    @Test func everyPageHasAPolicyAndNoInlineScriptOrStyle() {
        let output = TemporaryDirectory()
        _ = SiteBuilder.build(BuildRequest(siteRoot: Fixtures.repository, outputPath: output.path + "/public", clock: Fixtures.clock))
        for (path, data) in readTree(output.path + "/public") where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'"), "\(path)")
            #expect(html.contains("<meta name=\"referrer\""), "\(path)")
            #expect(!html.contains(" style="), "\(path) has a style attribute")
            let scripts = html.components(separatedBy: "<script").dropFirst()
            for script in scripts {
                #expect(script.hasPrefix(" src=") || script.hasPrefix(" type=\"application/ld+json\""), "\(path) has an inline script")
            }
        }
    }

    @Test func pathologicalMarkdownIsRefusedQuickly() {
        let cases: [(String, String)] = [
            (String(repeating: ">", count: 50_000) + " deep", "this line is 50005 characters long; the limit is 20000"),
            (String(repeating: "> ", count: 100) + "deep", "quotes or lists are nested 100 levels deep here; the limit is 32"),
            (
                "|" + String(repeating: "a|", count: 500) + "\n|" + String(repeating: "-|", count: 500) + "\n" + String(repeating: "|x\n", count: 100),
                "this table has 500 columns; the limit is 64"
            ),
            ("|a|b|\n|-|-|\n" + String(repeating: "|x\n", count: 12_000), "this table has more than 20000 cells"),
            (String(repeating: "a", count: 30_000), "this line is 30000 characters long; the limit is 20000"),
            (String(repeating: "[a](b) *c* ", count: 1_500), "this paragraph has more than 2000 brackets and emphasis marks"),
        ]
        for (body, message) in cases {
            let start = Date()
            let (report, _) = build(article: body)
            #expect(Date().timeIntervalSince(start) < 5)
            #expect(MinimalSite.messages(report).contains("content/articles/first.md:7:1: \(message)"), "\(MinimalSite.messages(report))")
        }
    }

    @Test func deepButAllowedNestingRendersIteratively() {
        let body = (1...30).map { String(repeating: "  ", count: $0 - 1) + "- level \($0)" }.joined(separator: "\n")
        let (report, site) = build(article: body)
        #expect(report.succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("level 30") == true)
    }

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

    @Test func yamlTabsAndBidiControls() {
        let (tabs, _) = MinimalSite.build(MinimalSite.files(article: "---\ntitle: T\n\tsummary: S\n---\nx\n"))
        #expect(MinimalSite.messages(tabs).first?.hasPrefix("content/articles/first.md:3:") == true)
        let (bidi, _) = build(article: "Safe text \u{202E}desrever")
        #expect(
            MinimalSite.messages(bidi, severity: .warning) == ["content/articles/first.md:7:11: the text contains an invisible bidirectional control character"]
        )
    }

    @Test func unwritableOutputIsAnErrorAndNothingIsLost() throws {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        let before = readTree(site.path + "/public")
        site.write(["blocker": "a file where a folder should be"])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: site.path + "/blocker/public", clock: Fixtures.clock))
        #expect(!report.succeeded)
        #expect(readTree(site.path + "/public") == before)
    }

    @Test func sourceDateEpochFixesTheFeedDate() {
        let clock = BuildClock.system(environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(clock.today == CalendarDate("2026-01-01"))
        #expect(clock.fixedEpoch == 1_767_225_600)
    }
}

@Suite struct TemplatePlacementTests {
    @Test func layoutsPlaceComponentsThroughPartials() {
        var files = MinimalSite.files()
        files["templates/article.html"] =
            "{{<base}}{{$content}}{{#entry}}{{{body_html}}}{{/entry}}<div id=\"side\">{{>partials/consultation}}</div>{{/content}}{{/base}}"
        files["content/articles/quiet.md"] = MinimalSite.article("consultation: false\n", body: "{{< consultation >}}\n\nQuiet.")
        let (report, site) = MinimalSite.build(files)
        #expect(report.succeeded, "\(report.diagnostics)")
        let first = site.read("public/articles/first/index.html") ?? ""
        let quiet = site.read("public/articles/quiet/index.html") ?? ""
        #expect(first.contains("<div id=\"side\"><aside class=\"consultation\""))
        #expect(!quiet.contains("class=\"consultation\""))
        #expect(quiet.contains("Quiet."))
    }
}
