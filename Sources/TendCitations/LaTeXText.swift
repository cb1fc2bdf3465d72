import Foundation

/// Turns the LaTeX that reference managers write (Better BibTeX, JabRef, BibDesk, Google
/// Scholar) into rich text: accents and special letters, escapes, dashes and quotes, text styles,
/// URLs, math in Unicode. Top-level `{…}` groups protect case. A command it does not know keeps
/// its argument's text and is reported.
struct LaTeXText {
    /// A command Tend does not know, at a character offset into the converted value.
    struct Warning: Equatable {
        let offset: Int
        let command: String
    }

    private let characters: [Character]
    private var index = 0
    private(set) var warnings: [Warning] = []

    private init(_ text: String) { characters = Array(text) }

    /// Converts one field value; `protectsGroups` is true for titles, where a top-level brace
    /// group keeps its capitals.
    static func convert(_ text: String, protectsGroups: Bool = true) -> (text: RichText, warnings: [Warning]) {
        // Most values are plain: nothing to convert.
        if !text.contains(where: { specialCharacters.contains($0) }) { return (RichText(text).collapsingWhitespace, []) }
        var converter = LaTeXText(text)
        var out = RichText()
        converter.parseGroup(into: &out, style: [], depth: protectsGroups ? 0 : 1)
        return (out.collapsingWhitespace.precomposed, converter.warnings)
    }

    /// Plain text of a value (names, places, numbers).
    static func plain(_ text: String) -> String { convert(text, protectsGroups: false).text.plain }

    private static let specialCharacters: Set<Character> = ["\\", "{", "}", "~", "-", "`", "'", "$", "\"", "^", "_"]

    // MARK: Text mode

