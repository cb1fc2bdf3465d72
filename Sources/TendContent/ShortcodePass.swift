import TendComponents
import TendCore
import TendMarkdown

/// Turns the body's shortcode lines into components (`ComponentPass` validates them).
struct ShortcodePass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        var components = ComponentPass(path: context.path, lineOffset: context.lineOffset, showsConsultation: context.matter.consultation != false)
        let citations = draft.citations
        components.apply(context.markers, to: document, context: context.config.components) { citations.referenceListHTML() }
        diagnostics.append(contentsOf: components.diagnostics)
        draft.usedComponents = components.used
    }
}
