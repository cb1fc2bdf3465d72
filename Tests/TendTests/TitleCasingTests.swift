import Testing

@testable import TendCitations

@Suite struct TitleCasingTests {
    /// Titles as Better BibTeX writes them (Title Case, proper nouns and acronyms protected) and the
    /// APA sentence case they become.
    @Test(arguments: [
        (
            "The Body Keeps the Score: Brain, Mind, and Body in the Healing of Trauma",
            "The body keeps the score: Brain, mind, and body in the healing of trauma"
        ),
        ("Attachment in {{Adolescence}}: {{A}} Review", "Attachment in Adolescence: A review"),
        ("Using the {{PHQ-9}} with {{Spanish}}-Speaking Clients", "Using the PHQ-9 with Spanish-speaking clients"),
        ("PTSD and DSM-5 Criteria in Veterans", "PTSD and DSM-5 criteria in veterans"),
        ("Why iPhone Users at McGill Sleep Less", "Why iPhone users at McGill sleep less"),
        ("Is Love Enough? What Couples Say", "Is love enough? What couples say"),
        ("Stress — Another Look", "Stress — Another look"),
        ("Self-Report Measures of Self-Compassion", "Self-report measures of self-compassion"),
        ("Radial P-n Junctions in N-Type Wires", "Radial p-n junctions in n-type wires"),
        ("THE EFFECTS OF GRATITUDE ON MOOD", "The effects of gratitude on mood"),
        ("Vitamin D and Mood: I Feel Better", "Vitamin D and mood: I feel better"),
        ("{\\'E}mile and the {\\O}resund Bridge", "Émile and the øresund bridge"),
        ("Why \\emph{Homo Sapiens} Cooperate", "Why Homo Sapiens cooperate"),
        ("{Gottman}'s Four Horsemen", "Gottman’s four horsemen"),
    ])
    func sentenceCase(_ written: String, _ expected: String) {
        let converted = TitleCasing.sentenceCase(LaTeXText.convert(written).text)
        #expect(converted.plain == expected)
    }

    @Test(arguments: [
        ("Psychological review", "Psychological Review"),
        ("journal of personality and social psychology", "Journal of Personality and Social Psychology"),
        ("PLoS ONE", "PLoS ONE"),
        ("eLife", "eLife"),
        ("The counseling psychologist: a journal", "The Counseling Psychologist: A Journal"),
    ])
    func periodicalNamesAreRaisedToTitleCase(_ written: String, _ expected: String) {
        #expect(TitleCasing.raiseToTitleCase(RichText(written)).plain == expected)
    }

    /// Property: sentence case never changes a protected letter, never changes the letters
    /// themselves (only their case), and is idempotent.
    @Test func sentenceCaseOnlyChangesCase() {
        let words = ["The", "{{NASA}}", "Study", "of", "{Freud}", "iPhone", "A", "Stress:", "Self-Care", "x", "I", "—", "Why?", "ÉCOLE", "ß"]
        fuzz(iterations: 2_000, seed: 77) { random in
            let written = (0..<Int.random(in: 1...9, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            let text = LaTeXText.convert(written).text
            let once = TitleCasing.sentenceCase(text)
            #expect(once.plain.lowercased() == text.plain.lowercased(), "\(written)")
            // (A title left with no lower-case letter reads as all capitals the second time.)
            if once.plain.contains(where: \.isLowercase) { #expect(TitleCasing.sentenceCase(once) == once, "\(written)") }
            for (before, after) in zip(text.runs, once.runs) where before.style.contains(.protected) {
                #expect(before.text == after.text, "\(written)")
            }
        }
    }
}
