/// Counts over a page's prose: words, distinct words for search, Flesch–Kincaid grade. All of
/// them are single passes over UTF-8 bytes that allocate nothing per word.
public enum TextStatistics {
    public static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }

    /// Lower-cased words of three or more letters, each once, in order of first use, joined by
    /// spaces. ASCII is handled byte by byte; other letters (é, ü) are kept as part of their word;
    /// general punctuation (curly quotes, dashes) separates words.
    public static func distinctWords(_ text: String) -> String {
        var seen = Set<UInt64>()
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 2)
        var wordStart = 0
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func flush() {
            let length = out.count - wordStart
            if length > 2, seen.insert(hash).inserted {
                out.append(UInt8(ascii: " "))
                wordStart = out.count
            } else {
                out.removeSubrange(wordStart...)
            }
            hash = 0xcbf2_9ce4_8422_2325
        }
        func add(_ byte: UInt8) {
            out.append(byte)
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): add(byte + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): add(byte)
                case 0xE2 where index + 2 < bytes.count && (bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81):
                    flush()
                    index += 2
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] < 0xC0:
                    flush()
                    index += 1
                case 0x80...0xFF: add(byte)
                default: flush()
                }
                index += 1
            }
        } ?? ()
        flush()
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
    /// Nil for text too short to judge (under 30 words).
    public static func fleschKincaidGrade(_ text: String) -> Double? {
        var words = 0, sentences = 0, syllables = 0
        var counter = SyllableCounter()
        var sawSentenceText = false
        func finishWord() {
            guard counter.length > 0 else { return }
            words += 1
            syllables += counter.syllables
            counter = SyllableCounter()
            sawSentenceText = true
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): counter.add(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): counter.add(byte + 32)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): counter.addNonLetter()
            case UInt8(ascii: "'"): if counter.length > 0 { counter.addNonLetter() }
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"):
                finishWord()
                if sawSentenceText {
                    sentences += 1
                    sawSentenceText = false
                }
            default:
                finishWord()
            }
        }
        finishWord()
        if sawSentenceText { sentences += 1 }
        guard words >= 30, sentences > 0 else { return nil }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Syllables of one word, fed letter by letter: vowel groups, less a silent final `e` and a
    /// silent `-es`/`-ed`; at least one.
    struct SyllableCounter {
        private(set) var length = 0
        private var letters = 0
        private var groups = 0
        private var previousVowel = false
        private var last: (UInt8, UInt8, UInt8) = (0, 0, 0)

        mutating func add(_ letter: UInt8) {
            length += 1
            letters += 1
            let vowel = Self.isVowel(letter)
            if vowel && !previousVowel { groups += 1 }
            previousVowel = vowel
            last = (last.1, last.2, letter)
        }

        mutating func addNonLetter() { length += 1 }

        var syllables: Int {
            guard letters > 0 else { return 1 }
            var count = groups
            let (third, second, final) = last
            if letters > 2, final == UInt8(ascii: "e"), !Self.isVowel(second), count > 1,
                !(second == UInt8(ascii: "l") && !Self.isVowel(third))
            {
                count -= 1
            }
            if letters > 2, second == UInt8(ascii: "e"), final == UInt8(ascii: "s") || final == UInt8(ascii: "d"), count > 1,
                !"tdscgzx".utf8.contains(third)
            {
                count -= 1
            }
            return max(count, 1)
        }

        static func isVowel(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): return true
            default: return false
            }
        }
    }
}
