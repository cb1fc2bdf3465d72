/// Escaping for every output context. Each function works on UTF-8 bytes and returns the
/// input unchanged (no copy) when nothing needs escaping.
public enum Escape {
    /// Text or a double- or single-quoted attribute value in HTML.
    public static func html(_ text: String) -> String {
        replacing(text) { byte in
            switch byte {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\""): return "&quot;"
            case UInt8(ascii: "'"): return "&#39;"
            default: return nil
            }
        }
    }

    /// XML text and attribute values (feeds, sitemaps); drops characters XML 1.0 forbids.
    public static func xml(_ text: String) -> String {
        replacing(withoutNonCharacters(text)) { byte in
            switch byte {
            case UInt8(ascii: "&"): return "&amp;"
            case UInt8(ascii: "<"): return "&lt;"
            case UInt8(ascii: ">"): return "&gt;"
            case UInt8(ascii: "\""): return "&quot;"
            case UInt8(ascii: "'"): return "&apos;"
            case 0x09, 0x0A, 0x0D: return nil
            case 0x00..<0x20: return ""
            default: return nil
            }
        }
    }

    /// The text without U+FFFE and U+FFFF, which XML does not allow (control characters go in
    /// `xml` itself).
    private static func withoutNonCharacters(_ text: String) -> String {
        // Both are EF BF BE / EF BF BF in UTF-8: look for the lead bytes before looking closer.
        guard text.containsByte(0xEF), text.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.filter { $0.value != 0xFFFE && $0.value != 0xFFFF })
        return String(out)
    }

    /// The inside of a JSON string literal that is safe inside an HTML `<script>` element:
    /// `<`, `>`, `&` and the line separators become `\u` escapes, so no value can close the script.
    public static func jsonString(_ text: String) -> String {
        let utf8 = text.utf8
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { byte in
                byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                    || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "'") || byte == 0xE2
            }
        }
        if plain == true { return text }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        var iterator = utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "'"), 0x00..<0x20:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9) end lines in JavaScript.
                pending = [byte]
                if let second = iterator.next() {
                    pending.append(second)
                    if second == 0x80, let third = iterator.next() {
                        if third == 0xA8 || third == 0xA9 {
                            out += Array("\\u202".utf8) + [third == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                            continue
                        }
                        pending.append(third)
                    }
                }
                out += pending
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A quoted JSON string (with the quotes), safe inside `<script>`.
    public static func json(_ text: String) -> String { "\"" + jsonString(text) + "\"" }

    /// Percent-encodes what may not stand raw in a URL's path or query (keeps `/`, `:`, `?`, `#`, `&`, `=`).
    public static func urlPath(_ text: String) -> String {
        var out = ""
        var changed = false
        for byte in text.utf8 {
            if isURLSafe(byte) {
                out.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                changed = true
                out += "%" + hexByte(byte)
            }
        }
        return changed ? out : text
    }

    /// Percent-encodes everything but unreserved characters (for a query value such as a mail subject).
    public static func urlComponent(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + hexByte(byte)
            }
        }
        return out
    }

    private static func isURLSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-._~:/?#[]@!$&()*+,;=%".utf8.contains(byte)
        }
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    private static func replacing(_ text: String, _ replacement: (UInt8) -> String?) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { replacement($0) != nil }) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 16)
        out.append(contentsOf: utf8[utf8.startIndex..<first])
        for byte in utf8[first...] {
            if let swap = replacement(byte) {
                out.append(contentsOf: swap.utf8)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Escape {
    /// Text safe to print on a terminal: control characters (C0 but tab and newline, DEL, C1),
    /// bidirectional controls and line separators are shown as `\u{1b}` instead of acting (a file
    /// name or YAML key could otherwise clear the screen or write the clipboard).
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafeOnTerminal) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isUnsafeOnTerminal(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00..<0x20, 0x7F..<0xA0: return true
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
