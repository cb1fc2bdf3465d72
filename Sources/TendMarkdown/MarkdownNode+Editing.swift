import CCmarkGFM

/// A piece of inline content that replaces a text node: plain text, or HTML made by Tend.
public enum InlinePiece: Equatable, Sendable {
    case text(String)
    case html(String)
}

extension MarkdownNode {
    /// Replaces this node with `pieces`, in order; generated HTML goes in as custom inline nodes.
    public func replace(with pieces: [InlinePiece]) {
        for piece in pieces {
            let node: OpaquePointer
            switch piece {
            case .text(let text):
                guard !text.isEmpty else { continue }
                node = cmark_node_new(CMARK_NODE_TEXT)
                cmark_node_set_literal(node, text)
            case .html(let html):
                node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
                cmark_node_set_on_enter(node, html)
                cmark_node_set_on_exit(node, "")
            }
            cmark_node_insert_before(pointer, node)
        }
        removeFromTree()
    }

    /// Replaces this block with HTML made by Tend.
    public func replace(withBlockHTML html: String) {
        insertBefore(blockHTML: html)
        removeFromTree()
    }

    /// Inserts HTML made by Tend as a block before this one.
    func insertBefore(blockHTML html: String) {
        cmark_node_insert_before(pointer, Self.customBlock(open: html, close: ""))
    }

    /// Appends HTML made by Tend as the last block of this (container) node.
    public func append(blockHTML html: String) {
        cmark_node_append_child(pointer, Self.customBlock(open: html, close: ""))
    }

    /// Moves the siblings strictly between `self` and `end` into a block that opens with
    /// `open` and closes with `close`; `self` and `end` (the markers) are removed.
    /// Returns false when `end` is not a later sibling.
    @discardableResult
    public func wrapSiblings(until end: MarkdownNode, open: String, close: String) -> Bool {
        var cursor = next
        var inner: [MarkdownNode] = []
        while let node = cursor, node != end {
            inner.append(node)
            cursor = node.next
        }
        guard cursor == end else { return false }
        let wrapper = Self.customBlock(open: open, close: close)
        cmark_node_insert_before(pointer, wrapper)
        for node in inner {
            cmark_node_unlink(node.pointer)
            cmark_node_append_child(wrapper, node.pointer)
        }
        end.removeFromTree()
        removeFromTree()
        return true
    }

    /// Replaces this node (a link) with its children: the words stay, the link goes.
    public func unwrap() {
        while let child = firstChild {
            cmark_node_unlink(child.pointer)
            cmark_node_insert_before(pointer, child.pointer)
        }
        removeFromTree()
    }

    /// Replaces this node (an image) with plain text.
    public func replace(withText text: String) {
        replace(with: [.text(text)])
    }

    /// Unlinks and frees this node and its descendants.
    public func removeFromTree() {
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }

    private static func customBlock(open: String, close: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!
        cmark_node_set_on_enter(node, open)
        cmark_node_set_on_exit(node, close)
        return node
    }
}

extension MarkdownDocument {
    /// Joins text split by soft line breaks (`a` ⏎ `b` becomes one text `a\nb`), so a citation
    /// written across a wrapped line is seen whole. Renders the same: a soft break is a newline.
    public func joinTextAcrossSoftBreaks() {
        for softBreak in nodes(where: { $0.kind == .softBreak }) {
            guard let before = softBreak.previous, before.kind == .text, let after = softBreak.next, after.kind == .text else { continue }
            before.literal = (before.literal ?? "") + "\n" + (after.literal ?? "")
            after.removeFromTree()
            softBreak.removeFromTree()
        }
    }
}
