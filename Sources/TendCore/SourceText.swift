#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
/// Turns a file's bytes into text the pipeline can trust: UTF-8 only, no NUL, LF line endings.
public enum SourceText {
    /// Decodes a Markdown file as `decode` does, but as CommonMark reads one: a NUL byte becomes
    /// U+FFFD (with a warning at its place) rather than rejecting the file. A Word, OpenDocument,
    /// PDF or RTF file saved under a `.md` name is told apart and pointed to `tend import`.
    public static func decodeMarkdown(_ bytes: [UInt8], path: String) throws(Diagnostic) -> (text: String, warnings: [Diagnostic]) {
        if let format = documentFormat(of: bytes) {
            throw .error(
                SourceLocation(path: path), "this is a \(format) file saved with a .md name, not Markdown text",
                hint:
                    "convert it with `tend import \(path.split(separator: "/").last.map(String.init) ?? path)` (from the original file), or save it as plain text"
            )
        }
        guard let first = bytes.firstIndex(of: 0) else { return (try decode(bytes, path: path), []) }
        let line = bytes[..<first].count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = bytes[..<first].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<first], as: UTF8.self).count + 1
        var replaced: [UInt8] = []
        replaced.reserveCapacity(bytes.count + 8)
        for byte in bytes { if byte == 0 { replaced += [0xEF, 0xBF, 0xBD] } else { replaced.append(byte) } }
        let warning = Diagnostic.warning(
            SourceLocation(path: path, line: line, column: column), "the file contains a NUL byte; it is shown as \u{FFFD}",
            hint: "delete the invisible character there (it often comes from pasting out of another program)")
        return (try decode(replaced, path: path), [warning])
    }

    /// The kind of a document that is not plain text, told by its first bytes.
    static func documentFormat(of bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "Word, OpenDocument or other ZIP-packed" }
        if bytes.starts(with: Array("%PDF".utf8)) { return "PDF" }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return "RTF" }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "old Word (.doc)" }
        return nil
    }

    /// Decodes `bytes` (a UTF-8 byte-order mark is dropped, CRLF and CR become LF) or throws a
    /// diagnostic naming the line of the first problem.
    public static func decode(_ bytes: [UInt8], path: String) throws(Diagnostic) -> String {
        var start = 0
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .error(
                SourceLocation(path: path), "the file is UTF-16, not UTF-8",
                hint: "save it as 'UTF-8' in your editor's 'Save As' or 'Encoding' menu")
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // The common case: valid UTF-8 with LF endings and no NUL, checked by the standard library.
        let body = bytes[start...]
        if !body.contains(0), !body.contains(UInt8(ascii: "\r")), let text = String(validating: body, as: UTF8.self) {
            return text
        }
        var line = 1
        var column = 1
        var index = start
        var needsNewlineFix = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    throw .error(
                        SourceLocation(path: path, line: line, column: column), "the file contains a NUL byte",
                        hint: "this is not a text file, or it was damaged; re-save it as plain UTF-8 text")
                }
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    if byte == UInt8(ascii: "\r") { needsNewlineFix = true }
                    column += 1
                }
                index += 1
                continue
            }
            let length = validSequenceLength(bytes, at: index)
            guard length > 0 else {
                throw .error(
                    SourceLocation(path: path, line: line, column: column), "the file is not valid UTF-8",
                    hint: "re-save it as 'UTF-8' (files exported from older word processors often use Windows-1252)")
            }
            index += length
            column += 1
        }
        var text = String(decoding: bytes[start...], as: UTF8.self)
        if needsNewlineFix {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }

    /// Length of the well-formed UTF-8 sequence at `index`, or 0 when it is malformed.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8)
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        guard (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }

    /// Bidirectional control characters (U+202A-202E, U+2066-2069) that can make text read
    /// differently than it is stored; found by their UTF-8 bytes.
    public static func firstBidiControl(in text: String) -> (line: Int, column: Int)? {
        var text = text
        return text.withUTF8 { bytes -> (line: Int, column: Int)? in
            // Every such character starts with 0xE2: most texts have none, and memchr says so at once.
            guard let base = bytes.baseAddress, memchr(base, 0xE2, bytes.count) != nil else { return nil }
            var line = 1
            var lineStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                } else if byte == 0xE2, index + 2 < bytes.count {
                    let second = bytes[index + 1], third = bytes[index + 2]
                    if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) {
                        let column = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<index]), as: UTF8.self).count + 1
                        return (line, column)
                    }
                }
                index += 1
            }
            return nil
        }
    }
}
