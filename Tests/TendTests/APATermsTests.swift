import TendCitations
import TendCore
import Testing

/// APA in Spanish (Normas APA, 7.ª edición): the same bibliography, Spanish words and dates.
@Suite struct APATermsTests {
    static let library = """
        @book{frankl1946, author = {Frankl, Viktor E.}, title = {Man's search for meaning}, translator = {Lasch, Ilse}, publisher = {Beacon Press}, year = {2006}, origdate = {1946}}
        @book{apa2022, author = {{American Psychiatric Association}}, title = {Diagnostic and statistical manual of mental disorders}, edition = {5th, text rev.}, publisher = {American Psychiatric Publishing}, year = {2022}}
        @incollection{siegel2019, author = {Siegel, Daniel J.}, editor = {Solomon, Marion and Tatkin, Stan}, title = {The mindful therapist}, booktitle = {Healing moments in psychotherapy}, pages = {5--22}, publisher = {Norton}, year = {2019}}
        @phdthesis{ruiz2020, author = {Ruiz, Carmen}, title = {Apego y duelo}, school = {Universidad de Sevilla}, year = {2020}}
        @article{ortega2026, author = {Ortega, Lucía and Ramos, Diego and Vega, Marta}, title = {Repair attempts}, journal = {Family Process}, pubstate = {inpress}}
        @misc{who, author = {{World Health Organization}}, title = {Stress}, url = {https://www.who.int/stress}, urldate = {2024-03-05}}
        @article{nyt2021, author = {Carey, Benedict}, title = {Grief takes time}, journaltitle = {The New York Times}, entrysubtype = {newspaper}, date = {2021-05-03}}
        """

    func entry(_ key: String, _ terms: APATerms = .spanish) -> String {
        let bib = bibliography(Self.library)
        return visibleText(PageCitations(bibliography: bib, cited: [key], nocite: [], terms: terms).entryHTML(bib[key]!))
    }

    @Test func referenceListInSpanish() {
        #expect(entry("frankl1946") == "Frankl, V. E. (2006). Man’s search for meaning (I. Lasch, Trad.). Beacon Press. (Obra original publicada en 1946)")
        #expect(
            entry("apa2022")
                == "American Psychiatric Association. (2022). Diagnostic and statistical manual of mental disorders (5.ª ed., texto rev.). American Psychiatric Publishing."
        )
        #expect(
            entry("siegel2019")
                == "Siegel, D. J. (2019). The mindful therapist. En M. Solomon y S. Tatkin (Eds.), Healing moments in psychotherapy (pp. 5–22). Norton.")
        #expect(entry("ruiz2020") == "Ruiz, C. (2020). Apego y duelo [Tesis doctoral, Universidad de Sevilla].")
        #expect(entry("ortega2026") == "Ortega, L., Ramos, D., y Vega, M. (en prensa). Repair attempts. Family Process.")
        #expect(entry("who") == "World Health Organization. (s.f.). Stress. Recuperado el 5 de marzo de 2024 de https://www.who.int/stress")
        #expect(entry("nyt2021") == "Carey, B. (2021, 3 de mayo). Grief takes time. The New York Times.")
    }

    /// The English entries are what they were.
    @Test func englishIsUnchanged() {
        #expect(
            entry("frankl1946", .english) == "Frankl, V. E. (2006). Man’s search for meaning (I. Lasch, Trans.). Beacon Press. (Original work published 1946)")
        #expect(entry("nyt2021", .english) == "Carey, B. (2021, May 3). Grief takes time. The New York Times.")
        #expect(entry("siegel2019", .english).contains("In M. Solomon & S. Tatkin (Eds.), "))
    }

    @Test func inTextCitationsInSpanish() {
        let bib = bibliography(Self.library)
        #expect(citedText("[@siegel2019, chapter 2]", bibliography: bib, terms: .spanish) == "(Siegel, 2019, cap. 2)")
        #expect(
            citedText("[@ortega2026; @who, párr. 4]", bibliography: bib, terms: .spanish)
                == "(Ortega et al., en prensa; World Health Organization, s.f., párr. 4)")
        #expect(citedText("@frankl1946 escribió", bibliography: bib, terms: .spanish) == "Frankl (1946/2006) escribió")
        #expect(citedText("[@siegel2019, pp. 5-7]", bibliography: bib, terms: .spanish) == "(Siegel, 2019, pp. 5–7)")
    }

    @Test func twoAuthorsAreJoinedByY() {
        let bib = bibliography("@book{g, author = {Gottman, John and Silver, Nan}, title = {T}, publisher = {P}, year = {2015}}")
        #expect(citedText("[@g]", bibliography: bib, terms: .spanish) == "(Gottman y Silver, 2015)")
        #expect(citedText("@g dicen", bibliography: bib, terms: .spanish) == "Gottman y Silver (2015) dicen")
        #expect(APATerms.forLanguage("es-MX") == .spanish && APATerms.forLanguage("en-US") == .english && APATerms.forLanguage("fr") == .english)
    }
}
