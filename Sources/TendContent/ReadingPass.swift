import TendCore
import TendLanguage
import TendMarkdown

/// What a reader meets in the body: the steps of its first ordered list (an exercise's), its
/// words for search and reading time, and the reading grade of its prose.
struct ReadingPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        draft.steps =
            document.nodes(where: { $0.kind == .list && $0.isOrderedList }).first.map { list in
                list.children.map { $0.plainText.trimmingSpaces }
            } ?? []
        let (allText, prose) = Self.readableText(document)
        (draft.searchWords, draft.wordCount) = TextStatistics.searchWords(allText)
        // Each language has its own formula: Fernández-Huerta for Spanish, Flesch–Kincaid otherwise.
        draft.readabilityGrade =
            ThemeText.baseLanguage(context.config.language) == "es" ? TextStatistics.fernandezHuertaGrade(prose) : TextStatistics.fleschKincaidGrade(prose)
    }

    /// The words a reader reads (outside code blocks), and the prose alone (no headings, no
    /// code, no citations) for the readability grade.
    private static func readableText(_ document: MarkdownDocument) -> (all: String, prose: String) {
        var all = ""
        var prose = ""
        var headingDepth = 0
        document.walk { node, entering in
            switch node.kind {
            case .heading:
                headingDepth += entering ? 1 : -1
                if !entering { all += "\n" }
            case .text, .code:
                guard entering, let literal = node.literal else { return }
                all += literal
                if headingDepth == 0 && node.kind == .text { prose += literal }
            case .softBreak, .lineBreak:
                if entering { all += " "; prose += " " }
            case .paragraph, .item, .tableCell:
                if !entering { all += "\n"; prose += "\n" }
            default:
                break
            }
        }
        return (all, prose)
    }
}
