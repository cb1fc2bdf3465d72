import Foundation
import TendCore

/// Reads a saved web page (`.html`): the article (or main) element, or else the body without
/// its navigation, header, footer, scripts and styles; headings, nested lists, emphasis,
/// links, tables, quotations and pictures (from the page's `_files` folder next to it).
enum HTMLReader {
    static func read(_ text: String, folder: String?) -> ImportedDocument {
        let root = TolerantHTML.parse(text)
        var document = ImportedDocument()
        document.title = root.descendants("title").first?.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let main = root.descendants("article").first ?? root.descendants("main").first ?? root.descendants("body").first ?? root
        var reader = Reader(folder: folder)
        reader.blocks(main, into: &document, listLevel: -1, ordered: false)
        if let heading = document.blocks.first, case .heading(1, let inlines) = heading {
            document.title = inlines.plain.trimmingCharacters(in: .whitespaces)
            document.blocks.removeFirst()
        }
        document.media = reader.media
        document.leftOut = reader.leftOut
        return document
    }

    private struct Reader {
        let folder: String?
        var media: [String: [UInt8]] = [:]
        var leftOut: [String] = []
        static let skipped: Set<String> = ["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "svg", "button", "template"]

        mutating func blocks(_ element: XMLElement, into document: inout ImportedDocument, listLevel: Int, ordered: Bool) {
            var loose: [ImportedDocument.Inline] = []
            func flush() {
                if !loose.plain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { document.blocks.append(.paragraph(loose)) }
                loose = []
            }
            for child in element.children {
                guard case .element(let inner) = child else {
                    if case .text(let text) = child { loose.append(.text(collapse(text), bold: false, italic: false)) }
                    continue
                }
                let name = inner.name
                if Self.skipped.contains(name) {
                    if name == "iframe" { leftOut.append("an embedded frame (\(inner["src"] ?? "no address")): add it as a link if readers need it") }
                    continue
                }
                switch name {
                case "h1", "h2", "h3", "h4", "h5", "h6":
                    flush()
                    document.blocks.append(.heading(level: Int(String(name.last!))!, inlines(inner)))
                case "p":
                    flush()
                    for image in inner.descendants("img") { if let block = picture(image) { document.blocks.append(block) } }
                    let content = inlines(inner)
                    if !content.plain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        document.blocks.append(listLevel >= 0 ? .listItem(ordered: ordered, level: listLevel, content) : .paragraph(content))
                    }
                case "ul", "ol":
                    flush()
                    for item in inner.all("li") {
                        let own = item.children.filter { if case .element(let e) = $0 { return !["ul", "ol", "p"].contains(e.name) } else { return true } }
                        let wrapper = XMLElement(name: "li", attributes: [:])
                        wrapper.children = own
                        let content = inlines(wrapper)
                        if !content.plain.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                            document.blocks.append(.listItem(ordered: name == "ol", level: listLevel + 1, content))
                        }
                        for nested in item.elements where ["ul", "ol", "p"].contains(nested.name) {
                            let holder = XMLElement(name: "div", attributes: [:])
                            holder.children = [.element(nested)]
                            blocks(holder, into: &document, listLevel: listLevel + 1, ordered: name == "ol")
                        }
                    }
                case "blockquote":
                    flush()
                    document.blocks.append(.quote(inlines(inner)))
                case "table":
                    flush()
                    let rows = inner.descendants("tr").map { row in row.elements.filter { $0.name == "td" || $0.name == "th" }.map { inlines($0) } }
                    document.blocks.append(.table(rows))
                case "img", "figure":
                    flush()
                    for image in name == "img" ? [inner] : inner.descendants("img") { if let block = picture(image) { document.blocks.append(block) } }
                case "div", "section", "span", "center", "main", "article", "body", "html", "font":
                    if ["span", "font"].contains(name) {
                        loose += inlines(inner)
                    } else {
                        flush()
                        blocks(inner, into: &document, listLevel: listLevel, ordered: ordered)
                    }
                case "br": loose.append(.lineBreak)
                case "hr": flush()
                default:
                    loose += inlines(inner)
                }
            }
            flush()
        }

        mutating func picture(_ image: XMLElement) -> ImportedDocument.Block? {
            guard let source = image["src"], !source.hasPrefix("data:") else { return nil }
            let alt = image["alt"] ?? ""
            let file = (source.split(separator: "/").last.map(String.init) ?? source).split(separator: "?").first.map(String.init) ?? source
            let name = file.removingPercentEncoding ?? file
            if let folder, !source.contains("://"), let bytes = FileManager.default.contents(atPath: folder + "/" + (source.removingPercentEncoding ?? source))
            {
                media[name] = Array(bytes)
            } else {
                leftOut.append("the picture \(source) is not next to the page: save it in content/media/\(name)")
            }
            if alt.isEmpty { leftOut.append("the picture \(name) has no description: write its alt text in the draft") }
            return .image(alt: alt, file: name)
        }

