import CCmarkGFM
import Foundation
import Glibc

/// A parsed Markdown document: cmark-gfm's tree with the GitHub extensions, owned by Swift.
///
/// A document is used on one thread at a time; different documents may be parsed, changed and
/// rendered in parallel (the one call of cmark-gfm that is not thread-safe is serialised here).
public final class MarkdownDocument {
    /// What the parser and renderer may do.
    public struct Options: Sendable, Hashable {
        /// Let authors' raw HTML through (site-wide opt-in); otherwise it is removed.
        public var allowRawHTML: Bool
        /// Typographic quotes, dashes and ellipses outside code (`--` becomes `–`).
        public var smartPunctuation: Bool
        public init(allowRawHTML: Bool = false, smartPunctuation: Bool = true) {
            self.allowRawHTML = allowRawHTML
            self.smartPunctuation = smartPunctuation
        }
    }

    private let parser: OpaquePointer
    private let rootPointer: OpaquePointer
    private let options: Options

    /// The document node.
    public var root: MarkdownNode { MarkdownNode(rootPointer) }

    /// Parses `text` with tables, strikethrough, autolinks, tag filtering, task lists, footnotes and (unless turned off) smart punctuation.
    public init(parsing text: String, options: Options = Options()) {
        Self.registerExtensions
        let parseOptions = (options.smartPunctuation ? CMARK_OPT_SMART : 0) | CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS
        let parser = cmark_parser_new(parseOptions)!
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // cmark_parser_finish mutates process-wide inline-parser tables in cmark-gfm 0.29.
        Self.finishLock.lock()
        let root = cmark_parser_finish(parser)!
        Self.finishLock.unlock()
        self.parser = parser
        self.rootPointer = root
        self.options = options
    }

    deinit {
        cmark_node_free(rootPointer)
        cmark_parser_free(parser)
    }

    /// The whole document as HTML.
    public func renderHTML() -> String { renderHTML(root) }

    /// One node and its descendants as HTML.
    public func renderHTML(_ node: MarkdownNode) -> String {
        let renderOptions = options.allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(node.pointer, renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(html) }
        return String(cString: html)
    }

    /// Every node in document order, collected first so callers may change the tree afterwards.
    public func nodes(where include: (MarkdownNode) -> Bool = { _ in true }) -> [MarkdownNode] {
        var found: [MarkdownNode] = []
        let iterator = cmark_iter_new(rootPointer)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            let node = MarkdownNode(pointer)
            if include(node) { found.append(node) }
        }
        return found
    }

    /// Calls `visit` on entering and leaving every node (iteratively: deep trees do not overflow the stack).
    public func walk(_ visit: (MarkdownNode, _ entering: Bool) -> Void) {
        let iterator = cmark_iter_new(rootPointer)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let pointer = cmark_iter_get_node(iterator) else { continue }
            visit(MarkdownNode(pointer), event == CMARK_EVENT_ENTER)
        }
    }

    private static let finishLock = NSLock()
    private static let registerExtensions: Void = cmark_gfm_core_extensions_ensure_registered()
}
