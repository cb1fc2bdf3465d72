import Foundation
import TendCore
import TendMarkdown

/// Turns the marker headings of a parsed document into components, validating names,
/// attributes and pairing; every problem becomes a diagnostic at the file's line.
public struct ComponentPass {
    /// Names of the components a page used (`crisis`, `references`...).
    public private(set) var used: Set<String> = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// True when the page placed `{{< references >}}` itself.
    public var placedReferences: Bool { used.contains("references") }

    private let path: String
    private let lineOffset: Int
    private let showsConsultation: Bool

    /// `lineOffset` is the number of file lines before the Markdown body; a page that says
    /// `consultation: false` passes `showsConsultation: false` and its consultation blocks vanish.
    public init(path: String, lineOffset: Int, showsConsultation: Bool = true) {
        self.path = path
        self.lineOffset = lineOffset
        self.showsConsultation = showsConsultation
    }

    public mutating func apply(
        _ markers: ShortcodeMarkers, to document: MarkdownDocument, context: ComponentContext, referencesHTML: () -> String
    ) {
        markers.restoreInLiterals(of: document)
        guard !markers.lines.isEmpty else { return }
        let found = document.nodes(where: { markers.index(of: $0) != nil }).map { ($0, markers.index(of: $0)!) }
        var open: [(node: MarkdownNode, shortcode: Shortcode, line: Int)] = []
        var singles: [(MarkdownNode, String)] = []
        for (node, index) in found {
            let line = markers.lines[index]
            let fileLine = line.lineNumber + lineOffset
            switch line.parsed {
            case .failure(let failure):
                error(fileLine, failure.column, failure.message, hint: "components are written {{< name key=\"value\" >}}")
                node.removeFromTree()
            case .success(let shortcode):
                guard let definition = ComponentDefinition.all[shortcode.name] else {
                    let known = ComponentDefinition.all.keys.sorted()
                    let near = Suggestions.hint(for: shortcode.name, in: known)
                    error(
                        fileLine, shortcode.column, "unknown component '\(shortcode.name)'",
                        hint: (near.map { $0 + " " } ?? "") + "known components: " + known.joined(separator: ", "))
                    node.removeFromTree()
                    continue
                }
                if shortcode.isClosing {
                    guard definition.isPaired, let last = open.lastIndex(where: { $0.shortcode.name == shortcode.name }) else {
                        error(
                            fileLine, shortcode.column, "'{{< /\(shortcode.name) >}}' closes a component that was not opened",
                            hint: definition.isPaired
                                ? "add {{< \(shortcode.name) >}} above, or remove this line" : "'\(shortcode.name)' stands alone and needs no closing line")
                        node.removeFromTree()
                        continue
                    }
                    let opening = open.remove(at: last)
                    let (openHTML, closeHTML) = ComponentHTML.callout(
                        kind: opening.shortcode.value(of: "kind") ?? "note", title: opening.shortcode.value(of: "title"), text: context.words)
                    if !opening.node.wrapSiblings(until: node, open: openHTML, close: closeHTML) {
                        error(
                            opening.line, opening.shortcode.column, "'{{< \(shortcode.name) >}}' and its closing line must be at the same level",
                            hint: "put both lines at the start of a line, outside lists and quotes, or both inside the same one")
                        opening.node.removeFromTree()
                        node.removeFromTree()
                    }
                    used.insert(shortcode.name)
                    continue
                }
                guard validate(shortcode, definition, line: fileLine) else {
                    node.removeFromTree()
                    continue
                }
                if definition.isPaired {
                    open.append((node, shortcode, fileLine))
                } else {
                    singles.append((node, render(shortcode, context: context)))
                }
            }
        }
        for unclosed in open {
            error(
                unclosed.line, unclosed.shortcode.column, "'{{< \(unclosed.shortcode.name) >}}' is never closed",
                hint: "add a line {{< /\(unclosed.shortcode.name) >}} after its content")
            unclosed.node.removeFromTree()
        }
        for (node, html) in singles {
            node.replace(withBlockHTML: html == Self.referencesPlaceholder ? referencesHTML() : html)
        }
    }

    private static let referencesPlaceholder = "\u{E001}references\u{E001}"

    private mutating func render(_ shortcode: Shortcode, context: ComponentContext) -> String {
        used.insert(shortcode.name)
        switch shortcode.name {
        case "consultation":
            guard showsConsultation else { return "" }
            let channels = shortcode.value(of: "channels").map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            return ComponentHTML.consultation(context, headline: shortcode.value(of: "headline"), body: shortcode.value(of: "body"), channels: channels)
        case "crisis":
            return ComponentHTML.crisis(context, message: shortcode.value(of: "message"))
        case "breathing":
            let pattern = BreathingPattern(shortcode.value(of: "pattern") ?? "4-7-8")!
            return ComponentHTML.breathing(
                pattern, cycles: Int(shortcode.value(of: "cycles") ?? "4") ?? 4, title: shortcode.value(of: "title"),
                text: context.words)
        default:
            return Self.referencesPlaceholder
        }
    }

    private mutating func validate(_ shortcode: Shortcode, _ definition: ComponentDefinition, line: Int) -> Bool {
        var valid = true
        for attribute in shortcode.attributes {
            guard let type = definition.attributes[attribute.name] else {
                let known = definition.attributes.keys.sorted()
                let near = Suggestions.hint(for: attribute.name, in: known)
                error(
                    line, attribute.column, "the component '\(shortcode.name)' has no attribute '\(attribute.name)'",
                    hint: known.isEmpty
                        ? "'\(shortcode.name)' takes no attributes" : (near.map { $0 + " " } ?? "") + "it accepts: " + known.joined(separator: ", "))
                valid = false
                continue
            }
            if let problem = ComponentDefinition.problem(with: attribute.value, type: type, name: attribute.name) {
                error(line, attribute.column, problem)
                valid = false
            }
        }
        return valid
    }

    private mutating func error(_ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(SourceLocation(path: path, line: line, column: column), message, hint: hint))
    }
}
