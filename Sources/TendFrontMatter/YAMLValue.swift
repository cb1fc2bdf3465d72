import Foundation
import TendCore
import Yams

/// A YAML node with the place in the file it came from, read strictly: YAML 1.1's surprises
/// (`No` as false, `"false"` as a bool) never happen, because each field says what it expects.
public struct YAMLValue {
    let node: Node
    /// Where the value starts in the file.
    public let location: SourceLocation
    /// The key this value belongs to, for messages.
    public let name: String

    init(_ node: Node, name: String, origin: SourceLocation) {
        self.node = node
        self.name = name
        if let mark = node.mark {
            location = SourceLocation(path: origin.path, line: origin.line + mark.line - 1, column: mark.column)
        } else {
            location = origin
        }
        self.origin = origin
    }

    private let origin: SourceLocation

    /// True for an empty value, `~` or `null`.
    public var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// True for a single value (not a list or mapping).
    public var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    /// The text exactly as written; an error for a list or mapping.
    public func string(_ diagnostics: inout Diagnostics) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error(location, "'\(name)' must be text, not \(kindDescription)")
            return nil
        }
        guard checkTag(scalar.tag, &diagnostics) else { return nil }
        return scalar.string
    }

    /// `true` or `false`, unquoted.
    public func bool(_ diagnostics: inout Diagnostics) -> Bool? {
        guard case .scalar(let scalar) = node, checkTag(scalar.tag, &diagnostics) else {
            diagnostics.error(location, "'\(name)' must be true or false")
            return nil
        }
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        switch scalar.string.lowercased() {
        case "true" where !quoted: return true
        case "false" where !quoted: return false
        default:
            diagnostics.error(
                location, "'\(name)' must be true or false, not '\(scalar.string)'",
                hint: quoted ? "remove the quotes: \(name): \(scalar.string.lowercased())" : "write \(name): true or \(name): false")
            return nil
        }
    }

    /// A whole number, unquoted.
    public func int(_ diagnostics: inout Diagnostics) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any, let value = Int(scalar.string) else {
            diagnostics.error(location, "'\(name)' must be a whole number, not \(describeScalar)")
            return nil
        }
        return value
    }

    /// A date written `YYYY-MM-DD`.
    public func date(_ diagnostics: inout Diagnostics) -> CalendarDate? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error(location, "'\(name)' must be a date written YYYY-MM-DD")
            return nil
        }
        guard let date = Self.calendarDate(scalar.string) else {
            diagnostics.error(
                location, "'\(name)' is not a valid date: '\(scalar.string)'",
                hint: "write the date as YYYY-MM-DD, for example 2026-03-14, and check that the day exists in that month")
            return nil
        }
        return date
    }

    /// `2026-03-14`, or an ISO 8601 date-time as Hugo, Jekyll and WordPress write them
    /// (`2019-01-08T08:21:55.686Z`, `2021-07-08T00:00:00+01:00`, `2014-04-14 16:06`,
    /// `2014-04-14 16:06:00 -0700`): the calendar date as written is what counts.
    static func calendarDate(_ text: String) -> CalendarDate? {
        let trimmed = text.trimmingSpaces
        guard trimmed.utf8.count > 10 else { return CalendarDate(trimmed) }
        guard let date = CalendarDate(String(trimmed.prefix(10))) else { return nil }
        var time = trimmed.dropFirst(10)
        guard let separator = time.first, separator == "T" || separator == "t" || separator == " " else { return nil }
        time = time.dropFirst().drop { $0 == " " }
        // hh:mm[:ss[.fraction]] then an optional zone: Z, ±hh:mm, ±hhmm, or a name such as UTC.
        let clock = time.prefix { $0.isNumber || $0 == ":" || $0 == "." || $0 == "," }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours), (0...59).contains(minutes)
        else { return nil }
        if parts.count == 3, Double(parts[2].replacingOccurrences(of: ",", with: ".")).map({ (0..<61).contains($0) }) != true { return nil }
        let zone = time.dropFirst(clock.count).trimmingCharacters(in: .whitespaces)
        let zoneIsValid =
            zone.isEmpty || zone == "Z" || zone == "z" || zone.allSatisfy({ $0.isLetter }) && zone.count <= 5
            || ((zone.hasPrefix("+") || zone.hasPrefix("-")) && zone.dropFirst().filter { $0 != ":" }.count == 4
                && zone.dropFirst().allSatisfy { $0.isNumber || $0 == ":" })
        return zoneIsValid ? date : nil
    }

    /// A list of texts; a single text is an error (write it as `[word]`).
    public func stringList(_ diagnostics: inout Diagnostics) -> [String]? {
        guard case .sequence(let sequence) = node else {
            if case .scalar(let scalar) = node {
                diagnostics.error(
                    location, "'\(name)' must be a list", hint: "write \(name): [\(scalar.string)]")
            } else {
                diagnostics.error(location, "'\(name)' must be a list of words, not \(kindDescription)")
            }
            return nil
        }
        var values: [String] = []
        for item in sequence {
            let value = YAMLValue(item, name: name, origin: origin)
            guard case .scalar = item else {
                diagnostics.error(value.location, "each entry of '\(name)' must be text, not \(value.kindDescription)")
                continue
            }
            if let text = value.string(&diagnostics) { values.append(text) }
        }
        return values
    }

    /// The entries of a list, each as a value of its own.
    public func list(_ diagnostics: inout Diagnostics) -> [YAMLValue]? {
        guard case .sequence(let sequence) = node else {
            diagnostics.error(location, "'\(name)' must be a list, not \(kindDescription)")
            return nil
        }
        return sequence.map { YAMLValue($0, name: name, origin: origin) }
    }

    /// The value as a mapping of its own.
    public func mapping(_ diagnostics: inout Diagnostics) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            diagnostics.error(location, "'\(name)' must be a set of 'key: value' lines, not \(kindDescription)")
            return nil
        }
        return YAMLMapping(mapping, origin: origin, location: location, diagnostics: &diagnostics)
    }

    var kindDescription: String {
        switch node {
        case .scalar(let scalar): return "the text '\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private var describeScalar: String {
        if case .scalar(let scalar) = node { return "'\(scalar.string)'" }
        return kindDescription
    }

    private static let plainTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp", "?", "!", "",
    ]

    private func checkTag(_ tag: Tag, _ diagnostics: inout Diagnostics) -> Bool {
        let name = tag.rawValue
        if Self.plainTags.contains(name) { return true }
        diagnostics.error(location, "'\(self.name)' uses the YAML tag '\(name)', which Tend does not accept", hint: "remove the tag and write a plain value")
        return false
    }
}
