/// One `{{< name key="value" >}}` or `{{< /name >}}` line, parsed.
public struct Shortcode: Equatable, Sendable {
    public struct Attribute: Equatable, Sendable {
        public var name: String
        public var value: String
        /// Column of the attribute's name on its line (from 1).
        public var column: Int
    }

    public var name: String
    public var attributes: [Attribute]
    public var isClosing: Bool
    /// Column of `{{<` on its line.
    public var column: Int

    public func value(of attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }
}

/// Parses shortcode lines. Never crashes on any input; a malformed line gives a message and column.
public enum ShortcodeParser {
    public struct Failure: Error, Equatable, Sendable {
        public var message: String
        public var column: Int
    }

    /// True when the line, trimmed, starts with `{{<`: it is meant as a component.
    public static func looksLikeShortcode(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("{{<")
    }

    /// Parses a whole line that holds one shortcode and nothing else.
    public static func parse(_ line: Substring) -> Result<Shortcode, Failure> {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        let start = index
        guard matches(scalars, index, "{{<") else { return .failure(Failure(message: "expected '{{<'", column: index + 1)) }
        index += 3
        skipSpaces(scalars, &index)
        var closing = false
        if index < scalars.count, scalars[index] == "/" {
            closing = true
            index += 1
            skipSpaces(scalars, &index)
        }
        let nameStart = index
        while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index]))
        guard !name.isEmpty else {
            return .failure(Failure(message: "a component needs a name, as in {{< consultation >}}", column: nameStart + 1))
        }
        var attributes: [Shortcode.Attribute] = []
        while true {
            skipSpaces(scalars, &index)
            guard index < scalars.count else {
                return .failure(Failure(message: "the component '\(name)' is not closed with '>}}'", column: scalars.count + 1))
            }
            if matches(scalars, index, ">}}") {
                index += 3
                skipSpaces(scalars, &index)
                guard index == scalars.count else {
                    return .failure(Failure(message: "a component must stand alone on its line; move the text after '>}}' to the next line", column: index + 1))
                }
                return .success(Shortcode(name: name, attributes: attributes, isClosing: closing, column: start + 1))
            }
            let attributeStart = index
            while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
            let attributeName = String(String.UnicodeScalarView(scalars[attributeStart..<index]))
            guard !attributeName.isEmpty else {
                return .failure(Failure(message: "unexpected '\(scalars[index])' in the component '\(name)'", column: index + 1))
            }
            guard index < scalars.count, scalars[index] == "=" else {
                return .failure(Failure(message: "the attribute '\(attributeName)' needs a value, as in \(attributeName)=\"...\"", column: attributeStart + 1))
            }
            index += 1
            guard let value = readValue(scalars, &index) else {
                return .failure(Failure(message: "the value of '\(attributeName)' must be in double quotes (a number may stand alone)", column: index + 1))
            }
            if attributes.contains(where: { $0.name == attributeName }) {
                return .failure(Failure(message: "the attribute '\(attributeName)' is given twice", column: attributeStart + 1))
            }
            attributes.append(.init(name: attributeName, value: value, column: attributeStart + 1))
        }
    }

    /// `"text with \" escapes"` or an unquoted number.
    private static func readValue(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String? {
        guard index < scalars.count else { return nil }
        if scalars[index] == "\"" {
            var value = String.UnicodeScalarView()
            var cursor = index + 1
            while cursor < scalars.count {
                let scalar = scalars[cursor]
                if scalar == "\\", cursor + 1 < scalars.count, scalars[cursor + 1] == "\"" || scalars[cursor + 1] == "\\" {
                    value.append(scalars[cursor + 1])
                    cursor += 2
                    continue
                }
                if scalar == "\"" {
                    index = cursor + 1
                    return String(value)
                }
                value.append(scalar)
                cursor += 1
            }
            return nil
        }
        let start = index
        while index < scalars.count, ("0"..."9").contains(scalars[index]) || scalars[index] == "." || scalars[index] == "-" { index += 1 }
        return index > start ? String(String.UnicodeScalarView(scalars[start..<index])) : nil
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    private static func matches(_ scalars: [Unicode.Scalar], _ index: Int, _ text: String) -> Bool {
        let pattern = Array(text.unicodeScalars)
        guard index + pattern.count <= scalars.count else { return false }
        return Array(scalars[index..<(index + pattern.count)]) == pattern
    }
}
