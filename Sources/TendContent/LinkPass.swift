import TendCore
import TendMarkdown

/// Notes every link and image for the site's checks. A link whose scheme is not allowed
/// (`javascript:`, `ms-msdt:`, `data:`, `ftp:`… anything but https, http, mailto, tel, sms and
/// relative links) is removed from the page, its words kept; such an image becomes its
/// description. Raw HTML carrying such a link goes too (see `RawHTMLPass`).
struct LinkPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        for node in document.nodes(where: { $0.kind == .link || $0.kind == .image }) {
            let url = node.url ?? ""
            draft.linkBytes += url.utf8.count + (node.title?.utf8.count ?? 0)
            let location = context.location(node)
            guard URLPolicy.isAllowed(url) else {
                diagnostics.warning(
                    location, "a link to '\(url.prefix(60))' was removed: only https, http, mailto, tel and sms links are allowed",
                    hint: "link to a web page (https://…), or write the address as text")
                if node.kind == .image { node.replace(withText: node.plainText) } else { node.unwrap() }
                continue
            }
            draft.links.append(LinkUse(url: url, isImage: node.kind == .image, altText: node.plainText, location: location))
        }
    }
}
