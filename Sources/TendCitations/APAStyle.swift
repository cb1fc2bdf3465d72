import TendCore

/// APA 7th edition: reference-list entries and in-text citations, as HTML with every value escaped.
public enum APAStyle {
    /// The year as cited in the text: `2015`, `1994a`, `n.d.`, `n.d.-a`, `in press-b`, `1946/2006`.
    public static func yearLabel(_ reference: Reference, suffix: String) -> String {
        let base = dateBase(reference, suffix: suffix)
        if let original = reference.originalYear, let year = reference.year, reference.status == nil, original != year {
            return "\(original)/\(base)"
        }
        return base
    }

    /// The year, `n.d.` or `in press`, with its suffix.
    private static func dateBase(_ reference: Reference, suffix: String) -> String {
        if reference.status == .inPress { return suffix.isEmpty ? "in press" : "in press-\(suffix)" }
        guard let date = reference.date else { return suffix.isEmpty ? "n.d." : "n.d.-\(suffix)" }
        return date.ongoing ? "\(date.year)–present" : "\(date.year)\(suffix)"
    }

    /// The author part of an in-text citation (HTML): surnames, `et al.`, or the title when there is no author.
    public static func inTextAuthor(_ reference: Reference, narrative: Bool) -> String {
        inTextAuthor(reference, narrative: narrative, shown: nil, initials: false)
    }

    /// The author part with `shown` names before `et al.` (nil: APA's default) and, when
    /// `initials`, the first author's initials (APA 8.20).
    static func inTextAuthor(_ reference: Reference, narrative: Bool, shown: Int?, initials: Bool) -> String {
        let names = reference.leadNames
        if !names.isEmpty {
            return Escape.html(APANames.inText(names, continues: reference.authorsContinue, narrative: narrative, shown: shown, initials: initials))
        }
        // In the text a title is in title case (APA 8.14), though the list uses sentence case.
        let title = TitleCasing.raiseToTitleCase(reference.title.beforeColon).html(italicContext: isItalicTitle(reference))
        if title.isEmpty { return "<em>Untitled</em>" }
        return isItalicTitle(reference) ? "<em>\(title)</em>" : "“\(title)”"
    }

