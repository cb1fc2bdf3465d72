import Foundation

/// URL slugs: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// Turns any title or file name into a slug: accents folded to ASCII, other characters to hyphens.
    public static func make(from text: String) -> String {
        // Already a slug (a file name, most tags): it would come back as it is.
        if isSlug(text) { return text }
        let folded =
            text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "&") })
            ? text
            : text
                .replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "æ", with: "ae")
                .replacingOccurrences(of: "Æ", with: "ae").replacingOccurrences(of: "ø", with: "o")
                .replacingOccurrences(of: "Ø", with: "o").replacingOccurrences(of: "&", with: " and ")
                .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = [UInt8]()
        out.reserveCapacity(folded.utf8.count)
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let mapped: UInt8?
            switch scalar {
            case "a"..."z", "0"..."9": mapped = UInt8(scalar.value)
            case "A"..."Z": mapped = UInt8(scalar.value) + 32
            case "'", "’", "‘": continue
            default: mapped = nil
            }
            if let mapped {
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(mapped)
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` is what `make` makes of it: `[a-z0-9]` runs joined by single hyphens.
    static func isSlug(_ text: String) -> Bool {
        var previousIsHyphen = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): previousIsHyphen = false
            case UInt8(ascii: "-") where !previousIsHyphen: previousIsHyphen = true
            default: return false
            }
        }
        return !previousIsHyphen
    }

    /// Why `slug` cannot be used as written, or nil when it is valid (`[a-z0-9-]+`).
    public static func problem(with slug: String) -> String? {
        if slug.isEmpty { return "the slug is empty" }
        if slug.utf8.count > 120 { return "the slug is longer than 120 characters" }
        for byte in slug.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                continue
            default:
                return "'\(slug)' may only contain lower-case letters a-z, digits and hyphens"
            }
        }
        if slug.hasPrefix("-") || slug.hasSuffix("-") { return "'\(slug)' may not start or end with a hyphen" }
        return nil
    }
}
