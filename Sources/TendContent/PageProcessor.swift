import TendCitations
import TendComponents
import TendCore
import TendFrontMatter
import TendMarkdown

/// Turns one source file into a `Page`: front matter, Markdown, citations, components and
/// heading ids. Pure apart from its input, so pages are processed in parallel.
public struct PageProcessor: Sendable {
    public var config: SiteConfig
    public var bibliography: Bibliography
    public var limits = MarkdownLimits()
    /// Reads a file below `content/` (a page's own bibliography); nil when it cannot be read.
    public var readContentFile: @Sendable (String) -> String? = { _ in nil }

    public init(config: SiteConfig, bibliography: Bibliography) {
        self.config = config
        self.bibliography = bibliography
    }

    /// The site's bibliography plus the files the page's front matter adds.
    private func bibliography(for matter: FrontMatter, diagnostics: inout Diagnostics) -> Bibliography {
        guard !matter.bibliography.isEmpty else { return bibliography }
        var combined = bibliography
        for name in matter.bibliography {
            guard !name.contains(".."), !name.hasPrefix("/"), let text = readContentFile(name) else {
                diagnostics.error(
                    matter.location(of: "bibliography"), "the bibliography '\(name)' could not be read",
                    hint: "give a file name relative to content/, such as references-extra.bib")
                continue
            }
            diagnostics.append(contentsOf: combined.add(text: text, path: "content/" + name))
        }
        return combined
    }

    /// Processes `bytes`, read from `file`; nil when the page cannot be built at all.
    public func process(_ bytes: [UInt8], file: SourceFile, kind: ContentKind) -> (Page?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let path = file.relativePath
        let text: String
        do {
            text = try SourceText.decode(bytes, path: path)
        } catch {
            return (nil, [error])
        }
        if let (line, column) = SourceText.firstBidiControl(in: text) {
            diagnostics.warning(
                SourceLocation(path: path, line: line, column: column), "the text contains an invisible bidirectional control character",
                hint: "it can make text display in a different order than it is stored; delete it unless you need right-to-left text")
        }
        let split: SplitSource
        do {
            split = try FrontMatterSplitter.split(text)
        } catch {
            return (
                nil,
                [
                    .error(
                        SourceLocation(path: path), "the front matter starts with '---' but is never closed",
                        hint: "add a line with only '---' after the last field")
                ]
            )
        }
        guard split.hasFrontMatter else {
            return (
                nil,
                [
                    .error(
                        SourceLocation(path: path), "the file has no front matter",
                        hint: "start the file with a '---' line, the fields (title: ...), and another '---' line")
                ]
            )
        }
        guard let matter = FrontMatter.decode(yaml: split.yaml, kind: kind, path: path, firstLine: split.yamlFirstLine, diagnostics: &diagnostics) else {
            return (nil, diagnostics.all)
        }
        let lineOffset = split.bodyFirstLine - 1
        if let violation = limits.check(split.body) {
            diagnostics.error(SourceLocation(path: path, line: violation.line + lineOffset), violation.message, hint: violation.hint)
            return (nil, diagnostics.all)
        }
        let fileSlug = Slug.make(from: String(path.split(separator: "/").last!.dropLast(3)))
        let slug = matter.slug ?? fileSlug
        if matter.slug == nil, let problem = Slug.problem(with: slug) {
            diagnostics.error(
                SourceLocation(path: path), "the file name gives an unusable URL: \(problem)", hint: "rename the file, or set slug: in the front matter")
        }
        let page = Page(kind: kind, sourcePath: path, slug: slug, url: Routes.page(kind: kind, slug: slug), matter: matter)
        render(split.body, lineOffset: lineOffset, into: page, diagnostics: &diagnostics)
        return (page, diagnostics.all)
    }

