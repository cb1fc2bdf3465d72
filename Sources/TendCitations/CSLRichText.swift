import TendCore

/// CSL-JSON's rich text: `<i>`, `<b>`, `<sup>`, `<sub>`, `<sc>`, `<span class="nocase">` and
/// `<span style="font-variant:small-caps;">`, with HTML's character references.
enum CSLRichText {
    /// The text with its styles, and every tag that is not CSL rich text (its text is kept).
    static func parse(_ text: String) -> (text: RichText, unknownTags: [String]) {
        guard text.contains(where: { $0 == "<" || $0 == "&" || $0 == "'" || $0 == "\"" }) else { return (RichText(text).collapsingWhitespace, []) }
        var out = RichText()
        var unknown: [String] = []
        var stack: [(name: String, style: RichText.Style)] = []
        var style: RichText.Style { stack.reduce(into: []) { $0.formUnion($1.style) } }
        var pending = ""
        var index = text.startIndex
        var quoteOpens = true
        func flush() {
            out.append(typographic(HTMLEntities.decode(pending), quoteOpens: &quoteOpens), style: style)
            pending = ""
        }
        while index < text.endIndex {
            let character = text[index]
            guard character == "<", let close = text[index...].firstIndex(of: ">") else {
                pending.append(character)
                index = text.index(after: index)
                continue
            }
            let tag = String(text[text.index(after: index)..<close])
            // `p < .05` is text: a tag starts with a letter (or `/` and a letter) right after `<`.
            let nameStart = tag.hasPrefix("/") ? tag.dropFirst() : Substring(tag)
            guard let first = nameStart.first, first.isASCII, first.isLetter, !tag.contains("<") else {
                pending.append(character)
                index = text.index(after: index)
                continue
            }
            let lower = tag.lowercased().trimmingCharacters(in: .whitespaces)
            index = text.index(after: close)
            flush()
            if lower.hasPrefix("/") {
                let name = String(lower.dropFirst()).trimmingCharacters(in: .whitespaces)
                if let open = stack.lastIndex(where: { $0.name == name }) {
                    stack.removeSubrange(open...)
                } else if !["i", "b", "sup", "sub", "sc", "span", "em", "strong"].contains(name) {
                    unknown.append("<" + tag + ">")
                }
                continue
            }
            let name = String(lower.prefix { $0.isLetter })
            switch name {
            case "i", "em": stack.append((name, .italic))
            case "b", "strong": stack.append((name, .bold))
            case "sup": stack.append((name, .superscript))
            case "sub": stack.append((name, .subscript))
            case "sc": stack.append((name, .smallCaps))
            case "span":
                let compact = lower.filter { $0 != " " }
                if compact.contains("class=\"nocase\"") || compact.contains("class='nocase'") {
                    stack.append((name, .protected))
                } else if compact.contains("small-caps") {
                    stack.append((name, .smallCaps))
                } else if compact.contains("font-style:italic") {
                    stack.append((name, .italic))
                } else {
                    stack.append((name, []))
                }
            case "br":
                pending.append(" ")
            default:
                unknown.append("<" + tag + ">")
            }
        }
        flush()
        return (out.collapsingWhitespace, unknown)
    }

    /// Straight quotes as typographic ones, as the rest of the page sets them: `Man's` → `Man’s`,
    /// `"safe"` → `“safe”`.
    static func typographic(_ text: String, quoteOpens: inout Bool) -> String {
        guard text.contains("'") || text.contains("\"") else { return text }
        var out = ""
        var previous: Character = " "
        for character in text {
            switch character {
            case "'":
                out.append(previous.isLetter || previous.isNumber ? "’" : "‘")
            case "\"":
                out.append(quoteOpens ? "“" : "”")
                quoteOpens.toggle()
            default:
                out.append(character)
            }
            previous = character
        }
        return out
    }

}
