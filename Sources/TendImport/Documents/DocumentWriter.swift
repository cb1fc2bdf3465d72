import Foundation

/// Turns an imported document into Tend Markdown: the title and summary out of the body,
/// headings one level below the title, nested bullet and numbered lists (typed “•”, “—” and
/// “1.” bullets too), bold and italic, links, footnotes, tables, pictures, the reference list
/// parsed into BibTeX, and the contact block turned into the consultation component.
struct DocumentWriter {
    private let text = PlainTextImporter()

    func write(_ document: ImportedDocument, fallbackTitle: String) -> PlainTextImporter.Result {
        var blocks = document.blocks
        var title = document.title
        if title == nil, let index = blocks.firstIndex(where: { if case .heading = $0 { return true } else { return false } }), index <= 1,
            case .heading(_, let inlines) = blocks[index]
        {
            title = inlines.plain.trimmingCharacters(in: .whitespaces)
            blocks.remove(at: index)
        }
        if title == nil, case .paragraph(let inlines)? = blocks.first, inlines.plain.count <= 120 {
            title = inlines.plain.trimmingCharacters(in: .whitespaces)
            blocks.removeFirst()
        }
        let finalTitle = title ?? fallbackTitle
        // A document that repeats its title as its first line.
        if case .paragraph(let inlines)? = blocks.first, inlines.plain.trimmingCharacters(in: .whitespaces) == finalTitle { blocks.removeFirst() }
        var summary = ""
        if case .paragraph(let inlines)? = blocks.first, inlines.plain.count > 40,
            !inlines.contains(where: { if case .footnote = $0 { return true } else { return false } })
        {
            summary = inlines.plain.trimmingCharacters(in: .whitespaces)
            blocks.removeFirst()
        }
        let headingShift = blocks.contains { if case .heading(1, _) = $0 { return true } else { return false } } ? 1 : 0
        var out: [String] = []
        var references: [ImportedReference] = []
        var counts: [String: Int] = [:]
        var unclassified: [(line: Int, text: String)] = []
        var inReferences = false
        var previousWasList = false
        var contactLines: [String] = []
        var lastParagraph = "", lastParagraphText = ""
        for (position, block) in blocks.enumerated() {
            var isList = false
            defer { previousWasList = isList }
            if inReferences {
                let line: String?
                switch block {
                case .paragraph(let inlines), .listItem(_, _, let inlines): line = inlines.plain.trimmingCharacters(in: .whitespaces)
                default: line = nil
                }
                if let line, let reference = APAReferenceParser.parse(line) {
                    references.append(reference)
                    continue
                }
                if let line, !line.isEmpty {
                    unclassified.append((position + 1, line))
                    out.append(markdown([.text(line, bold: false, italic: false)]))
                    continue
                }
                inReferences = false
            }
            switch block {
            case .heading(let level, let inlines):
                let heading = inlines.plain.trimmingCharacters(in: .whitespaces)
                if [
                    "references", "sources", "bibliography", "works cited", "reference list", "referencias", "bibliografía", "fuentes",
                    "referencias bibliográficas", "obras citadas",
                ].contains(
                    heading.lowercased().trimmingCharacters(in: .punctuationCharacters))
                {
                    inReferences = true
                    continue
                }
                out.append(String(repeating: "#", count: min(max(level + headingShift, 2), 6)) + " " + markdown(inlines))
                counts["heading", default: 0] += 1
            case .paragraph(let inlines):
                let line = inlines.plain.trimmingCharacters(in: .whitespaces)
                if text.isContactLine(line) {
                    contactLines.append(line)
                    if out.last?.hasPrefix("{{< consultation") == true {
                    } else if let previous = out.last, lastParagraph == previous, text.isLeadIn(lastParagraphText) {
                        out[out.count - 1] = PlainTextImporter.consultation(leadIn: lastParagraphText)
                        counts["paragraph", default: 0] -= 1
                    } else {
                        out.append("{{< consultation >}}")
                    }
                    counts["contact", default: 0] += 1
                    continue
                }
                if ["references", "sources", "bibliography"].contains(line.lowercased().trimmingCharacters(in: .punctuationCharacters)) {
                    inReferences = true
                    continue
                }
                if let item = text.bulletText(line) {
                    append(&out, "- " + markdown([.text(item, bold: false, italic: false)]), joining: previousWasList)
                    isList = true
                    counts["list item", default: 0] += 1
                    continue
                }
                if let (number, rest) = text.numberedStep(line) {
                    append(&out, "\(number). " + markdown([.text(rest, bold: false, italic: false)]), joining: previousWasList)
                    isList = true
                    counts["list item", default: 0] += 1
                    continue
                }
                // A short paragraph in bold on its own is a heading in all but name.
                if isBoldOnly(inlines), line.count <= 80, !line.hasSuffix(".") {
                    out.append(
                        "## "
                            + markdown(
                                inlines.map {
                                    if case .text(let text, _, let italic) = $0 { return .text(text, bold: false, italic: italic) } else { return $0 }
                                }))
                    counts["heading", default: 0] += 1
                    continue
                }
                out.append(markdown(inlines))
                lastParagraph = out[out.count - 1]
                lastParagraphText = line
                counts["paragraph", default: 0] += 1
            case .listItem(let ordered, let level, let inlines):
                let marker = ordered ? "1. " : "- "
                append(&out, String(repeating: "   ", count: max(0, level)) + marker + markdown(inlines), joining: previousWasList)
                isList = true
                counts["list item", default: 0] += 1
            case .quote(let inlines):
                out.append("> " + markdown(inlines))
                counts["quotation", default: 0] += 1
            case .table(let rows):
                guard let header = rows.first, !header.isEmpty else { continue }
                let width = rows.map(\.count).max() ?? header.count
                func row(_ cells: [[ImportedDocument.Inline]]) -> String {
                    "| " + (0..<width).map { $0 < cells.count ? markdown(cells[$0]).replacingOccurrences(of: "|", with: "\\|") : "" }.joined(separator: " | ")
                        + " |"
                }
                out.append(([row(header), "|" + String(repeating: " --- |", count: width)] + rows.dropFirst().map(row)).joined(separator: "\n"))
                counts["table", default: 0] += 1
            case .image(let alt, let file):
                out.append("![\(escape(alt.isEmpty ? "Describe this picture" : alt))](/media/\(file.replacingOccurrences(of: " ", with: "%20")))")
                counts["picture", default: 0] += 1
            case .markdown(let text):
                out.append(text)
            }
        }
        if !document.footnotes.isEmpty {
            out.append(document.footnotes.keys.sorted().map { "[^\($0)]: " + markdown(document.footnotes[$0] ?? []) }.joined(separator: "\n"))
            counts["footnote", default: 0] += document.footnotes.count
        }
        var recognised = ["title: \(finalTitle)"]
        if !summary.isEmpty { recognised.append("summary: the first paragraph") }
        for (name, count) in counts.sorted(by: { $0.key < $1.key }) where name != "contact" && count > 0 {
            recognised.append("\(count) \(name)\(count == 1 ? "" : "s")")
        }
        if let contact = counts["contact"] { recognised.append("a contact block (\(contact) lines), replaced by {{< consultation >}}") }
        if !references.isEmpty { recognised.append("\(references.count) reference\(references.count == 1 ? "" : "s")") }
        if !document.media.isEmpty { recognised.append("\(document.media.count) picture file\(document.media.count == 1 ? "" : "s"), put in content/media/") }
        return PlainTextImporter.Result(
            title: finalTitle, summary: summary, body: out.joined(separator: "\n\n") + "\n", references: references, recognised: recognised,
            unclassified: unclassified, contactLines: contactLines, leftOut: document.leftOut)
    }

