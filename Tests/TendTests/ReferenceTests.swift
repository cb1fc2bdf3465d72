import TendCitations
import TendCore
import Testing

@Suite struct ReferenceTests {
    private func reference() -> Reference {
        var reference = Reference(key: "gottman2015", type: .book, location: SourceLocation(path: "content/references.bib", line: 3, column: 1))
        reference.authors = [PersonName(family: "Gottman", given: "John M.")]
        reference.title = RichText("The seven principles for making marriage work")
        reference.date = ReferenceDate(year: 2015)
        reference.publisher = "Harmony"
        return reference
    }

    @Test func aCopyChangesAloneLikeAnyValue() {
        let original = reference()
        var copy = original
        copy.publisher = "Another Press"
        copy.authors.append(PersonName(family: "Silver", given: "Nan"))
        copy.date?.year = 2016
        #expect(original.publisher == "Harmony" && original.authors.count == 1 && original.year == 2015)
        #expect(copy.publisher == "Another Press" && copy.authors.map(\.family) == ["Gottman", "Silver"] && copy.year == 2016)
        #expect(copy.key == original.key && copy.title.plain == original.title.plain)
    }

    @Test func copiesShareTheirFieldsUntilOneChanges() {
        let references = Array(repeating: reference(), count: 1_000)
        var changed = references
        changed[500].volume = "12"
        #expect(references.allSatisfy { $0.volume.isEmpty })
        #expect(changed.enumerated().allSatisfy { $0.offset == 500 ? $0.element.volume == "12" : $0.element.volume.isEmpty })
    }

    @Test func formattingIsTheSameForACopy() {
        var bibliography = Bibliography()
        let text = "@book{gottman2015, author = {Gottman, John M. and Silver, Nan}, title = {The Seven Principles}, publisher = {Harmony}, year = {2015}}"
        #expect(bibliography.add(text: text, path: "content/references.bib").isEmpty)
        let copy = bibliography["gottman2015"]
        #expect(copy?.authors.map(\.family) == ["Gottman", "Silver"])
        #expect(copy?.title.plain == "The seven principles")
    }
}
