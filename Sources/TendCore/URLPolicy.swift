/// Which URLs may appear in a page: `https`, `http`, `tel`, `sms`, `mailto`, and relative links.
public enum URLPolicy {
    public static let allowedSchemes: Set<String> = ["https", "http", "tel", "sms", "mailto"]

    /// The scheme of a URL after removing what browsers ignore (whitespace, control characters), lower-cased; nil when relative.
    public static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar == "\u{7F}" { continue }
            if scalar == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            if scalar == "/" || scalar == "?" || scalar == "#" { return nil }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar) else {
                return nil
            }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    /// The path part of an absolute URL (`https://x.org/blog/` → `/blog/`), `/` when it has none.
    public static func path(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let slash = url[schemeEnd.upperBound...].firstIndex(of: "/") else { return "/" }
        return String(url[slash...])
    }

    /// True for relative URLs and the allowed schemes; false for `javascript:`, `data:` and the like, however written.
    public static func isAllowed(_ url: String) -> Bool {
        if let scheme = scheme(of: url) { return allowedSchemes.contains(scheme) }
        return !looksObfuscated(url)
    }

    /// An entity or control character before the first `:` hides a scheme from naive checks.
    private static func looksObfuscated(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let head = url[..<colon]
        if head.contains("/") || head.contains("?") || head.contains("#") { return false }
        return head.contains("&") || head.contains("%") || head.unicodeScalars.contains { $0.value < 0x20 }
    }
}
