/// Locators in in-text citations, spelled as APA spells them (APA 8.13).
enum APALocator {
    /// Written terms and the label APA uses, singular and plural.
    private static let terms: [(written: [String], singular: String, plural: String)] = [
        (["page", "pages", "p", "p.", "pp", "pp.", "pg", "pg.", "pgs", "pgs.", "pág.", "págs.", "página", "páginas"], "p.", "pp."),
        (["paragraph", "paragraphs", "para", "para.", "paras", "paras.", "par.", "¶", "¶¶", "párr.", "párrs.", "párrafo", "párrafos"], "para.", "paras."),
        (["chapter", "chapters", "chap.", "chap", "chaps.", "cap.", "caps.", "capítulo", "capítulos"], "Chapter", "Chapters"),
        (["section", "sections", "sec.", "sec", "secs.", "§", "§§", "sección", "secciones"], "Section", "Sections"),
        (["table", "tables", "tab.", "tbl.", "tabla", "tablas"], "Table", "Tables"),
        (["figure", "figures", "fig.", "fig", "figs.", "figura", "figuras"], "Figure", "Figures"),
        (["volume", "volumes", "vol.", "vol", "vols."], "Vol.", "Vols."),
        (["line", "lines", "l.", "ll.", "línea", "líneas"], "line", "lines"),
        (["slide", "slides", "diapositiva", "diapositivas"], "Slide", "Slides"),
        (["appendix", "apéndice"], "Appendix", "Appendices"),
    ]

    /// The locator with its label.
    static func spell(_ suffix: String, terms words: APATerms = .english) -> String {
        let text = suffix.trimmingSpaces
        guard let first = text.first else { return text }
        // A bare number is a page; a time stamp (`1:12:33`) stays as written.
        if first.isNumber { return text.contains(":") ? text : label(for: 0, numbers: text, terms: words) }
        // The usual form, `p. 33` or `pp. 33-35`, needs no search.
        for prefix in ["p. ", "pp. "] where text.hasPrefix(prefix) {
            let numbers = text.dropFirst(prefix.count)
            if numbers.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2D }) { return label(for: 0, numbers: String(numbers), terms: words) }
        }
        // A term, then the numbers: `p. 33`, `pp.33-35`, `¶4`, `chapter 2`.
        let lower = text.lowercased()
        var best: (term: Int, length: Int)?
        let initial = lower.first
        for (index, term) in terms.enumerated() {
            for written in term.written where written.first == initial && lower.hasPrefix(written) {
                let rest = lower.dropFirst(written.count)
                guard
                    rest.isEmpty || rest.first == " " || rest.first?.isNumber == true || written.hasSuffix(".") || written.hasPrefix("¶")
                        || written.hasPrefix("§")
                else { continue }
                if written.count > (best?.length ?? 0) { best = (index, written.count) }
            }
        }
        guard let best else { return dashes(text) }
        let numbers = String(text.dropFirst(best.length)).trimmingSpaces
        guard let digit = numbers.first, digit.isNumber || digit.isLetter else { return dashes(text) }
        return label(for: best.term, numbers: numbers, terms: words)
    }

    private static func label(for term: Int, numbers: String, terms words: APATerms) -> String {
        let plural = numbers.contains { $0 == "-" || $0 == "–" || $0 == "," || $0 == "&" } || numbers.contains(" and ") || numbers.contains(" y ")
        return words.locator(plural ? terms[term].plural : terms[term].singular) + " " + dashes(numbers)
    }

    /// `33-35` and `33--35` → `33–35`, between digits only.
    private static func dashes(_ text: String) -> String {
        guard text.contains("-") else { return text }
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "-" else {
                out.append(character)
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end] == "-" { end += 1 }
            // Spaces around a range's dash go: `33 - 35` → `33–35`.
            let before = out.last { $0 != " " }
            var after = end
            while after < characters.count, characters[after] == " " { after += 1 }
            if end - index <= 2, before?.isNumber == true, after < characters.count, characters[after].isNumber {
                while out.last == " " { out.removeLast() }
                out.append("–")
                index = after
            } else {
                out += String(characters[index..<end])
                index = end
            }
        }
        return out
    }
}
