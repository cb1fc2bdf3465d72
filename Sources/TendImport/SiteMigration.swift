import Foundation
import TendCore
import TendFrontMatter

/// `tend import --from hugo|jekyll|eleventy|wordpress SOURCE`: a whole site brought into
/// `content/`: front matter mapped, authors made, page-bundle and upload images moved into
/// `content/media/` with their links rewritten, the common shortcodes and Liquid tags turned
/// into Markdown or components, old URLs kept as aliases, and a report of every file and of
/// everything not converted, with file:line. Running it twice gives the same files.
public struct SiteMigration {
    public enum Generator: String, CaseIterable, Sendable {
        case hugo, jekyll, eleventy, wordpress
    }

    /// One article or page brought over.
    public struct Entry: Sendable {
        public let source: String
        public let target: String
        public let notes: [String]
    }

    public struct Report: Sendable {
        public var entries: [Entry] = []
        public var media: [String] = []
        public var authors: [String] = []
        /// Files of the source that were not content (templates, configuration), for the report.
        public var skipped: [String] = []
    }

    let generator: Generator
    let source: String
    let site: String
    let languageFolder: String
    /// The site's default language and its other languages, from its content/site.yml (`en` and none without one).
    let defaultLanguage: String
    let siteLanguages: [String]
    /// The comment that marks an author file an import made.
    static let importedMarker = "# Made by tend import: add credentials and a short bio, then remove this line."

    /// The site's first author before the import (nil when it has none).
    private var existingAuthor: String?

    /// `languageFolder` is where the pages go: `content/`, or `content/es/` for a site brought in as a translation.
    public init(generator: Generator, source: String, site: String, languageFolder: String = "content/") {
        self.generator = generator
        self.source = source
        self.site = site
        self.languageFolder = languageFolder
        var diagnostics = Diagnostics()
        let config = (try? String(contentsOfFile: site + "/content/site.yml", encoding: .utf8)).flatMap { Self.languages(ofSiteYML: $0, &diagnostics) }
        defaultLanguage = config?.first ?? "en"
        siteLanguages = config ?? []
    }

    /// The `languages:` of a site.yml, the default first (the default alone when it has none).
    private static func languages(ofSiteYML text: String, _ diagnostics: inout Diagnostics) -> [String]? {
        guard let fields = YAMLMapping.parse(text, path: "content/site.yml", firstLine: 1, diagnostics: &diagnostics) else { return nil }
        let languages = fields["languages"]?.mapping(&diagnostics)
        var first = "en"
        if let language = fields["language"]?.string(&diagnostics) { first = String(language.prefix { $0 != "-" && $0 != "_" }) }
        if let code = languages?["default"]?.string(&diagnostics) { first = code }
        let others: [String] = languages?["others"]?.stringList(&diagnostics) ?? []
        return [first.lowercased()] + others.map { $0.lowercased() }
    }