    private mutating func parseGroup(into out: inout RichText, style: RichText.Style, depth: Int) {
        var style = style
        var openQuote = true
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "}":
                index += 1
                if depth > 0 { return }
            case "{":
                index += 1
                var inner = style
                // A top-level group protects its letters unless it is a special character
                // (`{\'e}`, `{\o}`), as in BibTeX.
                if depth == 0, !startsSpecialCharacter() { inner.insert(.protected) }
                parseGroup(into: &out, style: inner, depth: depth + 1)
            case "\\":
                command(into: &out, style: &style, depth: depth)
            case "$":
                index += 1
                // `$$…$$` is display math, `$…$` inline; `$a$$b$` is two inline formulas.
                let display = index < characters.count && characters[index] == "$"
                if display { index += 1 }
                math(into: &out, style: style, display: display)
            case "~":
                out.append("\u{00A0}", style: style)
                index += 1
            case "-":
                if next(1) == "-" && next(2) == "-" {
                    out.append("—", style: style)
                    index += 3
                } else if next(1) == "-" {
                    out.append("–", style: style)
                    index += 2
                } else {
                    out.append("-", style: style)
                    index += 1
                }
            case "`":
                if next(1) == "`" {
                    out.append("“", style: style)
                    index += 2
                } else {
                    out.append("‘", style: style)
                    index += 1
                }
            case "'":
                if next(1) == "'" {
                    out.append("”", style: style)
                    index += 2
                } else {
                    out.append("’", style: style)
                    index += 1
                }
            case "\"":
                out.append(openQuote ? "“" : "”", style: style)
                openQuote.toggle()
                index += 1
            default:
                if character == " " || character == "\n" {
                    openQuote = true
                } else if character.isLetter || character.isNumber {
                    openQuote = false
                }
                out.append(String(character), style: style)
                index += 1
            }
        }
    }

    /// True at `\'e`, `\v s`, `\o`, `\ss`: an accent or a special letter.
    private func startsSpecialCharacter() -> Bool {
        guard index + 1 < characters.count, characters[index] == "\\" else { return false }
        let first = characters[index + 1]
        if !first.isLetter { return Self.accents[first] != nil }
        var end = index + 1
        while end < characters.count, characters[end].isLetter { end += 1 }
        let name = String(characters[(index + 1)..<end])
        return (name.count == 1 && Self.accents[Character(name)] != nil)
            || ["o", "O", "l", "L", "i", "j", "ss", "ae", "AE", "oe", "OE", "aa", "AA"].contains(name)
    }

    private func next(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private mutating func command(into out: inout RichText, style: inout RichText.Style, depth: Int) {
        let start = index
        index += 1
        guard index < characters.count else { return }
        let first = characters[index]
        if !first.isLetter {
            index += 1
            if let accent = Self.accents[first] {
                out.append(accented(accent), style: style)
                return
            }
            switch first {
            case "\\": out.append(" ", style: style)
            case " ", ",", ";", ":", "\n": out.append(" ", style: style)
            case "-", "/", "@", "!": break
            default: out.append(String(first), style: style)
            }
            return
        }
        var end = index
        while end < characters.count, characters[end].isLetter { end += 1 }
        let name = String(characters[index..<end])
        index = end
        // TeX skips the spaces after a control word (`{\TeX book}` is “TeXbook”).
        while index < characters.count, characters[index] == " " { index += 1 }
        if let accent = name.count == 1 ? Self.accents[Character(name)] : Self.namedAccents[name] {
            out.append(accented(accent), style: style)
            return
        }
        if let symbol = Self.symbols[name] {
            out.append(symbol, style: style)
            return
        }
        if let added = Self.styleCommands[name] {
            var inner = style.union(added)
            if name == "textup" || name == "textrm" || name == "textnormal" || name == "mathrm" { inner.remove(.italic) }
            argument(into: &out, style: inner)
            return
        }
        if let declared = Self.declarations[name] {
            // `{\em text}`: the style holds to the end of the group.
            if declared.isEmpty { style.remove(.italic) } else { style.formUnion(declared) }
            return
        }
        switch name {
        case "url", "path", "nolinkurl":
            out.append(verbatimArgument(), style: style)
        case "href":
            _ = verbatimArgument()
            argument(into: &out, style: style)
        case "enquote", "mkbibquote":
            out.append("“", style: style)
            argument(into: &out, style: style)
            out.append("”", style: style)
        case "noopsort", "sortkey", "hyphenation", "label", "index", "vphantom", "phantom", "begin", "end":
            _ = verbatimArgument()
        case "hspace", "hskip", "kern":
            _ = verbatimArgument()
            out.append(" ", style: style)
        case "discretionary":
            // {pre-break}{post-break}{no break}: the text as it reads unbroken.
            _ = verbatimArgument()
            _ = verbatimArgument()
            argument(into: &out, style: style)
        case "symbol":
            if let code = UInt32(verbatimArgument().trimmingCharacters(in: .whitespaces)), let scalar = Unicode.Scalar(code) {
                out.append(String(Character(scalar)), style: style)
            }
        case "bibcyr", "ppno", "nopp", "bibstring":
            if name == "bibstring" { argument(into: &out, style: style) }
        case "mbox", "hbox", "text", "textmd", "NoCaseChange", "nocase", "ensuremath", "unskip":
            if name == "ensuremath" {
                var converter = LaTeXText(verbatimArgument() + "$")
                converter.math(into: &out, style: style)
                warnings += converter.warnings.map { Warning(offset: start, command: $0.command) }
            } else {
                argument(into: &out, style: name == "nocase" || name == "NoCaseChange" ? style.union(.protected) : style)
            }
        case "par", "newline", "linebreak", "relax", "protect", "xspace", "null", "ignorespaces":
            if name == "par" || name == "newline" || name == "linebreak" { out.append(" ", style: style) }
        default:
            warnings.append(Warning(offset: start, command: "\\" + name))
            // Its arguments' text is kept.
            while index < characters.count, characters[index] == "[" {
                while index < characters.count, characters[index] != "]" { index += 1 }
                index += 1
            }
            while index < characters.count, characters[index] == "{" { argument(into: &out, style: style) }
        }
    }

    /// `{…}` or one character, converted in `style`.
    private mutating func argument(into out: inout RichText, style: RichText.Style) {
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index < characters.count else { return }
        if characters[index] == "{" {
            index += 1
            parseGroup(into: &out, style: style, depth: 1)
        } else if characters[index] == "\\" {
            var current = style
            command(into: &out, style: &current, depth: 1)
        } else if characters[index] == "$" || characters[index] == "}" || characters[index] == "`" || characters[index] == "'" {
            // Not an argument: left for the text (or math) that follows.
            return
        } else {
            out.append(String(characters[index]), style: style)
            index += 1
        }
    }

    /// A braced argument's characters as written (URLs).
    private mutating func verbatimArgument() -> String {
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index < characters.count, characters[index] == "{" else { return "" }
        var depth = 0
        var text = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\\", index < characters.count, "%&#_{}~$".contains(characters[index]) {
                text.append(characters[index])
                index += 1
                continue
            }
            if character == "{" {
                depth += 1
                if depth == 1 { continue }
            }
            if character == "}" {
                depth -= 1
                if depth == 0 { break }
            }
            text.append(character)
        }
        return text
    }

    /// The accented letter of an accent command's argument: `\v{s}`, `\'e`, `\"{\i}`.
    private mutating func accented(_ accent: Character) -> String {
        var base = RichText()
        argument(into: &base, style: [])
        var letters = base.plain
        if letters.isEmpty { return "" }
        let first = letters.removeFirst()
        let letter: Character = first == "ı" ? "i" : first == "ȷ" ? "j" : first
        return (String(letter) + String(accent)).precomposedStringWithCanonicalMapping + letters
    }

    // MARK: Math mode

    private mutating func math(into out: inout RichText, style: RichText.Style, display: Bool = false) {
        var pending = ""
        func flush(_ out: inout RichText) {
            if !pending.isEmpty { out.append(pending, style: style) }
            pending = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "$" {
                index += 1
                if display, index < characters.count, characters[index] == "$" { index += 1 }
                break
            }
            switch character {
            case "^", "_":
                index += 1
                flush(&out)
                var script = RichText()
                mathAtom(into: &script, style: [])
                out.append(Self.script(script.plain, superscript: character == "^", style: style))
            case "\\":
                flush(&out)
                mathCommand(into: &out, style: style)
            case "{", "}":
                index += 1
            case "<", ">", "=":
                flush(&out)
                appendRelation(character == "<" ? "<" : character == ">" ? ">" : "=", into: &out, style: style)
                index += 1
            case "-":
                pending.append("−")
                index += 1
            case "'":
                pending.append("′")
                index += 1
            case "`", "\"", "~", "&":
                // Quotes have no meaning in math; `~` and `&` are spacing.
                if character != "`" && character != "\"" { pending.append(" ") }
                index += 1
            case " ", "\n":
                pending.append(" ")
                index += 1
            default:
                if character.isLetter {
                    flush(&out)
                    out.append(String(character), style: style.union(.italic))
                } else {
                    pending.append(character)
                }
                index += 1
            }
        }
        flush(&out)
    }

    /// One symbol or `{group}` of math, for a superscript or subscript.
    private mutating func mathAtom(into out: inout RichText, style: RichText.Style) {
        guard index < characters.count else { return }
        if characters[index] == "{" {
            var depth = 0
            var body = ""
            while index < characters.count {
                let character = characters[index]
                index += 1
                if character == "{" {
                    depth += 1
                    if depth == 1 { continue }
                }
                if character == "}" {
                    depth -= 1
                    if depth == 0 { break }
                }
                body.append(character)
            }
            var converter = LaTeXText(body + "$")
            converter.math(into: &out, style: style)
            warnings += converter.warnings
        } else if characters[index] == "\\" {
            mathCommand(into: &out, style: style)
        } else {
            out.append(String(characters[index]), style: style)
            index += 1
        }
    }

    private mutating func mathCommand(into out: inout RichText, style: RichText.Style) {
        let start = index
        index += 1
        guard index < characters.count else { return }
        if !characters[index].isLetter {
            let symbol = characters[index]
            index += 1
            switch symbol {
            case ",", ";", ":", " ", "\\": out.append(" ", style: style)
            case "!", "`", "'", "\"", "^", "~", "=", ".": break
            default: out.append(String(symbol), style: style)
            }
            return
        }
        var end = index
        while end < characters.count, characters[end].isLetter { end += 1 }
        let name = String(characters[index..<end])
        index = end
        while index < characters.count, characters[index] == " " { index += 1 }
        if let relation = Self.mathRelations[name] {
            appendRelation(relation, into: &out, style: style)
        } else if let symbol = Self.mathSymbols[name] ?? Self.symbols[name] {
            out.append(symbol, style: style)
        } else if let combining = Self.mathAccents[name] {
            var base = RichText()
            mathAtom(into: &base, style: style.union(.italic))
            out.append(base)
            out.append(String(combining), style: style)
        } else {
            switch name {
            case "mathrm", "text", "textrm", "mathup", "operatorname", "mbox":
                var inner = RichText()
                mathAtom(into: &inner, style: [])
                out.append(inner.plain, style: style)
            case "mathit", "textit", "mathbf", "textbf", "boldsymbol", "mathcal", "mathbb", "mathsf", "mathtt", "bm":
                var inner = RichText()
                mathAtom(into: &inner, style: name.contains("bf") || name.contains("bold") || name == "bm" ? style.union(.bold) : style)
                out.append(inner)
            case "frac", "tfrac", "dfrac":
                var numerator = RichText(), denominator = RichText()
                mathAtom(into: &numerator, style: style)
                mathAtom(into: &denominator, style: style)
                out.append(numerator)
                out.append("/", style: style)
                out.append(denominator)
            case "sqrt":
                out.append("√", style: style)
                mathAtom(into: &out, style: style)
            case "left", "right", "big", "Big", "bigl", "bigr", "displaystyle", "textstyle", "limits":
                break
            default:
                warnings.append(Warning(offset: start, command: "\\" + name))
                if index < characters.count, characters[index] == "{" {
                    mathAtom(into: &out, style: style)
                } else {
                    out.append(name, style: style)
                }
            }
        }
    }

    /// `p < .05`: relations are written with a space on each side.
    private func appendRelation(_ relation: String, into out: inout RichText, style: RichText.Style) {
        if let last = out.plain.last, last != " " { out.append(" ", style: style) }
        out.append(relation + " ", style: style)
    }

    /// `²` where Unicode has every character as a superscript (or subscript), else a styled run.
    private static func script(_ text: String, superscript: Bool, style: RichText.Style) -> RichText {
        let table = superscript ? superscripts : subscripts
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy({ table[$0] != nil }) {
            return RichText(runs: [.init(String(trimmed.map { table[$0]! }), style: style)])
        }
        return RichText(runs: [.init(trimmed, style: style.union(superscript ? .superscript : .subscript))])
    }

    // MARK: Tables

    private static let accents: [Character: Character] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "c": "\u{0327}", "v": "\u{030C}", "u": "\u{0306}", "H": "\u{030B}", "r": "\u{030A}",
        "k": "\u{0328}", "d": "\u{0323}", "b": "\u{0331}", "t": "\u{0361}",
    ]
    /// Accents written as words (`\textcommabelow{s}`), by name.
    private static let namedAccents: [String: Character] = [
        "textcommabelow": "\u{0326}", "textacutemacron": "\u{0304}", "textogonekcentered": "\u{0328}", "textdotbelow": "\u{0323}",
        "textsubbreve": "\u{032E}", "textsubring": "\u{0325}",
    ]
    private static let symbols: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "dj": "đ", "DJ": "Đ", "ng": "ŋ", "NG": "Ŋ",
        "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“",
        "textquotedblright": "”", "textquotesingle": "'", "textquotedbl": "\"", "quotedblbase": "„", "quotesinglbase": "‚",
        "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
        "ldots": "…", "dots": "…", "textellipsis": "…", "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶",
        "textbackslash": "\\", "textasciitilde": "~", "textbar": "|", "textasciicircum": "^", "textunderscore": "_",
        "textless": "<", "textgreater": ">", "textbullet": "•", "textperiodcentered": "·", "textdegree": "°", "textregistered": "®",
        "texttrademark": "™", "textcopyright": "©", "copyright": "©", "textdagger": "†", "dag": "†", "ddag": "‡", "textdaggerdbl": "‡",
        "euro": "€", "texteuro": "€", "pounds": "£", "textsterling": "£", "textdollar": "$", "textyen": "¥", "textcent": "¢",
        "textonehalf": "½", "textonequarter": "¼", "textthreequarters": "¾", "textmu": "µ", "textexclamdown": "¡", "textquestiondown": "¿",
        "textasciigrave": "`", "textasciiacute": "´", "textbraceleft": "{", "textbraceright": "}", "textnumero": "№", "textpm": "±",
        "texttimes": "×", "textminus": "−", "textdiv": "÷", "checkmark": "✓", "textrightarrow": "→", "textleftarrow": "←",
        "textasciimacron": "¯", "textdoublepipe": "ǁ", "textdoublebarpipe": "ǂ", "textpipe": "ǀ", "rangle": "⟩", "langle": "⟨",
        "textordfeminine": "ª", "textordmasculine": "º", "textlangle": "⟨", "textrangle": "⟩",
        "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX", "XeTeX": "XeTeX", "LuaTeX": "LuaTeX", "ConTeXt": "ConTeXt",
        "AmSTeX": "AmS-TeX", "BibLaTeX": "BibLaTeX", "slash": "/", "ampersand": "&", "textampersand": "&", "textpercent": "%",
        "quad": " ", "qquad": " ", "space": " ", "nobreakspace": "\u{00A0}", "enspace": " ", "thinspace": " ",
    ]
    private static let styleCommands: [String: RichText.Style] = [
        "emph": .italic, "textit": .italic, "textsl": .italic, "mkbibemph": .italic, "mkbibitalic": .italic, "mathit": .italic,
        "textbf": .bold, "mkbibbold": .bold, "textsc": .smallCaps, "textsuperscript": .superscript, "mkbibsuperscript": .superscript,
        "textsubscript": .subscript, "mkbibsubscript": .subscript, "textup": [], "textrm": [], "textnormal": [], "textsf": [], "texttt": [],
        "mathrm": [], "uline": [], "underline": [],
    ]
    private static let declarations: [String: RichText.Style] = [
        "em": .italic, "it": .italic, "itshape": .italic, "sl": .italic, "slshape": .italic, "bf": .bold, "bfseries": .bold,
        "sc": .smallCaps, "scshape": .smallCaps, "upshape": [], "rm": [], "normalfont": [], "tt": [], "sf": [], "ttfamily": [],
        "sffamily": [], "rmfamily": [], "mdseries": [],
    ]
    private static let mathRelations: [String: String] = [
        "leq": "≤", "le": "≤", "leqslant": "≤", "geq": "≥", "ge": "≥", "geqslant": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
        "sim": "∼", "simeq": "≃", "equiv": "≡", "cong": "≅", "ll": "≪", "gg": "≫", "lt": "<", "gt": ">", "propto": "∝",
        "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔",
        "Leftrightarrow": "⇔", "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
        "pm": "±", "mp": "∓", "times": "×", "div": "÷",
    ]
    private static let mathSymbols: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
        "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ",
        "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        "cdot": "·", "bullet": "•", "ast": "∗", "star": "⋆", "circ": "∘", "infty": "∞", "partial": "∂", "nabla": "∇",
        "sum": "∑", "prod": "∏", "int": "∫", "prime": "′", "degree": "°", "cdots": "⋯", "ldots": "…", "vdots": "⋮",
        "forall": "∀", "exists": "∃", "emptyset": "∅", "neg": "¬", "wedge": "∧", "vee": "∨", "cap": "∩", "cup": "∪",
        "langle": "⟨", "rangle": "⟩", "lbrace": "{", "rbrace": "}", "vert": "|", "mid": "|", "%": "%", "hbar": "ℏ", "ell": "ℓ",
        "log": "log", "ln": "ln", "exp": "exp", "sin": "sin", "cos": "cos", "min": "min", "max": "max", "lim": "lim",
    ]
    private static let mathAccents: [String: Character] = [
        "bar": "\u{0304}", "overline": "\u{0305}", "hat": "\u{0302}", "widehat": "\u{0302}", "tilde": "\u{0303}",
        "widetilde": "\u{0303}", "dot": "\u{0307}", "ddot": "\u{0308}", "vec": "\u{20D7}",
    ]
    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "−": "⁻", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ",
    ]
    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "−": "₋", "-": "₋", "=": "₌", "(": "₍", ")": "₎",
    ]
}

extension RichText {
    /// Every run in Unicode's composed form (`e` + accent → `é`).
    var precomposed: RichText {
        RichText(runs: runs.map { Run($0.text.precomposedStringWithCanonicalMapping, style: $0.style) })
    }
}
