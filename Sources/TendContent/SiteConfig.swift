import Foundation
import TendCitations
import TendComponents
import TendCore
import TendFrontMatter
import TendLanguage

/// `content/site.yml`: the site's settings, validated with file positions.
public struct SiteConfig: Sendable {
    public var title = ""
    public var baseURL = "https://www.example.org/"
    public var language = "en-US"
    public var description = ""
    public var intro: String?
    public var components = ComponentContext()
    public var consultationAfterArticles = false
    public var bibliography: [String] = []
    /// How BibTeX titles are cased: APA sentence case, or as written (`citations: { titles: as-written }`).
    public var citationTitles = TitleStyle.sentence
    public var allowRawHTML = false
    /// Typographic quotes and dashes outside code (`markdown: { smart: false }` keeps them as typed).
    public var smartPunctuation = true
    public var pageSize = 10
    public var relatedCount = 3
    public var crisisBanner = true
    public var sensitiveTags: [String] = ["suicide", "self-harm", "abuse"]
    public var disclaimer = ThemeText.english["disclaimer"]
    public var readabilityMaxGrade = 8.0
    /// Months between clinical reviews (`review_every`; `review: { max_age_months }` is the older spelling).
    public var reviewMaxAgeMonths = 12
    /// Where "Leave this site" goes (`quick_exit: { url }`); nil: no quick exit.
    public var quickExitURL: String?
    /// Footer statements (`trust:`), in the order written: what the site is for, who pays for it.
    public var trustStatements: [String] = []
    /// The widths every raster image is published in (`images: { widths: [...] }`).
    public var imageWidths = [480, 960, 1440]
    /// Words for which search shows the crisis lines first, besides the built-in list.
    public var crisisSearchTerms: [String] = []
    /// `MedicalWebPage` (default) or `Article`, for JSON-LD.
    public var schemaType = "MedicalWebPage"
    /// The code of the language these settings are for (`en`; `es` for a translation's).
    public var languageCode = "en"
    /// `languages:`: every language's code, the default first; empty for a site in one language.
    public var languages: [String] = []
    /// The settings of each other language (`translations:` over these), by code.
    public var translations: [String: SiteConfig] = [:]
    /// Where `translations:` (or its absence) left the default language's words in place, by
    /// language code: what `tend check` reports.
    public var untranslated: [String: [String]] = [:]

    /// True when the site publishes more than one language.
    public var isMultilingual: Bool { languages.count > 1 }
    /// The default language's code.
    public var defaultLanguage: String { languages.first ?? languageCode }
    /// Where this language's pages are published: `/` for the default language, `/es/` for Spanish.
    public var routes: Routes { Routes(prefix: languageCode == defaultLanguage ? "/" : "/\(languageCode)/") }
    /// The theme's words in this language.
    public var words: ThemeText { components.words }

    /// The settings of the language `code` (these, for the default language or an unknown code).
    public func localized(_ code: String) -> SiteConfig {
        code == languageCode ? self : translations[code] ?? self
    }

    /// Every language's settings, the default first.
    public var everyLanguage: [SiteConfig] { [self] + languages.dropFirst().compactMap { translations[$0] } }

    public static let path = "content/site.yml"

    static let knownKeys = [
        "title", "base_url", "language", "description", "intro", "practice", "consultation", "crisis", "bibliography", "citations",
        "markdown", "page_size", "related_articles", "sensitive_tags", "disclaimer", "readability", "review", "review_every", "schema_type",
        "quick_exit", "trust", "images", "languages", "translations",
    ]

    /// What `translations: { <code>: … }` may set for a language.
    static let translatableKeys = ["title", "description", "intro", "language", "disclaimer", "practice", "consultation", "crisis", "trust", "quick_exit"]

    public init() {}