    public mutating func run() throws -> Report {
        var report = Report()
        // Decided before anything is written, so that a second run makes the same files.
        let folder = site + "/content/authors"
        // Authors an import made are not the site's own: a second run decides as the first did.
        existingAuthor = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".md") }.sorted().first { name in
            !((try? String(contentsOfFile: folder + "/" + name, encoding: .utf8))?.contains(Self.importedMarker) ?? false)
        }.map { String($0.dropLast(3)) }
        var taken = Set<String>()
        if generator == .wordpress {
            try migrateWordPress(&report)
        } else {
            for file in markdownFiles() { try migrate(file, &report, taken: &taken) }
        }
        return report
    }

    /// The folder the site's content lives in (Hugo's `content/`; the site itself otherwise).
    private var contentRoot: String {
        generator == .hugo && FileManager.default.fileExists(atPath: source + "/content") ? source + "/content" : source
    }

    // MARK: Markdown sites

    /// The content files of the source, sorted (so two runs make the same files).
    private func markdownFiles() -> [String] {
        let root = contentRoot
        let skippedFolders: Set<String> = [
            "node_modules", "_site", "public", "_includes", "_layouts", "_data", "themes", "layouts", "static", ".git", "vendor",
        ]
        var files: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        for case let relative as String in walker {
            let parts = relative.split(separator: "/")
            if parts.contains(where: { skippedFolders.contains(String($0)) || $0.hasPrefix(".") }) { continue }
            let lower = relative.lowercased()
            guard lower.hasSuffix(".md") || lower.hasSuffix(".markdown") else { continue }
            if ["readme.md", "license.md", "changelog.md", "contributing.md"].contains(lower) { continue }
            files.append(root + "/" + relative)
        }
        return files.sorted()
    }

    private mutating func migrate(_ path: String, _ report: inout Report, taken: inout Set<String>) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            report.skipped.append("\(path): not UTF-8 text")
            return
        }
        let (fields, body) = MarkdownImporter.read(text)
        let relative = String(path.dropFirst(contentRoot.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let folder = (path as NSString).deletingLastPathComponent
        let fileName = (path as NSString).lastPathComponent
        var stem = (fileName as NSString).deletingPathExtension
        // Hugo's translations: `index.en.md`, `post.fr.md`.
        let language = (stem as NSString).pathExtension
        if language.count == 2 || (language.count == 5 && language.contains("-")) { stem = (stem as NSString).deletingPathExtension }
        var date = fields.date
        // Jekyll posts: 2021-07-08-my-post.md.
        if stem.count > 11, CalendarDate(String(stem.prefix(10))) != nil, stem.dropFirst(10).first == "-" {
            date = date ?? String(stem.prefix(10))
            stem = String(stem.dropFirst(11))
        }
        if stem == "index" { stem = (folder as NSString).lastPathComponent }
        if stem == "_index" {
            report.skipped.append("\(relative): a section's list page (Tend makes its own lists)")
            return
        }
        let section = sectionOf(relative, hasDate: date != nil)
        var slug = Slug.make(from: fields.slug ?? stem)
        guard !slug.isEmpty else {
            report.skipped.append("\(relative): no usable name")
            return
        }
        var notes = fields.leftOut.map { "front matter field \($0) left out" }
        // Hugo's `post.es.md` is the Spanish version of `post.md`: it goes to content/es/ under the same name.
        let code = language.lowercased()
        let isTranslation = !code.isEmpty && code.count <= 5 && code != defaultLanguage
        let pagesFolder = isTranslation ? "content/\(code)/" : languageFolder
        if isTranslation, !siteLanguages.contains(code) {
            notes.append("a translation (\(code)): add \(code) to languages.others in content/site.yml to publish it")
        }
        // Two sources that would make one file: the second gets a number, and a note.
        let base = slug
        var counter = 2
        while !taken.insert("\(pagesFolder)\(sectionOf(relative, hasDate: date != nil))/\(slug)").inserted {
            slug = "\(base)-\(counter)"
            counter += 1
        }
        if slug != base { notes.append("another page already took the name '\(base)': this one is '\(slug)'") }
        var converted = Shortcodes.convert(body, file: relative, lineOffset: frontMatterLines(text))
        notes += converted.notes
        // Page-bundle and upload images: copied into content/media/ and the links rewritten.
        converted.text = try moveImages(in: converted.text, from: folder, slug: slug, file: relative, notes: &notes, report: &report)
        var aliases = fields.aliases.filter { !$0.contains("://") }
        let prefix = isTranslation ? "/\(code)" : ""
        let oldURL = oldAddress(relative: relative, slug: slug, date: date, section: section).map { prefix + $0 }
        let newURL = prefix + (section == "pages" ? "/\(slug)/" : "/\(section)/\(slug)/")
        if let oldURL, oldURL != newURL, !aliases.contains(oldURL) { aliases.append(oldURL) }
        aliases.removeAll { $0 == newURL || $0 + "/" == newURL }
        let author = try fields.authorName.map { try authorFile($0, &report) }
        var front = ["---", "title: " + quoted(fields.title ?? stem.replacingOccurrences(of: "-", with: " ").capitalized)]
        let summary = fields.summary ?? firstSentence(converted.text, spanish: (isTranslation ? code : defaultLanguage).hasPrefix("es"))
        if section != "pages" || fields.summary != nil { front.append("summary: " + quoted(summary)) }
        if section != "pages" {
            front.append("date: " + (date.flatMap { CalendarDate(String($0.prefix(10)))?.description } ?? "2000-01-01"))
            if date == nil { notes.append("no date in the source: set date:") }
            let id = try author ?? fallbackAuthor(&report)
            front.append("author: " + id)
            if author == nil { notes.append("no author in the source: '\(id)' was set; change author: if someone else wrote it") }
        }
        if !fields.tags.isEmpty { front.append("tags: [" + unique(fields.tags.map { $0.lowercased() }).map(quoted).joined(separator: ", ") + "]") }
        if !aliases.isEmpty { front.append("aliases: [" + unique(aliases).map(quoted).joined(separator: ", ") + "]") }
        if section == "pages", let order = fields.menuOrder { front.append("menu: \(order)") }
        if fields.draft { front.append("draft: true") }
        front += ["---", ""]
        let target = "\(pagesFolder)\(section)/\(slug).md"
        try write(front.joined(separator: "\n") + converted.text.trimmingCharacters(in: .whitespacesAndNewlines) + "\n", to: target)
        report.entries.append(Entry(source: relative, target: target, notes: notes))
    }

    /// Where an entry goes: what sits in a posts folder is an article; a page at the top (or a
    /// bundle one folder down: `about/index.md`) is a page; elsewhere, dated entries are articles.
    private func sectionOf(_ relative: String, hasDate: Bool) -> String {
        let parts = relative.split(separator: "/").map { $0.lowercased() }
        if let first = parts.first, parts.count > 1, ["posts", "post", "blog", "articles", "_posts", "news", "writing", "stories"].contains(first) {
            return "articles"
        }
        let isBundle = parts.last.map { $0.hasPrefix("index.") } ?? false
        if parts.count == 1 || (parts.count == 2 && isBundle) { return "pages" }
        return hasDate ? "articles" : "pages"
    }

    /// The address the entry had on the old site, by the generator's default rules.
    private func oldAddress(relative: String, slug: String, date: String?, section: String) -> String? {
        let parts = relative.split(separator: "/").map(String.init)
        switch generator {
        case .hugo, .eleventy:
            let folders = parts.dropLast().filter { $0 != "content" }
            // `index.md`, `_index.md` and a bundle's translations (`index.es.md`) are the folder's own page.
            let last = parts.last ?? ""
            let name = last == "_index.md" || (last.hasPrefix("index.") && last.hasSuffix(".md")) ? "" : slug + "/"
            let path = "/" + folders.map { $0.lowercased() }.joined(separator: "/") + (folders.isEmpty ? "" : "/") + name
            return path == "/" ? nil : path
        case .jekyll:
            guard relative.hasPrefix("_posts/"), let date, let day = CalendarDate(String(date.prefix(10))) else {
                return parts.last.map { "/" + ($0 as NSString).deletingPathExtension + ".html" }
            }
            let text = day.description.split(separator: "-")
            return "/\(text[0])/\(text[1])/\(text[2])/\(slug).html"
        case .wordpress:
            return nil
        }
    }

    private func frontMatterLines(_ text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let fence = lines.first, fence == "---" || fence == "+++" else { return 0 }
        return (lines.dropFirst().firstIndex { $0 == fence } ?? 0) + 1
    }

    /// Relative images (`./img/x.png`, `img/x.png`) and the site's own uploads
    /// (`/images/x.png`, `/assets/x.png`, `/uploads/x.png`) copied into content/media/.
    private func moveImages(in text: String, from folder: String, slug: String, file: String, notes: inout [String], report: inout Report) throws -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "](") {
            out += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(where: { $0 == ")" || $0 == " " || $0 == "\n" }) else { break }
            var target = String(rest[..<close]).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            rest = rest[close...]
            let isImage = ["png", "jpg", "jpeg", "gif", "webp", "svg", "heic"].contains((target as NSString).pathExtension.lowercased())
            guard isImage, !target.contains("://") else {
                out += target
                continue
            }
            target = target.removingPercentEncoding ?? target
            let candidates =
                target.hasPrefix("/")
                ? [source + "/static" + target, source + target, source + "/src" + target, source + "/content" + target]
                : [folder + "/" + target]
            guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                notes.append("the image \(target) was not found in the source: put it in content/media/ and fix the link")
                out += target
                continue
            }
            let name = target.hasPrefix("/") ? (target as NSString).lastPathComponent : slug + "-" + (target as NSString).lastPathComponent
            let media = "content/media/" + name
            if !report.media.contains(media) {
                try FileManager.default.createDirectory(atPath: site + "/content/media", withIntermediateDirectories: true)
                let destination = site + "/" + media
                if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
                try FileManager.default.copyItem(atPath: found, toPath: destination)
                report.media.append(media)
            }
            out += "/media/" + name.replacingOccurrences(of: " ", with: "%20")
        }
        return out + rest
    }

    // MARK: WordPress

    /// A WXR export: posts and pages (published and drafts), their HTML turned into Markdown,
    /// authors, categories and tags, the old address as an alias; attachments are reported.
    private mutating func migrateWordPress(_ report: inout Report) throws {
        guard let data = FileManager.default.contents(atPath: source), let root = XMLTreeBuilder.parse(data) else {
            throw DocumentImport.Failure(message: "\(source) is not a WordPress export (WXR XML)")
        }
        let writer = DocumentWriter()
        for (index, item) in root.descendants("item").enumerated() {
            let type = item.first("wp:post_type")?.text ?? "post"
            let status = item.first("wp:status")?.text ?? "publish"
            let title = item.first("title")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? "Untitled"
            let itemName = "\((source as NSString).lastPathComponent) item \(index + 1) ('\(title)')"
            if type == "attachment" {
                let url = item.first("wp:attachment_url")?.text ?? ""
                report.skipped.append("\(itemName): the attachment \(url) was not downloaded (Tend works offline): save it in content/media/")
                continue
            }
            guard type == "post" || type == "page", status != "trash", status != "auto-draft" else {
                if !["nav_menu_item", "revision", "custom_css", "customize_changeset", "wp_global_styles"].contains(type) {
                    report.skipped.append("\(itemName): a '\(type)' item")
                }
                continue
            }
            var html = item.first("content:encoded")?.text ?? ""
            // WordPress's own shortcodes: a caption keeps its picture and text; the others are reported.
            html = html.replacingOccurrences(of: #"\[caption[^\]]*\](.*?)\[/caption\]"#, with: "$1", options: .regularExpression)
            for name in ["gallery", "embed", "audio", "video", "contact-form-7", "wpforms", "playlist"] where html.contains("[" + name) {
                html = html.replacingOccurrences(of: "\\[/?" + name + "[^\\]]*\\]", with: "", options: .regularExpression)
                report.skipped.append("\(title): the [\(name)] shortcode was left out")
            }
            var document = HTMLReader.read("<html><body>" + html.replacingOccurrences(of: "\n\n", with: "<p>") + "</body></html>", folder: nil)
            document.title = title
            var notes = document.leftOut
            var result = writer.write(document, fallbackTitle: title)
            let excerptText = item.first("excerpt:encoded")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            // With an excerpt for the summary, the first paragraph stays in the body.
            if !excerptText.isEmpty, !result.summary.isEmpty { result.body = result.summary + "\n\n" + result.body }
            let shortcodes = Shortcodes.convert(result.body, file: itemName, lineOffset: 0)
            result.body = shortcodes.text
            notes += shortcodes.notes
            let slug = Slug.make(from: item.first("wp:post_name")?.text.isEmpty == false ? item.first("wp:post_name")!.text : title)
            let section = type == "page" ? "pages" : "articles"
            var front = ["---", "title: " + quoted(title)]
            let excerpt = item.first("excerpt:encoded")?.text.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let summary = excerpt.isEmpty ? (result.summary.isEmpty ? firstSentence(result.body) : result.summary) : TolerantHTML.parse(excerpt).text
            if section == "articles" || !summary.isEmpty { front.append("summary: " + quoted(summary)) }
            if section == "articles" {
                let date = item.first("wp:post_date")?.text ?? ""
                front.append("date: " + (CalendarDate(String(date.prefix(10)))?.description ?? "2000-01-01"))
                let creator = item.first("dc:creator")?.text ?? ""
                let authorName = authorNames(root)[creator] ?? creator
                front.append("author: " + (authorName.isEmpty ? try fallbackAuthor(&report) : try authorFile(authorName, &report)))
            }
            let terms = item.all("category").map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.lowercased() != "uncategorized" }
            if !terms.isEmpty { front.append("tags: [" + unique(terms.map { $0.lowercased() }).map(quoted).joined(separator: ", ") + "]") }
            if let link = item.first("link")?.text, let path = URLComponents(string: link)?.path, !path.isEmpty, path != "/" {
                front.append("aliases: [" + quoted(path.hasSuffix("/") ? path : path) + "]")
            }
            if status != "publish" { front.append("draft: true") }
            front += ["---", ""]
            let target = "\(languageFolder)\(section)/\(slug.isEmpty ? "post-\(index + 1)" : slug).md"
            try write(front.joined(separator: "\n") + result.body, to: target)
            report.entries.append(Entry(source: itemName, target: target, notes: notes))
        }
    }

    /// WordPress logins → display names.
    private func authorNames(_ root: XMLElement) -> [String: String] {
        var names: [String: String] = [:]
        for author in root.descendants("wp:author") {
            guard let login = author.first("wp:author_login")?.text else { continue }
            names[login] = author.first("wp:author_display_name")?.text ?? login
        }
        return names
    }

    // MARK: Files

    /// The site's first author (made from the practice's name when there is none), for entries
    /// that name nobody.
    private mutating func fallbackAuthor(_ report: inout Report) throws -> String {
        if let existingAuthor { return existingAuthor }
        return try authorFile("The practice's clinicians", &report)
    }

    /// The id of the author file for `name`, made when there is none.
    private func authorFile(_ name: String, _ report: inout Report) throws -> String {
        let id = Slug.make(from: name)
        let path = "content/authors/\(id).md"
        if !FileManager.default.fileExists(atPath: site + "/" + path) {
            try write("---\n\(Self.importedMarker)\nname: \(quoted(name))\n---\nA few words about \(name).\n", to: path)
            report.authors.append(path)
        }
        return id
    }

    private func write(_ text: String, to relative: String) throws {
        let path = site + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ") + "\""
    }

    private func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// The first sentence of the body's prose, for an entry without a summary.
    private func firstSentence(_ markdown: String, spanish: Bool = false) -> String {
        let prose =
            markdown.split(separator: "\n").first { line in
                let text = line.trimmingCharacters(in: .whitespaces)
                return !text.isEmpty && !["#", "!", "{", "-", "*", ">", "|", "`", "["].contains(where: { text.hasPrefix($0) })
            }.map(String.init) ?? ""
        let sentence = prose.split(separator: ".", maxSplits: 1).first.map { String($0) + "." } ?? prose
        if sentence.count > 10 { return String(sentence.prefix(200)) }
        return spanish ? "Una o dos frases que digan al lector qué va a aprender." : "One or two sentences on what readers will learn."
    }
}
