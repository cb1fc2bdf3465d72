/// A document read from Word, OpenDocument, HTML or Markdown, before it becomes Tend Markdown:
/// blocks of styled text, in reading order.
struct ImportedDocument {
    /// A run of text and what it looks like.
    enum Inline: Equatable {
        case text(String, bold: Bool, italic: Bool)
        case link(text: String, url: String)
        case footnote(Int)
        case lineBreak
    }

    enum Block: Equatable {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case listItem(ordered: Bool, level: Int, [Inline])
        case table([[[Inline]]])
        case image(alt: String, file: String)
        case quote([Inline])
        /// Markdown kept as it is (a Markdown file's body).
        case markdown(String)
    }

    var title: String?
    var blocks: [Block] = []
    /// Footnotes and endnotes by number, as paragraphs of inlines.
    var footnotes: [Int: [Inline]] = [:]
    /// Files the document carries (pictures), by the name they get in content/media/.
    var media: [String: [UInt8]] = [:]
    /// What could not be brought over, with where it was: a line in the report.
    var leftOut: [String] = []
}

extension ImportedDocument.Inline {
    /// The inline's plain text.
    var plain: String {
        switch self {
        case .text(let text, _, _): return text
        case .link(let text, _): return text
        case .footnote: return ""
        case .lineBreak: return " "
        }
    }
}

extension Array where Element == ImportedDocument.Inline {
    var plain: String { map(\.plain).joined() }
}