    /// The full reference-list entry (HTML, without the surrounding element).
    public static func entry(_ reference: Reference, yearSuffix: String = "") -> String {
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
            parts.append("(Original work published \(original))")
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: Author and date

    private static func authorElement(_ reference: Reference) -> String? {
        if !reference.authors.isEmpty {
            let role = reference.authorRole.isEmpty ? "" : " (\(reference.authorRole))"
            let names = APANames.referenceList(reference.authors, continues: reference.authorsContinue, role: role)
            return endWithPeriod(Escape.html(names))
        }
        guard !reference.editors.isEmpty else { return nil }
        let names = APANames.referenceList(reference.editors, continues: false, role: "")
        return Escape.html(names) + (reference.editors.count == 1 ? " (Ed.)." : " (Eds.).")
    }

    /// `2020`, `2020, May 3`, `2019, May 23–26`, `2012, Summer`, `n.d.`, `in press`.
    static func dateText(_ reference: Reference, suffix: String) -> String {
        let shown = reference.type == .presentation ? (reference.eventDate ?? reference.date) : reference.date
        guard reference.status != .inPress, let date = shown, !date.ongoing else { return dateBase(reference, suffix: suffix) }
        var text = "\(date.year)\(suffix)"
        if showsFullDate(reference.type) {
            if let season = date.season, (1...4).contains(season) {
                text += ", " + ["Spring", "Summer", "Fall", "Winter"][season - 1]
            } else if let month = date.month {
                text += ", " + monthNames[month - 1]
                if let day = date.day { text += " \(day)" }
            }
            if let end = date.end { text += rangeEnd(from: date, to: end) }
        } else if let end = date.end, end.year != date.year {
            text = "\(date.year)–\(end.year)\(suffix)"
        }
        return text
    }

    /// `–26`, `–June 2`, `–2020, January 2`.
    private static func rangeEnd(from start: ReferenceDate, to end: ReferenceDate.EndDate) -> String {
        if end.year != start.year {
            var text = "–\(end.year)"
            if let month = end.month { text += ", " + monthNames[month - 1] + (end.day.map { " \($0)" } ?? "") }
            return text
        }
        guard let month = end.month else { return "" }
        if month != start.month { return "–" + monthNames[month - 1] + (end.day.map { " \($0)" } ?? "") }
        if let day = end.day, day != start.day { return "–\(day)" }
        return ""
    }

    private static func showsFullDate(_ type: ReferenceType) -> Bool {
        switch type {
        case .magazineArticle, .newspaperArticle, .webpage, .presentation, .podcastEpisode, .video, .tvEpisode: return true
        default: return false
        }
    }

    // MARK: Title

    /// The title with its contributors, edition, volume and number in parentheses, and its
    /// bracketed description; italic for stand-alone works.
    private static func titleElement(_ reference: Reference) -> String {
        let italic = isItalicTitle(reference)
        var text: String
        if reference.title.isEmpty {
            text = italic ? "<em>[Untitled]</em>" : "[Untitled]"
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
    private static func titleDetails(_ reference: Reference) -> String {
        var people: [String] = []
        if reference.type != .chapter, reference.type != .conferencePaper {
            if !reference.authors.isEmpty, !reference.editors.isEmpty {
                people.append(Escape.html(APANames.directList(reference.editors)) + (reference.editors.count == 1 ? ", Ed." : ", Eds."))
            }
        }
        if !reference.translators.isEmpty, !isContainerWork(reference) {
            people.append(Escape.html(APANames.directList(reference.translators)) + ", Trans.")
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
                let label = reference.genre.isEmpty ? "Report" : reference.genre
                details.append("\(Escape.html(label)) No. \(Escape.html(reference.number))")
            }
        case .thesis, .dataset:
            if !reference.number.isEmpty { details.append("Publication No. \(Escape.html(reference.number))") }
        case .podcastEpisode, .tvEpisode:
            if !reference.number.isEmpty { details.append(episodeNumber(reference.number)) }
        default:
            break
        }
        if !reference.version.isEmpty {
            let version = reference.version.lowercased().hasPrefix("version") ? reference.version : "Version " + reference.version
            details.append(Escape.html(version))
        }
        let groups = [people.joined(separator: "; "), details.joined(separator: ", ")].filter { !$0.isEmpty }
        return groups.joined(separator: "; ")
    }

    /// `[Doctoral dissertation, University of Oslo]`, `[Film]`, `[Preprint]`, or a BibLaTeX `titleaddon`.
    private static func bracketDescription(_ reference: Reference) -> String? {
        if !reference.titleAddon.isEmpty, reference.type != .thesis { return reference.titleAddon.html() }
        if let status = reference.status, status != .inPress, reference.type == .unpublished || reference.type == .article {
            return status.rawValue
        }
        let genre = Escape.html(reference.genre)
        switch reference.type {
        case .thesis:
            let label = reference.titleAddon.isEmpty ? genre : reference.titleAddon.html()
            let kind = label.isEmpty ? "Doctoral dissertation" : label
            return reference.institution.isEmpty ? kind : "\(kind), \(Escape.html(reference.institution))"
        case .report:
            return reference.number.isEmpty && !genre.isEmpty ? genre : nil
        case .film: return genre.isEmpty ? "Film" : genre
        case .video: return genre.isEmpty ? "Video" : genre
        case .podcast: return genre.isEmpty ? "Audio podcast" : genre
        case .podcastEpisode: return genre.isEmpty ? "Audio podcast episode" : genre
        case .tvEpisode: return genre.isEmpty ? "TV series episode" : genre
        case .preprint: return "Preprint"
        case .unpublished: return genre.isEmpty ? "Unpublished manuscript" : genre
        case .presentation: return genre.isEmpty ? "Paper presentation" : genre
        case .dataset: return genre.isEmpty ? "Data set" : genre
        case .software: return genre.isEmpty ? "Computer software" : genre
        case .webpage, .misc: return genre.isEmpty ? nil : genre
        case .article, .magazineArticle, .newspaperArticle, .book, .chapter, .conferencePaper:
            return nil
        }
    }

    // MARK: Source

    private static func sourceElement(_ reference: Reference) -> String? {
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
                text += ", Article \(Escape.html(reference.articleNumber))"
            }
            return text + "."
        case .chapter, .conferencePaper:
            return containerSource(reference, publisher: publisher)
        case .podcastEpisode, .tvEpisode:
            var text = ""
            if !reference.containerTitle.isEmpty { text = "In <em>\(reference.containerTitle.html(italicContext: true))</em>." }
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
    private static func containerSource(_ reference: Reference, publisher: String?) -> String {
        var text = "In "
        if !reference.editors.isEmpty, !reference.authors.isEmpty {
            text += Escape.html(APANames.directList(reference.editors)) + (reference.editors.count == 1 ? " (Ed.), " : " (Eds.), ")
        }
        let book = reference.containerTitle.isEmpty ? "[Untitled]" : reference.containerTitle.html(italicContext: true)
        text += "<em>\(book)</em>"
        var people: [String] = []
        if !reference.translators.isEmpty { people.append(Escape.html(APANames.directList(reference.translators)) + ", Trans.") }
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
    private static func publisherText(_ reference: Reference) -> String? {
        guard !reference.publisher.isEmpty, !sameName(reference.publisher, reference.leadNames) else { return nil }
        return endWithPeriod(Escape.html(reference.publisher))
    }

    private static func linkText(_ reference: Reference) -> String? {
        if !reference.doi.isEmpty {
            let url = "https://doi.org/" + Escape.urlPath(bareDOI(reference.doi))
            return "<a href=\"\(Escape.html(url))\">\(Escape.html(url))</a>"
        }
        guard !reference.url.isEmpty, let scheme = URLPolicy.scheme(of: reference.url), scheme == "https" || scheme == "http" else { return nil }
        let url = Escape.html(Escape.urlPath(reference.url))
        var text = "<a href=\"\(url)\">\(url)</a>"
        if reference.year == nil, reference.status == nil, let accessed = reference.accessed {
            text = "Retrieved \(accessed.longForm), from " + text
        }
        return text
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

    private static func sameName(_ text: String, _ authors: [PersonName]) -> Bool {
        authors.count == 1 && authors[0].surname.lowercased() == text.lowercased()
    }

    /// A chapter, an entry or a paper in proceedings: its book carries the edition and volume.
    private static func isContainerWork(_ reference: Reference) -> Bool {
        reference.type == .chapter || reference.type == .conferencePaper
    }

    static func isItalicTitle(_ reference: Reference) -> Bool {
        switch reference.type {
        case .article, .magazineArticle, .newspaperArticle, .chapter, .conferencePaper, .podcastEpisode, .tvEpisode: return false
        case .book, .report, .thesis, .webpage, .misc, .preprint, .unpublished, .podcast, .film, .video, .dataset, .software, .presentation:
            return true
        }
    }

    // MARK: Numbers

    /// `2` → `2nd ed.`; `second` → `2nd ed.`; `5th, text rev.` → `5th ed., text rev.`; `Rev.` → `Rev. ed.`
    static func edition(_ text: String) -> String {
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
            return Escape.html(words.contains("ed.") ? words : words + " ed.")
        }
        var rest = words.dropFirst(leading.count).drop { $0 == " " || $0 == "." }
        if rest.hasPrefix("ed.") { rest = rest.dropFirst(3) }
        return Escape.html("\(ordinal(number)) ed.\(rest)")
    }

    private static func ordinal(_ number: Int) -> String {
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

    /// `Vol. 2`, `Vols. 1–4`.
    private static func volume(_ text: String) -> String {
        isRange(text) ? "Vols. \(pages(text))" : "Vol. \(Escape.html(text))"
    }

    private static func episodeNumber(_ text: String) -> String {
        text.first?.isNumber == true ? "No. \(Escape.html(text))" : Escape.html(text)
    }

    private static func isRange(_ text: String) -> Bool { text.contains { $0 == "-" || $0 == "–" || $0 == "," } }

    /// Page ranges with an en dash: `47--71` and `47-71` become `47–71`.
    static func pages(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "--", with: "–")
        out = out.replacingOccurrences(of: "-", with: "–")
        return Escape.html(out.replacingOccurrences(of: " – ", with: "–"))
    }

    /// Adds APA's closing period unless the element already ends a sentence.
    static func endWithPeriod(_ html: String) -> String {
        guard !html.isEmpty else { return html }
        let visible = html.replacingOccurrences(of: "</em>", with: "").replacingOccurrences(of: "</strong>", with: "")
            .replacingOccurrences(of: "</span>", with: "")
        if let last = visible.last(where: { $0 != "”" && $0 != "’" }), last == "." || last == "?" || last == "!" { return html }
        // American punctuation: the period goes inside closing quotation marks.
        if html.hasSuffix("”") { return html.dropLast() + ".”" }
        return html + "."
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
