import TendCore
import TendMarkdown

/// `\[` and `\]` written in the text are brackets the author wants shown, never a citation's
/// (Pandoc's rule: `\[@key\]` is text). cmark drops the backslash, so before parsing they are
/// replaced by private-use marks the citation scanner does not read as brackets; afterwards the
/// marks become brackets again in text, and `\[`/`\]` again in code, where a backslash is kept.
enum EscapedBrackets {
    static let open = "\u{E001}"
    static let close = "\u{E002}"

    /// The Markdown with escaped brackets marked (unchanged when it has none).
    static func mark(_ markdown: String) -> String {
        guard markdown.containsByte(UInt8(ascii: "\\")) else { return markdown }
        return markdown.replacingOccurrences(of: "\\[", with: open).replacingOccurrences(of: "\\]", with: close)
    }

    /// Puts the brackets back: as written in code and raw HTML, as plain brackets in text.
    static func restore(in document: MarkdownDocument) {
        for node in document.nodes(where: { $0.literalContains(0xEE) }) {
            guard var literal = node.literal, literal.contains(open) || literal.contains(close) else { continue }
            let verbatim = node.kind == .code || node.kind == .codeBlock || node.kind == .htmlBlock || node.kind == .htmlInline
            literal = literal.replacingOccurrences(of: open, with: verbatim ? "\\[" : "[").replacingOccurrences(of: close, with: verbatim ? "\\]" : "]")
            node.literal = literal
        }
    }
}

/// Runs after the citations were found: escaped brackets become brackets again.
struct EscapedBracketPass: PagePass {
    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        EscapedBrackets.restore(in: document)
    }
}
