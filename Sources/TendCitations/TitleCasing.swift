/// APA's two kinds of capitalisation: sentence case for the titles of works, title case for the
/// names of periodicals.
enum TitleCasing {
    /// APA sentence case: the first word and the first word after a colon get a capital; the
    /// first word after an em dash, a question or exclamation mark keeps its case; protected text, acronyms (`PTSD`), words with
    /// inner capitals (`iPhone`, `McGill`) and the pronoun `I` are kept; every other letter is
    /// lower-cased. A single capital other than `A` is kept too (vitamin D).
    static func sentenceCase(_ text: RichText) -> RichText {
        text.mapCharacters { characters, styles in
            var out = characters
            let allCaps = !characters.indices.contains { characters[$0].isLowercase && !styles[$0].contains(.protected) }
            var startsSentence = true
            var keepsNext = false
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if isWordCharacter(character) {
                    var end = index
                    while end < characters.count, isWordCharacter(characters[end]) || isInnerWordMark(characters, end) { end += 1 }
                    if !keepsNext || startsSentence {
                        recaseWord(&out, characters, styles, index..<end, capitalise: startsSentence, titleIsAllCaps: allCaps)
                    }
                    startsSentence = false
                    keepsNext = false
                    index = end
                    continue
                }
                // After a colon the subtitle starts with a capital; after an em dash, a question or
                // an exclamation mark the first word keeps the capital it has.
                if character == ":" { startsSentence = true }
                if character == "—" || character == "?" || character == "!" { keepsNext = true }
                index += 1
            }
            return out
        }
    }

    /// Raises a periodical's name written in lower case (`Psychological review`) to APA title
    /// case: every word of four letters or more, and the first word and the first after a colon,
    /// gets a capital; words already capitalised, and everything protected, stay as they are.
    static func raiseToTitleCase(_ text: RichText) -> RichText {
        text.mapCharacters { characters, styles in
            var out = characters
            var startsPhrase = true
            var index = 0
            while index < characters.count {
                guard characters[index].isLetter else {
                    if characters[index] == ":" || characters[index] == "—" { startsPhrase = true }
                    index += 1
                    continue
                }
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end] == "’" || characters[end] == "'" { end += 1 }
                let word = String(characters[index..<end])
                let isLowercase = word.allSatisfy { !$0.isUppercase }
                if isLowercase, styles[index].isDisjoint(with: [.protected, .italic]), startsPhrase || !minorWords.contains(word) {
                    out[index] = upper(characters[index])
                }
                startsPhrase = false
                index = end
            }
            return out
        }
    }

    /// Conjunctions, articles and short prepositions APA writes in lower case inside a title.
    static let minorWords: Set<String> = [
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per", "to", "up", "via",
        "de", "du", "des", "la", "le", "les", "et", "und", "der", "die", "das",
    ]

    /// One character's capital, when it is one character (`ß` stays: its capital is two letters).
    private static func upper(_ character: Character) -> Character {
        let text = character.uppercased()
        return text.count == 1 ? Character(text) : character
    }

    private static func lower(_ character: Character) -> Character {
        let text = character.lowercased()
        return text.count == 1 ? Character(text) : character
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// An apostrophe, a hyphen or a period between letters stays inside the word (`don’t`,
    /// `self-report`, `U.S.`).
    private static func isInnerWordMark(_ characters: [Character], _ index: Int) -> Bool {
        let character = characters[index]
        guard character == "’" || character == "'" || character == "-" || character == "‐" || character == "." || character == "/" else { return false }
        return index > 0 && index + 1 < characters.count && isWordCharacter(characters[index - 1]) && isWordCharacter(characters[index + 1])
    }

    private static func recaseWord(
        _ out: inout [Character], _ characters: [Character], _ styles: [RichText.Style], _ range: Range<Int>, capitalise: Bool, titleIsAllCaps: Bool
    ) {
        // Each part of a hyphenated word is judged alone: `COVID-related`, `Self-Report`.
        var partStart = range.lowerBound
        var first = true
        for index in range.lowerBound...range.upperBound where index == range.upperBound || characters[index] == "-" || characters[index] == "/" {
            recasePart(
                &out, characters, styles, partStart..<index, capitalise: capitalise && first, titleIsAllCaps: titleIsAllCaps,
                standsAlone: partStart == range.lowerBound && index == range.upperBound)
            first = false
            partStart = index + 1
        }
    }

    private static func recasePart(
        _ out: inout [Character], _ characters: [Character], _ styles: [RichText.Style], _ range: Range<Int>, capitalise: Bool, titleIsAllCaps: Bool,
        standsAlone: Bool
    ) {
        guard !range.isEmpty else { return }
        let letters = range.filter { characters[$0].isLetter }
        guard let firstLetter = letters.first else { return }
        let word = String(characters[range])
        if !titleIsAllCaps {
            let upper = letters.filter { characters[$0].isUppercase }.count
            // An acronym (two or more capitals and no lower-case letter), a word with a capital
            // after its first letter that also has lower-case ones (iPhone, McGill), or `I`.
            if upper >= 2 && upper == letters.count { return }
            if letters.dropFirst().contains(where: { characters[$0].isUppercase }) && letters.contains(where: { characters[$0].isLowercase }) { return }
            if word == "I" || word.hasPrefix("I’") || word.hasPrefix("I'") { return }
            // A capital letter standing alone names something (vitamin D, 25 T, Plan B); only `A` is
            // an article. In a compound it is title casing (`P-n`, `N-Type`).
            if standsAlone, letters.count == 1, range.count == 1, characters[firstLetter].isUppercase, word != "A" { return }
        }
        // Protected text, and text in italics, bold, small capitals or a script (a species name, a
        // title inside a title), keeps its case.
        for index in range where styles[index].isDisjoint(with: [.protected, .italic, .bold, .smallCaps, .superscript, .subscript]) {
            if index == firstLetter && capitalise {
                out[index] = upper(characters[index])
            } else if characters[index].isUppercase {
                out[index] = lower(characters[index])
            }
        }
    }
}
