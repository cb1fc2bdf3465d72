import TendCitations
import TendCore
import TendMarkdown

/// Finds every citation in the text outside code and links, reports unknown keys, and replaces
/// each citation by its APA form. All are scanned before any is rendered: the year suffixes
/// depend on every work the page cites.
struct CitationPass: PagePass {
    /// Where the byte `offset` of a text node's literal is in the file. Text joined across the
    /// lines of a wrapped paragraph counts its line breaks, and a continuation line's column is
    /// found in the file's own line (its indentation included).
    static func location(of offset: Int, in literal: String, node: MarkdownNode, context: PassContext) -> SourceLocation {
        let before = Array(literal.utf8.prefix(offset))
        let breaks = before.count { $0 == UInt8(ascii: "\n") }
        guard breaks > 0, node.line > 0, let lastBreak = before.lastIndex(of: UInt8(ascii: "\n")) else {
            return context.location(node, column: node.column > 0 ? node.column + characterCount(literal, bytes: offset) : nil)
        }
        let line = node.line + breaks
        let written = String(decoding: before[(lastBreak + 1)...], as: UTF8.self)
        let sourceLines = context.body.split(separator: "\n", omittingEmptySubsequences: false)
        var column = written.count + 1
        if line - 1 < sourceLines.count {
            let source = sourceLines[line - 1]
            let indent = source.prefix { $0 == " " || $0 == "\t" || $0 == ">" }.count
            column = indent + written.count + 1
        }
        return SourceLocation(path: context.path, line: line + context.lineOffset, column: column)
    }

    func run(_ document: MarkdownDocument, _ context: PassContext, _ draft: inout PageDraft, _ diagnostics: inout Diagnostics) {
        let bibliography = context.bibliography
        document.joinTextAcrossSoftBreaks()
        let texts = document.nodes(where: { $0.kind == .text && $0.literalContains(UInt8(ascii: "@")) && !$0.isInside([.link, .image]) })
        var scans: [(MarkdownNode, String, CitationScan)] = []
        var cited: [String] = []
        for node in texts {
            guard let literal = node.literal else { continue }
            let scan = CitationScanner.scan(literal) { bibliography[$0] != nil }
            for match in scan.matches {
                for item in match.citation.items {
                    if bibliography[item.key] == nil {
                        diagnostics.error(
                            Self.location(of: match.range.lowerBound, in: literal, node: node, context: context), "unknown citation key '\(item.key)'",
                            hint: bibliography.suggestion(for: item.key))
                    } else {
                        cited.append(item.key)
                    }
                }
            }
            for handle in scan.unknownHandles {
                draft.handles.append(("@" + handle.word, Self.location(of: handle.offset, in: literal, node: node, context: context)))
            }
            if !scan.matches.isEmpty { scans.append((node, literal, scan)) }
        }
        for key in context.matter.nocite where key != "*" && bibliography[key] == nil {
            diagnostics.error(context.matter.location(of: "nocite"), "unknown citation key '\(key)' in nocite", hint: bibliography.suggestion(for: key))
        }
        let citations = PageCitations(
            bibliography: bibliography, cited: cited, nocite: context.matter.nocite, terms: APATerms.forLanguage(context.config.language))
        for (node, literal, scan) in scans {
            var pieces: [InlinePiece] = []
            let bytes = Array(literal.utf8)
            var cursor = 0
            for match in scan.matches {
                let before = String(decoding: bytes[cursor..<match.range.lowerBound], as: UTF8.self)
                pieces.append(.text(before))
                let initial = match.citation.isNarrative && Self.isSentenceStart(before, node: node, isFirstPiece: cursor == 0)
                pieces.append(.html(citations.render(match.citation, sentenceInitial: initial)))
                cursor = match.range.upperBound
            }
            pieces.append(.text(String(decoding: bytes[cursor...], as: UTF8.self)))
            node.replace(with: pieces)
        }
        draft.citations = citations
    }

    /// Whether a narrative citation opens a sentence: at the start of its block, or after `.`, `?`, `!`.
    private static func isSentenceStart(_ before: String, node: MarkdownNode, isFirstPiece: Bool) -> Bool {
        let trimmed = before.trimmingSpaces
        if trimmed.isEmpty { return isFirstPiece && node.previous == nil }
        guard let last = trimmed.last else { return false }
        return last == "." || last == "?" || last == "!"
    }

    private static func characterCount(_ text: String, bytes: Int) -> Int {
        String(decoding: Array(text.utf8)[0..<bytes], as: UTF8.self).count
    }
}
