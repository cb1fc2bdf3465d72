import Foundation
import TendComponents
import Testing

@testable import TendImport

/// `tend import FILE` for Word, OpenDocument, saved web pages and Markdown from other sites,
/// read with real readers (ZIPFoundation, XMLParser) from files made with python-docx and odfpy.
@Suite struct DocumentImportTests {
    private func imported(_ name: String) throws -> DocumentImport.Imported {
        let path = Fixtures.root + "/import/" + name
        return try DocumentImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
    }

    @Test func wordDocumentsKeepTheirStructure() throws {
        let word = try imported("small-repairs.docx")
        #expect(word.title == "Small Repairs, Lasting Bonds")
        #expect(word.result.summary.hasPrefix("Couples drift apart"))
        let body = word.result.body
        for expected in [
            "## What a small hurt looks like", "A partner who *sighs* at a request, or who is **always** on the phone",
            "- Turning away from a bid for attention\n- Correcting a story in front of friends\n   - Keeping score of chores",
            "### Steps to repair\n\n1. Name the moment without blame.\n1. Say what you felt, briefly.", "[research page](https://www.example.org/research)",
            "![Two mugs of tea on a kitchen table](/media/image1.png)", "| Hurt | Repair |\n| --- | --- |\n| Eye roll | A soft apology |",
            "## A short bold heading", "{{< consultation headline=\"Book a complimentary consultation\" >}}",
        ] {
            #expect(body.contains(expected), "missing: \(expected)\n\(body)")
        }
        #expect(!body.contains("References") && !body.contains("Harmony Books"))
        #expect(word.result.references.map(\.key) == ["gottman2015", "siegel2012"])
        #expect(word.media.keys.sorted() == ["image1.png"])
        #expect(word.result.contactLines.count == 2)
    }

    @Test func openDocumentAndSavedPages() throws {
        let odt = try imported("grounding.odt")
        #expect(odt.title == "Grounding When Panic Rises")
        #expect(odt.result.body.contains("Grounding uses the senses **on purpose**, which tells the nervous system that you are *here* and safe.[^1]"))
        #expect(odt.result.body.contains("[^1]: A note about the senses."))
        #expect(odt.result.body.contains("- Name five things you can see\n- Name four things you can touch"))
        let page = try imported("grounding-saved.html")
        #expect(page.title == "Repair After an Argument")
        let body = page.result.body
        #expect(body.contains("Repair starts with **slowing down** and *listening* — not with being right."))
        #expect(
            body.contains(
                "1. Take a break of twenty minutes\n1. Come back and [listen](https://www.example.org/listening)\n   - without interrupting\n1. Agree on one next step"
            ))
        #expect(body.contains("![Two chairs facing each other](/media/two%20chairs.jpg)") && page.media["two chairs.jpg"] != nil)
        #expect(!body.contains("Home") && !body.contains("tracker") && !body.contains("2024 Example"))
    }

    @Test(arguments: [
        "---\ntitle: \"Sleep and Mood\"\ndate: 2019-01-08T08:21:55.686Z\ndescription: Why sleep matters.\ntags: [sleep]\ncategories:\n  - Wellbeing\nauthor: Kristoffer Magnusson\naliases: [/2019/01/sleep/]\nfeatured: true\n---\nBody **text**.\n",
        "+++\ntitle = \"Sleep and Mood\"\ndate = 2019-01-08T08:21:55+01:00\ndescription = \"Why sleep matters.\"\ntags = [\"sleep\"]\ncategories = [\"Wellbeing\"]\nauthor = \"Kristoffer Magnusson\"\naliases = [\"/2019/01/sleep/\"]\nfeatured = true\n+++\nBody **text**.\n",
    ])
    func markdownFromOtherSitesKeepsItsFrontMatterOutOfTheBody(_ source: String) throws {
        let result = try DocumentImport.read(Array(source.utf8), path: "post.md")
        #expect(result.title == "Sleep and Mood" && result.result.summary == "Why sleep matters.")
        #expect(result.date == "2019-01-08" && result.tags == ["sleep", "Wellbeing"] && result.aliases == ["/2019/01/sleep/"])
        #expect(result.authorName == "Kristoffer Magnusson")
        #expect(result.result.body == "Body **text**.\n")
        #expect(result.result.leftOut.contains { $0.contains("'featured'") })
    }

    @Test func aRenamedWordFileIsStillReadAsWord() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/import/small-repairs.docx"))
        #expect(try DocumentImport.read(Array(data), path: "renamed.md").title == "Small Repairs, Lasting Bonds")
        #expect(throws: DocumentImport.Failure.self) { try DocumentImport.read(Array("%PDF-1.7 …".utf8), path: "paper.pdf") }
    }

    @Test func contactDetailsAreComparedWithTheSite() {
        var practice = ComponentContext()
        practice.phone = PhoneNumber("(310) 555-0142")
        practice.email = "hello@example.org"
        practice.instagram = "https://www.instagram.com/example_practice"
        let notes = ContactComparison.differences(
            between: ["Call us at (310) 555-0142", "Email us at office@example.org", "Follow us @other_practice", "Explore our links www.example.org/links"],
            and: practice)
        #expect(
            notes == [
                "the article gives the e-mail office@example.org; site.yml's practice.email is hello@example.org, which the page shows",
                "the article gives the handle @other_practice; site.yml's practice.instagram is https://www.instagram.com/example_practice",
                "the article links to www.example.org/links, which site.yml does not list: add it under practice.links (or booking_url) to show it",
            ])
    }
}

extension DocumentImportTests {
    @Test func wordFootnotesAndEndnotesBecomeMarkdownFootnotes() throws {
        let body = try imported("with-footnotes.docx").result.body
        #expect(body.contains("- Turning away from a bid for attention[^1]"))
        #expect(body.contains("1. Name the moment without blame.[^2]"))
        #expect(body.contains("[^1]: Bids for attention are small requests for connection.\n[^2]: An endnote about repair."))
    }
}
