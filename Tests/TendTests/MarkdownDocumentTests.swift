import Foundation
import TendMarkdown
import Testing

@Suite struct MarkdownDocumentTests {
    @Test func rendersGitHubMarkdown() {
        let document = MarkdownDocument(parsing: "# T\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\n\nwww.example.org\n\nHi[^1].\n\n[^1]: Note.\n")
        let html = document.renderHTML()
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>2</del>"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("<a href=\"http://www.example.org\">"))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        #expect(MarkdownDocument(parsing: "<b>x</b>").renderHTML().contains("raw HTML omitted"))
        #expect(MarkdownDocument(parsing: "<b>x</b>", options: .init(allowRawHTML: true)).renderHTML().contains("<b>x</b>"))
    }

    @Test func headingIDsAreUniqueAndNeverTheLayoutsOwn() {
        let document = MarkdownDocument(parsing: "## Main\n\n## Ref gottman2015\n\n## Fn 1\n\n## Repair *now*\n\n## Repair now\n\n## ?\n\n## References\n")
        let anchors = document.assignHeadingIDs()
        #expect(anchors.map(\.id) == ["main-1", "section-ref-gottman2015", "section-fn-1", "repair-now", "repair-now-1", "section", "references-1"])
        #expect(anchors.map(\.text)[3] == "Repair now")
        #expect(anchors.map(\.line) == [1, 3, 5, 7, 9, 11, 13])
        let html = document.renderHTML()
        #expect(html.contains("<h2 id=\"repair-now\">Repair <em>now</em></h2>"))
        #expect(MarkdownDocument(parsing: "## References").assignHeadingIDs(allowing: ["references"]).map(\.id) == ["references"])
    }

    /// Twenty thousand headings with one text take linear time.
    @Test func repeatedHeadingsAreNumberedInLinearTime() {
        let document = MarkdownDocument(parsing: String(repeating: "## Same\n\n", count: 20_000))
        let start = Date()
        let anchors = document.assignHeadingIDs()
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(anchors.count == 20_000)
        #expect(anchors.last?.id == "same-19999")
        #expect(Set(anchors.map(\.id)).count == 20_000)
    }

    @Test func textIsJoinedAcrossSoftBreaks() {
        let document = MarkdownDocument(parsing: "a [@key,\np. 3] b\n")
        document.joinTextAcrossSoftBreaks()
        let texts = document.nodes(where: { $0.kind == .text }).compactMap(\.literal)
        #expect(texts == ["a [@key,\np. 3] b"])
        #expect(document.renderHTML() == "<p>a [@key,\np. 3] b</p>\n")
    }

    @Test func generatedHTMLReplacesNodes() {
        let document = MarkdownDocument(parsing: "Hello WORLD.\n")
        let text = document.nodes(where: { $0.kind == .text })[0]
        text.replace(with: [.text("Hello "), .html("<b>x</b>"), .text(".")])
        #expect(document.renderHTML() == "<p>Hello <b>x</b>.</p>\n")
    }
}
