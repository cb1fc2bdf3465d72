import TendCore

/// Renders parsed templates with a typed view: one output string appended to, a context stack
/// of values, no casts. Follows Mustache's rules: a name is looked up from the top of the
/// context down; `a.b` finds `a` that way and then `b` in it only; a partial's lines get the indentation of
/// its standalone tag; a parent's blocks are filled by the outermost template that fills them.
struct TemplateRenderer {
    private let templates: [String: [TemplateNode]]
    private var output = ""
    private var stack: [TemplateValue]
    private var indentation = ""
    private var blocks: [String: [TemplateNode]] = [:]

    /// `template` rendered with `view`, partials and parents taken from `templates`.
    static func render(_ template: [TemplateNode], view: TemplateObject, templates: [String: [TemplateNode]]) -> String {
        var renderer = TemplateRenderer(templates: templates, stack: [.object(view)])
        renderer.output.reserveCapacity(16_384)
        renderer.render(template, escapes: true)
        return renderer.output
    }

    private init(templates: [String: [TemplateNode]], stack: [TemplateValue]) {
        self.templates = templates
        self.stack = stack
    }

    private mutating func render(_ nodes: [TemplateNode], escapes initialEscaping: Bool) {
        var escapes = initialEscaping
        for node in nodes {
            switch node {
            case .text(let text):
                write(text)
            case .value(let name, let escaped):
                switch lookUp(name) {
                case .text(let text): write(escaped && escapes ? Escape.html(text) : text)
                case .number(let number): write(String(number))
                case .flag(let flag): write(flag ? "true" : "false")
                case .list, .object, nil: continue
                }
            case .section(let name, let children, let inverted):
                let value = lookUp(name)
                let hidden = value?.hidesSection ?? true
                if inverted {
                    if hidden { render(children, escapes: escapes) }
                    continue
                }
                guard !hidden, let value else { continue }
                switch value {
                case .flag: render(children, escapes: escapes)
                case .list(let items):
                    for item in items { renderPushing(item, children, escapes: escapes) }
                case .text, .number, .object: renderPushing(value, children, escapes: escapes)
                }
            case .partial(let name, let added):
                guard let partial = templates[name] else { continue }
                let outer = indentation
                if let added { indentation += added }
                // A partial starts escaping again, whatever the template including it said.
                render(partial, escapes: true)
                indentation = outer
            case .parent(let name, let added, let filled):
                guard let parent = templates[name] else { continue }
                let (outerIndentation, outerBlocks) = (indentation, blocks)
                indentation += added
                // A block filled further out wins over this template's filling.
                blocks.merge(filled) { outer, _ in outer }
                render(parent, escapes: true)
                (indentation, blocks) = (outerIndentation, outerBlocks)
            case .block(let name, let defaults, let added):
                let outer = indentation
                indentation += added
                render(blocks[name] ?? defaults, escapes: escapes)
                indentation = outer
            case .escaping(let escaping):
                escapes = escaping
            }
        }
    }

    private mutating func renderPushing(_ value: TemplateValue, _ nodes: [TemplateNode], escapes: Bool) {
        stack.append(value)
        render(nodes, escapes: escapes)
        stack.removeLast()
    }

    /// Appends `text`, first the indentation when it starts a line of an indented partial.
    private mutating func write(_ text: String) {
        guard !text.isEmpty else { return }
        if !indentation.isEmpty, output.utf8.last == UInt8(ascii: "\n") { output += indentation }
        output += text
    }

    private func lookUp(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        if name.climbs {
            for value in stack.reversed() {
                if case .object(let object) = value, let child = object[first] {
                    found = child
                    break
                }
            }
        } else if case .object(let object) = stack.last {
            found = object[first]
        }
        for part in name.parts.dropFirst() {
            guard case .object(let object) = found else { return nil }
            found = object[part]
        }
        return found
    }
}
