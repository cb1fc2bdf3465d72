import TendCore

/// Finds Pandoc citations in plain text: `[@a]`, `[see @a, p. 3; @b]`, `[-@a]`, `@a`, `@a [p. 3]`.
public enum CitationScanner {
    /// Scans `text`. A bracketed citation always cites; a bare `@word` only when `isKnownKey` says so.
    public static func scan(_ text: String, isKnownKey: (String) -> Bool) -> CitationScan {
        var result = CitationScan()
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "@")) else { return result }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "["), let close = closingBracket(bytes, from: index),
                let items = bracketedItems(bytes, from: index + 1, to: close)
            {
                result.matches.append(CitationMatch(range: index..<(close + 1), citation: Citation(items: items, isNarrative: false)))
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: "@"), startsBareKey(bytes, at: index) {
                let keyEnd = keyEnd(bytes, from: index + 1)
                let key = String(decoding: bytes[(index + 1)..<keyEnd], as: UTF8.self)
                if !key.isEmpty && isKnownKey(key) {
                    var end = keyEnd
                    var suffix = ""
                    if keyEnd + 1 < bytes.count, bytes[keyEnd] == UInt8(ascii: " "), bytes[keyEnd + 1] == UInt8(ascii: "["),
                        let close = closingBracket(bytes, from: keyEnd + 1),
                        !bytes[(keyEnd + 2)..<close].contains(UInt8(ascii: "@"))
                    {
                        suffix = trimmed(bytes[(keyEnd + 2)..<close])
                        end = close + 1
                    }
                    let item = CitationItem(key: key, suffix: suffix)
                    result.matches.append(CitationMatch(range: index..<end, citation: Citation(items: [item], isNarrative: true)))
                    index = end
                    continue
                } else if !key.isEmpty {
                    result.unknownHandles.append((index, key))
                    index = keyEnd
                    continue
                }
            }
            index += 1
        }
        return result
    }

    /// The `]` that closes the `[` at `open`, when no other bracket comes first.
    private static func closingBracket(_ bytes: [UInt8], from open: Int) -> Int? {
        var index = open + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "]"): return index
            case UInt8(ascii: "["): return nil
            default: index += 1
            }
        }
        return nil
    }

    /// The items of a bracketed citation, or nil when any `;`-separated part holds no key.
    private static func bracketedItems(_ bytes: [UInt8], from start: Int, to end: Int) -> [CitationItem]? {
        guard bytes[start..<end].contains(UInt8(ascii: "@")) else { return nil }
        var items: [CitationItem] = []
        var partStart = start
        for index in start...end where index == end || bytes[index] == UInt8(ascii: ";") {
            guard let item = item(bytes, from: partStart, to: index) else { return nil }
            items.append(item)
            partStart = index + 1
        }
        return items
    }

    private static func item(_ bytes: [UInt8], from start: Int, to end: Int) -> CitationItem? {
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "@") {
                let suppress =
                    index > start && bytes[index - 1] == UInt8(ascii: "-")
                    && (index - 1 == start || isSpace(bytes[index - 2]))
                let boundary = index == start || isSpace(bytes[index - 1]) || suppress
                if boundary {
                    let keyEnd = keyEnd(bytes, from: index + 1)
                    guard keyEnd > index + 1, keyEnd <= end else { return nil }
                    let key = String(decoding: bytes[(index + 1)..<keyEnd], as: UTF8.self)
                    let prefix = trimmed(bytes[start..<(suppress ? index - 1 : index)])
                    var suffix = trimmed(bytes[keyEnd..<end])
                    if suffix.hasPrefix(",") { suffix = String(suffix.dropFirst()).trimmingSpaces }
                    return CitationItem(key: key, prefix: prefix, suffix: suffix, suppressAuthor: suppress)
                }
            }
            index += 1
        }
        return nil
    }

    /// A bare `@` cites only after a space, an opening parenthesis or quote, or at the start:
    /// never inside an e-mail address or a URL.
    private static func startsBareKey(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 1 < bytes.count, isKeyStart(bytes[index + 1]) else { return false }
        guard index > 0 else { return true }
        let previous = bytes[index - 1]
        return isSpace(previous) || previous == UInt8(ascii: "(") || previous == UInt8(ascii: "\"")
            || previous == 0x9C || previous == 0x98  // the last byte of “ and ‘
    }

    /// Keys start with a letter, digit or `_`; inner punctuation counts only when a letter or digit follows.
    private static func keyEnd(_ bytes: [UInt8], from start: Int) -> Int {
        guard start < bytes.count, isKeyStart(bytes[start]) else { return start }
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if isKeyStart(byte) {
                index += 1
            } else if ":.#$%&-+?<>~/".utf8.contains(byte), index + 1 < bytes.count, isKeyStart(bytes[index + 1]) {
                index += 2
            } else {
                break
            }
        }
        return index
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == 0xA0
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingSpaces
    }
}
