import TendCore

/// Text with the few styles a reference needs: italics, bold, small capitals, superscript and
/// subscript, and case protection (what `{…}` in BibTeX and `<span class="nocase">` in CSL-JSON
/// mark as never to be re-cased).
public struct RichText: Hashable, Sendable, ExpressibleByStringLiteral {
    /// The styles of one run of text.
    public struct Style: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let italic = Style(rawValue: 1)
        public static let bold = Style(rawValue: 2)
        public static let smallCaps = Style(rawValue: 4)
        public static let superscript = Style(rawValue: 8)
        public static let `subscript` = Style(rawValue: 16)
        /// Case protected: sentence and title casing leave these letters as written.
        public static let protected = Style(rawValue: 32)
    }

    /// A stretch of text in one style.
    public struct Run: Hashable, Sendable {
        public var text: String
        public var style: Style
        public init(_ text: String, style: Style = []) {
            self.text = text
            self.style = style
        }
    }

    public private(set) var runs: [Run]

    public init(runs: [Run] = []) {
        self.runs = []
        for run in runs { append(run) }
    }

    public init(_ text: String) { self.init(runs: [Run(text)]) }

    public init(stringLiteral value: String) { self.init(value) }

    /// The text without styles.
    public var plain: String { runs.map(\.text).joined() }

    public var isEmpty: Bool { runs.allSatisfy { $0.text.isEmpty } }

    /// Adds a run, merged with the last one when their styles match.
    public mutating func append(_ run: Run) {
        guard !run.text.isEmpty else { return }
        if let last = runs.last, last.style == run.style {
            runs[runs.count - 1].text += run.text
        } else {
            runs.append(run)
        }
    }

    public mutating func append(_ text: String, style: Style = []) { append(Run(text, style: style)) }

    public mutating func append(_ other: RichText) { for run in other.runs { append(run) } }

    /// Both texts, joined by `separator` (plain text).
    public func joined(with other: RichText, separator: String) -> RichText {
        guard !other.isEmpty else { return self }
        guard !isEmpty else { return other }
        var joined = self
        joined.append(separator)
        joined.append(other)
        return joined
    }

    /// White space collapsed to single spaces and trimmed at both ends; a space keeps the style
    /// of the run it was written in.
    public var collapsingWhitespace: RichText {
        var out = RichText()
        var lastWasSpace = true
        for run in runs {
            var text = ""
            for character in run.text {
                if character == " " || character == "\n" || character == "\t" || character == "\r" {
                    if !lastWasSpace { text.append(" ") }
                    lastWasSpace = true
                    continue
                }
                lastWasSpace = false
                text.append(character)
            }
            out.append(text, style: run.style)
        }
        if lastWasSpace, let last = out.runs.last, last.text.hasSuffix(" ") {
            out.runs[out.runs.count - 1].text.removeLast()
            if out.runs[out.runs.count - 1].text.isEmpty { out.runs.removeLast() }
        }
        return out
    }

    /// The text as HTML, every character escaped. Inside an italic context (a book title) italic
    /// runs turn roman, as APA asks for a species name inside an italic title.
    public func html(italicContext: Bool = false) -> String {
        var html = ""
        for run in runs {
            var text = Escape.html(run.text)
            if run.style.contains(.superscript) { text = "<sup>\(text)</sup>" }
            if run.style.contains(.subscript) { text = "<sub>\(text)</sub>" }
            if run.style.contains(.smallCaps) { text = "<span class=\"small-caps\">\(text)</span>" }
            if run.style.contains(.bold) { text = "<strong>\(text)</strong>" }
            if run.style.contains(.italic) {
                text = italicContext ? "<span class=\"roman\">\(text)</span>" : "<em>\(text)</em>"
            }
            html += text
        }
        return html
    }

    /// The same text with every run's letters changed by `transform`, which sees the whole plain
    /// text and answers, per character offset, the character to write.
    func mapCharacters(_ transform: ([Character], [Style]) -> [Character]) -> RichText {
        var characters: [Character] = []
        var styles: [Style] = []
        for run in runs {
            for character in run.text {
                characters.append(character)
                styles.append(run.style)
            }
        }
        let changed = transform(characters, styles)
        var out = RichText()
        var index = 0
        for run in runs {
            let count = run.text.count
            out.append(String(changed[index..<(index + count)]), style: run.style)
            index += count
        }
        return out
    }

    /// The first part of a title, up to its first colon (for in-text citations of works without an author).
    var beforeColon: RichText {
        var out = RichText()
        for run in runs {
            if let colon = run.text.firstIndex(of: ":") {
                out.append(String(run.text[..<colon]), style: run.style)
                return out
            }
            out.append(run)
        }
        return out
    }

    /// True when the text ends in a mark that ends a sentence (so APA adds no period).
    var endsWithTerminalPunctuation: Bool {
        guard let last = plain.last(where: { $0 != "”" && $0 != "’" }) else { return false }
        return last == "." || last == "?" || last == "!"
    }
}
