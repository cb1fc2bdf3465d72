import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct MarkdownLimitsTests {
    @Test func pathologicalMarkdownIsRefusedQuickly() {
        let cases: [(String, String)] = [
            (String(repeating: ">", count: 50_000) + " deep", "quotes or lists are nested 50000 levels deep here; the limit is 32"),
            (String(repeating: "> ", count: 100) + "deep", "quotes or lists are nested 100 levels deep here; the limit is 32"),
            (
                "|" + String(repeating: "a|", count: 500) + "\n|" + String(repeating: "-|", count: 500) + "\n" + String(repeating: "|x\n", count: 100),
                "this table has more than 20000 cells"
            ),
            ("|a|b|\n|-|-|\n" + String(repeating: "|x\n", count: 12_000), "this table has more than 20000 cells"),
            // A table inside a quote costs the same.
            ("> |a|b|\n> |-|-|\n" + String(repeating: "> |x\n", count: 12_000), "this table has more than 20000 cells"),
            (String(repeating: "[a](b) *c* ", count: 1_500), "this paragraph has more than 2000 brackets and emphasis marks"),
        ]
        for (body, message) in cases {
            let start = Date()
            let (report, _) = MinimalSite.build(article: body)
            #expect(Date().timeIntervalSince(start) < 5)
            #expect(MinimalSite.messages(report).contains("content/articles/first.md:7:1: \(message)"), "\(MinimalSite.messages(report))")
        }
    }

    @Test func deepButAllowedNestingRendersIteratively() {
        let body = (1...30).map { String(repeating: "  ", count: $0 - 1) + "- level \($0)" }.joined(separator: "\n")
        let (report, site) = MinimalSite.build(article: body)
        #expect(report.succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("level 30") == true)
    }

    /// What cmark-gfm handles in linear time is not refused: a long line, a wide table, a large file.
    @Test func linearInputIsAccepted() {
        let wide =
            "|" + (1...200).map { "c\($0)" }.joined(separator: "|") + "|\n|" + String(repeating: "-|", count: 200) + "\n|" + String(repeating: "x|", count: 200)
        for body in [String(repeating: "a", count: 300_000), wide, String(repeating: "A sentence of a long article.\n\n", count: 90_000)] {
            let start = Date()
            let (report, _) = MinimalSite.build(article: body)
            #expect(report.succeeded, "\(report.diagnostics.prefix(2))")
            #expect(Date().timeIntervalSince(start) < 20)
        }
    }
}
