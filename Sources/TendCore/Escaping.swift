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
        replacing(text) { byte in
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

    /// The inside of a JSON string literal that is safe inside an HTML `<script>` element:
    /// `<`, `>`, `&` and the line separators become `\u` escapes, so no value can close the script.
    public static func jsonString(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "'": out += "\\u0027"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
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
