import TendCitations
import TendComponents
import TendCore
import Testing

@testable import TendImport

@Suite struct BibTeXParserTests {
    @Test func readsWhatReferenceManagersWrite() {
        let text = """
            % a comment line
            @string{norton = "W. W. Norton \\& Company"}
            @comment{ ignored {nested} }
            @book{porges2011,
              author = "Porges, Stephen W.",
              title = {The {Polyvagal} theory},
              publisher = norton # " (US)",
              year = 2011,
            }
            @article{mueller2020,
              author = {M{\\"u}ller, J{\\'e}r{\\^o}me and de Souza, Ana and King, Jr., Martin and {World Health Organization}},
              title = {Stress --- and sleep -- a review},
              journaltitle = {Sleep~Health},
              date = {2020-05-02},
              pages = {1--9},
            }
            """
        let (references, diagnostics) = BibTeXParser.parse(text, path: "refs.bib")
        #expect(diagnostics.isEmpty)
        #expect(references.map(\.key) == ["porges2011", "mueller2020"])
        #expect(references[0].publisher == "W. W. Norton & Company (US)")
        #expect(references[0].title == "The Polyvagal theory")
        let authors = references[1].authors
        #expect(authors[0].family == "Müller" && authors[0].given == "Jérôme")
        #expect(authors[1].particle == "de" && authors[1].family == "Souza")
        #expect(authors[2].suffix == "Jr." && authors[2].given == "Martin")
        #expect(authors[3].literal == "World Health Organization")
        #expect(references[1].title == "Stress — and sleep – a review")
        #expect(references[1].containerTitle == "Sleep\u{00A0}Health")
        #expect(references[1].year == 2020 && references[1].month == 5)
    }

    @Test func firstLastWithParticle() {
        let (references, _) = BibTeXParser.parse("@book{k, author = {Bessel A. van der Kolk}, title = {T}, year = {2014}}", path: "r.bib")
        #expect(references[0].authors[0].particle == "van der")
        #expect(references[0].authors[0].family == "Kolk")
        #expect(references[0].authors[0].given == "Bessel A.")
    }

    @Test func brokenEntriesAreReportedAndTheRestLoad() {
        let text = """
            @book{good1, title = {A}, year = {2001}}
            @book{bad1, title = {Un{balanced, year = {2002}}
            @book{good2, title = {B}, year = {2003}}
            @book{bad2, title = {C} year = {2004}}
            @book{bad3, publisher = unknownmacro, year = {2005}}
            @book{good3, title = {D}, year = {2006}}
            """
        let (references, diagnostics) = BibTeXParser.parse(text, path: "content/references.bib")
        #expect(references.map(\.key) == ["good1", "good2", "good3"])
        #expect(
            diagnostics.map { "\($0.location.line): \($0.message)" } == [
                "2: unbalanced braces in the field 'title'",
                "4: missing comma after the field 'title' in 'bad2'",
                "5: unknown @string 'unknownmacro' in the field 'publisher'",
            ])
    }

    @Test func duplicateKeysAcrossFilesNameBothPlaces() {
        var bibliography = Bibliography()
        _ = bibliography.add(text: "@book{k, title = {A}}", path: "content/a.bib")
        let problems = bibliography.add(text: "[{\"id\": \"k\", \"type\": \"book\", \"title\": \"B\"}]", path: "content/b.json")
        #expect(
            problems.map(\.description) == [
                "content/b.json:1:1: error: the citation key 'k' is defined twice\n  hint: it is also defined at content/a.bib:1; rename or remove one"
            ])
    }

    @Test func readsCSLJSON() {
        let json = """
            [{"id": "apa2020", "type": "book", "author": [{"literal": "American Psychological Association"}], "title": "Publication manual", "edition": "7", "issued": {"date-parts": [[2020]]}, "publisher": "American Psychological Association"},
             {"id": "vdk", "type": "article-journal", "author": [{"family": "Kolk", "given": "Bessel A.", "non-dropping-particle": "van der"}], "title": "Trauma", "container-title": "Harvard Review", "volume": 1, "issue": "2", "page": "253-265", "DOI": "10.3109/x", "issued": {"date-parts": [["1994", 1]]}}]
            """
        let (references, diagnostics) = CSLJSONParser.parse(json, path: "r.json")
        #expect(diagnostics.isEmpty)
        var bibliography = Bibliography()
        _ = bibliography.add(text: json, path: "r.json")
        let citations = PageCitations(bibliography: bibliography, cited: [], nocite: ["*"])
        #expect(references.count == 2)
        #expect(
            citations.references.map { visibleText(citations.entryHTML($0)) } == [
                "American Psychological Association. (2020). Publication manual (7th ed.).",
                "van der Kolk, B. A. (1994). Trauma. Harvard Review, 1(2), 253–265. https://doi.org/10.3109/x",
            ])
    }

    @Test func neverCrashes() {
        let alphabet = ["@", "{", "}", "\"", ",", "=", "#", "book", "string", "author", " and ", "\\", "'", "e", "-", "\n", "%", "(", ")", "~", "x"]
        fuzz(iterations: 5_000, seed: 3) { random in
            let (references, _) = BibTeXParser.parse(random.string(from: alphabet, maxLength: 60), path: "f.bib")
            for reference in references { _ = APAStyle.entry(reference) }
        }
    }
}

