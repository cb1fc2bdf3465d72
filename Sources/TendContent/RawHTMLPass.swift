import Foundation
import TendCore
import TendMarkdown

/// Raw HTML is dropped unless the site opts in; the author is told what vanished. Where it is
/// allowed, a piece that links or loads anything but an allowed scheme is dropped all the same.
struct RawHTMLPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        for node in document.nodes(where: { $0.kind == .htmlBlock || $0.kind == .htmlInline }) {
            let literal = node.literal ?? ""
            let snippet = literal.trimmingSpaces.prefix(40)
            if !context.config.allowRawHTML {
                diagnostics.warning(
                    context.location(node), "raw HTML was left out of the page: \(snippet)",
                    hint: "write it in Markdown, or set markdown: { allow_html: true } in content/site.yml if every author is trusted")
                node.removeFromTree()
            } else if let url = Self.disallowedURL(in: literal) {
                diagnostics.warning(
                    context.location(node), "raw HTML linking to '\(url.prefix(60))' was left out: only https, http, mailto, tel and sms links are allowed",
                    hint: "link to a web page (https://…), or write the address as text")
                node.removeFromTree()
            }
        }
    }

    /// `name=value` in a tag, the value quoted either way or bare; compiled once.
    private static let attribute = try! NSRegularExpression(pattern: #"([A-Za-z:_-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))"#)

    /// Attributes that make a browser follow or load a URL.
    private static let urlAttributes: Set<String> = [
        "href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background", "cite", "longdesc", "ping", "manifest",
    ]

    /// The first URL attribute value with a scheme that is not allowed (entities decoded first, as a browser would).
    static func disallowedURL(in html: String) -> String? {
        let text = html as NSString
        for match in attribute.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            let name = text.substring(with: match.range(at: 1)).lowercased()
            guard urlAttributes.contains(name) else { continue }
            let valueRange = [3, 4, 5].map { match.range(at: $0) }.first { $0.location != NSNotFound }!
            let value = decodeEntities(text.substring(with: valueRange))
            let urls = name == "srcset" ? value.split(separator: ",").map { String(String($0).trimmingSpaces.split(separator: " ").first ?? "") } : [value]
            if let bad = urls.first(where: { !URLPolicy.isAllowed($0) }) { return bad }
        }
        // An attribute the pattern cannot see (an event handler is refused by the page's policy) needs no check here.
        return nil
    }

    /// `&#106;`, `&#x6A;`, `&colon;`, `&Tab;` and the like, as a browser reads them in an attribute.
    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["colon": ":", "tab": "\t", "newline": "\n", "sol": "/", "amp": "&", "lpar": "(", "rpar": ")", "period": "."]
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let end = after.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "#") }) ?? after.endIndex
            let entity = after[..<end].lowercased()
            var replacement: String?
            if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                replacement = String(Character(scalar))
            } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                replacement = String(Character(scalar))
            } else {
                replacement = named[entity]
            }
            if let replacement {
                out += replacement
                rest = end < after.endIndex && after[end] == ";" ? after[after.index(after: end)...] : after[end...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
