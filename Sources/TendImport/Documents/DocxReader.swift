import Foundation
import ZIPFoundation

/// Reads a Word document (`.docx`, also what Google Docs downloads): paragraph styles and
/// outline levels for headings, numbering for bullet and numbered lists, bold and italic,
/// hyperlinks, footnotes and endnotes, tables, and pictures with their descriptions.
enum DocxReader {
    struct Failure: Error {
        let message: String
    }

    static func read(_ data: Data) throws(Failure) -> ImportedDocument {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw Failure(message: "the file is not a Word document (it is not a ZIP package)")
        }
        func part(_ path: String) -> Data? {
            guard let entry = archive[path], entry.uncompressedSize < 200_000_000 else { return nil }
            var data = Data()
            _ = try? archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        guard let documentData = part("word/document.xml"), let document = XMLTreeBuilder.parse(documentData) else {
            throw Failure(message: "the Word document has no readable text (word/document.xml)")
        }
        var reader = Reader(
            styles: Styles(part("word/styles.xml").flatMap(XMLTreeBuilder.parse)),
            numbering: Numbering(part("word/numbering.xml").flatMap(XMLTreeBuilder.parse)),
            relationships: relationships(part("word/_rels/document.xml.rels").flatMap(XMLTreeBuilder.parse)))
        for (file, kind) in [("word/footnotes.xml", "w:footnote"), ("word/endnotes.xml", "w:endnote")] {
            guard let notes = part(file).flatMap(XMLTreeBuilder.parse) else { continue }
            for note in notes.all(kind) {
                guard let id = note["w:id"].flatMap(Int.init), id > 0 else { continue }
                let inlines = note.all("w:p").flatMap { reader.inlines(of: $0) }
                reader.notes[(kind == "w:endnote" ? 10_000 : 0) + id] = inlines
            }
        }
        var result = ImportedDocument()
        guard let body = document.first("w:body") else { return result }
        for element in body.elements {
            switch element.name {
            case "w:p": reader.paragraph(element, into: &result)
            case "w:tbl":
                result.blocks.append(
                    .table(element.all("w:tr").map { row in row.all("w:tc").map { cell in cell.all("w:p").flatMap { reader.inlines(of: $0) } } }))
            case "w:sdt":
                for paragraph in element.descendants("w:p") { reader.paragraph(paragraph, into: &result) }
            default: break
            }
        }
        // Footnotes are numbered in the order the text cites them.
        var numbers: [Int: Int] = [:]
        result.blocks = result.blocks.map { block in
            renumber(block) { id in
                if let number = numbers[id] { return number }
                numbers[id] = numbers.count + 1
                return numbers.count
            }
        }
        for (id, number) in numbers { result.footnotes[number] = reader.notes[id] ?? [] }
        for (target, name) in reader.imageNames { if let bytes = part("word/" + target) { result.media[name] = Array(bytes) } }
        result.leftOut = reader.leftOut
        return result
    }

    private static func renumber(_ block: ImportedDocument.Block, _ number: (Int) -> Int) -> ImportedDocument.Block {
        func inlines(_ list: [ImportedDocument.Inline]) -> [ImportedDocument.Inline] {
            list.map { if case .footnote(let id) = $0 { return .footnote(number(id)) } else { return $0 } }
        }
        switch block {
        case .heading(let level, let list): return .heading(level: level, inlines(list))
        case .paragraph(let list): return .paragraph(inlines(list))
        case .listItem(let ordered, let level, let list): return .listItem(ordered: ordered, level: level, inlines(list))
        case .quote(let list): return .quote(inlines(list))
        case .table(let rows): return .table(rows.map { $0.map(inlines) })
        default: return block
        }
    }

    private static func relationships(_ root: XMLElement?) -> [String: String] {
        var map: [String: String] = [:]
        for relationship in root?.all("Relationship") ?? [] {
            if let id = relationship["Id"], let target = relationship["Target"] { map[id] = target }
        }
        return map
    }

    /// Style ids → names and the heading level a style gives.
    struct Styles {
        var names: [String: String] = [:]
        var outline: [String: Int] = [:]

        init(_ root: XMLElement?) {
            var basedOn: [String: String] = [:]
            for style in root?.all("w:style") ?? [] {
                guard let id = style["w:styleId"] else { continue }
                names[id] = (style.first("w:name")?["w:val"] ?? id).lowercased()
                if let level = style.first("w:pPr")?.first("w:outlineLvl")?["w:val"].flatMap(Int.init) { outline[id] = level + 1 }
                if let parent = style.first("w:basedOn")?["w:val"] { basedOn[id] = parent }
            }
            for (id, parent) in basedOn where outline[id] == nil { outline[id] = outline[parent] }
        }

        /// 1–6 for a heading style (`heading 2`, `Title` is 1), nil otherwise.
        func headingLevel(_ id: String) -> Int? {
            let name = names[id] ?? id.lowercased()
            if name == "title" { return 1 }
            if name.hasPrefix("heading "), let level = Int(name.dropFirst(8)) { return min(level, 6) }
            if name.hasPrefix("heading"), let level = Int(name.dropFirst(7)) { return min(level, 6) }
            return outline[id].map { min($0, 6) }
        }
    }

    /// Which numbered lists are bullets and which are numbers, per level.
    struct Numbering {
        var bullet: [String: [Int: Bool]] = [:]

