import TendCore
import TendLanguage
import TendMarkdown

/// Safe messaging about suicide and self-harm, after the Action Alliance's Framework for
/// Successful Messaging and the Recommendations for Reporting on Suicide: on a page that speaks of
/// suicide or self-harm, stigmatising wording (with the words to use instead), descriptions of
/// methods or means, sensational words, and a body without crisis help are reported.
enum SafeMessaging {
    /// Something a page says that safe-messaging guidance asks to say otherwise.
    struct Finding: Equatable {
        let line: Int
        let column: Int
        let message: String
        let hint: String
    }

    /// What safe messaging looks for in one language: the words that make a page one about
    /// suicide or self-harm, wording to avoid with what to write instead, sensational words and
    /// descriptions of methods, all lower case.
    struct Vocabulary: Sendable {
        let topicWords: [String]
        let wording: [(phrases: [String], instead: String)]
        let sensational: [String]
        let methods: [String]
        /// The ASCII start of each topic word: text without any of them cannot mention the topic.
        let stems: [[UInt8]]

        init(topicWords: [String], wording: [(phrases: [String], instead: String)], sensational: [String], methods: [String]) {
            self.topicWords = topicWords
            self.wording = wording
            self.sensational = sensational
            self.methods = methods
            stems = Array(Set(topicWords.map { String($0.unicodeScalars.prefix { $0.isASCII }) }.filter { $0.count >= 4 })).sorted().map { Array($0.utf8) }
            var starts = [Bool](repeating: false, count: 65_536)
            for stem in stems { starts[Self.pair(stem[0], stem[1])] = true }
            stemStarts = starts
        }

        /// Which two bytes (lower-cased) start a stem: a table, so the scan hashes nothing, and
        /// stops only where a stem may start (one letter alone was any 's' or 't').
        let stemStarts: [Bool]

        /// The table index of two bytes with ASCII letters lower-cased (other bytes may meet
        /// other bytes there: a place to look closer, never one missed).
        static func pair(_ first: UInt8, _ second: UInt8) -> Int { Int(first | 0x20) << 8 | Int(second | 0x20) }

        static let english = Vocabulary(
            topicWords: [
                "suicide", "suicides", "suicidal", "self-harm", "self harm", "self-injury", "kill himself", "kill herself", "kill themselves",
                "killed himself", "killed herself", "killed themselves", "took his own life", "took her own life", "took their own life",
            ],
            wording: [
                (["committed suicide", "commit suicide", "commits suicide", "committing suicide"], "'died by suicide' (or 'killed themselves')"),
                (["successful suicide", "successful suicide attempt", "completed suicide", "successfully killed"], "'died by suicide'"),
                (["failed suicide attempt", "unsuccessful suicide attempt", "failed suicide", "failed attempt"], "'survived a suicide attempt'"),
                (["suicide victim", "victim of suicide"], "'a person who died by suicide'"),
                (["selfish act", "cowardly act", "the easy way out", "chose to end"], "words that do not judge: suicide is not a choice made freely"),
            ],
            sensational: ["epidemic", "skyrocketing", "skyrocketed", "soaring", "alarming rise", "wave of suicides", "spate of suicides"],
            methods: [
                "hanged himself", "hanged herself", "hanged themselves", "hanging himself", "hanging herself", "hanging themselves", "noose",
                "overdosed on", "lethal dose", "fatal dose", "jumped from", "jumped off", "jumped in front", "shot himself", "shot herself",
                "shot themselves", "slit his wrists", "slit her wrists", "slit their wrists", "cut his wrists", "cut her wrists", "cut their wrists",
                "carbon monoxide", "poisoned himself", "poisoned herself", "poisoned themselves", "suicide method", "method of suicide",
                "how many pills",
            ])

        /// After the WHO's and the Spanish Foundation for Suicide Prevention's guidance for media.
        static let spanish = Vocabulary(
            topicWords: [
                "suicidio", "suicidios", "suicida", "suicidas", "suicidarse", "autolesión", "autolesiones", "autolesionarse", "se quitó la vida",
                "quitarse la vida", "se quitaron la vida", "se mató", "se suicidó",
            ],
            wording: [
                (
                    ["cometió suicidio", "cometer suicidio", "comete suicidio", "cometieron suicidio", "cometido suicidio"],
                    "'murió por suicidio' (o 'se quitó la vida')"
                ),
                (["suicidio exitoso", "suicidio consumado", "logró suicidarse", "consiguió suicidarse"], "'murió por suicidio'"),
                (
                    ["intento fallido de suicidio", "intento de suicidio fallido", "suicidio fallido", "intento fracasado"],
                    "'sobrevivió a un intento de suicidio'"
                ),
                (["víctima de suicidio", "víctima del suicidio"], "'una persona que murió por suicidio'"),
                (["acto egoísta", "acto cobarde", "la salida fácil", "decidió acabar"], "palabras que no juzguen: el suicidio no es una elección libre"),
            ],
            sensational: [
                "epidemia", "se dispara", "se disparan", "se disparó", "alarmante aumento", "aumento alarmante", "ola de suicidios", "oleada de suicidios",
            ],
            methods: [
                "se ahorcó", "ahorcarse", "se ahorcaron", "soga", "sobredosis de", "dosis letal", "dosis mortal", "se lanzó desde", "se tiró desde",
                "se arrojó", "se disparó", "se pegó un tiro", "se cortó las venas", "cortarse las venas", "monóxido de carbono", "se envenenó",
                "método de suicidio", "métodos de suicidio", "cuántas pastillas",
            ])

