import Foundation
import ZIPFoundation

/// Reads an OpenDocument text (`.odt`, LibreOffice's and Google Docs' other download):
/// headings with their outline level, nested lists, bold and italic from the automatic
/// styles, links, footnotes and endnotes, tables, and pictures with their descriptions.
enum ODTReader {
    static func read(_ data: Data) throws(DocxReader.Failure) -> ImportedDocument {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw DocxReader.Failure(message: "the file is not an OpenDocument text (it is not a ZIP package)")
        }
        func part(_ path: String) -> Data? {
            guard let entry = archive[path], entry.uncompressedSize < 200_000_000 else { return nil }
            var data = Data()
            _ = try? archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        guard let contentData = part("content.xml"), let content = XMLTreeBuilder.parse(contentData),
            let text = content.first("office:body")?.first("office:text")
        else { throw DocxReader.Failure(message: "the OpenDocument file has no readable text (content.xml)") }
        var reader = Reader(styles: TextStyles(content.first("office:automatic-styles")))
        var document = ImportedDocument()
        for element in text.elements { reader.block(element, into: &document, listLevel: -1, ordered: false) }
        for path in reader.pictures { if let bytes = part(path) { document.media[path.split(separator: "/").last.map(String.init) ?? path] = Array(bytes) } }
        document.footnotes = reader.notes
        document.leftOut = reader.leftOut
        return document
    }

    /// Which automatic styles make text bold or italic, and which list styles are numbered.
    struct TextStyles {
        var bold: Set<String> = []
        var italic: Set<String> = []
        var numberedLists: Set<String> = []
        var titles: Set<String> = []

        init(_ root: XMLElement?) {
            for style in root?.all("style:style") ?? [] {
                guard let name = style["style:name"] else { continue }
                let properties = style.first("style:text-properties")
                if properties?["fo:font-weight"] == "bold" { bold.insert(name) }
                if properties?["fo:font-style"] == "italic" { italic.insert(name) }
                if style["style:parent-style-name"] == "Title" { titles.insert(name) }
            }
            for list in root?.all("text:list-style") ?? [] {
                if let name = list["style:name"], list.first("text:list-level-style-number") != nil { numberedLists.insert(name) }
            }
        }
    }

    private struct Reader {
        let styles: TextStyles
        var notes: [Int: [ImportedDocument.Inline]] = [:]
        var pictures: [String] = []
        var leftOut: [String] = []

        mutating func block(_ element: XMLElement, into document: inout ImportedDocument, listLevel: Int, ordered: Bool) {
            switch element.name {
            case "text:h":
                let level = element["text:outline-level"].flatMap(Int.init) ?? 1
                document.blocks.append(.heading(level: level, inlines(element)))
            case "text:p":
                for frame in element.descendants("draw:frame") { if let image = image(frame) { document.blocks.append(image) } }
                let content = inlines(element)
                guard !content.plain.trimmingCharacters(in: .whitespaces).isEmpty else { return }
                let style = element["text:style-name"] ?? ""
                if style == "Title" || styles.titles.contains(style), document.title == nil {
                    document.title = content.plain.trimmingCharacters(in: .whitespaces)
                } else if listLevel >= 0 {
                    document.blocks.append(.listItem(ordered: ordered, level: listLevel, content))
                } else {
                    document.blocks.append(.paragraph(content))
                }
            case "text:list":
                let numbered = ordered || styles.numberedLists.contains(element["text:style-name"] ?? "")
                for item in element.all("text:list-item") {
                    for child in item.elements { block(child, into: &document, listLevel: listLevel + 1, ordered: numbered) }
                }
            case "table:table":
                let rows = element.descendants("table:table-row").map { row in
                    row.all("table:table-cell").map { cell in cell.all("text:p").flatMap { inlines($0) } }
                }
                document.blocks.append(.table(rows))
            case "text:section", "text:soft-page-break":
                for child in element.elements { block(child, into: &document, listLevel: listLevel, ordered: ordered) }
            default:
                break
            }
        }

        mutating func image(_ frame: XMLElement) -> ImportedDocument.Block? {
            guard let path = frame.first("draw:image")?["xlink:href"], !path.hasPrefix("http") else { return nil }
            let description = frame.first("svg:desc")?.text ?? frame.first("svg:title")?.text ?? frame["svg:title"] ?? ""
            pictures.append(path)
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if description.isEmpty { leftOut.append("the picture \(name) has no description: write its alt text in the draft") }
            return .image(alt: description, file: name)
        }

        mutating func inlines(_ element: XMLElement, bold: Bool = false, italic: Bool = false) -> [ImportedDocument.Inline] {
            var out: [ImportedDocument.Inline] = []
            for child in element.children {
                switch child {
                case .text(let text):
                    out.append(.text(text, bold: bold, italic: italic))
                case .element(let inner):
                    switch inner.name {
                    case "text:span":
                        let style = inner["text:style-name"] ?? ""
                        out += inlines(inner, bold: bold || styles.bold.contains(style), italic: italic || styles.italic.contains(style))
                    case "text:a":
                        out.append(.link(text: inner.text, url: inner["xlink:href"] ?? ""))
                    case "text:s": out.append(.text(" ", bold: bold, italic: italic))
                    case "text:tab": out.append(.text("\t", bold: false, italic: false))
                    case "text:line-break": out.append(.lineBreak)
                    case "text:note":
                        let number = notes.count + 1
                        notes[number] = inner.first("text:note-body")?.all("text:p").flatMap { inlines($0) } ?? []
                        out.append(.footnote(number))
                    case "draw:frame": break
                    default: out += inlines(inner, bold: bold, italic: italic)
                    }
                }
            }
            return out
        }
    }
}
