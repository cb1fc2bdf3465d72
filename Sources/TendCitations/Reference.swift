import TendCore

/// A person's or an organisation's name, split the way APA needs it.
public struct PersonName: Hashable, Sendable {
    public var family: String
    public var given: String
    /// Lower-case words kept before the family name, as written: `van der`, `de`.
    public var particle: String
    public var suffix: String
    /// An organisation's name, used whole: `American Psychological Association`.
    public var literal: String?

    public init(family: String = "", given: String = "", particle: String = "", suffix: String = "", literal: String? = nil) {
        self.family = family
        self.given = given
        self.particle = particle
        self.suffix = suffix
        self.literal = literal
    }

    /// A name as people write it, `Maya Okafor` or `Dr. Maya J. Okafor, LMFT`: the last word is
    /// the surname (with a lower-case particle before it: `Bessel van der Kolk`), titles and
    /// credentials are left out.
    public init(fullName: String) {
        let beforeCredentials = fullName.split(separator: ",").first.map(String.init) ?? fullName
        var words = beforeCredentials.split(separator: " ").map(String.init)
        while let first = words.first, words.count > 1, ["dr", "dr.", "mx", "mx.", "ms", "ms.", "mr", "mr.", "mrs", "mrs."].contains(first.lowercased()) {
            words.removeFirst()
        }
        guard let family = words.last else {
            self.init(literal: fullName)
            return
        }
        var given = Array(words.dropLast())
        var particle: [String] = []
        while let last = given.last, given.count > 1, last.first?.isLowercase == true {
            particle.insert(last, at: 0)
            given.removeLast()
        }
        self.init(family: family, given: given.joined(separator: " "), particle: particle.joined(separator: " "))
    }

    /// The surname with its particle: `van der Kolk`, or the organisation's name.
    public var surname: String {
        if let literal { return literal }
        return particle.isEmpty ? family : particle + " " + family
    }
}

/// The kinds of work APA formats differently.
public enum ReferenceType: String, Sendable {
    case article, magazineArticle, newspaperArticle, book, chapter, conferencePaper, presentation, report, thesis, webpage
    case preprint, unpublished, podcast, podcastEpisode, film, video, tvEpisode, dataset, software, misc
}

/// A date as APA writes it: a year, or a year with month and day, a season, or a range.
public struct ReferenceDate: Hashable, Sendable {
    public var year: Int
    /// 1–12 (anything else is dropped when the date is made).
    public private(set) var month: Int?
    public private(set) var day: Int?
    /// 1 spring, 2 summer, 3 fall, 4 winter (BibLaTeX's 21–24).
    public private(set) var season: Int?
    public var end: EndDate?
    /// Still going: `2015–present` (EDTF `2015/` or `2015/..`).
    public var ongoing = false

    /// The last day of a range: `2019, May 23–26`, `2019/2020`.
    public struct EndDate: Hashable, Sendable {
        public var year: Int
        public private(set) var month: Int?
        public private(set) var day: Int?
        public init(year: Int, month: Int? = nil, day: Int? = nil) {
            self.year = year
            self.month = month.flatMap { (1...12).contains($0) ? $0 : nil }
            self.day = self.month == nil ? nil : day.flatMap { (1...31).contains($0) ? $0 : nil }
        }
    }

    public init(year: Int, month: Int? = nil, day: Int? = nil, season: Int? = nil, end: EndDate? = nil) {
        self.year = year
        self.month = month.flatMap { (1...12).contains($0) ? $0 : nil }
        self.day = self.month == nil ? nil : day.flatMap { (1...31).contains($0) ? $0 : nil }
        self.season = season.flatMap { (1...4).contains($0) ? $0 : nil }
        self.end = end
    }
}

/// Where a work stands in publication, when it is not yet published.
public enum PublicationStatus: String, Sendable {
    case inPress = "in press"
    case submitted = "Manuscript submitted for publication"
    case inPreparation = "Manuscript in preparation"
}

/// One bibliography entry, from BibTeX, BibLaTeX or CSL-JSON. A value whose fields live in one
/// shared box, copied only when a copy is changed: pages, lists and the bibliography pass
/// references around by the thousand, and copying thirty fields each time (a retain a string)
/// was a fifth of reading the page cache.
@dynamicMemberLookup
public struct Reference: Sendable {
    /// What an entry says.
    public struct Fields: Sendable {
        public var key: String
        public var type: ReferenceType
        public var authors: [PersonName] = []
        /// "and others": the list of authors goes on (et al.).
        public var authorsContinue = false
        /// What the authors did, for works APA labels: `Director`, `Host`.
        public var authorRole = ""
        public var editors: [PersonName] = []
        public var translators: [PersonName] = []
        public var date: ReferenceDate?
        public var status: PublicationStatus?
        /// The year of the original, for a reprint or a translation: `(Original work published 1946)`.
        public var originalYear: Int?
        public var title: RichText = RichText()
        /// A description APA puts in brackets after the title: `[Letter to the editor]`.
        public var titleAddon: RichText = RichText()
        /// The journal, magazine, newspaper, website, podcast, or the book a chapter is in.
        public var containerTitle: RichText = RichText()
        public var volume = ""
        public var issue = ""
        public var pages = ""
        /// A journal article's article number (`e0231012`).
        public var articleNumber = ""
        public var publisher = ""
        public var edition = ""
        /// A report's, a thesis's or an episode's number.
        public var number = ""
        /// The kind of report, thesis or medium, as APA labels it: `NIH Publication`, `Master's thesis`, `Film`.
        public var genre = ""
        /// The university of a thesis.
        public var institution = ""
        /// The database or archive a work was found in, or a preprint's server.
        public var archive = ""
        public var eventTitle = ""
        public var eventPlace = ""
        public var eventDate: ReferenceDate?
        public var version = ""
        public var doi = ""
        public var url = ""
        public var accessed: CalendarDate?
        public var isbn = ""
        /// Where the entry starts, for diagnostics.
        public var location: SourceLocation

        init(key: String, type: ReferenceType, location: SourceLocation) {
            self.key = key
            self.type = type
            self.location = location
        }
    }

    // Inlinable, so a field read in another module is a load, not a key path lookup at run time.
    @usableFromInline final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    public init(key: String, type: ReferenceType, location: SourceLocation) {
        box = Box(Fields(key: key, type: type, location: location))
    }

    @inlinable public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        _read { yield box.fields[keyPath: field] }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields[keyPath: field]
        }
    }

    /// The year, when the work has one.
    public var year: Int? { box.fields.date?.year }

    /// The names in the author position: the authors, or for an edited work its editors.
    var leadNames: [PersonName] { box.fields.authors.isEmpty ? box.fields.editors : box.fields.authors }
}
