import Foundation
import TendContent
import TendCore
import TendImages

/// Responsive image HTML: `<picture>` with a WebP source and the image's own format, `srcset`
/// and `sizes`, `width` and `height` (no layout shift), lazy loading below the top of the page.
enum ImageMarkup {
    /// The width an image takes in the article column: the whole phone, at most the column.
    static let columnSizes = "(min-width: 48rem) 44rem, 100vw"

    /// The `<picture>` for `image`; `alt` is already escaped HTML.
    static func picture(
        _ image: PublishedImage, altHTML: String, titleHTML: String? = nil, links: SiteLinks, eager: Bool = false, sizes: String = columnSizes,
        className: String? = nil
    ) -> String {
        func srcset(_ format: ImageFormat) -> String {
            image.variants(in: format).map { "\(url($0.sitePath, links)) \($0.width)w" }.joined(separator: ", ")
        }
        let own = image.variants(in: image.format)
        let fallback = own.first { $0.width >= 960 } ?? own.last
        var html = "<picture>"
        if image.format != .webp { html += "<source type=\"image/webp\" srcset=\"\(srcset(.webp))\" sizes=\"\(sizes)\">" }
        html += "<img src=\"\(url(fallback?.sitePath ?? image.sitePath, links))\" srcset=\"\(srcset(image.format))\" sizes=\"\(sizes)\""
        html += " width=\"\(image.width)\" height=\"\(image.height)\" alt=\"\(altHTML)\""
        if let titleHTML { html += " title=\"\(titleHTML)\"" }
        if let className { html += " class=\"\(className)\"" }
        html += eager ? " fetchpriority=\"high\" decoding=\"async\">" : " loading=\"lazy\" decoding=\"async\">"
        return html + "</picture>"
    }

    /// The body's `<img>` elements (as cmark-gfm writes them) whose image Tend published,
    /// rewritten as `<picture>`; any other image is left as it is.
    static func rewrite(_ html: String, images: [String: PublishedImage], links: SiteLinks) -> String {
        guard !images.isEmpty, html.contains("<img ") else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: "<img src=\"") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: " />") ?? rest[start.upperBound...].range(of: ">") else { break }
            let tag = rest[start.lowerBound..<end.upperBound]
            rest = rest[end.upperBound...]
            let attributes = Self.attributes(of: tag)
            guard let source = attributes["src"], let image = images[sitePath(ofHTMLValue: source, links)] else {
                out += tag
                continue
            }
            out += picture(image, altHTML: attributes["alt"] ?? "", titleHTML: attributes["title"], links: links)
        }
        return out + rest
    }

    /// The site path an image link names, as the manifest knows it: `/media/garden bench.jpg`.
    static func sitePath(ofLink url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let decoded = path.removingPercentEncoding ?? path
        return decoded.hasPrefix("/") ? decoded : "/" + decoded
    }

    private static func sitePath(ofHTMLValue value: String, _ links: SiteLinks) -> String {
        let unescaped = value.replacingOccurrences(of: "&amp;", with: "&")
        var path = sitePath(ofLink: unescaped)
        let root = links.rootPath
        if root.count > 1, path.hasPrefix(root) { path = "/" + path.dropFirst(root.count) }
        return path
    }

    /// `name="value"` pairs of one tag, values as written (escaped).
    private static func attributes(of tag: Substring) -> [String: String] {
        var attributes: [String: String] = [:]
        var rest = tag.dropFirst(4)
        while let equals = rest.range(of: "=\"") {
            let name = rest[..<equals.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            guard let close = rest[equals.upperBound...].firstIndex(of: "\"") else { break }
            attributes[name] = String(rest[equals.upperBound..<close])
            rest = rest[rest.index(after: close)...]
        }
        return attributes
    }

    private static func url(_ sitePath: String, _ links: SiteLinks) -> String {
        Escape.html(Escape.urlPath(links.path(sitePath)))
    }
}
