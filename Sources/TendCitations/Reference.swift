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

    /// The surname with its particle: `van der Kolk`, or the organisation's name.
    public var surname: String {
        if let literal { return literal }
        return particle.isEmpty ? family : particle + " " + family
    }
}

/// The kinds of work APA formats differently.
public enum ReferenceType: String, Sendable {
    case article, book, chapter, conferencePaper, report, thesis, webpage, misc
}

/// One bibliography entry, from BibTeX or CSL-JSON.
public struct Reference: Sendable {
    public var key: String
    public var type: ReferenceType
    public var authors: [PersonName] = []
    public var editors: [PersonName] = []
    public var year: Int?
    public var month: Int?
    public var day: Int?
    public var title: String = ""
    public var containerTitle: String = ""
    public var volume: String = ""
    public var issue: String = ""
    public var pages: String = ""
    public var publisher: String = ""
    public var edition: String = ""
    public var number: String = ""
    public var doi: String = ""
    public var url: String = ""
    public var accessed: CalendarDate?
    public var isbn: String = ""
    /// For theses: the degree (`Doctoral dissertation`, `Master's thesis`).
    public var genre: String = ""
    /// Where the entry starts, for diagnostics.
    public var location: SourceLocation

    public init(key: String, type: ReferenceType, location: SourceLocation) {
        self.key = key
        self.type = type
        self.location = location
    }
}