@Suite struct CitationScannerTests {
    private let known: Set<String> = ["a", "b", "gottman2015", "smith:2020"]

    private func keys(_ text: String) -> [[String]] {
        CitationScanner.scan(text) { known.contains($0) }.matches.map { $0.citation.items.map(\.key) }
    }

    @Test func findsEveryForm() {
        #expect(keys("[@a]") == [["a"]])
        #expect(keys("see [@a; @b] and @gottman2015 said") == [["a", "b"], ["gottman2015"]])
        #expect(keys("[@smith:2020, p. 4].") == [["smith:2020"]])
        #expect(keys("@a.") == [["a"]])
        #expect(keys("[@unknown]") == [["unknown"]])
    }

    @Test func leavesHandlesEmailAndPlainBracketsAlone() {
        #expect(keys("Follow @example_practice today") == [])
        #expect(keys("mail hello@example.org or [write to us]") == [])
        #expect(keys("[email a@b.com]") == [])
        let scan = CitationScanner.scan("Follow @example_practice") { known.contains($0) }
        #expect(scan.unknownHandles.map(\.word) == ["example_practice"])
    }

    @Test func prefixSuffixAndSuppression() {
        let citation = CitationScanner.scan("[see @a, ch. 2; -@b]") { known.contains($0) }.matches[0].citation
        #expect(
            citation.items == [
                CitationItem(key: "a", prefix: "see", suffix: "ch. 2"),
                CitationItem(key: "b", suppressAuthor: true),
            ])
    }

    /// Property: ranges are ordered, inside the text, and every bracketed match starts with `[`.
    @Test func neverCrashesAndRangesAreSound() {
        let alphabet = ["@", "[", "]", ";", ",", "-", " ", "a", "b", "p. 3", "é", "x@y", "\n", ":", "_"]
        fuzz(iterations: 10_000, seed: 5) { random in
            let text = random.string(from: alphabet, maxLength: 40)
            let scan = CitationScanner.scan(text) { known.contains($0) }
            var previousEnd = 0
            for match in scan.matches {
                #expect(match.range.lowerBound >= previousEnd && match.range.upperBound <= text.utf8.count)
                previousEnd = match.range.upperBound
            }
        }
    }
}

