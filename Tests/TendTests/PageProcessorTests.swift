import Foundation
import TendBuild
import TendCore
import Testing

/// Every kind of bad input in a page gets an exact message at the right file, line and column.
@Suite struct PageProcessorTests {
    /// A citation in a wrapped paragraph is reported at its own line and column; TOML front matter is named.
    @Test func errorsAreWhereTheyAreWritten() {
        let wrapped = MinimalSite.article(
            body: "First line of a paragraph that goes on\nand on across several lines so that\n  the citation sits inside it [@nosuchkey2001] here.")
        #expect(
            MinimalSite.messages(MinimalSite.build(MinimalSite.files(article: wrapped)).0) == [
                "content/articles/first.md:9:31: unknown citation key 'nosuchkey2001'"
            ])
        let toml = "+++\ntitle = \"Hugo post\"\ndate = 2021-07-08T00:00:00+01:00\n+++\nText.\n"
        #expect(
            MinimalSite.messages(MinimalSite.build(MinimalSite.files(article: toml)).0) == [
                "content/articles/first.md:1:1: the front matter is TOML (between '+++' lines, as Hugo writes it); Tend reads YAML between '---' lines"
            ])
    }

    /// Footnotes come first in reading order, then the References: never inside the footnotes.
    @Test func referencesFollowTheFootnotes() throws {
        for closing in ["", "\n\n## References"] {
            let body = "A claim [^1] [@gottman2015].\n\n[^1]: A note.\(closing)"
            let (report, site) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: body)))
            #expect(report.succeeded)
            let page = try #require(site.read("public/articles/first/index.html"))
            let footnotesStart = try #require(page.range(of: "class=\"footnotes\""))
            let footnotesEnd = try #require(page.range(of: "</section>", range: footnotesStart.upperBound..<page.endIndex))
            let references = try #require(page.range(of: "<section class=\"references-section\""))
            #expect(footnotesEnd.upperBound <= references.lowerBound, "\(closing)")
            #expect(page.components(separatedBy: "id=\"references").count == 2, "one References heading: \(closing)")
        }
    }

    @Test func unknownCitationKeyWithSuggestion() {
        let (report, _) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: "Intro.\n\nAs shown [@gotman2015].")))
        #expect(MinimalSite.messages(report) == ["content/articles/first.md:9:10: unknown citation key 'gotman2015'"])
        #expect(report.diagnostics.first?.hint == "did you mean 'gottman2015'?")
    }

    @Test func componentErrors() {
        let body = """
            {{< consultaton >}}

            {{< callout kind="danger" >}}

            {{< callout >}}
            Never closed.

            {{< /crisis >}}

            {{< breathing pattern="4-7" colour="blue" >}}

            {{< breathing pattern="4-x-8" >}}
            """
        #expect(
            MinimalSite.errors(article: MinimalSite.article(body: body)) == [
                "content/articles/first.md:7:1: unknown component 'consultaton'",
                "content/articles/first.md:9:13: 'kind' must be one of note, tip, warning, important, not 'danger'",
                "content/articles/first.md:11:1: '{{< callout >}}' is never closed",
                "content/articles/first.md:14:1: '{{< /crisis >}}' closes a component that was not opened",
                "content/articles/first.md:16:29: the component 'breathing' has no attribute 'colour'",
                "content/articles/first.md:18:15: '4-x-8' is not a breathing pattern: write 2 to 4 counts from 1 to 20 joined by hyphens, such as \"4-7-8\" or \"4-4-4-4\"",
            ])
    }

    @Test func unknownComponentListsKnownOnes() {
        let (report, _) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: "{{< consultaton >}}")))
        #expect(report.diagnostics.first?.hint == "did you mean 'consultation'? known components: breathing, callout, consultation, crisis, references")
    }

    @Test func shortcodesInCodeAreText() {
        let (report, site) = MinimalSite.build(
            MinimalSite.files(article: MinimalSite.article(body: "```\n{{< nonsense >}}\n```\n\n    {{< also-code >}}\n\nInline `{{< x >}}`.")))
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(html.contains("{{&lt; nonsense &gt;}}"))
        #expect(html.contains("{{&lt; also-code &gt;}}"))
    }

    /// A shortcode line inside a code span or an HTML tag that spans lines stays text.
    @Test func shortcodesInsideMultiLineCodeSpansAreText() {
        let body = "Write `\n{{< crisis >}}\n` to show the crisis box.\n\n{{< consultation >}}"
        let (report, site) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: body)))
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(html.contains("<code>{{&lt; crisis &gt;}}</code> to show the crisis box."))
        #expect(html.contains("class=\"consultation\""))
        let tagged = "<span title=\"a\n{{< crisis >}}\nb\">x</span>"
        let yml = MinimalSite.siteYML + "markdown:\n  allow_html: true\n"
        let (htmlReport, htmlSite) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: tagged)).merging(["content/site.yml": yml]) { $1 })
        #expect(htmlReport.succeeded, "\(htmlReport.diagnostics)")
        #expect(htmlSite.read("public/articles/first/index.html")?.contains("{{< crisis >}}\nb\">x</span>") == true)
    }

    @Test func encodingProblems() {
        var files = MinimalSite.files()
        files["content/articles/first.md"] = nil
        let site = TemporaryDirectory()
        site.write(files)
        try? FileManager.default.createDirectory(atPath: site.path + "/content/articles", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: site.path + "/content/articles/latin1.md", contents: Data("---\ntitle: Caf\u{E9}\n---\n".utf8.map { $0 }.prefix(16) + [0xE9, 0x0A]))
        _ = FileManager.default.createFile(atPath: site.path + "/content/articles/utf16.md", contents: Data([0xFF, 0xFE, 0x2D, 0x00]))
        _ = FileManager.default.createFile(atPath: site.path + "/content/articles/nul.md", contents: Data(MinimalSite.article(body: "Bad\u{0} byte.").utf8))
        _ = FileManager.default.createFile(atPath: site.path + "/content/articles/word.md", contents: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0]))
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(
            MinimalSite.messages(report) == [
                "content/articles/latin1.md:2:12: the file is not valid UTF-8",
                "content/articles/utf16.md:1:1: the file is UTF-16, not UTF-8",
                "content/articles/word.md:1:1: this is a Word, OpenDocument or other ZIP-packed file saved with a .md name, not Markdown text",
            ])
        // As CommonMark does, a NUL byte becomes U+FFFD: the page builds, with a warning at its place.
        #expect(MinimalSite.messages(report, severity: .warning) == ["content/articles/nul.md:7:4: the file contains a NUL byte; it is shown as \u{FFFD}"])
    }

    @Test func allErrorsOfABuildAreReportedTogether() {
        let messages = MinimalSite.errors([
            "content/articles/first.md": MinimalSite.article(body: "[@nope1]"),
            "content/articles/second.md": MinimalSite.article(body: "[@nope2]").replacingOccurrences(of: "date: 2026-01-05", with: "date: 2026-13-01"),
        ])
        #expect(messages.count == 3)
    }

    @Test func rawHTMLIsDroppedWithAWarning() {
        let (report, site) = MinimalSite.build(
            MinimalSite.files(article: MinimalSite.article(body: "Hi <span onclick=\"x()\">there</span>.\n\n<script>alert(1)</script>")))
        #expect(
            MinimalSite.messages(report, severity: .warning) == [
                "content/articles/first.md:7:4: raw HTML was left out of the page: <span onclick=\"x()\">",
                "content/articles/first.md:7:29: raw HTML was left out of the page: </span>",
                "content/articles/first.md:9:1: raw HTML was left out of the page: <script>alert(1)</script>",
            ])
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(!html.contains("onclick") && !html.contains("alert(1)"))
    }

    @Test func yamlTabsAndBidiControls() {
        let (tabs, _) = MinimalSite.build(MinimalSite.files(article: "---\ntitle: T\n\tsummary: S\n---\nx\n"))
        #expect(MinimalSite.messages(tabs).first?.hasPrefix("content/articles/first.md:3:") == true)
        let (bidi, _) = MinimalSite.build(article: "Safe text \u{202E}desrever")
        #expect(
            MinimalSite.messages(bidi, severity: .warning) == ["content/articles/first.md:7:11: the text contains an invisible bidirectional control character"]
        )
    }
}

