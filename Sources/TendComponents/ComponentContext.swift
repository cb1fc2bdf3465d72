import TendLanguage

/// What components need to know about the practice, from `site.yml`.
public struct ComponentContext: Sendable {
    public struct Link: Sendable, Hashable {
        public var label: String
        public var url: String
        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    public struct CrisisLine: Sendable, Hashable {
        public var label: String
        public var phone: PhoneNumber?
        public var text: PhoneNumber?
        public init(label: String, phone: PhoneNumber?, text: PhoneNumber?) {
            self.label = label
            self.phone = phone
            self.text = text
        }
    }

    public var practiceName: String = ""
    public var phone: PhoneNumber?
    public var text: PhoneNumber?
    public var email: String?
    public var bookingURL: String?
    public var instagram: String?
    public var links: [Link] = []
    public var consultationHeadline = "Schedule a complimentary consultation"
    public var consultationBody = ""
    public var consultationMinutes: Int?
    public var crisisMessage = "If you are in crisis or thinking about suicide, help is available now."
    public var crisisLines: [CrisisLine] = []
    /// The emergency number (`crisis.emergency`; 911 by default).
    public var emergencyNumber = PhoneNumber("911", allowShortCode: true)!
    /// The URL of the page that lists crisis resources, when the site has one.
    public var crisisPageURL: String?
    /// The theme's words in the language of the pages these components are on.
    public var words = ThemeText.english

    public init() {}
}