    /// Parses the text of `content/site.yml`.
    public static func parse(_ text: String, diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let fields = YAMLMapping.parse(text, path: path, firstLine: 1, diagnostics: &diagnostics) else { return nil }
        fields.warnAboutUnknownKeys(known: knownKeys, &diagnostics)
        var config = SiteConfig()
        var d = diagnostics
        defer { diagnostics = d }
        config.title = fields.require("title", &d, example: "Riverside Relational Therapy")?.string(&d) ?? ""
        if let value = fields.require("base_url", &d, example: "https://www.example.org/"), let url = value.string(&d) {
            // No space, control character, quote or angle bracket: the address goes into robots.txt, feeds and attributes.
            let isClean = url.unicodeScalars.allSatisfy { $0.value > 0x20 && !(0x7F...0x9F).contains($0.value) && !"\"'<>\\`".unicodeScalars.contains($0) }
            if isClean, let scheme = URLPolicy.scheme(of: url), scheme == "https" || scheme == "http", url.contains("://"),
                URLComponents(string: url)?.host?.isEmpty == false
            {
                config.baseURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                d.error(value.location, "'base_url' must be a full https:// address", hint: "for example: base_url: https://www.example.org/")
            }
        }
        config.language = fields["language"]?.string(&d) ?? config.language
        config.languageCode = ThemeText.baseLanguage(config.language)
        config.components.words = ThemeText.builtIn(config.language) ?? .english
        config.disclaimer = config.words["disclaimer"]
        config.components.consultationHeadline = config.words["consultation_headline"]
        config.components.crisisMessage = config.words["crisis_message"]
        config.description = fields["description"]?.string(&d) ?? ""
        config.intro = fields["intro"]?.string(&d)
        if let value = fields["bibliography"] {
            config.bibliography = value.isScalar ? [value.string(&d)].compactMap { $0 } : value.stringList(&d) ?? []
        }
        if let citations = fields["citations"]?.mapping(&d) {
            citations.warnAboutUnknownKeys(known: ["titles"], &d)
            if let value = citations["titles"], let text = value.string(&d) {
                if let style = TitleStyle(rawValue: text) {
                    config.citationTitles = style
                } else {
                    d.error(
                        value.location, "'citations.titles' must be 'sentence' or 'as-written', not '\(text)'",
                        hint: "sentence turns BibTeX titles into APA sentence case; as-written keeps them as the bibliography writes them")
                }
            }
        }
        if let markdown = fields["markdown"]?.mapping(&d) {
            markdown.warnAboutUnknownKeys(known: ["allow_html", "smart"], &d)
            config.allowRawHTML = markdown["allow_html"]?.bool(&d) ?? false
            config.smartPunctuation = markdown["smart"]?.bool(&d) ?? true
        }
        if let value = fields["page_size"], let size = value.int(&d) {
            if (1...1000).contains(size) { config.pageSize = size } else { d.error(value.location, "'page_size' must be from 1 to 1000") }
        }
        if let value = fields["related_articles"], let count = value.int(&d) { config.relatedCount = max(0, min(count, 20)) }
        if let tags = fields["sensitive_tags"]?.stringList(&d) { config.sensitiveTags = tags.map { Slug.make(from: $0) } }
        config.disclaimer = fields["disclaimer"]?.string(&d) ?? config.disclaimer
        if let readability = fields["readability"]?.mapping(&d) {
            readability.warnAboutUnknownKeys(known: ["max_grade"], &d)
            if let grade = readability["max_grade"]?.int(&d) { config.readabilityMaxGrade = Double(grade) }
        }
        if let review = fields["review"]?.mapping(&d) {
            review.warnAboutUnknownKeys(known: ["max_age_months"], &d)
            config.reviewMaxAgeMonths = review["max_age_months"]?.int(&d) ?? config.reviewMaxAgeMonths
        }
        if let value = fields["review_every"], let months = value.int(&d) {
            if (1...120).contains(months) {
                config.reviewMaxAgeMonths = months
            } else {
                d.error(value.location, "'review_every' must be a number of months from 1 to 120, not \(months)", hint: "for example: review_every: 12")
            }
        }
        if let quickExit = fields["quick_exit"]?.mapping(&d) {
            quickExit.warnAboutUnknownKeys(known: ["url"], &d)
            config.quickExitURL = config.webURL(quickExit.require("url", &d, example: "https://www.google.com/"), field: "quick_exit.url", &d)
        }
        if let images = fields["images"]?.mapping(&d) {
            images.warnAboutUnknownKeys(known: ["widths"], &d)
            if let value = images["widths"], let list = value.list(&d) {
                let widths = list.compactMap { $0.int(&d) }
                if widths.count == list.count, !widths.isEmpty, widths.count <= 8, widths.allSatisfy({ (64...4096).contains($0) }) {
                    config.imageWidths = Array(Set(widths)).sorted()
                } else {
                    d.error(
                        value.location, "'images.widths' must list from one to eight widths in pixels, each from 64 to 4096",
                        hint: "for example: widths: [480, 960, 1440]")
                }
            }
        }
        if let trust = fields["trust"]?.mapping(&d) {
            for (key, _) in trust.keys {
                if let text = trust[key]?.string(&d), !text.trimmingSpaces.isEmpty { config.trustStatements.append(text) }
            }
        }
        if let value = fields["schema_type"], let type = value.string(&d) {
            if ["MedicalWebPage", "Article"].contains(type) {
                config.schemaType = type
            } else {
                d.error(value.location, "'schema_type' must be MedicalWebPage or Article, not '\(type)'")
            }
        }
        config.components.practiceName = config.title
        if let practice = fields["practice"]?.mapping(&d) { config.readPractice(practice, &d) }
        if let consultation = fields["consultation"]?.mapping(&d) { config.readConsultation(consultation, &d) }
        if let crisis = fields["crisis"]?.mapping(&d) { config.readCrisis(crisis, &d) }
        config.readLanguages(fields, &d)
        return config
    }

