import TendCore

/// The words of the built-in theme in one language: every label, heading and sentence Tend
/// writes around a page's own content, the month names and how a date is written. Built in for
/// English and Spanish; a site's `templates/i18n/<lang>.yml` changes or adds any of them.
public struct ThemeText: Sendable, Hashable, Encodable {
    /// The language's code as site.yml names it (`en`, `es`).
    public let code: String
    /// Every key with its text, sorted by key (a stable digest, a binary search).
    private let entries: [Entry]

    struct Entry: Sendable, Hashable, Encodable {
        let key: String
        let text: String
    }

    public init(code: String, texts: [String: String]) {
        self.code = code
        entries = texts.map { Entry(key: $0.key, text: $0.value) }.sorted { $0.key < $1.key }
    }

    /// The built-in text of `code` (`en`, `es`, or a regional form such as `es-US`); nil for a
    /// language Tend has no words for.
    public static func builtIn(_ code: String) -> ThemeText? {
        switch baseLanguage(code) {
        case "en": ThemeText(code: code, texts: BuiltInText.english)
        case "es": ThemeText(code: code, texts: BuiltInText.spanish)
        default: nil
        }
    }

    public static let english = ThemeText(code: "en", texts: BuiltInText.english)

    /// Every key a theme text has: what a site's i18n file may set.
    public static var keys: [String] { BuiltInText.english.keys.sorted() }

    /// The language's name in English, for Tend's own messages (`Spanish` for `es-MX`); the code for a language it does not name.
    public static func englishName(of code: String) -> String {
        let names = [
            "en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German", "it": "Italian", "nl": "Dutch", "zh": "Chinese",
            "vi": "Vietnamese", "ko": "Korean", "ja": "Japanese", "tl": "Tagalog", "ar": "Arabic", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
            "hi": "Hindi", "fa": "Persian", "he": "Hebrew", "ht": "Haitian Creole", "so": "Somali", "am": "Amharic", "hmn": "Hmong",
        ]
        return names[baseLanguage(code)] ?? code
    }

    /// `es` of `es-US`, lower-cased.
    public static func baseLanguage(_ code: String) -> String {
        String(code.lowercased().prefix { $0 != "-" && $0 != "_" })
    }

    /// This text with `overrides` in place of the built-in words.
    public func overriding(_ overrides: [String: String]) -> ThemeText {
        var texts = dictionary
        for (key, value) in overrides { texts[key] = value }
        return ThemeText(code: code, texts: texts)
    }

    /// True when both say every key in the same words (whatever their codes).
    public func hasSameWords(as other: ThemeText) -> Bool { entries == other.entries }

    /// Every key with its text.
    public var dictionary: [String: String] { Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.text) }) }

    /// The text of `key`; the English words when this language lacks it; the key itself for a key no language has.
    public subscript(_ key: String) -> String {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        if low < entries.count, entries[low].key == key { return entries[low].text }
        return BuiltInText.english[key] ?? key
    }

    /// The text of `key` with each `{name}` replaced by its value.
    public func format(_ key: String, _ values: [String: String]) -> String {
        Self.fill(self[key], values)
    }

    /// The text of `key` as HTML: its words escaped, each `{name}` replaced by its value (HTML already).
    public func html(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.fill(Escape.html(self[key]), values)
    }

    /// `pattern` with each `{name}` replaced by its value (an unknown name is left as written).
    public static func fill(_ pattern: String, _ values: [String: String]) -> String {
        guard pattern.contains("{") else { return pattern }
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// `March 5, 2024` in English, `5 de marzo de 2024` in Spanish.
    public func longDate(_ date: CalendarDate) -> String {
        format("date_long", ["day": String(date.day), "month": monthName(date.month), "year": String(date.year)])
    }

    /// The month's name (1 is January), as written inside a date.
    public func monthName(_ month: Int) -> String {
        self["month_\(min(max(month, 1), 12))"]
    }

    /// How many words a minute a reader of this language reads, for reading times.
    public var wordsPerMinute: Int { Int(self["words_per_minute"]) ?? 200 }

    /// `7.5` in English, `7,5` in Spanish: a number with one decimal.
    public func decimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let whole = Int(rounded.magnitude)
        let tenth = Int(((rounded.magnitude - Double(whole)) * 10).rounded())
        return (rounded < 0 ? "-" : "") + "\(whole)" + self["decimal_separator"] + "\(tenth)"
    }

    /// `1 result` / `3 results`: the `key_one` or `key_other` text with `{count}` filled in.
    public func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = String(count)
        return format(count == 1 ? key + "_one" : key + "_other", values)
    }
}
