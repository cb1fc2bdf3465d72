import Foundation
import TendBuild
import TendCore
import Testing

@Suite struct MarkdownLimitsTests {
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
}
