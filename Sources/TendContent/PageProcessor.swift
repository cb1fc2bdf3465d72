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

    /// How much larger than its source a page's links may make it (reference links repeat
    /// their address at every use): a megabyte, and a hundred bytes a source byte.
    static let extraOutputAllowed = 1 << 20
    static let outputPerInputByte = 100
    /// Components a page may hold.
    static let maxComponents = 2_000

    /// The passes a body goes through, in order.
    static let passes: [any PagePass] = [
        RawHTMLPass(), LinkPass(), CitationPass(), EscapedBracketPass(), ShortcodePass(), SafeMessagingPass(), HeadingPass(), ReadingPass(),
    ]

    /// The site's bibliography plus the files the page's front matter adds, with the digest of
    /// those files' text (the page is made from them too).
    private func bibliography(for matter: FrontMatter, diagnostics: inout Diagnostics) -> (Bibliography, UInt64?) {
        guard !matter.bibliography.isEmpty else { return (bibliography, nil) }
        var combined = bibliography
        var digest = StableHasher()
        for name in matter.bibliography {
            guard !name.contains(".."), !name.hasPrefix("/"), let text = readContentFile(name) else {
                diagnostics.error(
                    matter.location(of: "bibliography"), "the bibliography '\(name)' could not be read",
                    hint: "give a file name relative to content/, such as references-extra.bib")
                continue
            }
            digest.combine(name)
            digest.combine(text)
            diagnostics.append(contentsOf: combined.add(text: text, path: "content/" + name))
        }
        return (combined, digest.value)
    }

    /// Processes `bytes`, read from `file`; nil when the page cannot be built at all. `digest`
    /// is the bytes' digest when the caller has it; the body goes to `bodiesIn` when given.
    public func process(
        _ bytes: [UInt8], file: SourceFile, kind: ContentKind, digest: UInt64? = nil, bodiesIn scratch: ScratchFile? = nil
    ) -> (Page?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let path = file.relativePath
        // A translation is made with its language's settings: words, citations, crisis lines.
        let config = Page.languageFolder(of: path).map { self.config.localized($0) } ?? self.config
        var text: String
        do {
            let decoded = try SourceText.decodeMarkdown(bytes, path: path)
            text = decoded.text
            diagnostics.append(contentsOf: decoded.warnings)
        } catch {
            return (nil, [error])
        }
        let pasted = PastedText.clean(text, path: path)
        text = pasted.text
        diagnostics.append(contentsOf: pasted.diagnostics)
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
            if text.hasPrefix("+++") {
                return (
                    nil,
                    diagnostics.all + [
                        .error(
                            SourceLocation(path: path),
                            "the front matter is TOML (between '+++' lines, as Hugo writes it); Tend reads YAML between '---' lines",
                            hint: "bring a Hugo site in with `tend import --from hugo`, or rewrite the fields as YAML: title = \"A\" becomes title: \"A\"")
                    ]
                )
            }
            return (
                nil,
                diagnostics.all + [
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
        let (bibliography, extraDigest) = bibliography(for: matter, diagnostics: &diagnostics)
        let markers = ShortcodeMarkers(EscapedBrackets.mark(ImageDestinations.bracketingSpaces(String(split.body))))
        // Each component is a block of HTML: ninety thousand of them would be a page no one reads.
        if markers.lines.count > Self.maxComponents {
            diagnostics.error(
                SourceLocation(path: path, line: markers.lines[Self.maxComponents].lineNumber + lineOffset),
                "the page has more than \(Self.maxComponents) components", hint: "split it into several pages")
            return (nil, diagnostics.all)
        }
        let document = MarkdownDocument(parsing: markers.text, options: .init(allowRawHTML: config.allowRawHTML, smartPunctuation: config.smartPunctuation))
        let context = PassContext(
            path: path, lineOffset: lineOffset, config: config, matter: matter, bibliography: bibliography, markers: markers, body: String(split.body))
        var draft = PageDraft()
        for pass in Self.passes { pass.run(document, context, &draft, &diagnostics) }
        // One reference definition used thousands of times would make gigabytes of HTML.
        let budget = Self.extraOutputAllowed + Self.outputPerInputByte * bytes.count
        guard draft.linkBytes <= budget else {
            diagnostics.error(
                SourceLocation(path: path), "the links of this page would make \(draft.linkBytes >> 20) MB of HTML from \(bytes.count >> 10) KB of text",
                hint: "a link defined once ([name]: https://…) is written out wherever [name] is used; use it fewer times or shorten the address")
            return (nil, diagnostics.all)
        }
        var body = PageBody(document.renderHTML() + draft.trailingHTML)
        if let scratch { body.move(to: scratch) }
        var sourceDigest = digest ?? StableHasher.digest(bytes)
        if let extraDigest {
            var hasher = StableHasher()
            hasher.combine(sourceDigest)
            hasher.combine(extraDigest)
            sourceDigest = hasher.value
        }
        let page = Page(
            kind: kind, sourcePath: path, slug: slug, url: Page.routes(of: path).page(kind: kind, slug: slug), matter: matter, body: body,
            headings: draft.headings,
            searchWords: draft.searchWords, wordCount: draft.wordCount, readabilityGrade: draft.readabilityGrade, references: draft.citations.references,
            usedComponents: draft.usedComponents, links: draft.links, steps: draft.steps, handles: draft.handles,
            sourceDigest: sourceDigest)
        return (page, diagnostics.all)
    }
}
