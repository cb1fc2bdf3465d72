import TendCore
import TendMarkdown

/// Gives the headings their ids and puts the reference list after the body and its footnotes,
/// under a "References" heading (the author's own, when the body ends with one), unless the page
/// placed `{{< references >}}` itself.
struct HeadingPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        let citations = draft.citations
        let listsReferences = !citations.references.isEmpty && !draft.usedComponents.contains("references")
        let authorWroteHeading = Self.endsWithReferencesHeading(document, title: context.config.words["references_title"])
        let addsHeading = listsReferences && !authorWroteHeading
        draft.headings = document.assignHeadingIDs(allowing: addsHeading ? [] : ["references"]).map { anchor in
            Heading(
                location: SourceLocation(path: context.path, line: anchor.line + context.lineOffset, column: max(anchor.column, 1)), level: anchor.level,
                id: anchor.id, text: anchor.text)
        }
        guard listsReferences else { return }
        // The list follows the body and its footnotes, under the author's own closing
        // "References" heading (moved there with it) or one Tend adds.
        let title = context.config.words["references_title"]
        if authorWroteHeading, let heading = Self.lastBlock(document) {
            // (The heading, given its id above, is now the HTML block that replaced it.)
            heading.removeFromTree()
        } else {
            draft.headings.append(
                Heading(location: SourceLocation(path: context.path, line: context.lineOffset + 1), level: 2, id: "references", text: title))
        }
        draft.trailingHTML =
            "<section class=\"references-section\" aria-labelledby=\"references\">\n<h2 id=\"references\">\(Escape.html(title))</h2>\n\(citations.referenceListHTML())</section>\n"
    }

    /// True when the body's last block (before its footnotes) is a heading reading
    /// "References": the list goes under it.
    private static func endsWithReferencesHeading(_ document: MarkdownDocument, title: String) -> Bool {
        guard let last = lastBlock(document), last.kind == .heading else { return false }
        let text = last.plainText.trimmingSpaces.lowercased()
        return text == "references" || text == title.lowercased()
    }

    private static func lastBlock(_ document: MarkdownDocument) -> MarkdownNode? {
        document.root.children.last { $0.kind != .footnoteDefinition }
    }
}
