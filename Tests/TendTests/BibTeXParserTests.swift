import Foundation
import TendCitations
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
        #expect(references[0].title.plain == "The Polyvagal theory")
        let authors = references[1].authors
        #expect(authors[0].family == "Müller" && authors[0].given == "Jérôme")
        #expect(authors[1].particle == "de" && authors[1].family == "Souza")
        #expect(authors[2].suffix == "Jr." && authors[2].given == "Martin")
        #expect(authors[3].literal == "World Health Organization")
        #expect(references[1].title.plain == "Stress — and sleep – a review")
        #expect(references[1].containerTitle.plain == "Sleep\u{00A0}Health")
        #expect(references[1].year == 2020 && references[1].date?.month == 5)
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
        // An unknown @string is reported and its entry read on, so one run lists every unknown name.
        #expect(references.map(\.key) == ["good1", "good2", "bad3", "good3"])
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
            // Straight apostrophes come back typographic, as LaTeX sets them.
            #expect(references.first?.title.plain == title.replacingOccurrences(of: "'", with: "’"), "\(written.bibtex)")
            #expect(references.first?.publisher == "Press & Sons")
            #expect(references.first?.authors.first?.surname == family)
            #expect(references.first?.year.map(String.init) == written.year)
        }
    }
}

/// The messages a clinician sees for a damaged or incomplete Zotero export.
@Suite struct BibTeXMessageTests {
    private func messages(_ text: String) -> [String] {
        BibTeXParser.parse(text, path: "content/references.bib").diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
    }

    @Test func anUnclosedEntryPointsAtTheFieldLeftOpen() {
        #expect(
            messages("@article{a,\n  title = {Open {brace here},\n  year = {2020},\n  journal = {J}\n}\n\n@book{b, title = {B}, year = 2001}\n") == [
                "2:11: the field 'title' in 'a' is not closed: its '{' has no matching '}'"
            ])
        #expect(messages("@article{a,\n  title = {Fine},\n  year = {2020}\n\n@book{b, title = {B}}\n") == ["1:1: the entry 'a' is not closed"])
    }

    @Test func everyUnknownStringIsReportedInOneRun() {
        #expect(
            messages("@book{a, publisher = apa # \" and \" # nimh, title = {T}}\n@book{b, journal = jpsp, title = {U}}") == [
                "1:22: unknown @string 'apa' in the field 'publisher'", "1:38: unknown @string 'nimh' in the field 'publisher'",
                "2:20: unknown @string 'jpsp' in the field 'journal'",
            ])
    }

    @Test func aDuplicateFieldIsAWarning() {
        let (references, diagnostics) = BibTeXParser.parse("@book{a,\n  title = {First},\n  title = {Second}\n}", path: "content/r.bib")
        #expect(references.first?.title.plain == "First")
        #expect(
            diagnostics.map(\.description) == [
                "content/r.bib:3:3: warning: the field 'title' appears twice in 'a'; the first value is used\n  hint: remove one of the two 'title' lines"
            ])
    }

    @Test func unknownLaTeXIsAWarningAtItsColumn() {
        #expect(
            messages("@book{a,\n  title = {The \\foo{Strange} Command},\n  year = {2001}\n}") == [
                "2:16: the LaTeX command '\\foo' in the field 'title' of 'a' is not known to Tend; its text is kept"
            ])
    }

    @Test func crossrefAndXdataFillMissingFields() {
        let text = """
            @book{handbook, editor = {Sexton, Tom and Lebow, Jay}, title = {Handbook of Couple Therapy}, publisher = {Routledge}, date = {2016}}
            @xdata{press, publisher = {Guilford Press}}
            @incollection{chapter, author = {Johnson, Sue}, title = {Emotionally Focused Therapy}, crossref = {handbook}, pages = {97--128}}
            @book{other, author = {Lee, Ann}, title = {Repair}, xdata = {press}, date = {2019}}
            @incollection{orphan, author = {Doe, Jane}, title = {Alone}, crossref = {nowhere}}
            """
        var bibliography = Bibliography()
        let problems = bibliography.add(text: text, path: "content/r.bib")
        #expect(problems.map(\.message) == ["the entry 'orphan' takes fields from 'nowhere' (crossref), which is not in this file"])
        let citations = PageCitations(bibliography: bibliography, cited: [], nocite: ["chapter", "other"])
        #expect(
            citations.references.map { visibleText(citations.entryHTML($0)) } == [
                "Johnson, S. (2016). Emotionally focused therapy. In T. Sexton & J. Lebow (Eds.), Handbook of couple therapy (pp. 97–128). Routledge.",
                "Lee, A. (2019). Repair. Guilford Press.",
            ])
    }

    @Test func commentedOutEntriesAreSkipped() {
        let (references, diagnostics) = BibTeXParser.parse("%@book{old,\n%  title = {Old}\n%}\n@book{new, title = {New}}", path: "content/r.bib")
        #expect(diagnostics.isEmpty)
        #expect(references.map(\.key) == ["new"])
    }
}
