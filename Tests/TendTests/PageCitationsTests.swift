import Foundation
import TendCitations
import TendCore
import Testing

/// In-text rules that depend on the other works a page cites (APA 8.17–8.20) and year letters.
@Suite struct PageCitationsTests {
    private static let bibliography: Bibliography = {
        var bibliography = Bibliography()
        let text = try! String(contentsOfFile: Fixtures.root + "/citations/in-text.bib", encoding: .utf8)
        let problems = bibliography.add(text: text, path: "content/in-text.bib")
        precondition(problems.isEmpty, "\(problems)")
        return bibliography
    }()

    private func cite(_ written: String) -> String { citedText(written, bibliography: Self.bibliography) }

    @Test(arguments: [
        // APA 8.20: first authors who share a surname get their initials, on every citation.
        ("[@taylorj2019; @taylort2020]", "(J. M. Taylor & Jones, 2019; T. Taylor, 2020)"),
        ("@taylorj2019 found [@taylort2020]", "J. M. Taylor and Jones (2019) found (T. Taylor, 2020)"),
        // APA 8.18: as many names as tell the works apart; all of them when one would be left.
        (
            "[@kapoor1; @kapoor2; @kapoor3]",
            "(Kapoor, Bloom, Montez, et al., 2017; Kapoor, Bloom, & Zucker, 2017; Kapoor, Bloom, Zucker, Tang, & Kim, 2017)"
        ),
        ("@kapoor1 said [@kapoor2]", "Kapoor, Bloom, Montez, et al. (2017) said (Kapoor, Bloom, Zucker, et al., 2017)"),
        // Year letters over n.d. and in press, which sort first and last.
        ("[@nd1; @nd2; @ip1; @ip2; @moss2001]", "(Moss, n.d.-a, n.d.-b, 2001, in press-a, in press-b)"),
        ("[@freud, p. 4]", "(Freud, 1900/2010, p. 4)"),
        // A work without an author: its title in title case, italic for a book.
        ("[@anon, pp. 3-5]", "(Lonely Title, 2011, pp. 3–5)"),
    ])
    func citesAsAPAAsks(_ written: String, _ expected: String) {
        #expect(cite(written) == expected)
    }

    @Test func worksThatReadTheSameOnlyWhenBothAreCitedAreToldApart() {
        // Cited alone, each is the usual short form.
        #expect(cite("[@kapoor1]") == "(Kapoor et al., 2017)")
        #expect(cite("[@taylort2020]") == "(Taylor, 2020)")
    }

    /// Letters go on past z (aa, ab, …) however many works one author has in a year.
    @Test func yearLettersHaveNoLimit() {
        var text = ""
        for index in 0..<800 {
            text += "@book{w\(index), author = {Moss, Rae}, title = {Work \(String(format: "%04d", index))}, publisher = {P}, year = {2001}}\n"
        }
        var bibliography = Bibliography()
        #expect(bibliography.add(text: text, path: "content/many.bib").isEmpty)
        let citations = PageCitations(bibliography: bibliography, cited: [], nocite: ["*"])
        let years = citations.references.map { citations.year(of: $0) }
        #expect(years[0] == "2001a" && years[25] == "2001z" && years[26] == "2001aa" && years[701] == "2001zz" && years[702] == "2001aaa")
        #expect(Set(years).count == 800)
    }

    @Test(arguments: [
        ("33", "p. 33"), ("33-35", "pp. 33–35"), ("p. 33", "p. 33"), ("pp. 33--35", "pp. 33–35"), ("page 7", "p. 7"),
        ("pages 7-9", "pp. 7–9"), ("p. 3-5", "pp. 3–5"), ("para. 4", "para. 4"), ("paragraph 4", "para. 4"), ("¶ 3", "para. 3"),
        ("¶3", "para. 3"), ("paras. 2-3", "paras. 2–3"), ("chapter 2", "Chapter 2"), ("ch. 2", "ch. 2"), ("table 1", "Table 1"),
        ("fig. 2", "Figure 2"), ("section 4", "Section 4"), ("1:12:33", "1:12:33"), ("Slide 5", "Slide 5"),
    ])
    func locatorsAreSpelledAsAPASpellsThem(_ written: String, _ expected: String) {
        #expect(cite("[@moss2001, \(written)]") == "(Moss, 2001, \(expected))")
    }
}
