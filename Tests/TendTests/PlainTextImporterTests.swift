import Foundation
import TendBuild
import TendImport
import Testing

@testable import TendCLI

@Suite struct PlainTextImporterTests {
    /// Shaped like the practice's published articles: repeated title, summary, headings, dash
    /// lists, numbered steps with paragraphs, a contact block with emoji, numbered references.
    static let guide = """
        Small Hurts, Big Distance: A Guide for Couples
        Small Hurts, Big Distance: A Guide for Couples
        Little injuries between partners can pile up into distance. This guide explains why, and how couples can begin to repair them.
        Why Small Things Matter
        Partners rarely drift apart because of one event. It is usually many small moments.
        Common examples:
        — Being interrupted again and again
        – A forgotten promise
        - Jokes that sting
        How to Start
        1. Slow Down
        Take a breath before you answer.
        2. Name the Impact
        Say how it felt, not what they meant.
        Reach out to book a free consultation today.
        📞 Call us at (310) 555-0142
        📩 Email us at hello@example.org
        👉 Check us out on Instagram @example_practice
        References
        1) Gottman, J. M., & Silver, N. (2015). The seven principles for making marriage work. Harmony Books.
        2) Van der Kolk, B. A. (2014). The body keeps the score: Brain, mind, and body in the healing of trauma. Viking.
        """

    @Test func convertsTheArticleShape() {
        let result = PlainTextImporter().convert(Self.guide)
        #expect(result.title == "Small Hurts, Big Distance: A Guide for Couples")
        #expect(result.summary.hasPrefix("Little injuries between partners"))
        #expect(
            result.body == """
                ## Why Small Things Matter

                Partners rarely drift apart because of one event. It is usually many small moments.

                Common examples:

                - Being interrupted again and again
                - A forgotten promise
                - Jokes that sting

                ## How to Start

                1. **Slow Down**

                   Take a breath before you answer.

                2. **Name the Impact**

                   Say how it felt, not what they meant.

                {{< consultation headline="Reach out to book a free consultation today" >}}

                """)
        #expect(result.references.map(\.key) == ["gottman2015", "vanderkolk2014"])
        #expect(result.references[1].authors == ["van der Kolk, B. A."])
        #expect(result.unclassified.isEmpty)
    }

    /// A different shape: bullets with •, steps numbered `1)`, journal references with DOIs, no contact block.
    @Test func journalReferencesAndOtherMarkers() {
        let text = """
            Sleep and Worry
            Worry keeps many people awake at night, and poor sleep makes worry louder the next day.
            What helps
            • A regular wind-down time
            • Writing worries down before bed
            1) Pick a time. Choose the same time each evening.
            2) Write for ten minutes.
            Sources
            Harvey, A. G. (2002). A cognitive model of insomnia. Behaviour Research and Therapy, 40(8), 869–893. https://doi.org/10.1016/S0005-7967(01)00061-4
            World Health Organization. (2022). World mental health report. World Health Organization.
            """
        let result = PlainTextImporter().convert(text)
        #expect(result.body.contains("## What helps"))
        #expect(result.body.contains("- A regular wind-down time"))
        #expect(result.body.contains("1. **Pick a time. Choose the same time each evening.**"))
        let harvey = result.references[0]
        #expect(harvey.type == "article" && harvey.journal == "Behaviour Research and Therapy")
        #expect((harvey.volume, harvey.issue, harvey.pages) == ("40", "8", "869–893"))
        #expect(harvey.doi == "10.1016/S0005-7967(01)00061-4")
        #expect(result.references[1].authors == ["{World Health Organization}"])
        #expect(result.references[1].bibtex.contains("author = {{World Health Organization}}"))
    }

    /// A Spanish article: its "Referencias" heading, Spanish APA's "y", "s.f." and "en prensa".
    @Test func spanishReferenceList() {
        let text = """
            El sueño y la preocupación
            La preocupación mantiene despiertas a muchas personas por la noche.
            Referencias
            Gottman, J. M., y Silver, N. (2015). The seven principles for making marriage work. Harmony Books.
            Organización Mundial de la Salud. (s.f.). Estrés. https://www.who.int/es/news-room/questions-and-answers/item/stress
            Ortega, L., Ramos, D., y Vega, M. (en prensa). Reparación en parejas. Family Process.
            """
        let references = PlainTextImporter().convert(text).references
        #expect(
            references.map(\.authors) == [["Gottman, J. M.", "Silver, N."], ["{Organización Mundial de la Salud}"], ["Ortega, L.", "Ramos, D.", "Vega, M."]])
        #expect(references.map(\.year) == ["2015", "", ""])
        #expect(references[2].bibtex.contains("pubstate = {inpress}") && !references[1].bibtex.contains("pubstate"))
    }

    /// CRLF, hyphen bullets, a line nothing fits (kept and reported), labelled contact lines, Markdown-like characters.
    @Test func oddLinesAreKeptAndReported() {
        let text =
            "Grounding for Busy Parents\r\nA few ways to come back to the present moment when the day is loud and crowded.\r\n- Feel your feet\r\n- Name three sounds\r\nphoto: parent and child on a bench\r\nUse *this* with <care>.\r\nPhone: (310) 555-0199\r\n"
        let result = PlainTextImporter().convert(text)
        #expect(result.unclassified.map(\.line) == [5])
        #expect(result.body.contains("photo: parent and child on a bench"))
        #expect(result.body.contains("Use \\*this\\* with \\<care\\>."))
        #expect(result.body.contains("{{< consultation >}}"))
        #expect(!result.body.contains("555-0199"))
    }

    @Test func importedAndNewArticlesBuildAsWritten() throws {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files())
        let source = site.path + "/guide.txt"
        try Self.guide.write(toFile: source, atomically: true, encoding: .utf8)
        let importer = try ImportCommand.parse([source, "--site", site.path])
        try importer.run()
        let creator = try NewCommand.parse(["exercise", "Box Breathing for Beginners", "--site", site.path])
        try creator.run()
        let article = site.read("content/articles/small-hurts-big-distance-a-guide-for-couples.md") ?? ""
        #expect(article.contains("nocite: [gottman2015, vanderkolk2014]"))
        #expect(article.contains("author: ada"))
        #expect(site.read("content/references.bib")?.contains("@book{vanderkolk2014,") == true)
        #expect(site.read("content/exercises/box-breathing-for-beginners.md")?.contains("duration_minutes: 5") == true)
        let report = TendBuild.SiteBuilder.build(.init(siteRoot: site.path, drafts: true, future: true, clock: Fixtures.clock))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(site.read("public/articles/small-hurts-big-distance-a-guide-for-couples/index.html")?.contains("van der Kolk, B. A. (2014)") == true)
        #expect(throws: (any Error).self) {
            let again = try NewCommand.parse(["exercise", "Box Breathing for Beginners", "--site", site.path]); try again.run()
        }
    }

    /// Fuzz: the importer and the APA reference parser never crash, and their Markdown never carries raw HTML.
    @Test func neverCrashes() {
        let alphabet = [
            "— ", "1. ", "2) ", "References\n", "(2015). ", "Gottman, J. M., & ", "📞 Call us at (310) 555-0142\n", "\n", "Title", " ", "<b>", "*", ".", "?",
            "é", "#", "[", "]", "\r\n",
        ]
        fuzz(iterations: 3_000, seed: 13) { random in
            let text = random.string(from: alphabet, maxLength: 50)
            let result = PlainTextImporter().convert(text)
            #expect(!result.body.contains("<b>"))
            _ = APAReferenceParser.parse(text)
        }
    }
}