    /// List items follow one another without a blank line.
    private func append(_ out: inout [String], _ line: String, joining: Bool) {
        if joining, !out.isEmpty { out[out.count - 1] += "\n" + line } else { out.append(line) }
    }

    private func isBoldOnly(_ inlines: [ImportedDocument.Inline]) -> Bool {
        let texts = inlines.compactMap { inline -> (String, Bool)? in if case .text(let text, let bold, _) = inline { return (text, bold) } else { return nil }
        }
        let visible = texts.filter { !$0.0.trimmingCharacters(in: .whitespaces).isEmpty }
        return !visible.isEmpty && visible.allSatisfy(\.1) && inlines.count == texts.count
    }

    /// Inline Markdown: neighbouring runs of one style merged, bold and italic marked around
    /// their words (never around spaces), prose escaped.
    func markdown(_ inlines: [ImportedDocument.Inline]) -> String {
        var merged: [ImportedDocument.Inline] = []
        for inline in inlines {
            if case .text(let text, let bold, let italic) = inline, case .text(let previous, bold, italic)? = merged.last {
                merged[merged.count - 1] = .text(previous + text, bold: bold, italic: italic)
            } else {
                merged.append(inline)
            }
        }
        var out = ""
        for inline in merged {
            switch inline {
            case .text(let text, let bold, let italic):
                let core = text.trimmingCharacters(in: .whitespaces)
                guard !core.isEmpty, bold || italic else {
                    out += escape(text.replacingOccurrences(of: "\t", with: " "))
                    continue
                }
                let leading = text.prefix { $0 == " " }, trailing = String(text.reversed().prefix { $0 == " " })
                let mark = bold && italic ? "***" : bold ? "**" : "*"
                out += leading + mark + escape(core) + mark + trailing
            case .link(let text, let url):
                out += "[\(escape(text))](\(url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ")", with: "%29")))"
            case .footnote(let number):
                out += "[^\(number)]"
            case .lineBreak:
                out += " "
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    private func escape(_ text: String) -> String { PlainTextImporter.escapeMarkdown(text) }
}
