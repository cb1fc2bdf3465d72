import TendCitations
import TendCore
import Testing

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
