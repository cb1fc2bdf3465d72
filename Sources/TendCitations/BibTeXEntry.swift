import Foundation
import TendCore

/// How BibTeX titles are cased for the reference list.
public enum TitleStyle: String, Sendable {
    /// APA sentence case, made from Title Case as Zotero and Better BibTeX export it.
    case sentence
    /// Kept as the bibliography writes them.
    case asWritten = "as-written"
}

/// One field of a BibTeX entry: its raw value and where the value starts in the file (nil when
/// it was joined from `@string` macros or inherited from another entry).
struct BibTeXField {
    var value: String
    var offset: Int?
}

/// One parsed BibTeX or BibLaTeX entry, turned into a `Reference`.
struct BibTeXEntry {
    let type: String
    let key: String
    var fields: [String: BibTeXField]
    let location: SourceLocation

    /// What the mapping could not read: a message at a byte offset in the file, when the field has one.
    struct Warning {
        let offset: Int?
        let message: String
        let hint: String
    }

    /// The entry as a reference, and the LaTeX it could not read.
    func reference(titles: TitleStyle) -> (Reference, [Warning]) {
        let mapper = FieldMapper(entry: self)
        return (mapper.reference(titles: titles), mapper.warnings.items)
    }
}

/// Warnings gathered while one entry is mapped.
private final class WarningList {
    var items: [BibTeXEntry.Warning] = []
}

/// Maps one entry's fields to APA's elements, reporting what it cannot read.
private struct FieldMapper {
    let entry: BibTeXEntry
    let warnings = WarningList()

    private var fields: [String: BibTeXField] { entry.fields }

    func reference(titles: TitleStyle) -> Reference {
        let type = referenceType
        var reference = Reference(key: entry.key, type: type, location: entry.location)
        let english = isEnglish
        // Legal works keep their names as written (APA 11): case names, acts, patents.
        let legal = ["jurisdiction", "legislation", "legal", "legadminmaterial", "legmaterial", "constitution", "patent", "standard"].contains(entry.type)
        let sentenceCase = titles == .sentence && english && !legal

        // People.
        var (authors, continues) = names("author")
        var editors = names("editor").names
        if authors.isEmpty, ["director", "producer"].contains(plain("editortype").lowercased()) {
            authors = editors
            editors = []
            reference.authorRole = plain("editortype").capitalized
        }
        reference.authors = authors
        reference.authorsContinue = continues
        reference.editors = editors
        reference.translators = names("translator").names
        if reference.authorRole.isEmpty, let role = authorRole { reference.authorRole = role }
        if reference.authorRole.isEmpty, type == .film, !authors.isEmpty { reference.authorRole = "Director" }

        // Dates and publication status.
        readDates(into: &reference)

        // Titles.
        var title = rich("title")
        let subtitle = rich("subtitle")
        if !subtitle.isEmpty { title = joinSubtitle(title, subtitle) }
        reference.title = sentenceCase ? TitleCasing.sentenceCase(title) : title
        reference.titleAddon = rich("titleaddon")
        if type == .webpage && fields["organization"] == nil && fields["howpublished"] == nil {
            // Older Better BibTeX exports write the website's name as the title's addition.
            reference.containerTitle = reference.titleAddon
            reference.titleAddon = RichText()
        }
        readContainer(into: &reference, sentenceCase: sentenceCase, english: english)

        // Numbers and publication facts.
        reference.volume = plain("volume")
        let number = plain("number")
        let issue = plain("issue")
        switch type {
        case .article, .magazineArticle, .newspaperArticle:
            reference.issue = number.isEmpty ? issue : number
            reference.articleNumber = plain("eid")
        default:
            reference.issue = issue
            reference.number = number
        }
        reference.pages = plain("pages")
        reference.edition = plain("edition")
        reference.version = plain("version")
        reference.isbn = plain("isbn")
        let institution = [list("institution"), plain("school")].first { !$0.isEmpty } ?? ""
        switch type {
        case .thesis, .unpublished:
            reference.institution = institution
            reference.publisher = list("publisher")
        case .report:
            reference.publisher = [list("publisher"), institution, plain("organization")].first { !$0.isEmpty } ?? ""
        case .webpage:
            reference.publisher = ""
        case .presentation:
            reference.publisher = first("organization", "publisher")
        default:
            reference.publisher = [list("publisher"), institution, plain("organization")].first { !$0.isEmpty } ?? ""
        }
        reference.genre = genre(type)
        readEvent(into: &reference)
        readLinks(into: &reference)
        return reference
    }

    // MARK: Types

