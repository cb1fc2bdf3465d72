import Foundation

/// Turns the LaTeX that reference managers write into plain Unicode text.
enum LaTeXText {
    private static let accents: [Character: Character] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "c": "\u{0327}", "v": "\u{030C}", "u": "\u{0306}", "H": "\u{030B}", "r": "\u{030A}",
        "k": "\u{0328}",
    ]
    private static let symbols: [String: String] = [
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—", "textquoteright": "’",
        "textquoteleft": "‘", "ldots": "…", "dots": "…", "textellipsis": "…", "S": "§", "P": "¶", "textbackslash": "\\", "textasciitilde": "~", "textbar": "|",
    ]
    private static let escapable: Set<Character> = ["&", "%", "$", "#", "_", "{", "}", "\\"]

    /// Decodes accents, escapes, dashes and `~`, and drops the braces that protect case.
    static func decode(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "{" || $0 == "}" || $0 == "~" || $0 == "-" || $0 == "`" || $0 == "'" }) else {
            return text
        }
        let chars = Array(text)
        var out = ""
        var index = 0
        var pendingAccent: Character? = nil
        func emit(_ character: Character) {
            if let accent = pendingAccent {
                pendingAccent = nil
                out += String(character == "ı" ? "i" : character == "ȷ" ? "j" : character) + String(accent)
            } else {
                out.append(character)
            }
        }
        while index < chars.count {
            let c = chars[index]
            switch c {
            case "{", "}":
                index += 1
            case "~":
                emit("\u{00A0}")
                index += 1
            case "-":
                if index + 2 < chars.count, chars[index + 1] == "-", chars[index + 2] == "-" {
                    emit("—"); index += 3
                } else if index + 1 < chars.count, chars[index + 1] == "-" {
                    emit("–"); index += 2
                } else {
                    emit("-"); index += 1
                }
            case "`" where index + 1 < chars.count && chars[index + 1] == "`":
                emit("“"); index += 2
            case "'" where index + 1 < chars.count && chars[index + 1] == "'":
                emit("”"); index += 2
            case "\\":
                guard index + 1 < chars.count else { index += 1; continue }
                let next = chars[index + 1]
                if escapable.contains(next) {
                    emit(next); index += 2
                } else if let accent = accents[next], !next.isLetter || (index + 2 < chars.count && (chars[index + 2] == "{" || chars[index + 2] == " ")) {
                    pendingAccent = accent
                    index += 2
                    while index < chars.count, chars[index] == " " { index += 1 }
                } else if next.isLetter {
                    var end = index + 1
                    while end < chars.count, chars[end].isLetter { end += 1 }
                    let name = String(chars[(index + 1)..<end])
                    index = end
                    if let symbol = symbols[name] {
                        for character in symbol { emit(character) }
                        if index < chars.count, chars[index] == " " { index += 1 }
                    } else if name.count == 1, let accent = accents[Character(name)] {
                        pendingAccent = accent
                    }
                    // Unknown commands such as \textit or \emph: keep their argument's text.
                } else if next == " " {
                    emit(" "); index += 2
                } else {
                    index += 2
                }
            default:
                emit(c)
                index += 1
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }
}
