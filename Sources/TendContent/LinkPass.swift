import TendCore
import TendMarkdown

/// Notes every link and image for the site's checks; a link whose scheme is not allowed is
/// reported (the renderer leaves it out).
struct LinkPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        for node in document.nodes(where: { $0.kind == .link || $0.kind == .image }) {
            let url = node.url ?? ""
            if !URLPolicy.isAllowed(url) {
                diagnostics.warning(
                    context.location(node), "a link to '\(url.prefix(60))' was removed: only https, http, mailto, tel and sms links are allowed")
            }
            draft.links.append(LinkUse(url: url, isImage: node.kind == .image, altText: node.plainText, location: context.location(node)))
        }
    }
}