    /// `languages: { default, others }` and each other language's `translations:`.
    private mutating func readLanguages(_ fields: YAMLMapping, _ d: inout Diagnostics) {
        let translations = fields["translations"]?.mapping(&d)
        guard let languages = fields["languages"]?.mapping(&d) else {
            if let translations {
                d.warning(
                    translations.location, "'translations' is ignored: the site has no 'languages:'", hint: "add languages: { default: en, others: [es] }")
            }
            return
        }
        languages.warnAboutUnknownKeys(known: ["default", "others"], &d)
        var defaultCode = languageCode
        if let value = languages["default"], let code = value.string(&d) {
            if Self.isLanguageCode(code) {
                defaultCode = code.lowercased()
            } else {
                d.error(value.location, "'languages.default' must be a language code such as en or es, not '\(code)'")
            }
        }
        if ThemeText.baseLanguage(language) != ThemeText.baseLanguage(defaultCode) { language = defaultCode }
        if languageCode != defaultCode {
            languageCode = defaultCode
            components.words = ThemeText.builtIn(defaultCode) ?? .english
        }
        var codes = [defaultCode]
        if let value = languages["others"], let others = value.isScalar ? [value.string(&d)].compactMap({ $0 }) : value.stringList(&d) {
            for code in others {
                let lower = code.lowercased()
                if !Self.isLanguageCode(code) {
                    d.error(value.location, "'languages.others' lists '\(code)', which is not a language code such as es or fr")
                } else if codes.contains(lower) {
                    d.error(value.location, "'languages.others' lists '\(code)' twice, or the default language again")
                } else {
                    codes.append(lower)
                }
            }
        }
        self.languages = codes.count > 1 ? codes : []
        guard codes.count > 1 else { return }
        var translated: [String: SiteConfig] = [:]
        for code in codes.dropFirst() {
            let mapping = translations?[code]?.mapping(&d)
            let (config, missing) = translation(code, mapping, &d)
            translated[code] = config
            untranslated[code] = missing
        }
        for (key, location) in translations?.keys ?? [] where !codes.dropFirst().contains(key) {
            d.warning(
                location, "'translations.\(key)' is ignored: '\(key)' is not in languages.others", hint: "add it to others: [\(key)], or remove these lines")
        }
        self.translations = translated
    }

