import Foundation
import TendBuild
import TendCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Whatever content says, it reaches the page as text: no script, no live URL, no template syntax.
@Suite struct EscapingTests {
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
        let (report, site) = MinimalSite.build(article: body, frontMatter: "tags: [\"<script>alert(11)</script>\"]\n")
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
}

@Suite struct TerminalAndXMLEscapingTests {
    /// Control sequences from file names, keys or attributes never act on the terminal.
    @Test func controlSequencesAreShownNotActedOn() {
        #expect(Escape.terminal("plain text\tand tabs\n") == "plain text\tand tabs\n")
        #expect(Escape.terminal("a\u{1B}]52;c;ZXZpbA==\u{07}b") == "a\\u{1b}]52;c;ZXZpbA==\\u{7}b")
        #expect(Escape.terminal("\u{1B}[2J\u{9B}x\u{202E}y\u{2028}") == "\\u{1b}[2J\\u{9b}x\\u{202e}y\\u{2028}")
    }

    @Test func xmlLeavesOutWhatXMLForbids() {
        #expect(Escape.xml("a\u{FFFE}b\u{FFFF}c\u{1}d&") == "abcd&amp;")
        #expect(Escape.xml("é ü \u{FFFD}") == "é ü \u{FFFD}")
    }

    /// A title with U+FFFE (a YAML escape in quotes) still gives a well-formed feed.
    @Test func feedStaysWellFormed() {
        let article = MinimalSite.article(body: "Text \u{FFFF}.").replacingOccurrences(of: "title: An article", with: "title: \"An\\uFFFE article\"")
        let site = MemorySite(files: MinimalSite.files(article: article))
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let feed = site.read("public/feed.xml") ?? ""
        #expect(feed.contains("<title>An article</title>"))
        #expect(XMLParser(data: Data(feed.utf8)).parse())
    }
}

/// Only https, http, mailto, tel, sms and relative links survive, in Markdown and in raw HTML.
@Suite struct LinkAllowListTests {
    @Test func linksWithOtherSchemesLoseTheirHref() {
        let schemes = [
            "ms-msdt:id", "search-ms:query=x", "intent://x#Intent;end", "ftp://x.org/f", "jar:x!/", "blob:https://x/1", "view-source:x", "ms-officecmd:x",
        ]
        let body =
            schemes.enumerated().map { "[link \($0.offset)](\($0.element))" }.joined(separator: " ")
            + "\n\n[ref]\n\n[ref]: javascript:alert(1)\n\n![pic](vbscript:x)"
        for allowHTML in [false, true] {
            var files = MinimalSite.files(article: MinimalSite.article(body: body))
            if allowHTML { files["content/site.yml"] = MinimalSite.siteYML + "markdown:\n  allow_html: true\n" }
            let (report, site) = MinimalSite.build(files)
            #expect(report.succeeded, "\(report.diagnostics)")
            let html = site.read("public/articles/first/index.html") ?? ""
            for scheme in schemes + ["javascript:", "vbscript:"] { #expect(!html.contains(scheme), "\(scheme) with allow_html \(allowHTML)") }
            #expect(html.contains("link 0") && html.contains("link 7") && html.contains("<p>ref</p>"))
            #expect(MinimalSite.messages(report, severity: .warning).filter { $0.contains("was removed") }.count == schemes.count + 2)
        }
    }

    @Test func rawHTMLWithADisallowedLinkIsLeftOut() {
        let body = """
            <a href="javascript:alert(1)">x</a>

            <img src="&#106;avascript:alert(2)">

            <a href='jav&#x09;ascript:alert(3)'>y</a> <a href=vbscript:x>z</a> <img srcset="ok.png 1x, javascript:alert(4) 2x">

            <a href="https://example.org/">fine</a>
            """
        let yml = MinimalSite.siteYML + "markdown:\n  allow_html: true\n"
        let (report, site) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: body)).merging(["content/site.yml": yml]) { $1 })
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(!html.contains("alert(") && !html.contains("vbscript"))
        #expect(html.contains("<a href=\"https://example.org/\">fine</a>"))
        #expect(MinimalSite.messages(report, severity: .warning).filter { $0.contains("raw HTML linking to") }.count == 5)
    }
}
