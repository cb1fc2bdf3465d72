import TendCitations
import Testing

@testable import TendImport

@Suite struct BibliographyMergeTests {
    private static let existing = "@book{gottman2015,\n  author = {Gottman, John M.},\n  title = {The seven principles},\n  year = {2015}\n}\n"

    private static func reference(_ key: String, title: String, year: String) -> ImportedReference {
        ImportedReference(key: key, type: "book", authors: ["Gottman, John M."], year: year, title: title)
    }

    @Test func knownWorksAreReusedAndNewOnesGetFreeKeys() {
        let merge = BibliographyMerge(
            adding: [
                Self.reference("gottman2015", title: "The Seven Principles", year: "2015"),
                Self.reference("gottman2015", title: "Another book", year: "2015"),
                Self.reference("gottman2015", title: "A third", year: "2015"),
            ], to: Self.existing, path: "content/references.bib")
        #expect(merge.keys == ["gottman2015", "gottman2015a", "gottman2015b"])
        #expect(merge.addedCount == 2)
        #expect(merge.text?.hasPrefix(Self.existing) == true)
        #expect(merge.text?.components(separatedBy: "\n@").count == 3)
    }

    @Test func nothingNewLeavesTheFileAlone() {
        let merge = BibliographyMerge(adding: [Self.reference("x", title: "The seven principles", year: "2015")], to: Self.existing, path: "r.bib")
        #expect(merge.keys == ["gottman2015"])
        #expect(merge.addedCount == 0)
        #expect(merge.text == nil)
    }
}

@Suite struct ImportedReferenceTests {
    /// Braces in a pasted URL or DOI can neither end the field nor add an entry.
    @Test func bracesInAddressesStayInsideTheirField() {
        var reference = ImportedReference(key: "k2020", type: "article", authors: ["Doe, Jane"], year: "2020", title: "T")
        reference.url = "https://example.org/a}},\n@misc{evil, title = {x}"
        reference.doi = "10.1/x}y"
        let parsed = BibTeXParser.parse(reference.bibtex, path: "r.bib")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        #expect(parsed.references.map(\.key) == ["k2020"])
        #expect(parsed.references.first?.url == "https://example.org/a%7D%7D,%0A@misc%7Bevil,%20title%20=%20%7Bx%7D")
    }
}
