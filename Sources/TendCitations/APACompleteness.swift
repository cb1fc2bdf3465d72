/// What APA 7 needs in a reference of each type, so that `tend check` can name what is missing.
public enum APACompleteness {
    /// An element a reference lacks, with the field that would give it.
    public struct Missing: Equatable, Sendable {
        public let element: String
        public let field: String
    }

    /// The elements APA needs for the reference's type that it does not have.
    public static func missing(in reference: Reference) -> [Missing] {
        var missing: [Missing] = []
        func need(_ present: Bool, _ element: String, _ field: String) {
            if !present { missing.append(Missing(element: element, field: field)) }
        }
        need(!reference.title.isEmpty, "title", "title")
        let published = reference.status == nil
        switch reference.type {
        case .article, .magazineArticle, .newspaperArticle:
            need(!reference.containerTitle.isEmpty, "periodical name", "journaltitle (or journal)")
            if reference.type == .article, published { need(!reference.volume.isEmpty, "volume", "volume") }
        case .book:
            need(!reference.publisher.isEmpty || reference.leadNames.count == 1 && reference.leadNames[0].literal != nil, "publisher", "publisher")
        case .chapter, .conferencePaper:
            need(!reference.containerTitle.isEmpty, "book title", "booktitle")
            need(!reference.publisher.isEmpty || !reference.doi.isEmpty, "publisher", "publisher")
        case .report:
            need(!reference.publisher.isEmpty || reference.leadNames.first?.literal != nil, "publisher", "institution")
        case .thesis:
            need(!reference.institution.isEmpty, "university", "institution (or school)")
        case .webpage:
            need(!reference.url.isEmpty, "URL", "url")
            let siteIsAuthor = reference.leadNames.count == 1 && reference.leadNames[0].literal != nil
            need(!reference.containerTitle.isEmpty || siteIsAuthor, "website name", "organization (the site's name)")
        case .presentation:
            need(!reference.eventTitle.isEmpty, "event name", "eventtitle")
        case .preprint:
            need(!reference.archive.isEmpty, "preprint server", "eprinttype (or the server as publisher)")
        case .podcastEpisode, .tvEpisode:
            need(!reference.containerTitle.isEmpty, "show name", "maintitle")
        case .video, .podcast, .unpublished, .film, .dataset, .software, .misc:
            break
        }
        return missing
    }

    /// The kind of work, as a message names it: `a journal article`.
    public static func kind(of reference: Reference) -> String {
        switch reference.type {
        case .article: return "a journal article"
        case .magazineArticle: return "a magazine article"
        case .newspaperArticle: return "a newspaper article"
        case .book: return "a book"
        case .chapter: return "a chapter"
        case .conferencePaper: return "a paper in proceedings"
        case .presentation: return "a presentation"
        case .report: return "a report"
        case .thesis: return "a thesis"
        case .webpage: return "a web page"
        case .preprint: return "a preprint"
        case .unpublished: return "an unpublished work"
        case .podcast: return "a podcast"
        case .podcastEpisode: return "a podcast episode"
        case .film: return "a film"
        case .video: return "a video"
        case .tvEpisode: return "a TV episode"
        case .dataset: return "a data set"
        case .software: return "software"
        case .misc: return "a work"
        }
    }
}
