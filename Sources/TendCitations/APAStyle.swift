import TendCore

/// APA 7th edition: reference-list entries and in-text citations, as HTML with every value
/// escaped, in the words of `terms` (English unless told).
public enum APAStyle {
    /// The year as cited in the text: `2015`, `1994a`, `n.d.`, `n.d.-a`, `in press-b`, `1946/2006`.
    public static func yearLabel(_ reference: Reference, suffix: String, terms: APATerms = .english) -> String {
        APAWriter(terms: terms).yearLabel(reference, suffix: suffix)
    }

    /// The author part of an in-text citation (HTML): surnames, `et al.`, or the title when there is no author.
    public static func inTextAuthor(_ reference: Reference, narrative: Bool, terms: APATerms = .english) -> String {
        APAWriter(terms: terms).inTextAuthor(reference, narrative: narrative, shown: nil, initials: false)
    }

    /// The author part with `shown` names before `et al.` (nil: APA's default) and, when
    /// `initials`, the first author's initials (APA 8.20).
    static func inTextAuthor(_ reference: Reference, narrative: Bool, shown: Int?, initials: Bool, terms: APATerms = .english) -> String {
        APAWriter(terms: terms).inTextAuthor(reference, narrative: narrative, shown: shown, initials: initials)
    }

    /// The full reference-list entry (HTML, without the surrounding element).
    public static func entry(_ reference: Reference, yearSuffix: String = "", terms: APATerms = .english) -> String {
        APAWriter(terms: terms).entry(reference, yearSuffix: yearSuffix)
    }

    /// `10.1037/abc` from `https://doi.org/10.1037/abc`, `doi:10.1037/abc` and the like.
    public static func bareDOI(_ text: String) -> String {
        var doi = text.trimmingSpaces
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi.org/"]
        where doi.lowercased().hasPrefix(prefix) {
            doi = String(doi.dropFirst(prefix.count)).trimmingSpaces
        }
        return doi
    }

    static let monthNames = APATerms.english.months
}

/// Writes APA 7 in one language's terms.
struct APAWriter: Sendable {
    let terms: APATerms
    /// The year as cited in the text: `2015`, `1994a`, `n.d.`, `n.d.-a`, `in press-b`, `1946/2006`.
    func yearLabel(_ reference: Reference, suffix: String) -> String {
        let base = dateBase(reference, suffix: suffix)
        if let original = reference.originalYear, let year = reference.year, reference.status == nil, original != year {
            return "\(original)/\(base)"
        }
        return base
    }

    /// The year, `n.d.` or `in press`, with its suffix.
    private func dateBase(_ reference: Reference, suffix: String) -> String {
        if reference.status == .inPress { return suffix.isEmpty ? terms.inPress : "\(terms.inPress)-\(suffix)" }
        guard let date = reference.date else { return suffix.isEmpty ? terms.noDate : "\(terms.noDate)-\(suffix)" }
        return date.ongoing ? "\(date.year)–\(terms.present)" : "\(date.year)\(suffix)"
    }

    func inTextAuthor(_ reference: Reference, narrative: Bool, shown: Int?, initials: Bool) -> String {
        let names = reference.leadNames
        if !names.isEmpty {
            return Escape.html(
                APANames.inText(
                    names, continues: reference.authorsContinue, narrative: narrative, shown: shown, initials: initials,
                    and: narrative ? terms.and : terms.ampersand))
        }
        // In the text a title is in title case (APA 8.14), though the list uses sentence case.
        let title = TitleCasing.raiseToTitleCase(reference.title.beforeColon).html(italicContext: isItalicTitle(reference))
        if title.isEmpty { return "<em>\(Escape.html(terms.untitled))</em>" }
        return isItalicTitle(reference) ? "<em>\(title)</em>" : "“\(title)”"
    }

