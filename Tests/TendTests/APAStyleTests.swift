import TendCitations
import TendCore
import Testing

/// Strips tags and decodes the few entities Tend writes, so expectations read like the page.
func visibleText(_ html: String) -> String {
    var out = ""
    var inTag = false
    for character in html {
        if character == "<" { inTag = true; continue }
        if character == ">" { inTag = false; continue }
        if !inTag { out.append(character) }
    }
    return out.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
}

/// `text` with every citation rendered as it reads on the page, as plain text.
func citedText(_ text: String, bibliography bib: Bibliography, sentenceStart: Bool = false, terms: APATerms = .english) -> String {
    let scan = CitationScanner.scan(text) { bib[$0] != nil }
    let citations = PageCitations(bibliography: bib, cited: scan.matches.flatMap { $0.citation.items.map(\.key) }, nocite: [], terms: terms)
    var out = ""
    let bytes = Array(text.utf8)
    var cursor = 0
    for match in scan.matches {
        out += String(decoding: bytes[cursor..<match.range.lowerBound], as: UTF8.self)
        out += visibleText(citations.render(match.citation, sentenceInitial: sentenceStart && match.range.lowerBound == 0))
        cursor = match.range.upperBound
    }
    return out + String(decoding: bytes[cursor...], as: UTF8.self)
}

func bibliography(_ bibtex: String) -> Bibliography {
    var bibliography = Bibliography()
    let problems = bibliography.add(text: bibtex, path: "content/references.bib")
    precondition(problems.isEmpty, "\(problems)")
    return bibliography
}

@Suite struct APAStyleTests {
    static let seed = """
        @book{gottman2015, author = {Gottman, John M. and Silver, Nan}, title = {The seven principles for making marriage work}, publisher = {Harmony Books}, year = {2015}}
        @book{porges2011, author = {Porges, Stephen W.}, title = {The polyvagal theory: Neurophysiological foundations of emotions, attachment, communication, and self-regulation}, publisher = {W. W. Norton \\& Company}, year = {2011}}
        @book{siegel2012, author = {Siegel, Daniel J.}, title = {The developing mind: How relationships and the brain interact to shape who we are}, publisher = {Guilford Press}, year = 2012}
        @book{vanderkolk2014, author = {van der Kolk, Bessel A.}, title = {The body keeps the score: Brain, mind, and body in the healing of trauma}, publisher = {Viking}, year = {2014}}
        """

