import TendCore

/// The words of APA style in one language: English as the Publication Manual writes them, and
/// Spanish as the APA's Spanish-language edition (Normas APA, 7.ª edición) writes them: "y",
/// "s.f.", "en prensa", "Trad.", "Recuperado el ... de", "Obra original publicada en".
public struct APATerms: Sendable, Hashable, Encodable {
    /// Between the last two authors in the reference list and in parenthetical citations.
    public let ampersand: String
    /// Between the last two authors in narrative citations.
    public let and: String
    public let noDate: String
    public let inPress: String
    public let present: String
    public let editor: String
    public let editors: String
    public let translator: String
    /// `(Original work published {year})`.
    public let originalWork: String
    /// `Retrieved {date}, from {url}`.
    public let retrieved: String
    /// Before a chapter's book: `In`.
    public let inWord: String
    public let untitled: String
    public let months: [String]
    public let seasons: [String]
    /// `{date}` of a reference: `{month} {day}` / `{day} de {month}`.
    public let monthDay: String
    /// Dates in text (retrieval dates): `{month} {day}, {year}` / `{day} de {month} de {year}`.
    public let longDate: String
    /// Edition: `{ordinal} ed.`; `ordinal` is how a number becomes one (`2nd`, `2.ª`).
    public let edition: String
    public let revisedEdition: String
    public let textRevision: String
    public let volume: String
    public let volumes: String
    public let number: String
    public let report: String
    public let publication: String
    public let version: String
    public let article: String
    /// Bracketed descriptions by English name (`Film`, `Doctoral dissertation`).
    public let descriptions: [String: String]
    /// Locator labels by English name (`Chapter`, `para.`).
    public let locators: [String: String]
    /// The reference list's link back to the first citation, for screen readers.
    public let backToCitation: String
    private let ordinalStyle: Int

    public static let english = APATerms(
        ampersand: "&", and: "and", noDate: "n.d.", inPress: "in press", present: "present", editor: "Ed.", editors: "Eds.", translator: "Trans.",
        originalWork: "Original work published {year}", retrieved: "Retrieved {date}, from ", inWord: "In", untitled: "Untitled",
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        seasons: ["Spring", "Summer", "Fall", "Winter"], monthDay: "{month} {day}", longDate: "{month} {day}, {year}", edition: "{ordinal} ed.",
        revisedEdition: "Rev. ed.", textRevision: "text rev.", volume: "Vol.", volumes: "Vols.", number: "No.", report: "Report", publication: "Publication",
        version: "Version", article: "Article", descriptions: [:], locators: [:], backToCitation: "Back to the first citation", ordinalStyle: 0)

    public static let spanish = APATerms(
        ampersand: "y", and: "y", noDate: "s.f.", inPress: "en prensa", present: "presente", editor: "Ed.", editors: "Eds.", translator: "Trad.",
        originalWork: "Obra original publicada en {year}", retrieved: "Recuperado el {date} de ", inWord: "En", untitled: "Sin título",
        months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        seasons: ["primavera", "verano", "otoño", "invierno"], monthDay: "{day} de {month}", longDate: "{day} de {month} de {year}",
        edition: "{ordinal} ed.", revisedEdition: "ed. rev.", textRevision: "texto rev.", volume: "Vol.", volumes: "Vols.", number: "n.º",
        report: "Informe", publication: "Publicación", version: "Versión", article: "Artículo",
        descriptions: [
            "Doctoral dissertation": "Tesis doctoral", "Master's thesis": "Tesis de maestría", "Film": "Película", "Video": "Video",
            "Audio podcast": "Pódcast de audio", "Audio podcast episode": "Episodio de pódcast de audio",
            "TV series episode": "Episodio de serie de televisión",
            "Preprint": "Preimpresión", "Unpublished manuscript": "Manuscrito inédito", "Paper presentation": "Presentación de ponencia",
            "Poster presentation": "Presentación de póster", "Conference session": "Sesión de conferencia", "Data set": "Conjunto de datos",
            "Computer software": "Software", "Manuscript submitted for publication": "Manuscrito enviado para su publicación",
            "Manuscript in preparation": "Manuscrito en preparación",
        ],
        locators: [
            "p.": "p.", "pp.": "pp.", "para.": "párr.", "paras.": "párrs.", "Chapter": "cap.", "Chapters": "caps.", "Section": "sección",
            "Sections": "secciones", "Table": "Tabla", "Tables": "Tablas", "Figure": "Figura", "Figures": "Figuras", "Vol.": "Vol.", "Vols.": "Vols.",
            "line": "línea", "lines": "líneas", "Slide": "Diapositiva", "Slides": "Diapositivas", "Appendix": "Apéndice", "Appendices": "Apéndices",
        ],
        backToCitation: "Volver a la primera cita", ordinalStyle: 1)

    /// The terms of the language `code` (`en-US`, `es`): English for a language APA has no edition in here.
    public static func forLanguage(_ code: String) -> APATerms {
        code.lowercased().hasPrefix("es") ? .spanish : .english
    }

    /// `2nd` / `2.ª`.
    func ordinal(_ number: Int) -> String {
        if ordinalStyle == 1 { return "\(number).ª" }
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }

    /// A bracketed description (`Film`) in these terms' language.
    func describe(_ english: String) -> String { descriptions[english] ?? english }

    /// A locator label (`Chapter`) in these terms' language.
    func locator(_ english: String) -> String { locators[english] ?? english }

    /// `March 5, 2024` / `5 de marzo de 2024`.
    func longDate(_ date: CalendarDate) -> String {
        fill(longDate, ["month": months[date.month - 1], "day": String(date.day), "year": String(date.year)])
    }

    /// `pattern` with each `{name}` replaced.
    func fill(_ pattern: String, _ values: [String: String]) -> String {
        var text = pattern
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
