import TendCore

/// APA 7th edition: reference-list entries and in-text citations, as HTML with every value escaped.
public enum APAStyle {
    /// The year as cited: `2015`, `1994a`, `n.d.`, `n.d.-a`.
    public static func yearLabel(_ reference: Reference, suffix: String) -> String {
        guard let year = reference.year else { return suffix.isEmpty ? "n.d." : "n.d.-\(suffix)" }
        return "\(year)\(suffix)"
    }

    /// The author part of an in-text citation (HTML): surnames, `et al.`, or the title when there is no author.
    public static func inTextAuthor(_ reference: Reference, narrative: Bool) -> String {
        let names = reference.authors.isEmpty ? reference.editors : reference.authors
        if !names.isEmpty { return Escape.html(APANames.inText(names, narrative: narrative)) }
        let title = Escape.html(shortTitle(reference.title))
        return isItalicTitle(reference) ? "<em>\(title)</em>" : "“\(title)”"
    }

    /// The full reference-list entry (HTML, without the surrounding element).
    public static func entry(_ reference: Reference, yearSuffix: String = "") -> String {
        var parts: [String] = []
        let date = dateText(reference, suffix: yearSuffix)
        let title = titleText(reference)
        let authors = reference.authors.isEmpty ? reference.editors : reference.authors
        if authors.isEmpty {
            // No author: the title moves to the author position.
            parts.append(title)
            parts.append("(\(date)).")
        } else {
            var names = Escape.html(APANames.referenceList(authors))
            if reference.authors.isEmpty { names += reference.editors.count == 1 ? " (Ed.)" : " (Eds.)" }
            parts.append(endWithPeriod(names))
            parts.append("(\(date)).")
            parts.append(title)
        }
        if let source = sourceText(reference, authors: authors) { parts.append(source) }
        if let link = linkText(reference) { parts.append(link) }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func dateText(_ reference: Reference, suffix: String) -> String {
        let year = yearLabel(reference, suffix: suffix)
        guard reference.type == .webpage, reference.year != nil, let month = reference.month, (1...12).contains(month) else { return year }
        let monthName = monthNames[month - 1]
        if let day = reference.day { return "\(year), \(monthName) \(day)" }
        return "\(year), \(monthName)"
    }

    /// The title with its edition or report number and bracketed description; italic for stand-alone works.
    private static func titleText(_ reference: Reference) -> String {
        let title = Escape.html(reference.title.isEmpty ? "[Untitled]" : reference.title)
        var details: [String] = []
        if !reference.edition.isEmpty, reference.type != .chapter && reference.type != .conferencePaper {
            details.append("\(edition(reference.edition)) ed.")
        }
        if reference.type == .report, !reference.number.isEmpty { details.append("Report No. \(Escape.html(reference.number))") }
        var text = isItalicTitle(reference) ? "<em>\(title)</em>" : title
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        if reference.type == .thesis {
            let genre = reference.genre.isEmpty ? "Doctoral dissertation" : reference.genre
            let school = reference.publisher.isEmpty ? "" : ", \(Escape.html(reference.publisher))"
            text += " [\(Escape.html(genre))\(school)]"
        }
        return endWithPeriod(text)
    }

    private static func sourceText(_ reference: Reference, authors: [PersonName]) -> String? {
        let publisher = publisherText(reference, authors: authors)
        switch reference.type {
        case .article:
            guard !reference.containerTitle.isEmpty else { return nil }
            var text = "<em>\(Escape.html(reference.containerTitle))</em>"
            if !reference.volume.isEmpty {
                text += ", <em>\(Escape.html(reference.volume))</em>"
                if !reference.issue.isEmpty { text += "(\(Escape.html(reference.issue)))" }
            } else if !reference.issue.isEmpty {
                text += ", (\(Escape.html(reference.issue)))"
            }
            if !reference.pages.isEmpty { text += ", \(pages(reference.pages))" }
            return text + "."
        case .chapter, .conferencePaper:
            var text = "In "
            if !reference.editors.isEmpty && !reference.authors.isEmpty {
                text += Escape.html(APANames.editorsDirect(reference.editors)) + ", "
            }
            text += "<em>\(Escape.html(reference.containerTitle.isEmpty ? "[Untitled]" : reference.containerTitle))</em>"
            var details: [String] = []
            if !reference.edition.isEmpty { details.append("\(edition(reference.edition)) ed.") }
            if !reference.volume.isEmpty { details.append("Vol. \(Escape.html(reference.volume))") }
            if !reference.pages.isEmpty {
                details.append("\(reference.pages.contains(where: { $0 == "-" || $0 == "–" || $0 == "," }) ? "pp." : "p.") \(pages(reference.pages))")
            }
            if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
            text += "."
            if let publisher { text += " " + publisher }
            return text
        case .webpage:
            guard !reference.containerTitle.isEmpty, !sameName(reference.containerTitle, authors) else { return nil }
            return endWithPeriod(Escape.html(reference.containerTitle))
        case .thesis:
            return nil
        case .book, .report, .misc:
            if reference.type == .misc, !reference.containerTitle.isEmpty, publisher == nil {
                return endWithPeriod(Escape.html(reference.containerTitle))
            }
            return publisher
        }
    }

    /// The publisher, left out when it is the author (an organisation publishing its own work).
    private static func publisherText(_ reference: Reference, authors: [PersonName]) -> String? {
        guard !reference.publisher.isEmpty, !sameName(reference.publisher, authors) else { return nil }
        return endWithPeriod(Escape.html(reference.publisher))
    }

    private static func linkText(_ reference: Reference) -> String? {
        if !reference.doi.isEmpty {
            var doi = reference.doi
            for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"] where doi.lowercased().hasPrefix(prefix)
            {
                doi = String(doi.dropFirst(prefix.count))
            }
            let url = "https://doi.org/" + Escape.urlPath(doi)
            return "<a href=\"\(Escape.html(url))\">\(Escape.html(url))</a>"
        }
        guard !reference.url.isEmpty, let scheme = URLPolicy.scheme(of: reference.url), scheme == "https" || scheme == "http" else { return nil }
        let url = Escape.html(Escape.urlPath(reference.url))
        var text = "<a href=\"\(url)\">\(url)</a>"
        if reference.year == nil, let accessed = reference.accessed {
            text = "Retrieved \(accessed.longForm), from " + text
        }
        return text
    }

    private static func sameName(_ text: String, _ authors: [PersonName]) -> Bool {
        authors.count == 1 && authors[0].surname.lowercased() == text.lowercased()
    }

    static func isItalicTitle(_ reference: Reference) -> Bool {
        switch reference.type {
        case .article, .chapter, .conferencePaper: return false
        case .book, .report, .thesis, .webpage, .misc: return true
        }
    }

    /// `2` or `2nd` or `second` → `2nd`.
    private static func edition(_ text: String) -> String {
        let words = ["first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10]
        let digits = text.prefix { $0.isNumber }
        guard let number = Int(digits) ?? words[text.lowercased().trimmingSpaces] else { return Escape.html(text) }
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

    /// Page ranges with an en dash: `47--71` and `47-71` become `47–71`.
    static func pages(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "--", with: "–")
        out = out.replacingOccurrences(of: "-", with: "–")
        return Escape.html(out.replacingOccurrences(of: " – ", with: "–"))
    }

    /// The first words of a long title, for in-text citations of works without an author.
    private static func shortTitle(_ title: String) -> String {
        let main = title.split(separator: ":", maxSplits: 1).first.map(String.init) ?? title
        return main.isEmpty ? "Untitled" : main
    }

    private static func endWithPeriod(_ text: String) -> String {
        guard let last = text.last else { return text }
        if last == "." || last == "?" || last == "!" { return text }
        if text.hasSuffix("?</em>") || text.hasSuffix("!</em>") || text.hasSuffix(".</em>") { return text }
        return text + "."
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
}