        init(_ root: XMLElement?) {
            var abstract: [String: [Int: Bool]] = [:]
            for definition in root?.all("w:abstractNum") ?? [] {
                guard let id = definition["w:abstractNumId"] else { continue }
                for level in definition.all("w:lvl") {
                    guard let index = level["w:ilvl"].flatMap(Int.init) else { continue }
                    abstract[id, default: [:]][index] = (level.first("w:numFmt")?["w:val"] ?? "bullet") == "bullet"
                }
            }
            for number in root?.all("w:num") ?? [] {
                if let id = number["w:numId"], let abstractID = number.first("w:abstractNumId")?["w:val"] { bullet[id] = abstract[abstractID] ?? [:] }
            }
        }
    }

    private struct Reader {
        let styles: Styles
        let numbering: Numbering
        let relationships: [String: String]
        var notes: [Int: [ImportedDocument.Inline]] = [:]
        /// Picture part → its name in content/media/.
        var imageNames: [String: String] = [:]
        var leftOut: [String] = []

        mutating func paragraph(_ paragraph: XMLElement, into document: inout ImportedDocument) {
            let properties = paragraph.first("w:pPr")
            let style = properties?.first("w:pStyle")?["w:val"] ?? ""
            for drawing in paragraph.descendants("w:drawing") + paragraph.descendants("w:pict") {
                if let image = image(drawing) { document.blocks.append(image) }
            }
            let inlines = self.inlines(of: paragraph)
            guard !inlines.plain.trimmingCharacters(in: .whitespaces).isEmpty else { return }
            let styleName = styles.names[style] ?? style.lowercased()
            if let level = styles.headingLevel(style) ?? properties?.first("w:outlineLvl")?["w:val"].flatMap(Int.init).map({ $0 + 1 }) {
                if styleName == "title" && document.title == nil {
                    document.title = inlines.plain.trimmingCharacters(in: .whitespaces)
                } else {
                    document.blocks.append(.heading(level: level, inlines))
                }
                return
            }
            if let numbered = properties?.first("w:numPr"), let id = numbered.first("w:numId")?["w:val"], id != "0" {
                let level = numbered.first("w:ilvl")?["w:val"].flatMap(Int.init) ?? 0
                let isBullet = numbering.bullet[id]?[level] ?? true
                document.blocks.append(.listItem(ordered: !isBullet, level: level, inlines))
                return
            }
            // "List Bullet 2", "List Number 3": the number is the nesting level.
            let styleLevel = max(0, (styleName.split(separator: " ").last.flatMap { Int($0) } ?? 1) - 1)
            if styleName.contains("list bullet") || styleName == "list paragraph" {
                document.blocks.append(.listItem(ordered: false, level: styleLevel, inlines))
            } else if styleName.contains("list number") {
                document.blocks.append(.listItem(ordered: true, level: styleLevel, inlines))
            } else if styleName.contains("quote") {
                document.blocks.append(.quote(inlines))
            } else {
                document.blocks.append(.paragraph(inlines))
            }
        }

        mutating func image(_ drawing: XMLElement) -> ImportedDocument.Block? {
            guard let blip = drawing.descendants("a:blip").first ?? drawing.descendants("v:imagedata").first,
                let id = blip["r:embed"] ?? blip["r:id"], let target = relationships[id]
            else { return nil }
            let description = drawing.descendants("wp:docPr").first.map { $0["descr"] ?? $0["title"] ?? "" } ?? ""
            let name = imageNames[target] ?? target.split(separator: "/").last.map(String.init) ?? target
            imageNames[target] = name
            if description.isEmpty { leftOut.append("the picture \(name) has no description: write its alt text in the draft") }
            return .image(alt: description, file: name)
        }

        func inlines(of paragraph: XMLElement) -> [ImportedDocument.Inline] {
            var out: [ImportedDocument.Inline] = []
            for element in paragraph.elements {
                switch element.name {
                case "w:r": out += run(element)
                case "w:hyperlink":
                    let text = element.all("w:r").flatMap(run).plain
                    if let id = element["r:id"], let url = relationships[id] {
                        out.append(.link(text: text, url: url))
                    } else {
                        out.append(.text(text, bold: false, italic: false))
                    }
                case "w:ins", "w:smartTag", "w:fldSimple": out += inlines(of: element)
                default: break
                }
            }
            return out
        }

        private func run(_ run: XMLElement) -> [ImportedDocument.Inline] {
            let properties = run.first("w:rPr")
            func on(_ name: String) -> Bool {
                guard let element = properties?.first(name) else { return false }
                return !["0", "false"].contains(element["w:val"] ?? "true")
            }
            let bold = on("w:b"), italic = on("w:i")
            var out: [ImportedDocument.Inline] = []
            for element in run.elements {
                switch element.name {
                case "w:t": out.append(.text(element.text, bold: bold, italic: italic))
                case "w:tab": out.append(.text("\t", bold: false, italic: false))
                case "w:br", "w:cr": out.append(.lineBreak)
                case "w:noBreakHyphen": out.append(.text("-", bold: bold, italic: italic))
                case "w:footnoteReference": if let id = element["w:id"].flatMap(Int.init) { out.append(.footnote(id)) }
                case "w:endnoteReference": if let id = element["w:id"].flatMap(Int.init) { out.append(.footnote(10_000 + id)) }
                default: break
                }
            }
            return out
        }
    }
}
