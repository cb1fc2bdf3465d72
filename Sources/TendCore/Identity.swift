import Foundation

/// What makes two ids the same to a reader: case, `_` or `-` or a space, width, accents and
/// letters that look alike in other scripts (Cyrillic `а` for Latin `a`). Ids with one skeleton
/// would let one file pass for another.
public enum Identity {
    /// The id with everything a reader cannot tell apart folded away.
    public static func skeleton(_ id: String) -> String {
        let folded = id.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for scalar in folded.unicodeScalars {
            if scalar == "_" || scalar == "-" || scalar == " " || scalar == "." { continue }
            if let latin = confusables[scalar] { out.unicodeScalars.append(latin) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// Letters of other scripts drawn like a Latin letter (after case folding), and Latin look-alikes.
    private static let confusables: [Unicode.Scalar: Unicode.Scalar] = [
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
        "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        "ı": "i", "ł": "l", "ø": "o", "0": "o", "1": "l", "ǀ": "l",
    ]
}