    @Test func seedReferencesInTheReferenceList() {
        let citations = PageCitations(bibliography: bibliography(Self.seed), cited: [], nocite: ["*"])
        let entries = citations.references.map { visibleText(citations.entryHTML($0)) }
        #expect(
            entries == [
                "Gottman, J. M., & Silver, N. (2015). The seven principles for making marriage work. Harmony Books.",
                "Porges, S. W. (2011). The polyvagal theory: Neurophysiological foundations of emotions, attachment, communication, and self-regulation. W. W. Norton & Company.",
                "Siegel, D. J. (2012). The developing mind: How relationships and the brain interact to shape who we are. Guilford Press.",
                "van der Kolk, B. A. (2014). The body keeps the score: Brain, mind, and body in the healing of trauma. Viking.",
            ])
        #expect(citations.entryHTML(citations.references[0]).contains("<em>The seven principles for making marriage work</em>"))
    }

    @Test(arguments: [
        ("[@gottman2015]", "(Gottman & Silver, 2015)"),
        ("[@gottman2015, p. 33]", "(Gottman & Silver, 2015, p. 33)"),
        ("[@porges2011; @siegel2012]", "(Porges, 2011; Siegel, 2012)"),
        ("[@siegel2012; @porges2011]", "(Porges, 2011; Siegel, 2012)"),
        ("[see @vanderkolk2014, ch. 2]", "(see van der Kolk, 2014, ch. 2)"),
        ("@gottman2015 found", "Gottman and Silver (2015) found"),
        ("[-@porges2011]", "(2011)"),
        ("@gottman2015 [p. 33] says", "Gottman and Silver (2015, p. 33) says"),
        ("[@porges2011, pp. 11-19]", "(Porges, 2011, pp. 11–19)"),
        ("[see @porges2011, p. 3; also @siegel2012]", "(see Porges, 2011, p. 3; also Siegel, 2012)"),
        ("As @vanderkolk2014 shows", "As van der Kolk (2014) shows"),
    ])
    func inTextForms(_ written: String, _ rendered: String) {
        #expect(render(written) == rendered)
    }

    @Test func sentenceInitialParticleIsCapitalised() {
        #expect(render("@vanderkolk2014 shows it.", sentenceStart: true) == "Van der Kolk (2014) shows it.")
    }

    @Test func sameAuthorSameYearGetsLettersEverywhere() {
        let bib = bibliography(
            """
            @article{g1, author = {Gottman, John}, title = {Why marriages succeed}, journal = {J}, year = {1994}}
            @article{g2, author = {Gottman, John}, title = {A theory of marital dissolution}, journal = {J}, year = {1994}}
            """)
        let citations = PageCitations(bibliography: bib, cited: ["g1", "g2"], nocite: [])
        let scan = CitationScanner.scan("[@g1; @g2]") { bib[$0] != nil }
        #expect(visibleText(citations.render(scan.matches[0].citation)) == "(Gottman, 1994a, 1994b)")
        #expect(citations.references.map(\.key) == ["g2", "g1"])
        #expect(visibleText(citations.entryHTML(citations.references[0])).hasPrefix("Gottman, J. (1994a). A theory"))
    }

    /// APA 9.8 and 8.17, written out: up to 20 names listed with an ampersand before the last;
    /// from 21 on, the first 19, an ellipsis and the last; in text, "et al." from three authors.
    @Test(arguments: [
        (1, "Author1, G.", "(Author1, 2020)"),
        (2, "Author1, G., & Author2, G.", "(Author1 & Author2, 2020)"),
        (3, "Author1, G., Author2, G., & Author3, G.", "(Author1 et al., 2020)"),
        (
            20,
            "Author1, G., Author2, G., Author3, G., Author4, G., Author5, G., Author6, G., Author7, G., Author8, G., Author9, G., Author10, G., Author11, G., Author12, G., Author13, G., Author14, G., Author15, G., Author16, G., Author17, G., Author18, G., Author19, G., & Author20, G.",
            "(Author1 et al., 2020)"
        ),
        (
            21,
            "Author1, G., Author2, G., Author3, G., Author4, G., Author5, G., Author6, G., Author7, G., Author8, G., Author9, G., Author10, G., Author11, G., Author12, G., Author13, G., Author14, G., Author15, G., Author16, G., Author17, G., Author18, G., Author19, G., . . . Author21, G.",
            "(Author1 et al., 2020)"
        ),
        (
            25,
            "Author1, G., Author2, G., Author3, G., Author4, G., Author5, G., Author6, G., Author7, G., Author8, G., Author9, G., Author10, G., Author11, G., Author12, G., Author13, G., Author14, G., Author15, G., Author16, G., Author17, G., Author18, G., Author19, G., . . . Author25, G.",
            "(Author1 et al., 2020)"
        ),
    ])
    func authorListsFollowAPA(count: Int, listed: String, inText: String) {
        let names = (1...count).map { "Author\($0), Given" }.joined(separator: " and ")
        let bib = bibliography("@book{k, author = {\(names)}, title = {T}, publisher = {P}, year = {2020}}")
        let citations = PageCitations(bibliography: bib, cited: ["k"], nocite: [])
        #expect(visibleText(citations.entryHTML(citations.references[0])) == listed + " (2020). T. P.")
        #expect(visibleText(citations.render(Citation(items: [CitationItem(key: "k")], isNarrative: false))) == inText)
    }

    @Test func entryTypes() {
        let bib = bibliography(
            """
            @article{art, author = {Ingleby, Clara M. and Zhou, Maren K.}, title = {Anger and support: A pilot study}, journal = {Relationships in Practice}, year = {2005}, volume = {25}, number = {4}, pages = {52--60}, doi = {10.5555/rip.2005.7988}}
            @incollection{chap, author = {Jessop, Omar L.}, title = {Resilience in families}, booktitle = {Handbook of resilience}, editor = {Mensah, Priya and Osei, Kofi}, publisher = {Kestrel Publishing}, year = {2014}, pages = {47--71}, edition = {2}}
            @techreport{rep, author = {{National Institute of Mental Health}}, title = {Anxiety disorders}, institution = {National Institute of Mental Health}, number = {22-MH-3879}, year = {2022}}
            @phdthesis{thesis, author = {Lee, Ana}, title = {Repair after rupture}, school = {University of Example}, year = {2019}}
            @online{web, author = {{American Psychological Association}}, title = {Stress in {America}}, url = {https://www.example.org/stress}, year = {2023}, month = mar, organization = {American Psychological Association}}
            @book{nodate, author = {Moss, Ruth}, title = {Undated book}, publisher = {Press}}
            @article{noauthor, title = {Anonymous findings}, journal = {Journal of Things}, year = {2001}, volume = {3}}
            @book{edited, editor = {Mensah, Priya}, title = {Handbook of resilience and wellbeing}, publisher = {Kestrel Publishing}, year = {2014}}
            """)
        let citations = PageCitations(bibliography: bib, cited: [], nocite: ["*"])
        let text = Dictionary(uniqueKeysWithValues: citations.references.map { ($0.key, visibleText(citations.entryHTML($0))) })
        #expect(
            text["art"]
                == "Ingleby, C. M., & Zhou, M. K. (2005). Anger and support: A pilot study. Relationships in Practice, 25(4), 52–60. https://doi.org/10.5555/rip.2005.7988"
        )
        #expect(
            text["chap"]
                == "Jessop, O. L. (2014). Resilience in families. In P. Mensah & K. Osei (Eds.), Handbook of resilience (2nd ed., pp. 47–71). Kestrel Publishing."
        )
        #expect(text["rep"] == "National Institute of Mental Health. (2022). Anxiety disorders (Report No. 22-MH-3879).")
        #expect(text["thesis"] == "Lee, A. (2019). Repair after rupture [Doctoral dissertation, University of Example].")
        #expect(text["web"] == "American Psychological Association. (2023, March). Stress in America. https://www.example.org/stress")
        #expect(text["nodate"] == "Moss, R. (n.d.). Undated book. Press.")
        #expect(text["noauthor"] == "Anonymous findings. (2001). Journal of Things, 3.")
        #expect(text["edited"] == "Mensah, P. (Ed.). (2014). Handbook of resilience and wellbeing. Kestrel Publishing.")
        let html = citations.entryHTML(bib["art"]!)
        #expect(html.contains("<em>Relationships in Practice</em>, <em>25</em>(4)"))
        #expect(html.contains("<a href=\"https://doi.org/10.5555/rip.2005.7988\">"))
        let noAuthor = Citation(items: [CitationItem(key: "noauthor")], isNarrative: false)
        #expect(visibleText(citations.render(noAuthor)) == "(“Anonymous Findings,” 2001)")
    }

    @Test func citationsLinkToTheirEntryAndBack() {
        let bib = bibliography(Self.seed)
        let citations = PageCitations(bibliography: bib, cited: ["porges2011"], nocite: [])
        let html = citations.render(Citation(items: [CitationItem(key: "porges2011")], isNarrative: false))
        #expect(html.contains("href=\"#ref-porges2011\" id=\"cite-porges2011-1\""))
        #expect(citations.referenceListHTML().contains("<li id=\"ref-porges2011\">"))
        #expect(citations.referenceListHTML().contains("href=\"#cite-porges2011-1\""))
    }

    private func render(_ text: String, sentenceStart: Bool = false) -> String {
        citedText(text, bibliography: bibliography(Self.seed), sentenceStart: sentenceStart)
    }

    @Test func citationsMayBeWrappedAcrossLines() {
        let article = MinimalSite.article(body: "As shown [see\n@gottman2015, p. 3]\nand @gottman2015\nfound.")
        let (report, site) = MinimalSite.build(MinimalSite.files(article: article))
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = visibleText(site.read("public/articles/first/index.html") ?? "")
        #expect(html.contains("As shown (see Gottman & Silver, 2015, p. 3)\nand Gottman and Silver (2015)\nfound."))
    }
}
