import Foundation

/// What makes an SVG unsafe to publish on a site for readers in distress: anything that runs
/// (scripts, event handlers, `javascript:`), anything that reaches another site (external
/// references, `@import`), and embedded photos that may carry metadata.
public enum SVGPolicy {
    /// Why the SVG may not be published, or nil when it is safe.
    public static func problem(in bytes: [UInt8]) -> String? {
        guard let text = String(bytes: bytes, encoding: .utf8)?.lowercased() else { return "it is not UTF-8 text" }
        guard text.contains("<svg") else { return "it is not an SVG drawing" }
        if text.contains("<script") { return "it holds a script" }
        if text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil { return "it holds an event handler (an on…= attribute)" }
        if text.contains("javascript:") { return "it holds a javascript: address" }
        if text.contains("<foreignobject") { return "it embeds HTML (foreignObject)" }
        if text.contains("@import") { return "it imports a style sheet from elsewhere" }
        // Every href must point inside the drawing (#id); data: rasters may carry EXIF or GPS.
        let pattern = #"(?:xlink:)?href\s*=\s*["']\s*([^"']*)"#
        if let regex = try? NSRegularExpression(pattern: pattern) {
            let range = NSRange(text.startIndex..., in: text)
            for match in regex.matches(in: text, range: range) {
                guard let valueRange = Range(match.range(at: 1), in: text) else { continue }
                let value = text[valueRange]
                if value.hasPrefix("#") { continue }
                if value.hasPrefix("data:image/") { return "it embeds a raster image (which can carry EXIF or GPS data)" }
                return "it refers to another file or site (\(value.prefix(60)))"
            }
        }
        if text.range(of: #"url\(\s*['"]?\s*(?!#)"#, options: .regularExpression) != nil { return "it refers to another file or site in a url(…)" }
        return nil
    }
}
