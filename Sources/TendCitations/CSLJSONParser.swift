import Foundation
import TendCore

/// Reads CSL-JSON as Zotero exports it: a list of items with `id`, `type`, name objects and date parts.
public enum CSLJSONParser {
    public static func parse(_ text: String, path: String) -> (references: [Reference], diagnostics: [Diagnostic]) {
        let items: [[String: Any]]
        // Foundation's reader lets a trailing comma pass; JSON, and other tools, do not.
        if let (line, column) = trailingComma(in: text) {
            return (
                [],
                [
                    .error(
                        SourceLocation(path: path, line: line, column: column), "the file is not valid JSON: a comma stands before the closing bracket",
                        hint: "remove the comma after the last item or field")
                ]
            )
        }
        do {
            guard let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
                return ([], [.error(SourceLocation(path: path), "a CSL-JSON bibliography must be a list of items ([...])")])
            }
            items = list.compactMap { $0 as? [String: Any] }
        } catch {
            return (
                [],
                [.error(SourceLocation(path: path), "the file is not valid JSON: \(Self.describe(error))", hint: "export it again from Zotero as 'CSL JSON'")]
            )
        }
        var references: [Reference] = []
        var diagnostics: [Diagnostic] = []
        var searchFrom = text.startIndex
        for item in items {
            guard let key = (item["id"] as? String) ?? (item["id"] as? NSNumber)?.stringValue, !key.isEmpty else {
                diagnostics.append(.error(SourceLocation(path: path), "a CSL-JSON item has no 'id'", hint: "every item needs an \"id\" to be cited as [@id]"))
                continue
            }
            var line = 1
            if let range = text.range(of: "\"\(key)\"", range: searchFrom..<text.endIndex) {
                line = text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                searchFrom = range.upperBound
            }
            references.append(reference(from: item, key: key, location: SourceLocation(path: path, line: line), diagnostics: &diagnostics))
        }
        return (references, diagnostics)
    }

    private static func reference(from item: [String: Any], key: String, location: SourceLocation, diagnostics: inout [Diagnostic]) -> Reference {
        func string(_ field: String) -> String {
            if let text = item[field] as? String { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let number = item[field] as? NSNumber { return number.stringValue }
            return ""
        }
        func rich(_ field: String) -> RichText {
            let (text, unknown) = CSLRichText.parse(string(field))
            for tag in unknown {
                diagnostics.append(
                    .warning(
                        location, "the markup '\(tag)' in the field '\(field)' of '\(key)' is not CSL rich text; its text is kept",
                        hint: "CSL-JSON titles may use <i>, <b>, <sup>, <sub> and <span class=\"nocase\">"))
            }
            return text
        }
        let typeName = string("type")
        let genre = string("genre")
        var reference = Reference(key: key, type: type(of: typeName, genre: genre, item: item), location: location)
        let (authors, continues) = names(item["author"])
        reference.authors = authors
        reference.authorsContinue = continues
        if authors.isEmpty {
            for (role, label) in [("director", "Director"), ("host", "Host")] where reference.authors.isEmpty {
                reference.authors = names(item[role]).names
                if !reference.authors.isEmpty { reference.authorRole = label }
            }
        } else if reference.type == .film, names(item["director"]).names == authors {
            reference.authorRole = "Director"
        }
        reference.editors = names(item["editor"]).names
        reference.translators = names(item["translator"]).names
        reference.date = date(item["issued"])
        reference.originalYear = date(item["original-date"])?.year
        reference.eventDate = date(item["event-date"])
        if let accessed = date(item["accessed"]), let month = accessed.month, let day = accessed.day {
            reference.accessed = CalendarDate(year: accessed.year, month: month, day: day)
        }
        let status = string("status").lowercased()
        if ["in press", "in-press", "forthcoming", "inpress", "accepted"].contains(status) || isInPress(item["issued"]) {
            reference.status = .inPress
            reference.date = nil
        } else if status.contains("submitted") {
            reference.status = .submitted
        } else if status.contains("preparation") {
            reference.status = .inPreparation
        }
        reference.title = rich("title")
        reference.containerTitle = rich("container-title")
        switch reference.type {
        case .article, .magazineArticle, .newspaperArticle, .podcastEpisode, .tvEpisode:
            reference.containerTitle = TitleCasing.raiseToTitleCase(reference.containerTitle)
        default: break
        }
        reference.volume = string("volume")
        reference.issue = string("issue")
        reference.number = string("number")
        if [.article, .magazineArticle, .newspaperArticle].contains(reference.type) {
            reference.articleNumber = reference.number
            reference.number = ""
        }
        reference.pages = string("page")
        reference.publisher = string("publisher")
        reference.edition = string("edition")
        reference.version = string("version")
        reference.doi = string("DOI")
        reference.url = string("URL")
        reference.isbn = string("ISBN")
        reference.archive = string("archive")
        reference.eventTitle = [string("event-title"), string("event")].first { !$0.isEmpty } ?? ""
        reference.eventPlace = string("event-place")
        switch reference.type {
        case .thesis:
            reference.institution = reference.publisher
            reference.publisher = ""
            reference.genre = thesisLabel(genre)
        case .preprint:
            if reference.archive.isEmpty { reference.archive = [reference.publisher, reference.containerTitle.plain].first { !$0.isEmpty } ?? "" }
        case .webpage:
            if reference.containerTitle.isEmpty { reference.containerTitle = RichText(reference.publisher) }
            reference.publisher = ""
        case .presentation:
            reference.genre = genre.isEmpty ? "" : genre
        case .film, .video, .podcast, .podcastEpisode, .tvEpisode:
            reference.genre = mediumLabel(genre, type: reference.type)
        default:
            reference.genre = genre
        }
        return reference
    }

    private static func type(of name: String, genre: String, item: [String: Any]) -> ReferenceType {
        let lowerGenre = genre.lowercased()
        switch name {
        case "article-journal", "review", "review-book": return .article
        case "article-magazine": return .magazineArticle
        case "article-newspaper": return .newspaperArticle
        case "article", "manuscript":
            // Zotero writes a preprint as "article" with the server as publisher.
            if name == "article" || lowerGenre.contains("preprint") { return lowerGenre.contains("unpublished") ? .unpublished : .preprint }
            return .unpublished
        case "book", "classic", "collection", "periodical": return .book
        case "chapter", "entry-encyclopedia", "entry-dictionary", "entry": return .chapter
        case "paper-conference": return (item["container-title"] as? String).map { !$0.isEmpty } == true ? .conferencePaper : .presentation
        case "speech", "presentation": return .presentation
        case "report", "standard": return .report
        case "thesis": return .thesis
        // A blog post reads like a periodical article: its title plain, the blog's name in italics.
        case "post-weblog": return .magazineArticle
        case "webpage", "post": return .webpage
        case "motion_picture":
            return lowerGenre.contains("video") || (item["container-title"] as? String)?.lowercased() == "youtube" ? .video : .film
        case "broadcast":
            if lowerGenre.contains("podcast") { return item["container-title"] != nil ? .podcastEpisode : .podcast }
            return item["container-title"] != nil ? .tvEpisode : .video
        case "song":
            if lowerGenre.contains("podcast") { return item["container-title"] != nil ? .podcastEpisode : .podcast }
            return .misc
        case "dataset": return .dataset
        case "software": return .software
        default: return .misc
        }
    }

    private static func thesisLabel(_ genre: String) -> String {
        let lower = genre.lowercased()
        if lower.isEmpty || lower.contains("phd") || lower.contains("ph.d") || lower.contains("doctoral") || lower == "dissertation" {
            return "Doctoral dissertation"
        }
        if lower.contains("master") || lower.hasPrefix("ma ") || lower.hasPrefix("msc") { return "Master’s thesis" }
        return genre
    }

    private static func mediumLabel(_ genre: String, type: ReferenceType) -> String {
        let lower = genre.lowercased()
        switch type {
        case .podcastEpisode where lower.contains("podcast"): return lower.contains("video") ? "Video podcast episode" : "Audio podcast episode"
        case .podcast where lower.contains("podcast"): return lower.contains("video") ? "Video podcast" : "Audio podcast"
        case .film where lower == "film" || lower == "motion picture": return ""
        default: return genre
        }
    }

    /// The names of a CSL list, and whether it ends in "others" (a list known to go on).
    private static func names(_ value: Any?) -> (names: [PersonName], continues: Bool) {
        guard let list = value as? [[String: Any]] else { return ([], false) }
        var continues = false
        let names = list.compactMap { object -> PersonName? in
            func field(_ name: String) -> String { (object[name] as? String)?.trimmingCharacters(in: .whitespaces) ?? "" }
            if !field("literal").isEmpty {
                if field("literal").lowercased() == "others" {
                    continues = true
                    return nil
                }
                return PersonName(literal: field("literal"))
            }
            if field("family").lowercased() == "others", field("given").isEmpty {
                continues = true
                return nil
            }
            let particle = [field("dropping-particle"), field("non-dropping-particle")].filter { !$0.isEmpty }.joined(separator: " ")
            if field("family").isEmpty, !field("given").isEmpty { return PersonName(literal: field("given")) }
            return PersonName(family: field("family"), given: field("given"), particle: particle, suffix: field("suffix"))
        }
        return (names, continues)
    }

    /// CSL dates: `date-parts` (a range as two lists), EDTF strings (`2020`, `2020-05-03`,
    /// `2019/2020`), `raw` and `literal`.
    private static func date(_ value: Any?) -> ReferenceDate? {
        if let text = value as? String { return textDate(text) }
        if let number = value as? NSNumber { return ReferenceDate(year: number.intValue) }
        guard let object = value as? [String: Any] else { return nil }
        if let parts = object["date-parts"] as? [[Any]], let first = parts.first {
            let numbers = first.compactMap { ($0 as? NSNumber)?.intValue ?? ($0 as? String).flatMap { Int($0) } }
            guard let year = numbers.first, year != 0 else { return nil }
            var date = ReferenceDate(
                year: year, month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil,
                season: (object["season"] as? NSNumber)?.intValue ?? (object["season"] as? String).flatMap { Int($0) })
            if parts.count > 1 {
                let end = parts[1].compactMap { ($0 as? NSNumber)?.intValue ?? ($0 as? String).flatMap { Int($0) } }
                if let endYear = end.first, endYear != 0 {
                    date.end = .init(year: endYear, month: end.count > 1 ? end[1] : nil, day: end.count > 2 ? end[2] : nil)
                }
            }
            return date
        }
        if let text = object["raw"] as? String ?? object["literal"] as? String { return textDate(text) }
        return nil
    }

    private static func textDate(_ text: String) -> ReferenceDate? {
        if let date = FieldDates.iso(text) { return date }
        // A raw date such as "May 3, 2020" or "2020, Spring": its year, and a month when named.
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard let year = numbers.first(where: { $0 > 31 }) else { return nil }
        let lower = text.lowercased()
        let month = APAStyle.monthNames.firstIndex { lower.contains($0.lowercased().prefix(3)) }.map { $0 + 1 }
        let day = month == nil ? nil : numbers.first { $0 <= 31 }
        return ReferenceDate(year: year, month: month, day: day)
    }

    private static func isInPress(_ value: Any?) -> Bool {
        let text = (value as? String) ?? ((value as? [String: Any])?["raw"] as? String) ?? ((value as? [String: Any])?["literal"] as? String) ?? ""
        return ["in press", "forthcoming", "in-press"].contains(text.lowercased().trimmingCharacters(in: .whitespaces))
    }

    /// Where a `,` is followed (after white space) by `]` or `}`, outside strings.
    static func trailingComma(in text: String) -> (line: Int, column: Int)? {
        var line = 1, column = 0
        var inString = false, escaped = false
        var comma: (line: Int, column: Int)?
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            switch scalar {
            case "\"": inString = true; comma = nil
            case ",": comma = (line, column)
            case "]", "}": if let comma { return comma }
            case " ", "\t", "\n", "\r": continue
            default: comma = nil
            }
        }
        return nil
    }

    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "\(error.localizedDescription)"
    }
}
