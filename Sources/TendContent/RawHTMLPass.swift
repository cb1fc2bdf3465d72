import TendCore
import TendMarkdown

/// Raw HTML is dropped unless the site opts in; the author is told what vanished.
struct RawHTMLPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        guard !context.config.allowRawHTML else { return }
        for node in document.nodes(where: { $0.kind == .htmlBlock || $0.kind == .htmlInline }) {
            let snippet = (node.literal ?? "").trimmingSpaces.prefix(40)
            diagnostics.warning(
                context.location(node), "raw HTML was left out of the page: \(snippet)",
                hint: "write it in Markdown, or set markdown: { allow_html: true } in content/site.yml if every author is trusted")
            node.removeFromTree()
        }
    }
}
