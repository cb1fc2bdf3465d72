import Foundation
import TendBuild
import TendCore
import Testing

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
