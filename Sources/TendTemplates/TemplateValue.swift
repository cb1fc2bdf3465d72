/// What a template sees: a view computed in Swift, typed so that rendering looks values up
/// without casting. `text` is escaped where the template asks for it; `flag` and an empty
/// `list` are what a section tests (any other value, even empty text or zero, shows a section
/// once, with the value on top of the context).
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateObject)

    /// A list of objects.
    public static func objects(_ objects: [TemplateObject]) -> TemplateValue { .list(objects.map(TemplateValue.object)) }

    /// False and an empty list hide a section (and show an inverted one); so does a missing value.
    var hidesSection: Bool {
        switch self {
        case .flag(let flag): !flag
        case .list(let items): items.isEmpty
        case .text, .number, .object: false
        }
    }

    /// Text, or false when there is none.
    public static func text(orFalse text: String?) -> TemplateValue { text.map(TemplateValue.text) ?? .flag(false) }
}

/// A view's keys and values.
public typealias TemplateObject = [String: TemplateValue]

extension TemplateValue: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .flag(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements) { _, last in last })
    }
}