@Suite struct ShortcodeParserTests {
    @Test func parsesNamesAndAttributes() throws {
        let shortcode = try ShortcodeParser.parse(#"{{< consultation headline="Talk \"now\"" cycles=4 >}}"#).get()
        #expect(shortcode.name == "consultation")
        #expect(shortcode.attributes.map(\.value) == ["Talk \"now\"", "4"])
        #expect(try ShortcodeParser.parse("{{< /callout >}}").get().isClosing)
    }

    @Test(arguments: [
        (#"{{< consultation headline="x >}}"#, "the value of 'headline' must be in double quotes (a number may stand alone)"),
        ("{{< consultation", "the component 'consultation' is not closed with '>}}'"),
        ("{{< >}}", "a component needs a name, as in {{< consultation >}}"),
        (#"{{< callout kind="a" kind="b" >}}"#, "the attribute 'kind' is given twice"),
        ("{{< crisis >}} trailing", "a component must stand alone on its line; move the text after '>}}' to the next line"),
        ("{{< callout kind >}}", "the attribute 'kind' needs a value, as in kind=\"...\""),
    ])
    func malformedLines(_ line: String, _ message: String) {
        guard case .failure(let failure) = ShortcodeParser.parse(Substring(line)) else {
            Issue.record("parsed: \(line)")
            return
        }
        #expect(failure.message == message)
    }

    /// Property: parsing never crashes, and no attribute value can break out of its HTML context.
    @Test func neverCrashesAndValuesStayEscaped() {
        let alphabet = ["{{<", ">}}", "\"", "\\", "=", " ", "a", "headline", "<script>", "'", "&", "/", "4", "\u{E000}"]
        var context = ComponentContext()
        context.practiceName = "P"
        fuzz(iterations: 10_000, seed: 9) { random in
            let line = random.string(from: alphabet, maxLength: 24)
            guard case .success(let shortcode) = ShortcodeParser.parse(Substring(line)) else { return }
            for attribute in shortcode.attributes {
                let html = ComponentHTML.consultation(context, headline: attribute.value, body: attribute.value)
                #expect(!html.contains("<script>"))
                #expect(!html.contains("\"\"\""))
            }
        }
    }
}

@Suite struct RoundTripTests {
    /// Property: a reference written as BibTeX by the importer reads back with the same fields.
    @Test func bibtexRoundTrip() {
        let words = ["Stress", "&", "100%", "{braces}", "Müller", "naïve", "—", "x_y", "a#b", "\\\\", "$5", "O'Brien", "cafe"]
        fuzz(iterations: 2_000, seed: 21) { random in
            let title = (0..<Int.random(in: 1...6, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            let family = ["Gottman", "van der Kolk", "Siegel", "Ó Súilleabháin"].randomElement(using: &random)!
            let written = ImportedReference(
                key: "k", type: "book", authors: ["\(family), J. M."], year: String(Int.random(in: 1900...2030, using: &random)),
                title: title, publisher: "Press & Sons")
            let (references, problems) = BibTeXParser.parse(written.bibtex, path: "r.bib")
            #expect(problems.isEmpty, "\(written.bibtex)")
            #expect(references.first?.title == title, "\(written.bibtex)")
            #expect(references.first?.publisher == "Press & Sons")
            #expect(references.first?.authors.first?.surname == family)
            #expect(references.first?.year.map(String.init) == written.year)
        }
    }

    /// Property: citations written in Pandoc's syntax scan back to the same items.
    @Test func citationSyntaxRoundTrip() {
        let keys = ["a", "gottman2015", "smith:2020", "van_der_kolk"]
        let prefixes = ["", "see", "e.g.,", "compare"]
        let suffixes = ["", "p. 3", "pp. 33-35", "ch. 2", "para. 4"]
        fuzz(iterations: 5_000, seed: 23) { random in
            let items = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                CitationItem(
                    key: keys.randomElement(using: &random)!, prefix: prefixes.randomElement(using: &random)!,
                    suffix: suffixes.randomElement(using: &random)!, suppressAuthor: Int.random(in: 0..<5, using: &random) == 0)
            }
            let written =
                "["
                + items.map { item in
                    var text = item.prefix.isEmpty ? "" : item.prefix + " "
                    text += (item.suppressAuthor ? "-@" : "@") + item.key
                    if !item.suffix.isEmpty { text += ", " + item.suffix }
                    return text
                }.joined(separator: "; ") + "]"
            let scan = CitationScanner.scan("Text " + written + ".") { keys.contains($0) }
            #expect(scan.matches.map(\.citation.items) == [items], "\(written)")
        }
    }
}