    private var referenceType: ReferenceType {
        let subtype = plain("entrysubtype").lowercased()
        switch entry.type {
        case "article":
            if subtype == "magazine" { return .magazineArticle }
            if subtype == "newspaper" { return .newspaperArticle }
            if isPreprintServer(first("journaltitle", "journal")) || plain("pubstate").lowercased() == "prepublished" { return .preprint }
            return .article
        case "book", "mvbook", "booklet", "collection", "mvcollection", "reference", "mvreference", "proceedings", "mvproceedings", "manual":
            return .book
        case "incollection", "inreference", "suppbook", "suppcollection", "bookinbook": return .chapter
        case "inbook": return fields["booktitle"] == nil ? .book : .chapter
        case "inproceedings", "conference":
            if fields["booktitle"] == nil, fields["eventtitle"] != nil || fields["venue"] != nil { return .presentation }
            return .conferencePaper
        case "presentation": return .presentation
        case "report", "techreport": return .report
        case "phdthesis", "mastersthesis", "thesis": return .thesis
        case "online", "webpage", "www", "electronic", "post":
            if isPreprintServer(plain("eprinttype")) || plain("pubstate").lowercased() == "prepublished" { return .preprint }
            return .webpage
        case "unpublished":
            if fields["eventtitle"] != nil || fields["venue"] != nil || fields["eventdate"] != nil { return .presentation }
            if isPreprintServer(plain("eprinttype")) || isPreprintServer(plain("howpublished")) { return .preprint }
            return .unpublished
        case "audio":
            if subtype.contains("episode") || fields["maintitle"] != nil || fields["booktitle"] != nil { return .podcastEpisode }
            if subtype.contains("podcast") { return .podcast }
            return .misc
        case "video", "movie":
            if subtype.contains("episode") || fields["maintitle"] != nil || fields["booktitle"] != nil { return .tvEpisode }
            if subtype == "film" || entry.type == "movie" || plain("editortype").lowercased() == "director" { return .film }
            return .video
        case "dataset", "data": return .dataset
        case "software", "code": return .software
        default:
            if isPreprintServer(plain("howpublished")) || isPreprintServer(plain("eprinttype")) { return .preprint }
            if fields["url"] != nil && fields["publisher"] == nil && fields["howpublished"] == nil { return .webpage }
            return .misc
        }
    }

    private func isPreprintServer(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard !lower.isEmpty else { return false }
        let servers = [
            "arxiv", "psyarxiv", "biorxiv", "medrxiv", "socarxiv", "edarxiv", "ssrn", "osf preprints", "research square", "preprints.org", "chemrxiv",
        ]
        return servers.contains { lower.hasPrefix($0) } || lower.contains("preprint")
    }

    /// A preprint server's name as APA writes it: `arXiv`, `PsyArXiv`.
    private func serverName(_ name: String) -> String {
        let known = [
            "arxiv": "arXiv", "psyarxiv": "PsyArXiv", "biorxiv": "bioRxiv", "medrxiv": "medRxiv", "socarxiv": "SocArXiv", "edarxiv": "EdArXiv",
            "ssrn": "SSRN", "chemrxiv": "ChemRxiv",
        ]
        let first = name.split(whereSeparator: { $0 == " " || $0 == ":" }).first.map { String($0).lowercased() } ?? ""
        return known[first] ?? name
    }

    // MARK: Names

    /// The names of a field, and whether the list ends in `and others`.
    private func names(_ field: String) -> (names: [PersonName], continues: Bool) {
        guard let value = fields[field]?.value else { return ([], false) }
        var parts = BibTeXNames.split(value)
        var continues = false
        if let last = parts.last, last.trimmingSpaces.lowercased() == "others" {
            parts.removeLast()
            continues = true
        }
        return (parts.map { BibTeXNames.parse($0) }, continues)
    }

    /// Better BibTeX's role annotation (`author+an:role = {1=host}`), when every author has the same role.
    private var authorRole: String? {
        let value = plain("author+an:role")
        guard !value.isEmpty else { return nil }
        let roles = Set(
            value.split(separator: ";").flatMap { $0.split(separator: ",") }.compactMap { $0.split(separator: "=").last.map { String($0).trimmingSpaces } })
        guard roles.count == 1, let role = roles.first, !role.isEmpty else { return nil }
        return role.prefix(1).uppercased() + role.dropFirst()
    }

    // MARK: Dates