    /// The settings of language `code`: these, with the language's words and what its
    /// `translations:` entry says in place of the default language's text.
    private func translation(_ code: String, _ mapping: YAMLMapping?, _ d: inout Diagnostics) -> (SiteConfig, missing: [String]) {
        var config = self
        config.translations = [:]
        config.untranslated = [:]
        config.languageCode = code
        config.language = code
        config.components.words = ThemeText.builtIn(code) ?? .english
        let words = config.words
        config.disclaimer = words["disclaimer"]
        config.components.consultationHeadline = words["consultation_headline"]
        config.components.crisisMessage = words["crisis_message"]
        config.trustStatements = []
        var missing: [String] = []
        mapping?.warnAboutUnknownKeys(known: Self.translatableKeys, &d)
        config.title = mapping?["title"]?.string(&d) ?? title
        config.description = mapping?["description"]?.string(&d) ?? ""
        config.intro = mapping?["intro"]?.string(&d)
        if let value = mapping?["language"], let tag = value.string(&d) {
            if Self.isLanguageCode(tag), ThemeText.baseLanguage(tag) == ThemeText.baseLanguage(code) {
                config.language = tag
            } else {
                d.error(value.location, "'translations.\(code).language' must be a form of '\(code)' such as \(code)-US, not '\(tag)'")
            }
        }
        if let text = mapping?["disclaimer"]?.string(&d) { config.disclaimer = text }
        if mapping?["description"] == nil, !description.isEmpty { missing.append("description") }
        if mapping?["intro"] == nil, intro != nil { missing.append("intro") }
        if let practice = mapping?["practice"]?.mapping(&d) { config.readPractice(practice, &d) }
        if let consultation = mapping?["consultation"]?.mapping(&d) {
            consultation.warnAboutUnknownKeys(known: ["headline", "body", "duration_minutes", "after_articles"], &d)
            config.components.consultationHeadline = consultation["headline"]?.string(&d) ?? config.components.consultationHeadline
            config.components.consultationBody = consultation["body"]?.string(&d) ?? ""
            if consultation["duration_minutes"] != nil { config.components.consultationMinutes = consultation["duration_minutes"]?.int(&d) }
            if let after = consultation["after_articles"]?.bool(&d) { config.consultationAfterArticles = after }
        } else {
            config.components.consultationBody = ""
            missing.append("consultation")
        }
        if let crisis = mapping?["crisis"]?.mapping(&d) {
            config.components.crisisLines = []
            config.crisisSearchTerms = []
            config.readCrisis(crisis, &d)
            if crisis["lines"] == nil { config.components.crisisLines = components.crisisLines }
        } else if !components.crisisLines.isEmpty {
            missing.append("crisis")
        }
        if let trust = mapping?["trust"]?.mapping(&d) {
            for (key, _) in trust.keys {
                if let text = trust[key]?.string(&d), !text.trimmingSpaces.isEmpty { config.trustStatements.append(text) }
            }
        } else if !trustStatements.isEmpty {
            missing.append("trust")
        }
        if let quickExit = mapping?["quick_exit"]?.mapping(&d) {
            quickExit.warnAboutUnknownKeys(known: ["url"], &d)
            config.quickExitURL = config.webURL(
                quickExit.require("url", &d, example: "https://www.google.com/"), field: "translations.\(code).quick_exit.url", &d)
        }
        return (config, missing)
    }

