import TendCitations
import TendComponents
import TendCore
import TendFrontMatter
import TendMarkdown

/// One step of turning a page's parsed body into the page: it rewrites the document and notes
/// what it learnt in the draft. The processor runs the passes in order.
protocol PagePass: Sendable {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics)
}

/// What every pass of one page reads.
struct PassContext {
    let path: String
    /// File lines before the Markdown body.
    let lineOffset: Int
    let config: SiteConfig
    let matter: FrontMatter
    /// The site's bibliography and the page's own files.
    let bibliography: Bibliography
    let markers: ShortcodeMarkers
    /// The Markdown body as written.
    let body: String

    /// Where `node` is in the file (a node without a line of its own takes its parent's).
    func location(_ node: MarkdownNode, column: Int? = nil) -> SourceLocation {
        var line = node.line
        var anchor: MarkdownNode? = node
        while line == 0, let current = anchor {
            anchor = current.parent
            line = current.parent?.line ?? 0
        }
        return SourceLocation(path: path, line: line + lineOffset, column: column ?? max(node.column, 1))
    }
}

/// What the passes learn of a page, until the page is made from it.
struct PageDraft {
    /// HTML that follows the rendered body (the reference list: after the footnotes, which
    /// cmark-gfm writes last, and never inside them).
    var trailingHTML = ""
    var links: [LinkUse] = []
    /// Bytes of every link's and image's address and title: what reference links add to the page
    /// each time they are used.
    var linkBytes = 0
    var handles: [(word: String, location: SourceLocation)] = []
    var citations = PageCitations(bibliography: Bibliography(), cited: [], nocite: [])
    var usedComponents: Set<String> = []
    var headings: [Heading] = []
    var steps: [String] = []
    var searchWords = ""
    var wordCount = 0
    var readabilityGrade: Double?
}
