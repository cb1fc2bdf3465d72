/// A file cut into its YAML front matter and its Markdown body.
public struct SplitSource: Equatable, Sendable {
    /// The YAML between the `---` lines (empty when the file has none).
    public var yaml: String
    /// The line of the file on which the YAML starts.
    public var yamlFirstLine: Int
    /// The Markdown after the closing `---`.
    public var body: String
    /// The line of the file on which the body starts.
    public var bodyFirstLine: Int
    /// False when the file did not start with a `---` line.
    public var hasFrontMatter: Bool
}

/// Splits front matter from the body by scanning bytes (text already decoded, LF line endings).
public enum FrontMatterSplitter {
    public enum Problem: Error, Equatable {
        /// The opening `---` has no closing `---`.
        case unclosed
    }

    public static func split(_ text: String) throws(Problem) -> SplitSource {
        let bytes = Array(text.utf8)
        guard let firstEnd = lineEnd(bytes, from: 0), isFence(bytes[0..<firstEnd], allowDots: false) else {
            return SplitSource(yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1, hasFrontMatter: false)
        }
        var lineStart = firstEnd + 1
        var lineNumber = 2
        while lineStart <= bytes.count {
            let end = lineEnd(bytes, from: lineStart) ?? bytes.count
            if isFence(bytes[lineStart..<end], allowDots: true) {
                let yaml = String(decoding: bytes[(firstEnd + 1)..<lineStart], as: UTF8.self)
                let bodyStart = min(end + 1, bytes.count)
                let body = String(decoding: bytes[bodyStart...], as: UTF8.self)
                return SplitSource(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1, hasFrontMatter: true)
            }
            if end == bytes.count { break }
            lineStart = end + 1
            lineNumber += 1
        }
        throw .unclosed
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count else { return nil }
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    /// `---` (or `...` to close), with trailing spaces allowed.
    private static func isFence(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { trimmed.removeLast() }
        if trimmed.elementsEqual("---".utf8) { return true }
        return allowDots && trimmed.elementsEqual("...".utf8)
    }
}