    private func render(_ body: String, lineOffset: Int, into page: Page, diagnostics: inout Diagnostics) {
        let path = page.sourcePath
        let bibliography = bibliography(for: page.matter, diagnostics: &diagnostics)
        let markers = ShortcodeMarkers(body)
        let document = MarkdownDocument(parsing: markers.text, options: .init(allowRawHTML: config.allowRawHTML))
        func location(_ node: MarkdownNode, column: Int? = nil) -> SourceLocation {
            var line = node.line
            var anchor: MarkdownNode? = node
            while line == 0, let current = anchor { anchor = current.parent; line = current.parent?.line ?? 0 }
            return SourceLocation(path: path, line: line + lineOffset, column: column ?? max(node.column, 1))
        }
        removeRawHTML(document, location: location, diagnostics: &diagnostics)
        page.links = collectLinks(document, location: location, diagnostics: &diagnostics)

        // Citations: scan every text outside code and links first (the year suffixes need them all).
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
                        let column = node.column > 0 ? node.column + Self.characterCount(literal, bytes: match.range.lowerBound) : nil
                        diagnostics.error(location(node, column: column), "unknown citation key '\(item.key)'", hint: bibliography.suggestion(for: item.key))
                    } else {
                        cited.append(item.key)
                    }
                }
            }
            for handle in scan.unknownHandles {
                let column = node.column > 0 ? node.column + Self.characterCount(literal, bytes: handle.offset) : nil
                page.handles.append(("@" + handle.word, location(node, column: column)))
            }
            if !scan.matches.isEmpty { scans.append((node, literal, scan)) }
        }
        for key in page.matter.nocite where key != "*" && bibliography[key] == nil {
            diagnostics.error(page.matter.location(of: "nocite"), "unknown citation key '\(key)' in nocite", hint: bibliography.suggestion(for: key))
        }
        let citations = PageCitations(bibliography: bibliography, cited: cited, nocite: page.matter.nocite)
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

        var components = ComponentPass(path: path, lineOffset: lineOffset, showsConsultation: page.matter.consultation != false)
        components.apply(markers, to: document, context: config.components) { citations.referenceListHTML() }
        diagnostics.append(contentsOf: components.diagnostics)
        page.usedComponents = components.used

        let authorWroteReferencesHeading = Self.endsWithReferencesHeading(document)
        let reserveReferencesID = !citations.references.isEmpty && !components.placedReferences && !authorWroteReferencesHeading
        page.headings = assignHeadingIDs(document, reserved: reserveReferencesID ? ["references"] : [], location: { location($0, column: nil) })
        if !citations.references.isEmpty && !components.placedReferences {
            if authorWroteReferencesHeading {
                document.root.append(blockHTML: citations.referenceListHTML())
            } else {
                document.root.append(
                    blockHTML:
                        "<section class=\"references-section\" aria-labelledby=\"references\">\n<h2 id=\"references\">References</h2>\n\(citations.referenceListHTML())</section>\n"
                )
                page.headings.append(Heading(location: SourceLocation(path: path, line: lineOffset + 1), level: 2, id: "references", text: "References"))
            }
        }
        page.references = citations.references
        page.steps =
            document.nodes(where: { $0.kind == .list && $0.isOrderedList }).first.map { list in
                list.children.map { $0.plainText.trimmingSpaces }
            } ?? []
        let (allText, prose) = Self.readableText(document)
        page.searchWords = TextStatistics.distinctWords(allText)
        page.wordCount = TextStatistics.wordCount(allText)
        page.readabilityGrade = TextStatistics.fleschKincaidGrade(prose)
        page.body = PageBody(document.renderHTML())
        page.digestSummaries()
    }

    /// Raw HTML is dropped unless the site opts in; the author is told what vanished.
    private func removeRawHTML(_ document: MarkdownDocument, location: (MarkdownNode, Int?) -> SourceLocation, diagnostics: inout Diagnostics) {
        guard !config.allowRawHTML else { return }
        for node in document.nodes(where: { $0.kind == .htmlBlock || $0.kind == .htmlInline }) {
            let snippet = (node.literal ?? "").trimmingSpaces.prefix(40)
            diagnostics.warning(
                location(node, nil), "raw HTML was left out of the page: \(snippet)",
                hint: "write it in Markdown, or set markdown: { allow_html: true } in content/site.yml if every author is trusted")
            node.removeFromTree()
        }
    }

    private func collectLinks(_ document: MarkdownDocument, location: (MarkdownNode, Int?) -> SourceLocation, diagnostics: inout Diagnostics) -> [LinkUse] {
        var links: [LinkUse] = []
        for node in document.nodes(where: { $0.kind == .link || $0.kind == .image }) {
            let url = node.url ?? ""
            if !URLPolicy.isAllowed(url) {
                diagnostics.warning(location(node, nil), "a link to '\(url.prefix(60))' was removed: only https, http, mailto, tel and sms links are allowed")
            }
            links.append(LinkUse(url: url, isImage: node.kind == .image, altText: node.plainText, location: location(node, nil)))
        }
        return links
    }

    /// Gives every heading a unique id from its text; returns them in order.
    private func assignHeadingIDs(_ document: MarkdownDocument, reserved: Set<String>, location: (MarkdownNode) -> SourceLocation) -> [Heading] {
        var used = reserved
        var headings: [Heading] = []
        for node in document.nodes(where: { $0.kind == .heading }) {
            let text = node.plainText.trimmingSpaces
            var base = Slug.make(from: text)
            if base.isEmpty { base = "section" }
            var id = base
            var counter = 1
            while used.contains(id) {
                id = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(id)
            let html = document.renderHTML(node)
            let level = node.headingLevel
            let place = location(node)
            let open = "<h\(level)>"
            guard html.hasPrefix(open) else { continue }
            node.replace(withBlockHTML: "<h\(level) id=\"\(id)\">" + html.dropFirst(open.count))
            headings.append(Heading(location: place, level: level, id: id, text: text))
        }
        return headings
    }

    /// True when the body's last block is a heading reading "References" (the list goes under it).
    private static func endsWithReferencesHeading(_ document: MarkdownDocument) -> Bool {
        guard let last = document.root.children.last, last.kind == .heading else { return false }
        return last.plainText.trimmingSpaces.lowercased() == "references"
    }

    /// The words a reader reads (outside code blocks), and the prose alone (no headings, no
    /// code, no citations) for the readability grade.
    private static func readableText(_ document: MarkdownDocument) -> (all: String, prose: String) {
        var all = ""
        var prose = ""
        var headingDepth = 0
        document.walk { node, entering in
            switch node.kind {
            case .heading:
                headingDepth += entering ? 1 : -1
                if !entering { all += "\n" }
            case .text, .code:
                guard entering, let literal = node.literal else { return }
                all += literal
                if headingDepth == 0 && node.kind == .text { prose += literal }
            case .softBreak, .lineBreak:
                if entering { all += " "; prose += " " }
            case .paragraph, .item, .tableCell:
                if !entering { all += "\n"; prose += "\n" }
            default:
                break
            }
        }
        return (all, prose)
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
