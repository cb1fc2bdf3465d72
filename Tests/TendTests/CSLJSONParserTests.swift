import Foundation
import Testing

@testable import TendCitations

@Suite struct CSLJSONParserTests {
    private func entry(_ item: String) -> (String, [String]) {
        var bibliography = Bibliography()
        let problems = bibliography.add(text: "[\(item)]", path: "content/r.json")
        let citations = PageCitations(bibliography: bibliography, cited: [], nocite: ["*"])
        return (citations.references.first.map { citations.entryHTML($0) } ?? "", problems.map(\.description))
    }

    @Test func richTextIsRenderedNeverShown() {
        let (html, problems) = entry(
            #"{"id":"a","type":"article-journal","title":"Effects of <i>Lactobacillus</i> in <span class=\"nocase\">iPhone</span> users: CO<sub>2</sub>, R<sup>2</sup> &amp; <b>more</b>","container-title":"J","volume":"1","issued":{"date-parts":[[2020]]},"author":[{"family":"Li","given":"Ann"}]}"#
        )
        #expect(problems.isEmpty)
        #expect(
            html.contains(
                "Effects of <em>Lactobacillus</em> in iPhone users: CO<sub>2</sub>, R<sup>2</sup> &amp; <strong>more</strong>."))
    }

    @Test(arguments: [
        ("p < .05 and q > 1", "p &lt; .05 and q &gt; 1"), ("<span class=\"nocase\">eHealth</span>", "eHealth"),
        ("<sc>APA</sc> style", "<span class=\"small-caps\">APA</span> style"), ("Man's \"safe\" place", "Man’s “safe” place"),
    ])
    func richTextForms(_ written: String, _ html: String) {
        #expect(CSLRichText.parse(written).text.html() == html)
    }

    @Test func unknownMarkupKeepsItsTextAndIsReported() {
        let (text, unknown) = CSLRichText.parse("A <blink>loud</blink> title")
        #expect(text.plain == "A loud title")
        #expect(unknown == ["<blink>", "</blink>"])
    }

    @Test(arguments: [
        (#""issued":"2020-05-03""#, "(2020)"), (#""issued":"2019/2020""#, "(2019–2020)"), (#""issued":{"raw":"May 3, 2020"}"#, "(2020)"),
        (#""issued":{"literal":"2018"}"#, "(2018)"), (#""status":"in press""#, "(in press)"), (#""issued":{"date-parts":[["2017"]]}"#, "(2017)"),
    ])
    func datesInEveryForm(_ field: String, _ expected: String) {
        let (html, _) = entry(#"{"id":"a","type":"book","title":"T","publisher":"P","author":[{"family":"Li","given":"Ann"}],\#(field)}"#)
        #expect(visibleText(html).hasPrefix("Li, A. \(expected). T."), "\(html)")
    }

    @Test func othersIsAListThatGoesOn() {
        let (html, _) = entry(
            #"{"id":"a","type":"book","title":"T","publisher":"P","issued":"2001","author":[{"family":"Li","given":"Ann"},{"literal":"others"}]}"#)
        #expect(visibleText(html) == "Li, A., et al. (2001). T. P.")
    }

    @Test func aTrailingCommaIsAnErrorAtItsPlace() {
        let (references, diagnostics) = CSLJSONParser.parse("[\n  {\"id\": \"a\", \"title\": \"T, u\",},\n]\n", path: "content/references.json")
        #expect(references.isEmpty)
        #expect(
            diagnostics.map(\.description) == [
                "content/references.json:2:30: error: the file is not valid JSON: a comma stands before the closing bracket\n  hint: remove the comma after the last item or field"
            ])
    }

    @Test(arguments: [
        ("\"2020\"", 2020), ("\"2020-05-03\"", 2020), ("\"2019/2020\"", 2019), ("2021", 2021), ("{\"date-parts\": [[2018, 3]]}", 2018),
        ("{\"raw\": \"May 2017\"}", 2017),
    ])
    func datesAsZoteroAndEDTFWriteThem(issued: String, year: Int) {
        let (references, diagnostics) = CSLJSONParser.parse("[{\"id\": \"a\", \"type\": \"book\", \"title\": \"T\", \"issued\": \(issued)}]", path: "r.json")
        #expect(diagnostics.isEmpty)
        #expect(references.first?.year == year)
    }
}

@Suite struct BibTeXBoundsTests {
    /// @string values that double at each step are stopped at a field's size, at once.
    @Test func doublingStringsAreBounded() {
        var text = "@string{s0 = \"aaaaaaaa\"}\n"
        for step in 1...30 { text += "@string{s\(step) = s\(step - 1) # s\(step - 1)}\n" }
        text += "@book{k, title = s30, year = {2020}}\n"
        let start = Date()
        let parsed = BibTeXParser.parse(text, path: "r.bib")
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(
            parsed.diagnostics.contains { $0.message == "the field 's14' grows past 64 KB from @string values joined with '#'" },
            "\(parsed.diagnostics.map(\.message))")
    }
}

@Suite struct CSLJSONFuzzTests {
    /// Random JSON-like text: parsing returns or reports, never traps.
    @Test func neverCrashesOnCSLJSON() {
        let alphabet = [
            "[", "]", "{", "}", "\"id\"", "\"issued\"", "\"date-parts\"", "\"author\"", ":", ",", "\"x\"", "2020", "null", "\"family\"", " ", "\\", "\"",
        ]
        fuzz(iterations: 3_000, seed: 19) { random in
            let (references, _) = CSLJSONParser.parse(random.string(from: alphabet, maxLength: 40), path: "r.json")
            for reference in references { _ = APAStyle.entry(reference) }
        }
    }
}

extension CSLJSONParserTests {
    /// Months, days and seasons out of range (as Better BibTeX's own tests export them) are
    /// dropped, never a crash.
    @Test func impossibleDatePartsAreDropped() {
        let (html, problems) = entry(
            #"{"id":"a","type":"webpage","title":"T","URL":"https://example.org","author":[{"family":"Li","given":"Ann"}],"issued":{"date-parts":[["2017",14,40],["2017",15]],"season":9},"original-date":{"literal":"2017-14/2017-99"}}"#
        )
        #expect(problems.isEmpty)
        #expect(visibleText(html).hasPrefix("Li, A. (2017). T."))
        for parts in ["[[\"-1\",13],[\"-1\",16]]", "[[0]]", "[[2020,0,0]]", "[[2020,12,32]]", "[[2019,5,23],[2019,13,2]]"] {
            _ = entry(#"{"id":"b","type":"article-magazine","title":"T","issued":{"date-parts":\#(parts)}}"#)
        }
    }
}