    /// The full reference-list entry (HTML, without the surrounding element).
    func entry(_ reference: Reference, yearSuffix: String = "") -> String {
        var parts: [String] = []
        let date = "(\(dateText(reference, suffix: yearSuffix)))."
        let title = titleElement(reference)
        if let names = authorElement(reference) {
            parts += [names, date, title]
        } else {
            // No author: the title moves to the author position.
            parts += [title, date]
        }
        if let source = sourceElement(reference) { parts.append(source) }
        if let link = linkText(reference) { parts.append(link) }
        if let original = reference.originalYear, reference.year != original {
            parts.append("(" + terms.fill(terms.originalWork, ["year": String(original)]) + ")")
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: Author and date

    private func authorElement(_ reference: Reference) -> String? {
        if !reference.authors.isEmpty {
            let role = reference.authorRole.isEmpty ? "" : " (\(reference.authorRole))"
            let names = APANames.referenceList(reference.authors, continues: reference.authorsContinue, role: role, and: terms.ampersand)
            return endWithPeriod(Escape.html(names))
        }
        guard !reference.editors.isEmpty else { return nil }
        let names = APANames.referenceList(reference.editors, continues: false, role: "", and: terms.ampersand)
        return Escape.html(names) + " (\(reference.editors.count == 1 ? terms.editor : terms.editors))."
    }

    /// `2020`, `2020, May 3`, `2019, May 23–26`, `2012, Summer`, `n.d.`, `in press`.
    func dateText(_ reference: Reference, suffix: String) -> String {
        let shown = reference.type == .presentation ? (reference.eventDate ?? reference.date) : reference.date
        guard reference.status != .inPress, let date = shown, !date.ongoing else { return dateBase(reference, suffix: suffix) }
        var text = "\(date.year)\(suffix)"
        if showsFullDate(reference.type) {
            if let season = date.season, (1...4).contains(season) {
                text += ", " + terms.seasons[season - 1]
            } else if let month = date.month {
                text += ", " + (date.day.map { terms.fill(terms.monthDay, ["month": terms.months[month - 1], "day": String($0)]) } ?? terms.months[month - 1])
            }
            if let end = date.end { text += rangeEnd(from: date, to: end) }
        } else if let end = date.end, end.year != date.year {
            text = "\(date.year)–\(end.year)\(suffix)"
        }
        return text
    }

    /// `June 2` / `2 de junio`; the month alone without a day.
    private func monthDay(_ month: Int, _ day: Int?) -> String {
        day.map { terms.fill(terms.monthDay, ["month": terms.months[month - 1], "day": String($0)]) } ?? terms.months[month - 1]
    }

    /// `–26`, `–June 2`, `–2020, January 2`.
    private func rangeEnd(from start: ReferenceDate, to end: ReferenceDate.EndDate) -> String {
        if end.year != start.year {
            var text = "–\(end.year)"
            if let month = end.month { text += ", " + monthDay(month, end.day) }
            return text
        }
        guard let month = end.month else { return "" }
        if month != start.month { return "–" + monthDay(month, end.day) }
        if let day = end.day, day != start.day { return "–\(day)" }
        return ""
    }

    private func showsFullDate(_ type: ReferenceType) -> Bool {
        switch type {
        case .magazineArticle, .newspaperArticle, .webpage, .presentation, .podcastEpisode, .video, .tvEpisode: return true
        default: return false
        }
    }

    // MARK: Title

    /// The title with its contributors, edition, volume and number in parentheses, and its
    /// bracketed description; italic for stand-alone works.
    private func titleElement(_ reference: Reference) -> String {
        let italic = isItalicTitle(reference)
        var text: String
        if reference.title.isEmpty {
            text = italic ? "<em>[\(Escape.html(terms.untitled))]</em>" : "[\(Escape.html(terms.untitled))]"
        } else {
            let html = reference.title.html(italicContext: italic)
            text = italic ? "<em>\(html)</em>" : html
        }
        let details = titleDetails(reference)
        if !details.isEmpty { text += " (\(details))" }
        if let description = bracketDescription(reference) { text += " [\(description)]" }
        return endWithPeriod(text)
    }

    /// `H. Weaver, Trans.; 2nd ed., Vol. 2`, `Report No. 12`, `No. 48`, `Version 2.1`.
    private func titleDetails(_ reference: Reference) -> String {
        var people: [String] = []
        if reference.type != .chapter, reference.type != .conferencePaper {
            if !reference.authors.isEmpty, !reference.editors.isEmpty {
                people.append(
                    Escape.html(APANames.directList(reference.editors, and: terms.ampersand)) + ", "
                        + (reference.editors.count == 1 ? terms.editor : terms.editors))
            }
        }
        if !reference.translators.isEmpty, !isContainerWork(reference) {
            people.append(Escape.html(APANames.directList(reference.translators, and: terms.ampersand)) + ", " + terms.translator)
        }
        var details: [String] = []
        if !isContainerWork(reference) {
            if !reference.edition.isEmpty { details.append(edition(reference.edition)) }
            if !reference.volume.isEmpty, reference.type == .book || reference.type == .report || reference.type == .misc {
                details.append(volume(reference.volume))
            }
        }
        switch reference.type {
        case .report:
            if !reference.number.isEmpty {
                let label = reference.genre.isEmpty ? terms.report : reference.genre
                details.append("\(Escape.html(label)) \(terms.number) \(Escape.html(reference.number))")
            }
        case .thesis, .dataset:
            if !reference.number.isEmpty { details.append("\(terms.publication) \(terms.number) \(Escape.html(reference.number))") }
        case .podcastEpisode, .tvEpisode:
            if !reference.number.isEmpty { details.append(episodeNumber(reference.number)) }
        default:
            break
        }
        if !reference.version.isEmpty {
            let version = reference.version.lowercased().hasPrefix("version") ? reference.version : terms.version + " " + reference.version
            details.append(Escape.html(version))
        }
        let groups = [people.joined(separator: "; "), details.joined(separator: ", ")].filter { !$0.isEmpty }
        return groups.joined(separator: "; ")
    }

    /// `[Doctoral dissertation, University of Oslo]`, `[Film]`, `[Preprint]`, or a BibLaTeX `titleaddon`.
    private func bracketDescription(_ reference: Reference) -> String? {
        if !reference.titleAddon.isEmpty, reference.type != .thesis { return reference.titleAddon.html() }
        if let status = reference.status, status != .inPress, reference.type == .unpublished || reference.type == .article {
            return terms.describe(status.rawValue)
        }
        let genre = Escape.html(terms.describe(reference.genre))
        switch reference.type {
        case .thesis:
            let label = reference.titleAddon.isEmpty ? genre : reference.titleAddon.html()
            let kind = label.isEmpty ? terms.describe("Doctoral dissertation") : label
            return reference.institution.isEmpty ? kind : "\(kind), \(Escape.html(reference.institution))"
        case .report:
            return reference.number.isEmpty && !genre.isEmpty ? genre : nil
        case .film: return genre.isEmpty ? terms.describe("Film") : genre
        case .video: return genre.isEmpty ? terms.describe("Video") : genre
        case .podcast: return genre.isEmpty ? terms.describe("Audio podcast") : genre
        case .podcastEpisode: return genre.isEmpty ? terms.describe("Audio podcast episode") : genre
        case .tvEpisode: return genre.isEmpty ? terms.describe("TV series episode") : genre
        case .preprint: return terms.describe("Preprint")
        case .unpublished: return genre.isEmpty ? terms.describe("Unpublished manuscript") : genre
        case .presentation: return genre.isEmpty ? terms.describe("Paper presentation") : genre
        case .dataset: return genre.isEmpty ? terms.describe("Data set") : genre
        case .software: return genre.isEmpty ? terms.describe("Computer software") : genre
        case .webpage, .misc: return genre.isEmpty ? nil : genre
        case .article, .magazineArticle, .newspaperArticle, .book, .chapter, .conferencePaper:
            return nil
        }
    }

    // MARK: Source

    private func sourceElement(_ reference: Reference) -> String? {
        let publisher = publisherText(reference)
        switch reference.type {
        case .article, .magazineArticle, .newspaperArticle:
            guard !reference.containerTitle.isEmpty else { return publisher }
            var text = "<em>\(reference.containerTitle.html(italicContext: true))</em>"
            if !reference.volume.isEmpty {
                text += ", <em>\(Escape.html(reference.volume))</em>"
                if !reference.issue.isEmpty { text += "(\(Escape.html(reference.issue)))" }
            } else if !reference.issue.isEmpty {
                text += ", (\(Escape.html(reference.issue)))"
            }
            if !reference.pages.isEmpty {
                text += ", \(pages(reference.pages))"
            } else if !reference.articleNumber.isEmpty {
                text += ", \(terms.article) \(Escape.html(reference.articleNumber))"
            }
            return text + "."
        case .chapter, .conferencePaper:
            return containerSource(reference, publisher: publisher)
        case .podcastEpisode, .tvEpisode:
            var text = ""
            if !reference.containerTitle.isEmpty { text = "\(terms.inWord) <em>\(reference.containerTitle.html(italicContext: true))</em>." }
            if let publisher { text += (text.isEmpty ? "" : " ") + publisher }
            return text.isEmpty ? nil : text
        case .presentation:
            let event = [reference.eventTitle, reference.eventPlace].filter { !$0.isEmpty }.map(Escape.html).joined(separator: ", ")
            return event.isEmpty ? publisher : endWithPeriod(event)
        case .webpage:
            let site = reference.containerTitle.isEmpty ? reference.publisher : reference.containerTitle.plain
            guard !site.isEmpty, !sameName(site, reference.leadNames) else { return nil }
            return endWithPeriod(reference.containerTitle.isEmpty ? Escape.html(site) : reference.containerTitle.html())
        case .thesis:
            return reference.archive.isEmpty ? nil : endWithPeriod(Escape.html(reference.archive))
        case .preprint:
            let server = [reference.archive, reference.containerTitle.plain, reference.publisher].first { !$0.isEmpty } ?? ""
            return server.isEmpty ? nil : endWithPeriod(Escape.html(server))
        case .video, .film, .podcast:
            let source = reference.containerTitle.isEmpty ? publisher : endWithPeriod(reference.containerTitle.html())
            return source
        case .unpublished:
            let place = [reference.institution, reference.publisher].filter { !$0.isEmpty }.map(Escape.html).joined(separator: ", ")
            return place.isEmpty ? nil : endWithPeriod(place)
        case .book, .report, .dataset, .software, .misc:
            if publisher == nil, !reference.containerTitle.isEmpty { return endWithPeriod(reference.containerTitle.html()) }
            return publisher
        }
    }

    /// `In E. Editor (Ed.), *Book* (2nd ed., Vol. 2, pp. 1–10). Publisher.`
    private func containerSource(_ reference: Reference, publisher: String?) -> String {
        var text = terms.inWord + " "
        if !reference.editors.isEmpty, !reference.authors.isEmpty {
            text +=
                Escape.html(APANames.directList(reference.editors, and: terms.ampersand))
                + " (\(reference.editors.count == 1 ? terms.editor : terms.editors)), "
        }
        let book = reference.containerTitle.isEmpty ? "[\(Escape.html(terms.untitled))]" : reference.containerTitle.html(italicContext: true)
        text += "<em>\(book)</em>"
        var people: [String] = []
        if !reference.translators.isEmpty {
            people.append(Escape.html(APANames.directList(reference.translators, and: terms.ampersand)) + ", " + terms.translator)
        }
        var details: [String] = []
        if !reference.edition.isEmpty { details.append(edition(reference.edition)) }
        if !reference.volume.isEmpty { details.append(volume(reference.volume)) }
        if !reference.pages.isEmpty {
            details.append("\(isRange(reference.pages) ? "pp." : "p.") \(pages(reference.pages))")
        }
        let groups = [people.joined(separator: "; "), details.joined(separator: ", ")].filter { !$0.isEmpty }
        if !groups.isEmpty { text += " (\(groups.joined(separator: "; ")))" }
        text += "."
        if let publisher { text += " " + publisher }
        return text
    }

    /// The publisher, left out when it is the author (an organisation publishing its own work).
    private func publisherText(_ reference: Reference) -> String? {
        guard !reference.publisher.isEmpty, !sameName(reference.publisher, reference.leadNames) else { return nil }
        return endWithPeriod(Escape.html(reference.publisher))
    }

    private func linkText(_ reference: Reference) -> String? {
        if !reference.doi.isEmpty {
            let url = "https://doi.org/" + Escape.urlPath(APAStyle.bareDOI(reference.doi))
            return "<a href=\"\(Escape.html(url))\">\(Escape.html(url))</a>"
        }
        guard !reference.url.isEmpty, let scheme = URLPolicy.scheme(of: reference.url), scheme == "https" || scheme == "http" else { return nil }
        let url = Escape.html(Escape.urlPath(reference.url))
        var text = "<a href=\"\(url)\">\(url)</a>"
        if reference.year == nil, reference.status == nil, let accessed = reference.accessed {
            text = terms.fill(terms.retrieved, ["date": terms.longDate(accessed)]) + text
        }
        return text
    }

    private func sameName(_ text: String, _ authors: [PersonName]) -> Bool {
        authors.count == 1 && authors[0].surname.lowercased() == text.lowercased()
    }

    /// A chapter, an entry or a paper in proceedings: its book carries the edition and volume.
    private func isContainerWork(_ reference: Reference) -> Bool {
        reference.type == .chapter || reference.type == .conferencePaper
    }

    func isItalicTitle(_ reference: Reference) -> Bool {
        switch reference.type {
        case .article, .magazineArticle, .newspaperArticle, .chapter, .conferencePaper, .podcastEpisode, .tvEpisode: return false
        case .book, .report, .thesis, .webpage, .misc, .preprint, .unpublished, .podcast, .film, .video, .dataset, .software, .presentation:
            return true
        }
    }

    // MARK: Numbers

    /// `2` → `2nd ed.`; `second` → `2nd ed.`; `5th, text rev.` → `5th ed., text rev.`; `Rev.` → `Rev. ed.`
    func edition(_ text: String) -> String {
        var words = text.trimmingSpaces
        for (long, short) in [
            ("edition", "ed."), ("Edition", "ed."), ("edn.", "ed."), ("edn", "ed."), ("revision", "rev."), ("revised", "rev."), ("Revised", "Rev."),
        ] {
            words = words.replacingOccurrences(of: long, with: short)
        }
        let ordinals = [
            "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
            "eleventh": 11, "twelfth": 12,
        ]
        let leading = words.prefix { $0.isLetter || $0.isNumber }
        let number = Int(leading.prefix { $0.isNumber }) ?? ordinals[leading.lowercased()]
        guard let number else {
            if ["rev.", "rev. ed."].contains(words.lowercased()) { return Escape.html(terms.revisedEdition) }
            return Escape.html(words.contains("ed.") ? words : words + " ed.")
        }
        var rest = words.dropFirst(leading.count).drop { $0 == " " || $0 == "." }
        if rest.hasPrefix("ed.") { rest = rest.dropFirst(3) }
        let more = String(rest).replacingOccurrences(of: "text rev.", with: terms.textRevision)
        return Escape.html(terms.fill(terms.edition, ["ordinal": terms.ordinal(number)]) + more)
    }

    /// `Vol. 2`, `Vols. 1–4`.
    private func volume(_ text: String) -> String {
        isRange(text) ? "\(terms.volumes) \(pages(text))" : "\(terms.volume) \(Escape.html(text))"
    }

    private func episodeNumber(_ text: String) -> String {
        text.first?.isNumber == true ? "\(terms.number) \(Escape.html(text))" : Escape.html(text)
    }

    private func isRange(_ text: String) -> Bool { text.contains { $0 == "-" || $0 == "–" || $0 == "," } }

    /// Page ranges with an en dash: `47--71` and `47-71` become `47–71`.
    func pages(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "--", with: "–")
        out = out.replacingOccurrences(of: "-", with: "–")
        return Escape.html(out.replacingOccurrences(of: " – ", with: "–"))
    }

    /// Adds APA's closing period unless the element already ends a sentence.
    func endWithPeriod(_ html: String) -> String {
        guard !html.isEmpty else { return html }
        let visible = html.replacingOccurrences(of: "</em>", with: "").replacingOccurrences(of: "</strong>", with: "")
            .replacingOccurrences(of: "</span>", with: "")
        if let last = visible.last(where: { $0 != "”" && $0 != "’" }), last == "." || last == "?" || last == "!" { return html }
        // American punctuation: the period goes inside closing quotation marks.
        if html.hasSuffix("”") { return html.dropLast() + ".”" }
        return html + "."
    }

}
