import TendCore
import TendLanguage
import Testing

@Suite struct ThemeTextTests {
    /// Every built-in language says every key, with the same placeholders as English.
    @Test func everyLanguageHasEveryKey() throws {
        let english = ThemeText.english.dictionary
        for code in ["es"] {
            let words = try #require(ThemeText.builtIn(code)).dictionary
            #expect(Set(words.keys) == Set(english.keys), "\(code): \(Set(english.keys).symmetricDifference(words.keys).sorted())")
            for (key, text) in english {
                #expect(Self.placeholders(words[key] ?? "") == Self.placeholders(text), "\(code).\(key)")
            }
        }
    }

    private static func placeholders(_ text: String) -> Set<String> {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test func datesNumbersAndPlurals() throws {
        let spanish = try #require(ThemeText.builtIn("es-US"))
        let date = try #require(CalendarDate("2026-03-05"))
        #expect(spanish.longDate(date) == "5 de marzo de 2026")
        #expect(ThemeText.english.longDate(date) == "March 5, 2026")
        #expect(spanish.decimal(7.46) == "7,5" && ThemeText.english.decimal(7.46) == "7.5")
        #expect(ThemeText.english.plural("search_results", count: 1, ["query": "sleep"]) == "1 result for “sleep”.")
        #expect(spanish.plural("search_results", count: 3, ["query": "sueño"]) == "3 resultados para «sueño».")
        #expect(ThemeText.builtIn("fr") == nil)
        #expect(ThemeText.english.wordsPerMinute == 200 && spanish.wordsPerMinute == 190)
    }

    @Test func overridesAndEscaping() {
        let words = ThemeText.english.overriding(["skip_link": "Skip <to> content"])
        #expect(words["skip_link"] == "Skip <to> content" && words["nav_search"] == "Search")
        #expect(words.html("skip_link") == "Skip &lt;to&gt; content")
        #expect(ThemeText.fill("{a} and {b} and {c}", ["a": "1", "b": "2"]) == "1 and 2 and {c}")
        #expect(ThemeText.englishName(of: "es-MX") == "Spanish" && ThemeText.englishName(of: "xx") == "xx")
    }
}
