import Testing

@testable import TendContent

@Suite struct TextStatisticsTests {
    @Test func distinctWordsAreLowerCasedOnceInOrder() {
        #expect(
            TextStatistics.searchWords("The cat — the CAT’s hat, and a cat… Über über 42 4242") == ("the cat hat and Über über 4242", 13),
            "ASCII letters are lower-cased; others kept as written")
        #expect(TextStatistics.searchWords("") == ("", 0))
        #expect(TextStatistics.searchWords("  two\twords\n").count == 2)
    }

    /// Property: the same words and count as a plain reading of the rules, on texts of up to
    /// thousands of distinct words (the set grows many times).
    @Test func distinctWordsMatchAPlainReading() {
        _ = fuzz(iterations: 200, seed: 11) { random in
            let letters = Array("abcdefghijklmnopqrstuvwxyzABC0189éü")
            let separators = [" ", "\n", ", ", ". ", "—", "’", "\u{a0}"]
            var text = ""
            for _ in 0..<Int.random(in: 0...3_000, using: &random) {
                text += String((0..<Int.random(in: 1...9, using: &random)).map { _ in letters.randomElement(using: &random)! })
                text += separators.randomElement(using: &random)!
            }
            var seen = Set<String>()
            var expected: [String] = []
            let words = text.lowercased().split { !($0.isASCII ? ($0.isLetter || $0.isNumber) : ($0 != "—" && $0 != "’" && $0 != "\u{a0}")) }
            for word in words.map(String.init) where word.unicodeScalars.count > 0 && word.utf8.count > 2 && seen.insert(word).inserted {
                expected.append(word)
            }
            let count = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
            #expect(TextStatistics.searchWords(text) == (expected.joined(separator: " "), count))
        }
    }

    @Test func readabilityGradeOfKnownText() {
        // 36 one-syllable words in 3 sentences: 0.39 × 12 + 11.8 × 1 − 15.59 = 0.89.
        let text =
            "The cat sat on the mat in the sun all day long. We like to walk by the sea with our dog and cat. It is a good day to rest and read a nice book."
        let grade = TextStatistics.fleschKincaidGrade(text)
        #expect(grade.map { abs($0 - 0.89) < 0.001 } == true, "got \(String(describing: grade))")
        let dense = String(
            repeating: "Psychoeducational interventions operationalize multidimensional neurophysiological regulation considerations. ", count: 6)
        #expect(TextStatistics.fleschKincaidGrade(dense)! > 16)
        #expect(TextStatistics.fleschKincaidGrade("Too short.") == nil)
    }

    /// Spanish syllables: diphthongs are one, hiatus (two strong vowels, an accented í or ú) two.
    @Test(arguments: [
        ("ciudad", 2), ("país", 2), ("poeta", 3), ("guitarra", 3), ("aéreo", 4), ("leí", 2), ("hoy", 1), ("y", 1), ("reparación", 4),
        ("psicoeducación", 6), ("muy", 1), ("búho", 2),
    ])
    func spanishSyllables(word: String, syllables: Int) {
        var counter = TextStatistics.SpanishSyllableCounter()
        for scalar in word.unicodeScalars { counter.add(scalar) }
        #expect(counter.syllables == syllables, "\(word)")
    }

    @Test func fernandezHuertaOfKnownText() throws {
        // Short words in short sentences: an ease above 90, the lowest grade.
        let text = "Todo bien. El sol sale. La casa es de mi madre y de mi padre. Hoy voy con mi perro al mar, al sol y a la paz de la mañana."
        let ease = try #require(TextStatistics.fernandezHuertaEase(text))
        #expect(ease > 90)
        #expect(TextStatistics.fernandezHuertaGrade(text) == 4)
        let dense = String(
            repeating: "La psicoeducación interdisciplinaria contemporánea operacionaliza consideraciones neurofisiológicas multidimensionales. ", count: 5)
        #expect(try #require(TextStatistics.fernandezHuertaGrade(dense)) > 12)
        #expect(TextStatistics.gradeForReadingEase(60) == 8 && TextStatistics.readingEase(forGrade: 8) == 60)
        #expect(TextStatistics.readingEase(forGrade: TextStatistics.gradeForReadingEase(42)) == 42)
    }
}
