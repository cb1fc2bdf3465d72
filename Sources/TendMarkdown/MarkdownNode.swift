import CCmarkGFM
import Glibc

/// A node of a `MarkdownDocument`; valid while its document lives and the node is in its tree.
public struct MarkdownNode: Hashable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// What kind of node this is.
    public enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading
        case thematicBreak, footnoteDefinition, text, softBreak, lineBreak, code, htmlInline
        case customInline, emphasis, strong, link, image, footnoteReference
        case table, tableRow, tableCell, strikethrough, other
    }

    public var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default:
            switch cmark_node_get_type_string(pointer).map({ String(cString: $0) }) {
            case "table": return .table
            case "table_header", "table_row": return .tableRow
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            default: return .other
            }
        }
    }

    /// The line the node starts on, counted from 1 in the parsed text.
    public var line: Int { Int(cmark_node_get_start_line(pointer)) }
    public var column: Int { Int(cmark_node_get_start_column(pointer)) }

    /// Text of text, code, code-block and raw HTML nodes.
    public var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { _ = cmark_node_set_literal(pointer, newValue) }
    }

    /// True when the literal contains `byte`; checks the C string without building a Swift string.
    public func literalContains(_ byte: UInt8) -> Bool {
        guard let text = cmark_node_get_literal(pointer) else { return false }
        return strchr(text, Int32(byte)) != nil
    }

    public var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    public var title: String? { cmark_node_get_title(pointer).map { String(cString: $0) } }
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    public var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }

    public var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }
    public var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    public var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    public var previous: MarkdownNode? { cmark_node_previous(pointer).map(MarkdownNode.init) }

    public var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let current = child {
            result.append(current)
            child = current.next
        }
        return result
    }

    /// True when `ancestor` kinds enclose this node (a link, a code block...).
    public func isInside(_ kinds: Set<Kind>) -> Bool {
        var node = parent
        while let current = node {
            if kinds.contains(current.kind) { return true }
            node = current.parent
        }
        return false
    }

    /// The text a reader sees in this node: its text and code descendants, breaks as spaces.
    public var plainText: String {
        var out = ""
        let iterator = cmark_iter_new(pointer)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let text = cmark_node_get_literal(node) { out += String(cString: text) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += " "
            default:
                break
            }
        }
        return out
    }
}
