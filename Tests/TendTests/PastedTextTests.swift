import Testing

@testable import TendContent

/// Pasted text: invisible characters reported where they are, harmless ones normalised, harmful
/// ones errors with the fix; typed bullets and curly-quoted YAML values explained.
@Suite struct PastedTextTests {
    private func clean(_ text: String) -> (text: String, messages: [String]) {
        let (cleaned, diagnostics) = PastedText.clean(text, path: "content/articles/a.md")
        return (cleaned, diagnostics.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" })
    }

    @Test func harmlessCharactersAreNormalisedWithOneWarningPerKind() {
        let (text, messages) = clean("---\ntitle: A\u{00A0}title\n---\nSome\u{00A0}text,\u{00A0}a soft\u{00AD}hyphen and a zero\u{200B}width space.\n")
        #expect(text == "---\ntitle: A title\n---\nSome text, a softhyphen and a zerowidth space.\n")
        #expect(
            messages == [
                "2:9: warning: 3 non-breaking spaces (the first here) were replaced by normal spaces",
                "4:20: warning: a soft hyphen (often pasted from a word processor) was removed",
                "4:39: warning: a zero-width space (often pasted from a word processor) was removed",
            ])
    }

    @Test func harmfulPlacesAreErrorsThatSayTheFix() {
        let (_, messages) = clean(
            "---\ndate:\u{00A0}2026-01-05\nsl\u{200B}ug: x\n---\nA claim [@gottman2015\u{200B}].\n\nSee [the site](https://www.example.org/\u{200B}page).\n")
        #expect(
            messages == [
                "2:6: error: a non-breaking space (often pasted from a word processor) is in 'date:'",
                "3:3: error: a zero-width space is inside a front matter field name",
                "5:22: error: a zero-width space is inside the citation [@gottman2015]",
                "7:40: error: a zero-width space is inside the link address https://www.example.org/page",
            ])
    }

    @Test func typedBulletsAndCurlyQuotesAreExplained() {
        let (text, messages) = clean("---\ntitle: “A quoted title”\n---\n•\tFirst point\n• Second point\nA sentence with • inside.\n")
        #expect(text == "---\ntitle: \"A quoted title\"\n---\n- First point\n- Second point\nA sentence with • inside.\n")
        #expect(
            messages == [
                "2:8: warning: the value of 'title' is wrapped in curly quotes, which YAML keeps as text",
                "4:1: warning: the line starts with a typed bullet '•'; Markdown lists start with '- '",
                "5:1: warning: the line starts with a typed bullet '•'; Markdown lists start with '- '",
            ])
    }

    @Test func codeIsLeftAlone() {
        let source = "Text.\n\n```\n•\tnot a bullet\u{00A0}here\n```\n"
        #expect(clean(source).text == source && clean(source).messages.isEmpty)
    }
}

extension PastedTextTests {
    /// Property: the fast byte scan never skips a text the full look would change or report.
    @Test func theFastScanMissesNothing() {
        let pieces = ["---\n", "title: ", "“Quoted”", "\n", "text ", "\u{00A0}", "\u{200B}", "\u{00AD}", "• ", "– ", "—", "é", "  ", "- item", "‘a’", "```\n"]
        fuzz(iterations: 3_000, seed: 41) { random in
            let text = random.string(from: pieces, maxLength: 14)
            if !PastedText.needsLook(text) {
                let (cleaned, diagnostics) = PastedText.clean(String(text), path: "a.md", fullLook: true)
                #expect(cleaned == text && diagnostics.isEmpty, "\(text.debugDescription)")
            }
        }
    }
}