    private func readDates(into reference: inout Reference) {
        let status =
            publicationStatus(plain("pubstate")) ?? publicationStatus(plain("year")) ?? publicationStatus(plain("date"))
            ?? publicationStatus(plain("note"))
        reference.status = status
        reference.date = FieldDates.iso(plain("date"))
        let yearText = plain("year")
        // `[1946] 2006` and `1946/2006`: the original's year, then the edition's.
        let years = yearText.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.filter { $0 > 0 }
        if years.count >= 2, yearText.contains("[") || yearText.contains("/") {
            reference.originalYear = years[0]
            reference.date = ReferenceDate(year: years[years.count - 1], month: monthNumber, day: Int(plain("day")))
        } else if reference.date == nil, let year = years.first {
            reference.date = ReferenceDate(year: year, month: monthNumber, day: Int(plain("day")))
        }
        if status == .inPress { reference.date = nil }
        if let original = FieldDates.iso(first("origdate", "origyear")) { reference.originalYear = original.year }
        reference.accessed = CalendarDate(String(plain("urldate").prefix(10)))
    }

    private var monthNumber: Int? {
        let month = plain("month")
        guard !month.isEmpty else { return nil }
        if let number = Int(month) { return (1...12).contains(number) ? number : nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.firstIndex(of: String(month.lowercased().prefix(3))).map { $0 + 1 }
    }

    private func publicationStatus(_ text: String) -> PublicationStatus? {
        switch text.lowercased().trimmingSpaces {
        case "inpress", "in press", "forthcoming", "in-press", "accepted", "to appear": return .inPress
        case "submitted", "submitted for publication", "manuscript submitted for publication": return .submitted
        case "inpreparation", "in preparation", "manuscript in preparation": return .inPreparation
        default: return nil
        }
    }

    // MARK: Containers, events, links

    private func readContainer(into reference: inout Reference, sentenceCase: Bool, english: Bool) {
        switch reference.type {
        case .article, .magazineArticle, .newspaperArticle:
            var journal = rich("journaltitle")
            if journal.isEmpty { journal = rich("journal") }
            let journalSubtitle = rich("journalsubtitle")
            if !journalSubtitle.isEmpty { journal = joinSubtitle(journal, journalSubtitle) }
            reference.containerTitle = english ? TitleCasing.raiseToTitleCase(journal) : journal
        case .chapter, .conferencePaper:
            var book = rich("booktitle")
            if book.isEmpty { book = rich("maintitle") }
            let subtitle = rich("booksubtitle")
            if !subtitle.isEmpty { book = joinSubtitle(book, subtitle) }
            reference.containerTitle = sentenceCase ? TitleCasing.sentenceCase(book) : book
        case .podcastEpisode, .tvEpisode:
            let show = [rich("maintitle"), rich("booktitle"), rich("journaltitle")].first { !$0.isEmpty } ?? RichText()
            reference.containerTitle = english ? TitleCasing.raiseToTitleCase(show) : show
        case .webpage:
            if reference.containerTitle.isEmpty {
                reference.containerTitle = [rich("organization"), rich("journaltitle"), howpublishedText].first { !$0.isEmpty } ?? RichText()
            }
        case .preprint:
            let server =
                [plain("eprinttype"), first("journaltitle", "journal"), plain("howpublished"), plain("publisher"), plain("institution")]
                .first { isPreprintServer($0) } ?? plain("eprinttype")
            reference.archive = serverName(server)
        case .video, .film, .podcast:
            reference.containerTitle = [rich("journaltitle"), howpublishedText].first { !$0.isEmpty } ?? RichText()
        case .misc, .book, .report, .dataset, .software:
            reference.containerTitle = [howpublishedText, rich("journaltitle")].first { !$0.isEmpty } ?? RichText()
        case .thesis:
            reference.archive = [plain("howpublished"), plain("organization")].first { !$0.isEmpty } ?? ""
        case .presentation, .unpublished:
            break
        }
    }

    /// `howpublished` as a source name, unless it only holds a URL.
    private var howpublishedText: RichText {
        guard let value = fields["howpublished"]?.value, !value.contains("\\url"), !value.hasPrefix("http") else { return RichText() }
        return rich("howpublished")
    }

    private func readEvent(into reference: inout Reference) {
        reference.eventTitle = plain("eventtitle")
        if reference.eventTitle.isEmpty, reference.type == .presentation { reference.eventTitle = first("booktitle", "howpublished") }
        reference.eventPlace = first("venue", "location", "address")
        reference.eventDate = FieldDates.iso(plain("eventdate"))
    }

    private func readLinks(into reference: inout Reference) {
        reference.doi = raw("doi")
        reference.url = raw("url")
        if reference.url.isEmpty, let howpublished = fields["howpublished"]?.value, let url = Self.urlInside(howpublished) {
            reference.url = url
        }
        if reference.url.isEmpty, let note = fields["note"]?.value, let url = Self.urlInside(note) { reference.url = url }
        let eprint = raw("eprint")
        guard !eprint.isEmpty else { return }
        switch plain("eprinttype").lowercased() {
        case "arxiv": if reference.url.isEmpty && reference.doi.isEmpty { reference.url = "https://arxiv.org/abs/" + eprint }
        case "pubmed": if reference.url.isEmpty && reference.doi.isEmpty { reference.url = "https://pubmed.ncbi.nlm.nih.gov/\(eprint)/" }
        case "doi": if reference.doi.isEmpty { reference.doi = eprint }
        case "hdl", "handle": if reference.url.isEmpty { reference.url = "https://hdl.handle.net/" + eprint }
        case "jstor": if reference.url.isEmpty && reference.doi.isEmpty { reference.url = "https://www.jstor.org/stable/" + eprint }
        default: if reference.url.isEmpty, eprint.hasPrefix("http") { reference.url = eprint }
        }
    }

    /// The address inside `\url{…}` or a bare `http…` value.
    private static func urlInside(_ value: String) -> String? {
        if let range = value.range(of: "\\url{") {
            let rest = value[range.upperBound...]
            return rest.firstIndex(of: "}").map { String(rest[..<$0]) }
        }
        let trimmed = value.trimmingSpaces
        return trimmed.hasPrefix("http") && !trimmed.contains(" ") ? trimmed : nil
    }

    /// The thesis, report, presentation or medium label, as APA writes it.
    private func genre(_ type: ReferenceType) -> String {
        let written = plain("type")
        let lower = written.lowercased()
        switch type {
        case .thesis:
            if entry.type == "mastersthesis" && written.isEmpty { return "Master’s thesis" }
            switch lower {
            case "", "phdthesis", "phd", "phd thesis", "ph.d. thesis", "doctoral thesis", "doctoral dissertation", "dissertation", "phd dissertation",
                "ph.d. dissertation":
                return "Doctoral dissertation"
            case "mathesis", "mastersthesis", "master's thesis", "masters thesis", "ma thesis", "msc thesis", "m.a. thesis", "m.sc. thesis", "master thesis":
                return "Master’s thesis"
            case "bathesis", "bachelor's thesis", "bachelor thesis", "ba thesis": return "Bachelor’s thesis"
            default: return capitalisedFirst(written)
            }
        case .report:
            if ["report", "techreport", "technical report", "tech. rep."].contains(lower) { return lower == "report" ? "" : "Technical Report" }
            return written
        case .presentation:
            switch lower {
            case "", "paper", "talk", "presentation", "conference presentation", "paper presentation": return "Paper presentation"
            case "poster", "poster presentation", "poster session": return "Poster presentation"
            case "keynote", "keynote address": return "Keynote address"
            default: return capitalisedFirst(written)
            }
        case .podcast, .podcastEpisode, .film, .video, .tvEpisode:
            let subtype = plain("entrysubtype")
            if subtype.contains(" ") { return capitalisedFirst(subtype) }
            return written.isEmpty || type == .film ? "" : capitalisedFirst(written)
        default:
            return capitalisedFirst(written)
        }
    }

    private func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// True unless the entry names a language other than English (titles in other languages keep their case).
    private var isEnglish: Bool {
        let language = first("langid", "language").lowercased()
        guard !language.isEmpty else { return true }
        let english = ["english", "american", "british", "canadian", "australian", "newzealand", "usenglish", "ukenglish", "en", "eng"]
        return english.contains(language) || language.hasPrefix("en-") || language.hasPrefix("en_") || language.hasPrefix("english")
    }

    // MARK: Field text

    private func joinSubtitle(_ title: RichText, _ subtitle: RichText) -> RichText {
        title.joined(with: subtitle, separator: title.endsWithTerminalPunctuation ? " " : ": ")
    }

    private func rich(_ field: String) -> RichText {
        guard let value = fields[field] else { return RichText() }
        let (text, warnings) = LaTeXText.convert(value.value)
        report(warnings, field: field, value: value)
        return text
    }

    private func plain(_ field: String) -> String {
        guard let value = fields[field] else { return "" }
        let (text, warnings) = LaTeXText.convert(value.value, protectsGroups: false)
        report(warnings, field: field, value: value)
        return text.plain.trimmingSpaces
    }

    /// A BibLaTeX list field (`publisher = {A and B}`) as APA writes it: `A; B`.
    private func list(_ field: String) -> String {
        guard let value = fields[field]?.value, value.contains(" and ") else { return plain(field) }
        return BibTeXNames.split(value).map { LaTeXText.plain($0) }.joined(separator: "; ")
    }

    private func first(_ names: String...) -> String {
        names.lazy.map { plain($0) }.first { !$0.isEmpty } ?? ""
    }

    private func report(_ unknown: [LaTeXText.Warning], field: String, value: BibTeXField) {
        for warning in unknown {
            let offset = value.offset.map { $0 + String(value.value.prefix(warning.offset)).utf8.count }
            warnings.items.append(
                .init(
                    offset: offset,
                    message: "the LaTeX command '\(warning.command)' in the field '\(field)' of '\(entry.key)' is not known to Tend; its text is kept",
                    hint: "write the text without the command, or in plain Unicode"))
        }
    }

    /// URLs and DOIs keep their characters; only braces and `\_`-style escapes go.
    private func raw(_ field: String) -> String {
        guard var value = fields[field]?.value else { return "" }
        if let url = Self.urlInside(value), value.contains("\\url") { value = url }
        var out = ""
        var escaped = false
        for character in value {
            if escaped {
                out.append(character)
                escaped = false
                continue
            }
            if character == "\\" {
                escaped = true
                continue
            }
            if character == "{" || character == "}" { continue }
            out.append(character)
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// BibTeX's name rules: `and` between names; `Last, First`, `Last, Jr, First` or `First von Last`.
enum BibTeXNames {
    /// Splits on ` and ` outside braces.
    static func split(_ value: String) -> [String] {
        var names: [String] = []
        var current = ""
        var depth = 0
        let words = value.split(omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        for word in words {
            let opens = word.filter { $0 == "{" }.count, closes = word.filter { $0 == "}" }.count
            if depth == 0 && word.lowercased() == "and" {
                if !current.isEmpty { names.append(current) }
                current = ""
                continue
            }
            current += current.isEmpty ? String(word) : " " + word
            depth += opens - closes
        }
        if !current.isEmpty { names.append(current) }
        return names
    }

    static func parse(_ raw: String) -> PersonName {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") && isSingleGroup(trimmed) {
            return PersonName(literal: decode(String(trimmed.dropFirst().dropLast())))
        }
        let parts = splitTopLevel(trimmed, on: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var name = PersonName()
        if parts.count >= 2 {
            let (particle, family) = splitParticle(words(parts[0]))
            name.particle = particle
            name.family = family
            if parts.count >= 3 {
                name.suffix = decode(parts[1])
                name.given = decode(parts[2])
                // `Evans, Arthur C., Jr.`: the suffix written last.
                if isSuffix(name.given), !isSuffix(name.suffix) { swap(&name.given, &name.suffix) }
            } else {
                name.given = decode(parts[1])
            }
        } else {
            let all = words(trimmed)
            guard all.count > 1 else {
                name.family = decode(trimmed)
                return name
            }
            // First von Last: the von part starts at the first lower-case word after the first word.
            var index = 0
            while index < all.count - 1 && !isLowercaseWord(all[index]) { index += 1 }
            if index == all.count - 1 {
                name.given = all.dropLast().map(decode).joined(separator: " ")
                name.family = decode(all.last!)
            } else {
                name.given = all[..<index].map(decode).joined(separator: " ")
                let (particle, family) = splitParticle(Array(all[index...]))
                name.particle = particle
                name.family = family
            }
        }
        return name
    }

    private static func isSuffix(_ text: String) -> Bool {
        ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "2nd", "3rd"].contains(text.lowercased())
    }

    /// Leading lower-case words of a last name are its particle (`van der` Kolk).
    private static func splitParticle(_ words: [String]) -> (String, String) {
        var index = 0
        while index < words.count - 1 && isLowercaseWord(words[index]) { index += 1 }
        return (words[..<index].map(decode).joined(separator: " "), words[index...].map(decode).joined(separator: " "))
    }

    private static func isLowercaseWord(_ word: String) -> Bool {
        guard let first = word.first(where: { $0.isLetter }) else { return false }
        return !word.hasPrefix("{") && first.isLowercase
    }

    private static func words(_ text: String) -> [String] { splitTopLevel(text, on: " ").filter { !$0.isEmpty } }

    private static func decode(_ text: String) -> String { LaTeXText.plain(text) }

    private static func isSingleGroup(_ text: String) -> Bool {
        var depth = 0
        for (offset, character) in text.enumerated() {
            if character == "{" { depth += 1 }
            if character == "}" {
                depth -= 1
                if depth == 0 && offset != text.count - 1 { return false }
            }
        }
        return true
    }

    private static func splitTopLevel(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if character == separator && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}