        func inlines(_ element: XMLElement, bold: Bool = false, italic: Bool = false) -> [ImportedDocument.Inline] {
            var out: [ImportedDocument.Inline] = []
            for child in element.children {
                switch child {
                case .text(let text):
                    out.append(.text(collapse(text), bold: bold, italic: italic))
                case .element(let inner):
                    if Self.skipped.contains(inner.name) { continue }
                    switch inner.name {
                    case "strong", "b": out += inlines(inner, bold: true, italic: italic)
                    case "em", "i": out += inlines(inner, bold: bold, italic: true)
                    case "a":
                        let href = inner["href"] ?? ""
                        out.append(
                            href.isEmpty || href.hasPrefix("#")
                                ? .text(collapse(inner.text), bold: bold, italic: italic) : .link(text: collapse(inner.text), url: href))
                    case "br": out.append(.lineBreak)
                    case "img": break
                    default: out += inlines(inner, bold: bold, italic: italic)
                    }
                }
            }
            return out
        }

        private func collapse(_ text: String) -> String {
            text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        }
    }
}

/// A forgiving HTML parser: tags close in any order, void elements close themselves, and the
/// usual entities are decoded; enough for reading an article out of a saved page.
enum TolerantHTML {
    private static let voids: Set<String> = ["br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "track", "param"]
    private static let raw: Set<String> = ["script", "style", "textarea", "title"]

    static func parse(_ html: String) -> XMLElement {
        let root = XMLElement(name: "#document", attributes: [:])
        var stack = [root]
        let characters = Array(html)
        var index = 0
        var text = ""
        func flushText() {
            if !text.isEmpty { stack.last!.children.append(.text(decode(text))) }
            text = ""
        }
        while index < characters.count {
            let character = characters[index]
            guard character == "<", index + 1 < characters.count else {
                text.append(character)
                index += 1
                continue
            }
            if characters[index + 1] == "!" {
                // A comment or a doctype.
                let close = String(characters[index...].prefix(4)) == "<!--" ? "-->" : ">"
                if let end = find(close, in: characters, from: index) { index = end + close.count } else { index = characters.count }
                continue
            }
            guard let end = characters[index...].firstIndex(of: ">") else {
                text.append(character)
                index += 1
                continue
            }
            let tag = String(characters[(index + 1)..<end])
            index = end + 1
            flushText()
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                if let open = stack.lastIndex(where: { $0.name == name }), open > 0 { stack.removeSubrange(open...) }
                continue
            }
            let (name, attributes) = parseTag(tag)
            guard !name.isEmpty else { continue }
            // A new paragraph or list item ends the open one.
            if ["p", "li"].contains(name), let open = stack.lastIndex(where: { $0.name == name }), open > 0,
                !stack[(open + 1)...].contains(where: { ["ul", "ol", "div", "table"].contains($0.name) })
            {
                stack.removeSubrange(open...)
            }
            let element = XMLElement(name: name, attributes: attributes)
            element.parent = stack.last
            stack.last!.children.append(.element(element))
            if raw.contains(name) {
                let closing = "</" + name
                let stop = find(closing, in: characters, from: index, caseInsensitive: true) ?? characters.count
                element.children.append(.text(decode(String(characters[index..<stop]))))
                index = stop
                if let after = characters[index...].firstIndex(of: ">") { index = after + 1 }
                continue
            }
            if !voids.contains(name) && !tag.hasSuffix("/") { stack.append(element) }
        }
        flushText()
        return root
    }

    private static func find(_ needle: String, in characters: [Character], from start: Int, caseInsensitive: Bool = false) -> Int? {
        let target = Array(caseInsensitive ? needle.lowercased() : needle)
        guard target.count <= characters.count else { return nil }
        var index = start
        while index + target.count <= characters.count {
            var matches = true
            for offset in 0..<target.count {
                let character = caseInsensitive ? Character(characters[index + offset].lowercased()) : characters[index + offset]
                if character != target[offset] {
                    matches = false
                    break
                }
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private static func parseTag(_ tag: String) -> (String, [String: String]) {
        let body = tag.hasSuffix("/") ? String(tag.dropLast()) : tag
        let name = String(body.prefix { !$0.isWhitespace }).lowercased()
        var attributes: [String: String] = [:]
        var rest = body.dropFirst(name.count)[...]
        while true {
            rest = rest.drop { $0.isWhitespace }
            let key = String(rest.prefix { !$0.isWhitespace && $0 != "=" }).lowercased()
            guard !key.isEmpty else { break }
            rest = rest.dropFirst(key.count).drop { $0.isWhitespace }
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop { $0.isWhitespace }
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    rest = rest.dropFirst()
                    value = String(rest.prefix { $0 != quote })
                    rest = rest.dropFirst(value.count + 1)
                } else {
                    value = String(rest.prefix { !$0.isWhitespace })
                    rest = rest.dropFirst(value.count)
                }
            }
            attributes[key] = decode(value)
        }
        return (name, attributes)
    }

    static func decode(_ text: String) -> String {
        // A no-break space in a saved page is a space in the draft.
        HTMLEntities.decode(text).replacingOccurrences(of: "\u{00A0}", with: " ")
    }
}
