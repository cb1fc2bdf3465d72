import Testing

@testable import TendContent

/// Safe messaging: unsafe wording flagged at its line and column, pages written well left alone.
@Suite struct SafeMessagingTests {
    private func findings(_ body: String, crisis: Bool = true) -> [String] {
        SafeMessaging.findings(body: body, firstLine: 6, hasCrisisComponent: crisis).map { "\($0.line):\($0.column): \($0.message)" }
    }

    @Test func unsafeWordingIsFlaggedWhereItIs() {
        let body = "Last year a friend committed suicide.\nThe suicide epidemic is soaring, and\nhe hanged himself after a failed attempt.\n"
        #expect(
            findings(body) == [
                "6:20: 'committed suicide' stigmatises suicide", "7:13: 'epidemic' is sensational language about suicide",
                "7:25: 'soaring' is sensational language about suicide", "8:4: 'hanged himself' describes a method or means of suicide",
                "8:27: 'failed attempt' stigmatises suicide",
            ])
    }

    @Test(arguments: [
        "When someone dies by suicide, the people left behind often carry grief.\nSuicide is preventable; rates have risen in recent years (CDC, 2023).",
        "Store medicines and firearms safely, and call a suicide prevention line if you are worried.",
        "If you have thoughts of self-harm, you are not alone. Talk to someone you trust.",
        "Panic attacks feel frightening but pass. Breathe out slowly.",
        "An epidemic of loneliness is a public health concern.",
    ])
    func pagesWrittenWellAreLeftAlone(_ body: String) {
        #expect(findings(body).isEmpty)
    }

    @Test func aPageAboutSuicideWithoutCrisisHelpIsFlaggedAtTheFirstMention() {
        #expect(
            findings("Grief is heavy.\nAfter a suicide, families need support.", crisis: false) == [
                "7:9: the page speaks of suicide or self-harm but has no crisis help in its body"
            ])
    }

    @Test func codeIsLeftOut() {
        #expect(findings("Write `committed suicide` nowhere.\n```\ncommitted suicide\n```\n").isEmpty)
    }

    @Test func reviewedPagesAreSilencedInTheBuild() {
        let body = "A friend committed suicide."
        let unreviewed = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: body))).0
        let reviewed = MinimalSite.build(MinimalSite.files(article: MinimalSite.article("safe_messaging: reviewed\n", body: body))).0
        #expect(unreviewed.diagnostics.contains { $0.message == "'committed suicide' stigmatises suicide" && $0.location.line == 7 })
        #expect(!reviewed.diagnostics.contains { $0.message.contains("suicide") })
    }
}

extension SafeMessagingTests {
    @Test func theTopicScanIgnoresCase() {
        #expect(SafeMessaging.mentionsTopic("A page about SUICIDE prevention") && SafeMessaging.mentionsTopic("Self-Harm and you"))
        #expect(!SafeMessaging.mentionsTopic("A page about sleep and stress"))
    }

    /// Property: the scan finds a stem exactly where a plain search of the ASCII-lower-cased text
    /// does (texts made of stems' pieces in any case, with other bytes between them).
    @Test func theTopicScanMissesNothing() {
        for vocabulary in [SafeMessaging.Vocabulary.english, .spanish] {
            let stems = vocabulary.stems.map { String(decoding: $0, as: UTF8.self) }
            _ = fuzz(iterations: 2_000, seed: 5) { random in
                var text = ""
                for _ in 0..<Int.random(in: 0...6, using: &random) {
                    let stem = stems.randomElement(using: &random)!
                    let piece = String(stem.prefix(Int.random(in: 1...stem.count, using: &random)))
                    text += Bool.random(using: &random) ? piece.uppercased() : piece
                    text += ["", " ", "-", "\r", "é", "s", "k", "\u{0D}"].randomElement(using: &random)!
                }
                let lowered = String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
                let plain = stems.contains { lowered.utf8.count >= $0.utf8.count && lowered.contains($0) }
                #expect(SafeMessaging.mentionsTopic(text, vocabulary: vocabulary) == plain, "\(text)")
            }
        }
    }
}

extension SafeMessagingTests {
    @Test func spanishWordingIsFlagged() {
        let body = "Un amigo cometió suicidio el año pasado.\nLa epidemia de suicidios crece.\n"
        let found = SafeMessaging.findings(body: body, firstLine: 1, hasCrisisComponent: false, vocabulary: .forLanguage("es")).map {
            "\($0.line):\($0.column): \($0.message) — \($0.hint)"
        }
        #expect(
            found == [
                "1:10: 'cometió suicidio' stigmatises suicide — write 'murió por suicidio' (o 'se quitó la vida') instead (safe messaging guidelines)",
                "1:19: the page speaks of suicide or self-harm but has no crisis help in its body — add {{< crisis >}} on its own line near the first mention, so help is next to the words",
                "2:4: 'epidemia' is sensational language about suicide — give the trend plainly, with the figure and its source",
            ])
        // English words on a Spanish page are not Spanish findings, and the reverse.
        #expect(SafeMessaging.findings(body: "He committed suicide.", firstLine: 1, hasCrisisComponent: true, vocabulary: .spanish).isEmpty)
        #expect(SafeMessaging.mentionsTopic("SE MATÓ", vocabulary: .spanish))
    }
}
