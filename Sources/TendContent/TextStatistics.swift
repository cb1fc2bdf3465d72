import Foundation

/// Counts over a page's prose: words, distinct words for search, Flesch–Kincaid grade. All of
/// them are single passes over UTF-8 bytes that allocate nothing per word.
public enum TextStatistics {
    /// A page's search words and word count, in one pass. The search words: lower-cased words of
    /// three or more letters, each once, in order of first use, joined by spaces (ASCII is
    /// handled byte by byte; other letters, such as é and ü, are kept as part of their word;
    /// general punctuation, such as curly quotes and dashes, separates words). The count: runs of
    /// anything but spaces, tabs and line breaks.
    public static func searchWords(_ text: String) -> (distinct: String, count: Int) {
        var text = text
        var count = 0
        let out: [UInt8] = text.withUTF8 { bytes in
            // About one distinct word in 30 bytes of prose; the set grows when there are more.
            var seen = WordHashes(expected: bytes.count / 30)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count / 4)
            // A word is copied out (lower-cased) only when it is new: most words of a page repeat.
            var wordStart = 0
            var length = 0
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var inRun = false
            var index = 0
            while index <= bytes.count {
                var byte = UInt8(ascii: " ")
                var skip = 0
                if index < bytes.count {
                    byte = bytes[index]
                    // A multi-byte sequence skipped below is never a space, as its first byte is not.
                    let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                    if !isSpace && !inRun { count += 1 }
                    inRun = !isSpace
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                    if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
                        // General punctuation (curly quotes, dashes, ellipsis) separates words.
                        byte = UInt8(ascii: " ")
                        skip = 2
                    } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xC0 {
                        // Latin-1 punctuation and the no-break space.
                        byte = UInt8(ascii: " ")
                        skip = 1
                    }
                }
                let isWordByte =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte >= 0x80
                if isWordByte {
                    if length == 0 { wordStart = index }
                    length &+= 1
                    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                } else if length > 0 {
                    if length > 2, seen.insert(hash) {
                        for offset in wordStart..<(wordStart + length) {
                            let letter = bytes[offset]
                            out.append(letter >= UInt8(ascii: "A") && letter <= UInt8(ascii: "Z") ? letter + 32 : letter)
                        }
                        out.append(UInt8(ascii: " "))
                    }
                    length = 0
                    hash = 0xcbf2_9ce4_8422_2325
                }
                index += 1 + skip
            }
            if out.last == UInt8(ascii: " ") { out.removeLast() }
            return out
        }
        return (String(decoding: out, as: UTF8.self), count)
    }

    /// A set of words' 64-bit hashes, open addressing with linear probing: the hashes are already
    /// well spread, so they are not hashed again (a `Set` hashed each one with SipHash, and that
    /// was most of the cost of a page's search words).
    private struct WordHashes {
        private var slots: [UInt64]
        private var count = 0

        init(expected: Int) {
            var size = 64
            while size < expected * 2 { size <<= 1 }
            slots = [UInt64](repeating: 0, count: size)
        }

        /// True when `hash` was not in the set (0 marks an empty slot: a hash of 0 is kept as 1).
        mutating func insert(_ hash: UInt64) -> Bool {
            if (count + 1) * 2 > slots.count { grow() }
            let value = hash == 0 ? 1 : hash
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: (value &* 0x9e37_79b9_7f4a_7c15) >> 40) & mask
            while true {
                let slot = slots[index]
                if slot == 0 {
                    slots[index] = value
                    count += 1
                    return true
                }
                if slot == value { return false }
                index = (index + 1) & mask
            }
        }

        private mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: 0, count: old.count * 2)
            count = 0
            for value in old where value != 0 { _ = insert(value) }
        }
    }

    /// The Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
    /// Nil for text too short to judge (under 30 words).
    public static func fleschKincaidGrade(_ text: String) -> Double? {
        var text = text
        let (words, sentences, syllables) = text.withUTF8 { bytes -> (Int, Int, Int) in
            var words = 0, sentences = 0, syllables = 0
            var counter = SyllableCounter()
            var sawSentenceText = false
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: ".")
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): counter.add(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): counter.add(byte + 32)
                case UInt8(ascii: "0")...UInt8(ascii: "9"): counter.addNonLetter()
                case UInt8(ascii: "'") where counter.length > 0: counter.addNonLetter()
                default:
                    if counter.length > 0 {
                        words += 1
                        syllables += counter.syllables
                        counter = SyllableCounter()
                        sawSentenceText = true
                    }
                    let endsSentence = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "\n")
                    if endsSentence && sawSentenceText {
                        sentences += 1
                        sawSentenceText = false
                    }
                }
            }
            return (words, sentences, syllables)
        }
        guard words >= 30, sentences > 0 else { return nil }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Fernández-Huerta's reading ease for Spanish (206.84 − 0.60 × syllables per 100 words −
    /// 1.02 × sentences per 100 words; 100 is easiest), as the US school grade it corresponds to
    /// on the formula's own scale (90–100: 4th–5th grade, 60–70: 7th–8th, 30–50: college), so
    /// `readability.max_grade` means the same in every language. Nil under 30 words.
    public static func fernandezHuertaGrade(_ text: String) -> Double? {
        fernandezHuertaEase(text).map(gradeForReadingEase)
    }

    /// Fernández-Huerta's reading ease (0–100), nil under 30 words.
    public static func fernandezHuertaEase(_ text: String) -> Double? {
        var words = 0, sentences = 0, syllables = 0
        var counter = SpanishSyllableCounter()
        var sawSentenceText = false
        for scalar in text.unicodeScalars {
            let lower = Character(scalar).lowercased().unicodeScalars.first ?? scalar
            if CharacterSet.letters.contains(lower) {
                counter.add(lower)
                continue
            }
            if counter.letters > 0 {
                words += 1
                syllables += counter.syllables
                counter = SpanishSyllableCounter()
                sawSentenceText = true
            }
            if ".!?\n…".unicodeScalars.contains(scalar), sawSentenceText {
                sentences += 1
                sawSentenceText = false
            }
        }
        if counter.letters > 0 {
            words += 1
            syllables += counter.syllables
            sawSentenceText = true
        }
        if sawSentenceText { sentences += 1 }
        guard words >= 30, sentences > 0 else { return nil }
        let perHundred = 100 / Double(words)
        return 206.84 - 0.60 * Double(syllables) * perHundred - 1.02 * Double(sentences) * perHundred
    }

    /// The school grade of a reading-ease score: 100 → 4, 90 → 5, 60 → 8, 30 → 12, 0 → 16.
    public static func gradeForReadingEase(_ ease: Double) -> Double {
        let clamped = min(max(ease, 0), 100)
        return clamped >= 60 ? 4 + (100 - clamped) / 10 : 8 + (60 - clamped) / 7.5
    }

    /// The reading ease a grade corresponds to (the inverse of `gradeForReadingEase`).
    public static func readingEase(forGrade grade: Double) -> Double {
        grade <= 8 ? 100 - (grade - 4) * 10 : 60 - (grade - 8) * 7.5
    }

    /// Spanish syllables, fed letter by letter: one for each vowel nucleus, where a weak vowel
    /// (i, u, ü) next to another vowel joins it in a diphthong unless it carries the accent
    /// (í, ú), and two strong vowels (a, e, o and their accented forms) are two syllables.
    struct SpanishSyllableCounter {
        private(set) var letters = 0
        private var nuclei = 0
        private var previous: Unicode.Scalar?

        mutating func add(_ letter: Unicode.Scalar) {
            letters += 1
            defer { previous = letter }
            guard Self.isVowel(letter) else { return }
            guard let before = previous, Self.isVowel(before) else {
                nuclei += 1
                return
            }
            // Two strong vowels, or an accented weak one, split into two syllables.
            let strongPair = Self.isStrong(before) && Self.isStrong(letter)
            if strongPair || Self.isAccentedWeak(before) || Self.isAccentedWeak(letter) { nuclei += 1 }
        }

        /// `y` counts as a consonant (hoy, muy, rey: one syllable); the word `y` alone is one syllable.
        var syllables: Int { max(nuclei, 1) }

        static func isVowel(_ letter: Unicode.Scalar) -> Bool { "aeiouáéíóúü".unicodeScalars.contains(letter) }
        static func isStrong(_ letter: Unicode.Scalar) -> Bool { "aeoáéó".unicodeScalars.contains(letter) }
        static func isAccentedWeak(_ letter: Unicode.Scalar) -> Bool { letter == "í" || letter == "ú" }
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
