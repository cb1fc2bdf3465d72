/// Counts over a page's prose: words, distinct words for search, Flesch–Kincaid grade.
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

    /// Lower-cased words of three or more letters, each once, in order of first use. ASCII is
    /// handled byte by byte; other letters (é, ü) are kept as part of their word.
    public static func distinctWords(_ text: String) -> [String] {
        var seen = Set<[UInt8]>()
        var words: [String] = []
        var current: [UInt8] = []
        func flush() {
            if current.count > 2, seen.insert(current).inserted { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case 0xE2 where index + 2 < bytes.count && (bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81):
                // General punctuation (curly quotes, dashes, ellipsis) separates words.
                flush()
                index += 2
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] < 0xC0:
                // Latin-1 punctuation and the no-break space.
                flush()
                index += 1
            case 0x80...0xFF: current.append(byte)
            default: flush()
            }
            index += 1
        }
        flush()
        return words
    }

    /// The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
    /// Nil for text too short to judge (under 30 words).
    public static func fleschKincaidGrade(_ text: String) -> Double? {
        var words = 0, sentences = 0, syllables = 0
        var word: [UInt8] = []
        var sawSentenceText = false
        func finishWord() {
            guard !word.isEmpty else { return }
            words += 1
            syllables += syllableCount(word)
            word.removeAll(keepingCapacity: true)
            sawSentenceText = true
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "'"):
                if !word.isEmpty { word.append(byte) } else if byte != UInt8(ascii: "'") { word.append(byte) }
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\n"):
                finishWord()
                if sawSentenceText { sentences += 1; sawSentenceText = false }
            default:
                finishWord()
            }
        }
        finishWord()
        if sawSentenceText { sentences += 1 }
        guard words >= 30, sentences > 0 else { return nil }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Vowel groups, less a silent final `e`; at least one.
    static func syllableCount(_ word: [UInt8]) -> Int {
        let letters = word.filter { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        guard !letters.isEmpty else { return 1 }
        func isVowel(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): return true
            default: return false
            }
        }
        var count = 0
        var previousVowel = false
        for byte in letters {
            let vowel = isVowel(byte)
            if vowel && !previousVowel { count += 1 }
            previousVowel = vowel
        }
        if letters.count > 2, letters.last == UInt8(ascii: "e"), !isVowel(letters[letters.count - 2]), count > 1 {
            let beforeE = letters[letters.count - 2]
            if !(beforeE == UInt8(ascii: "l") && !isVowel(letters[letters.count - 3])) { count -= 1 }
        }
        if letters.count > 2, letters.suffix(2).elementsEqual("es".utf8) || letters.suffix(2).elementsEqual("ed".utf8), count > 1 {
            let before = letters[letters.count - 3]
            if !"tdscgzx".utf8.contains(before) { count -= 1 }
        }
        return max(count, 1)
    }
}