@Suite struct PageOutputBoundTests {
    /// One reference definition used 40,000 times would be hundreds of megabytes of HTML.
    @Test func repeatedReferenceLinksAreBounded() {
        let body = "[r]: https://example.org/" + String(repeating: "x", count: 18_000) + "\n\n" + String(repeating: "[r]\n\n", count: 40_000)
        let start = Date()
        let errors = MinimalSite.errors(article: MinimalSite.article(body: body))
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(errors == ["content/articles/first.md:1:1: the links of this page would make 687 MB of HTML from 212 KB of text"])
    }
}

@Suite struct PageComponentBoundTests {
    @Test func ninetyThousandComponentsAreRefusedQuickly() {
        let start = Date()
        let errors = MinimalSite.errors(article: MinimalSite.article(body: String(repeating: "{{< crisis >}}\n\n", count: 90_000)))
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(errors == ["content/articles/first.md:4007:1: the page has more than 2000 components"])
    }
}

@Suite struct EscapedBracketTests {
    /// `\[@nosuch\]` is text, as in Pandoc; backslashes in code stay as written.
    @Test func escapedBracketsAreNoCitation() {
        let body = "Write \\[@nosuch\\] to show a key, `\\[x\\]` in code, and cite [@gottman2015].\n\n```\n\\[kept\\]\n```"
        let (report, site) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: body)))
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(html.contains("Write [@nosuch] to show a key, <code>\\[x\\]</code> in code, and cite"))
        #expect(html.contains("\\[kept\\]"))
        #expect(html.contains("Gottman &amp; Silver, 2015"))
        #expect(!html.contains("\u{E001}") && !html.contains("\u{E002}"))
    }
}
