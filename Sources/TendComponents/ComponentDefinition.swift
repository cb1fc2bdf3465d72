import Foundation

/// The components Tend knows, and the attributes each accepts.
public struct ComponentDefinition: Sendable {
    public enum AttributeType: Sendable {
        case text
        case integer(ClosedRange<Int>)
        case choice([String])
        /// Comma-separated words, each one of the choices.
        case list([String])
        /// A breathing pattern: 2 to 4 counts joined by hyphens (`4-7-8`).
        case breathingPattern
    }

    public var name: String
    public var attributes: [String: AttributeType]
    /// Paired components wrap Markdown: `{{< callout >}} ... {{< /callout >}}`.
    public var isPaired: Bool

    public static let channels = ["call", "text", "email", "book", "instagram", "links"]

    public static let all: [String: ComponentDefinition] = [
        "consultation": ComponentDefinition(
            name: "consultation",
            attributes: ["headline": .text, "body": .text, "channels": .list(channels)], isPaired: false),
        "callout": ComponentDefinition(
            name: "callout",
            attributes: ["kind": .choice(["note", "tip", "warning", "important"]), "title": .text], isPaired: true),
        "crisis": ComponentDefinition(name: "crisis", attributes: ["message": .text], isPaired: false),
        "breathing": ComponentDefinition(
            name: "breathing",
            attributes: ["pattern": .breathingPattern, "cycles": .integer(1...50), "title": .text], isPaired: false),
        "references": ComponentDefinition(name: "references", attributes: [:], isPaired: false),
    ]

    /// Why `value` does not fit `type`, or nil when it does.
    static func problem(with value: String, type: AttributeType, name: String) -> String? {
        switch type {
        case .text:
            return nil
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                return "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'"
            }
            return nil
        case .choice(let choices):
            return choices.contains(value) ? nil : "'\(name)' must be one of \(choices.joined(separator: ", ")), not '\(value)'"
        case .list(let choices):
            let words = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = words.first(where: { !choices.contains($0) }) {
                return "'\(name)' may list \(choices.joined(separator: ", ")), not '\(bad)'"
            }
            return words.isEmpty ? "'\(name)' must list at least one of \(choices.joined(separator: ", "))" : nil
        case .breathingPattern:
            return BreathingPattern(value) == nil
                ? "'\(value)' is not a breathing pattern: write 2 to 4 counts from 1 to 20 joined by hyphens, such as \"4-7-8\" or \"4-4-4-4\""
                : nil
        }
    }
}