        /// The vocabulary of the language `code` (`es-MX` is Spanish); English for any other.
        static func forLanguage(_ code: String) -> Vocabulary {
            ThemeText.baseLanguage(code) == "es" ? spanish : english
        }
    }

    /// The findings in a page's Markdown body (its first line is the file's `firstLine`), in
    /// the words of `vocabulary`, or none when the page does not speak of suicide or self-harm.
    /// Code is left out.
    static func findings(body: String, firstLine: Int, hasCrisisComponent: Bool, vocabulary: Vocabulary = .english) -> [Finding] {
        // Most pages never mention the topic: a byte scan settles that before any line is read.
        guard mentionsTopic(body, vocabulary: vocabulary) else { return [] }
        let lines = proseLines(body)
        var findings: [Finding] = []
        var firstMention: (line: Int, column: Int)?
        for (index, line) in lines.enumerated() {
            let lower = line.lowercased()
            let lineNumber = firstLine + index
            if firstMention == nil, let column = firstColumn(of: vocabulary.topicWords, in: lower) { firstMention = (lineNumber, column) }
            for rule in vocabulary.wording {
                for (phrase, column) in occurrences(of: rule.phrases, in: lower) {
                    findings.append(
                        Finding(
                            line: lineNumber, column: column, message: "'\(phrase)' stigmatises suicide",
                            hint: "write \(rule.instead) instead (safe messaging guidelines)"))
                }
            }
            for (phrase, column) in occurrences(of: vocabulary.sensational, in: lower) {
                findings.append(
                    Finding(
                        line: lineNumber, column: column, message: "'\(phrase)' is sensational language about suicide",
                        hint: "give the trend plainly, with the figure and its source"))
            }
            for (phrase, column) in occurrences(of: vocabulary.methods, in: lower) {
                findings.append(
                    Finding(
                        line: lineNumber, column: column, message: "'\(phrase)' describes a method or means of suicide",
                        hint: "say that the person died by suicide, without how; to talk about safety, write about storing medicines and firearms safely"))
            }
        }
        guard let firstMention else { return [] }
        if !hasCrisisComponent {
            findings.append(
                Finding(
                    line: firstMention.line, column: firstMention.column, message: "the page speaks of suicide or self-harm but has no crisis help in its body",
                    hint: "add {{< crisis >}} on its own line near the first mention, so help is next to the words"))
        }
        return findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// True when the text holds one of the vocabulary's stems, compared without ASCII case.
    static func mentionsTopic(_ text: String, vocabulary: Vocabulary = .english) -> Bool {
        let stems = vocabulary.stems
        var text = text
        return vocabulary.stemStarts.withUnsafeBufferPointer { starts in
            text.withUTF8 { bytes in
                let count = bytes.count
                var index = 0
                while index + 1 < count {
                    if starts[Vocabulary.pair(bytes[index], bytes[index + 1])] {
                        let byte = bytes[index] | 0x20
                        for stem in stems where stem[0] == byte && index + stem.count <= count {
                            var matches = true
                            for offset in 1..<stem.count where (bytes[index + offset] | (stem[offset] >= 0x61 ? 0x20 : 0)) != stem[offset] {
                                matches = false
                                break
                            }
                            if matches { return true }
                        }
                    }
                    index += 1
                }
                return false
            }
        }
    }

    /// The body's lines with fenced code blocks and inline code blanked (line numbers kept).
    private static func proseLines(_ body: String) -> [String] {
        var inFence = false
        return body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                return ""
            }
            if inFence { return "" }
            var out = ""
            var inCode = false
            for character in line {
                if character == "`" { inCode.toggle() }
                out.append(inCode || character == "`" ? " " : character)
            }
            return out
        }
    }

    /// Every whole-word occurrence of the phrases, with its 1-based UTF-8 column.
    private static func occurrences(of phrases: [String], in line: String) -> [(String, Int)] {
        var found: [(String, Int)] = []
        for phrase in phrases {
            var searchStart = line.startIndex
            while let range = line.range(of: phrase, range: searchStart..<line.endIndex) {
                let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
                let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
                if !(before?.isLetter ?? false), !(after?.isLetter ?? false) {
                    found.append((phrase, line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1))
                }
                searchStart = range.upperBound
            }
        }
        // A longer phrase found where a shorter one is too is reported once.
        return found.filter { candidate in
            !found.contains { other in other.1 == candidate.1 && other.0.count > candidate.0.count && other.0.hasPrefix(candidate.0) }
        }
    }

    private static func firstColumn(of phrases: [String], in line: String) -> Int? {
        occurrences(of: phrases, in: line).map(\.1).min()
    }
}

/// Runs the safe-messaging checks on the page's body: warnings in `build` and `check`, unless
/// the page says `safe_messaging: reviewed`.
struct SafeMessagingPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        guard !context.matter.safeMessagingReviewed else { return }
        let findings = SafeMessaging.findings(
            body: context.body, firstLine: context.lineOffset + 1, hasCrisisComponent: draft.usedComponents.contains("crisis"),
            vocabulary: .forLanguage(context.config.language))
        for finding in findings {
            diagnostics.warning(
                SourceLocation(path: context.path, line: finding.line, column: finding.column), finding.message,
                hint: finding.hint + "; when a clinician has read the page, safe_messaging: reviewed silences these")
        }
    }
}