    /// `en`, `es`, `pt-BR`: two or three letters, then regional parts.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// Reads `practice:`; a field that is not written keeps its value (a translation changes only what it names).
    private mutating func readPractice(_ practice: YAMLMapping, _ d: inout Diagnostics) {
        practice.warnAboutUnknownKeys(known: ["name", "phone", "text", "email", "booking_url", "instagram", "links", "address"], &d)
        if let name = practice["name"]?.string(&d) { components.practiceName = name }
        if practice["phone"] != nil { components.phone = phone(practice["phone"], field: "practice.phone", &d) }
        if practice["text"] != nil { components.text = phone(practice["text"], field: "practice.text", &d) }
        if let value = practice["email"], let email = value.string(&d) {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
                !email.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "?" || $0 == "&" })
            {
                components.email = email
            } else {
                d.error(value.location, "'practice.email' is not an e-mail address: '\(email)'", hint: "write it as name@example.org")
            }
        }
        if practice["booking_url"] != nil { components.bookingURL = webURL(practice["booking_url"], field: "practice.booking_url", &d) }
        if practice["instagram"] != nil { components.instagram = webURL(practice["instagram"], field: "practice.instagram", &d) }
        if let links = practice["links"]?.list(&d) {
            components.links = []
            for entry in links {
                guard let link = entry.mapping(&d) else { continue }
                link.warnAboutUnknownKeys(known: ["label", "url"], &d)
                guard let label = link.require("label", &d, example: "All our links")?.string(&d),
                    let url = webURL(link.require("url", &d, example: "https://www.example.org/links"), field: "practice.links url", &d)
                else { continue }
                components.links.append(.init(label: label, url: url))
            }
        }
    }

    private mutating func readConsultation(_ consultation: YAMLMapping, _ d: inout Diagnostics) {
        consultation.warnAboutUnknownKeys(known: ["headline", "body", "duration_minutes", "after_articles"], &d)
        components.consultationHeadline = consultation["headline"]?.string(&d) ?? components.consultationHeadline
        components.consultationBody = consultation["body"]?.string(&d) ?? ""
        components.consultationMinutes = consultation["duration_minutes"]?.int(&d)
        consultationAfterArticles = consultation["after_articles"]?.bool(&d) ?? false
    }

    private mutating func readCrisis(_ crisis: YAMLMapping, _ d: inout Diagnostics) {
        crisis.warnAboutUnknownKeys(known: ["message", "lines", "banner", "search_terms", "emergency"], &d)
        crisisSearchTerms = crisis["search_terms"]?.stringList(&d)?.map { $0.lowercased() } ?? []
        if let emergency = crisis["emergency"] {
            components.emergencyNumber = phone(emergency, field: "crisis.emergency", shortCode: true, &d) ?? components.emergencyNumber
        }
        components.crisisMessage = crisis["message"]?.string(&d) ?? components.crisisMessage
        crisisBanner = crisis["banner"]?.bool(&d) ?? true
        for entry in crisis["lines"]?.list(&d) ?? [] {
            guard let line = entry.mapping(&d) else { continue }
            line.warnAboutUnknownKeys(known: ["label", "phone", "text"], &d)
            guard let label = line.require("label", &d, example: "988 Suicide & Crisis Lifeline")?.string(&d) else { continue }
            components.crisisLines.append(
                .init(
                    label: label, phone: phone(line["phone"], field: "crisis.lines phone", shortCode: true, &d),
                    text: phone(line["text"], field: "crisis.lines text", shortCode: true, &d)))
        }
    }

    private func phone(_ value: YAMLValue?, field: String, shortCode: Bool = false, _ d: inout Diagnostics) -> PhoneNumber? {
        guard let value, let text = value.string(&d) else { return nil }
        guard let number = PhoneNumber(text, allowShortCode: shortCode) else {
            d.error(
                value.location, "'\(field)' is not a phone number Tend can dial: '\(text)'",
                hint: "write a 10-digit US number such as \"(310) 555-0142\", or an international one starting with +, such as \"+44 20 7946 0958\"")
            return nil
        }
        return number
    }

    private func webURL(_ value: YAMLValue?, field: String, _ d: inout Diagnostics) -> String? {
        guard let value, let url = value.string(&d) else { return nil }
        guard let scheme = URLPolicy.scheme(of: url), scheme == "https" || scheme == "http", url.contains("://"),
            !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" })
        else {
            d.error(value.location, "'\(field)' must be an https:// or http:// address, not '\(url)'", hint: "for example: https://www.example.org/book")
            return nil
        }
        return url
    }
}
