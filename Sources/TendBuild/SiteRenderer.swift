import Foundation
import TendCitations
import TendComponents
import TendContent
import TendCore
import TendFrontMatter
import TendSite
import TendTemplates

/// One unit of rendering: the files it writes, and a digest of everything they are made from.
/// A job whose key matches the last build's need not run again.
struct RenderJob: Sendable {
    let paths: [String]
    let key: UInt64
    let render: @Sendable () throws -> [OutputFile]
}

/// Renders the files of the site from the graph and the templates; pages render in parallel.
/// Each job's key digests what the job reads: a page, its related cards, the templates and the
/// site-wide settings; a list, only its items' cards (their metadata, not their bodies).
/// A class, so the thousands of job closures share one renderer instead of copying it.
final class SiteRenderer: Sendable {
    let graph: SiteGraph
    let templates: TemplateLibrary
    let links: SiteLinks
    let fixedDate: CalendarDate?
    /// Render on this thread only (to prove parallel output equals serial output).
    let serial: Bool
    let progress: ProgressReporter?

    private let views: ViewBuilder
    private let data: StructuredData
    /// What every file depends on: Tend, the options, settings, templates, navigation, authors.
    private let siteKey: UInt64
    /// Every card the site shows, rendered once (and kept between builds when there is a card file).
    let cards: CardCache
    /// The search index files and the pages in each.
    private let searchShards: [(path: String, pages: [Page])]

    init(
        graph: SiteGraph, templates: TemplateLibrary, links: SiteLinks, fixedDate: CalendarDate?, optionsKey: String, serial: Bool = false,
        progress: ProgressReporter? = nil, cardFile: String? = nil
    ) {
        self.serial = serial
        self.progress = progress
        self.graph = graph
        self.templates = templates
        self.links = links
        self.fixedDate = fixedDate
        var views = ViewBuilder(graph: graph, links: links)
        var site = StableHasher()
        site.combine(optionsKey)
        site.combine(graph.content.settingsDigest)
        site.combine(templates.fingerprint)
        site.combine(links.baseURL)
        site.combine(fixedDate?.description ?? "")
        for page in graph.menu { site.combine(page.matter.title + "\u{0}" + page.url) }
        site.combine(graph.exercises.isEmpty ? "no exercises" : "exercises")
        site.combine(views.crisisPath + String(views.needsCrisisPage))
        for author in graph.authors.values.sorted(by: { $0.url < $1.url }) {
            site.combine(author.url)
            site.combine(author.sourceDigest)
        }
        siteKey = site.value
        let plain = views
        // A card stands on its own line in the templates, so its own final newline is dropped.
        cards = CardCache(siteKey: siteKey, file: cardFile) { page in
            let html = templates.render("partials/card", plain.card(page)) ?? ""
            return html.hasSuffix("\n") ? String(html.dropLast()) : html
        }
        views.cards = cards
        self.views = views
        data = StructuredData(graph: graph, links: links)
        searchShards = SearchIndex.shards(graph.articles + graph.exercises)
    }

    /// A template rendering problem (a template the site needs is missing).
    struct MissingTemplate: Error {
        let name: String
    }

    private func key(_ name: String, _ parts: (inout StableHasher) -> Void = { _ in }) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(siteKey)
        hasher.combine(name)
        parts(&hasher)
        return hasher.value
    }

    private func combineCards(_ pages: some Sequence<Page>, into hasher: inout StableHasher) {
        for page in pages { hasher.combine(page.listingDigest) }
    }

    private func job(_ sitePath: String, key: UInt64, _ render: @escaping @Sendable () throws -> OutputFile) -> RenderJob {
        RenderJob(paths: [SiteLinks.file(for: sitePath)], key: key) { [try render()] }
    }

    /// Every file of the site, as jobs.
    func jobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        let entries = graph.articles + graph.exercises
        let entryKeys = parallelMap(stride(from: 0, to: entries.count, by: 512).map { $0..<min($0 + 512, entries.count) }) { range in
            entries[range].map { page in
                key("entry") { hasher in
                    hasher.combine(page.url)
                    hasher.combine(page.sourceDigest)
                    combineCards(graph.related(to: page), into: &hasher)
                }
            }
        }
        for (page, key) in zip(entries, entryKeys.joined()) {
            jobs.append(job(page.url, key: key) { try self.entryPage(page) })
        }
        for page in graph.pages {
            jobs.append(
                job(
                    page.url,
                    key: key("page") {
                        $0.combine(page.url); $0.combine(page.sourceDigest)
                    }
                ) { try self.standalonePage(page) })
        }
        for author in graph.authors.values.sorted(by: { $0.url < $1.url }) {
            let key = key("author") { hasher in
                hasher.combine(author.url)
                combineCards(graph.articles.filter { $0.matter.author == author.slug }, into: &hasher)
                hasher.combine("reviewed")
                combineCards(graph.articles.filter { $0.matter.reviewedBy == author.slug }, into: &hasher)
            }
            jobs.append(job(author.url, key: key) { try self.authorPage(author) })
        }
        jobs += listPageJobs()
        jobs += specialPageJobs()
        let syndication = Syndication(graph: graph, links: links, fixedDate: fixedDate)
        let feedKey = key("feed") { hasher in
            for page in graph.articles.prefix(20) {
                hasher.combine(page.sourceDigest)
                hasher.combine(page.listingDigest)
            }
        }
        jobs.append(RenderJob(paths: ["feed.xml"], key: feedKey) { [OutputFile(path: "feed.xml", contents: .text(syndication.atomFeed()))] })
        let sitemapKey = key("sitemap") { hasher in
            for page in graph.publishedPages { hasher.combine(page.url + " " + ((page.matter.updated ?? page.matter.date)?.description ?? "")) }
            for path in listPaths { hasher.combine(path) }
        }
        jobs.append(
            RenderJob(paths: ["sitemap.xml"], key: sitemapKey) {
                [OutputFile(path: "sitemap.xml", contents: .text(syndication.sitemap(listPaths: self.listPaths)))]
            })
        jobs.append(RenderJob(paths: ["robots.txt"], key: key("robots")) { [OutputFile(path: "robots.txt", contents: .text(syndication.robots()))] })
        for shard in searchShards {
            let indexKey = key("search index") { hasher in
                hasher.combine(shard.path)
                for page in shard.pages {
                    hasher.combine(page.url)
                    hasher.combine(page.searchDigest)
                }
            }
            jobs.append(
                RenderJob(paths: [shard.path], key: indexKey) {
                    [OutputFile(path: shard.path, contents: .text(SearchIndex.json(shard.pages, links: self.links)))]
                })
        }
        let copies =
            templates.assets.map { ("assets/" + $0.relativePath, $0.sourcePath) }
            + graph.content.media.map { (String($0.relativePath.dropFirst("content/".count)), $0.absolutePath) }
        for (path, source) in copies {
            var info = stat()
            let stamp = stat(source, &info) == 0 ? "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : ""
            jobs.append(
                RenderJob(paths: [path], key: key("copy") { $0.combine(source + " " + stamp) }) { [OutputFile(path: path, contents: .copy(from: source))] })
        }
        return jobs
    }

    /// Runs `jobs` on all cores and hands each file to `emit` as soon as it is ready (so rendered
    /// pages are not all held in memory). Returns the number of files.
    func run(_ jobs: [RenderJob], emit: @escaping @Sendable (OutputFile) throws -> Void) throws -> Int {
        let progress = self.progress
        progress?.begin("Writing pages", total: jobs.count)
        let counts = parallelMap(jobs, serial: serial) { job in
            Result { () throws -> Int in
                let files = try job.render()
                for file in files { try emit(file) }
                progress?.advance()
                return files.count
            }
        }
        return try counts.reduce(0) { try $0 + $1.get() }
    }

    private func html(_ template: String, _ view: [String: Any], path: String) throws -> OutputFile {
        guard let text = templates.render(template, view) else { throw MissingTemplate(name: template) }
        return OutputFile(path: SiteLinks.file(for: path), contents: .text(text))
    }

    private func merged(_ layout: [String: Any], _ extra: [String: Any]) -> [String: Any] {
        layout.merging(extra) { _, new in new }
    }

    /// The file of one article, exercise or stand-alone page.
    func file(of page: Page) throws -> OutputFile {
        page.kind == .page ? try standalonePage(page) : try entryPage(page)
    }

    private func entryPage(_ page: Page) throws -> OutputFile {
        let section = page.kind == .article ? ("Articles", "/articles/") : ("Exercises", "/exercises/")
        let jsonLD = [data.page(page), data.breadcrumbs([("Home", "/"), section, (page.matter.title, page.url)])]
        let layout = views.layout(
            title: page.matter.title, description: page.matter.summary ?? "", path: page.url, type: "article", jsonLD: jsonLD,
            showsConsultation: page.matter.consultation != false)
        let template = page.matter.layout.flatMap { templates.names.contains($0) ? $0 : nil } ?? page.kind.rawValue
        return try html(template, merged(layout, ["entry": views.entry(page)]), path: page.url)
    }

    private func standalonePage(_ page: Page) throws -> OutputFile {
        var jsonLD = [data.breadcrumbs([("Home", "/"), (page.matter.title, page.url)])]
        let template = page.matter.layout ?? "page"
        if template == "contact" { jsonLD.append(data.practice()) }
        let layout = views.layout(title: page.matter.title, description: page.matter.summary ?? "", path: page.url, jsonLD: jsonLD)
        var entry = views.entry(page)
        entry["consultation_html"] = template == "contact" ? views.consultationHTML : nil
        entry["practice"] = practiceView()
        guard templates.names.contains(template) else { throw MissingTemplate(name: template) }
        return try html(template, merged(layout, ["entry": entry]), path: page.url)
    }

    private func practiceView() -> [String: Any] {
        let context = graph.config.components
        var view: [String: Any] = ["name": context.practiceName]
        if let phone = context.phone { view["phone"] = phone.display; view["phone_href"] = "tel:" + phone.dialable }
        if let text = context.text { view["text"] = text.display; view["text_href"] = "sms:" + text.dialable }
        if let email = context.email { view["email"] = email; view["email_href"] = "mailto:" + email }
        if let booking = context.bookingURL { view["booking_url"] = booking }
        return view
    }

    private func authorPage(_ author: Page) throws -> OutputFile {
        let written = graph.articles.filter { $0.matter.author == author.slug }
        let reviewed = graph.articles.filter { $0.matter.reviewedBy == author.slug }
        let name = author.matter.name ?? author.slug
        var view: [String: Any] = [
            "name": name, "credentials": author.matter.credentials ?? "", "role": author.matter.role ?? "",
            "bio_html": author.bodyHTML, "articles": written.map(views.card), "reviewed": reviewed.map(views.card),
            "has_articles": !written.isEmpty, "has_reviewed": !reviewed.isEmpty,
        ]
        if let photo = author.matter.photo { view["photo"] = links.path("/" + photo.drop { $0 == "/" }) }
        let layout = views.layout(
            title: name, description: "\(name)\(author.matter.credentials.map { ", " + $0 } ?? "") — \(graph.config.title)", path: author.url, type: "profile")
        return try html("author", merged(layout, ["author": view]), path: author.url)
    }

    private var listPaths: [String] {
        var paths = ["/articles/", "/exercises/", "/tags/", "/references/", "/search/"]
        let pageCount = max(1, (graph.articles.count + graph.config.pageSize - 1) / graph.config.pageSize)
        if pageCount > 1 { paths += (2...pageCount).map { "/articles/page/\($0)/" } }
        paths += graph.tags.map(\.url)
        return paths
    }

    private func listPage(title: String, intro: String, path: String, items: [Page], pagination: [String: String]? = nil) throws -> OutputFile {
        var list: [String: Any] = ["title": title, "intro": intro, "items": items.map(views.card), "empty": items.isEmpty]
        if let pagination { list["pagination"] = pagination }
        let layout = views.layout(title: title, description: intro, path: path)
        return try html("list", merged(layout, ["list": list]), path: path)
    }

    private func listPageJobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        func list(_ title: String, intro: String, path: String, items: [Page], pagination: [String: String]? = nil) -> RenderJob {
            let key = key("list") { hasher in
                hasher.combine(title + "\u{0}" + intro + "\u{0}" + path)
                for (name, value) in (pagination ?? [:]).sorted(by: { $0.key < $1.key }) { hasher.combine(name + "=" + value) }
                combineCards(items, into: &hasher)
            }
            return job(path, key: key) { try self.listPage(title: title, intro: intro, path: path, items: items, pagination: pagination) }
        }
        let articles = graph.articles
        let size = graph.config.pageSize
        let chunks = stride(from: 0, to: max(articles.count, 1), by: size).map { Array(articles[$0..<min($0 + size, articles.count)]) }
        for (index, chunk) in chunks.enumerated() {
            let number = index + 1
            let path = number == 1 ? "/articles/" : "/articles/page/\(number)/"
            var pagination: [String: String]? = nil
            if chunks.count > 1 {
                var view = ["current": String(number), "total": String(chunks.count)]
                if number > 1 { view["previous"] = links.path(number == 2 ? "/articles/" : "/articles/page/\(number - 1)/") }
                if number < chunks.count { view["next"] = links.path("/articles/page/\(number + 1)/") }
                pagination = view
            }
            let title = number == 1 ? "Articles" : "Articles, page \(number)"
            jobs.append(list(title, intro: "Psychoeducational articles, newest first.", path: path, items: chunk, pagination: pagination))
        }
        jobs.append(list("Exercises", intro: "Guided exercises you can do on your own or with a partner.", path: "/exercises/", items: graph.exercises))
        for tag in graph.tags {
            jobs.append(list("Tagged “\(tag.name)”", intro: "Articles and exercises about \(tag.name).", path: tag.url, items: tag.pages))
        }
        let tagsKey = key("tags") { hasher in for tag in graph.tags { hasher.combine("\(tag.name)\u{0}\(tag.url)\u{0}\(tag.pages.count)") } }
        jobs.append(
            job("/tags/", key: tagsKey) {
                let tagView: [String: Any] = ["tags": self.graph.tags.map { ["name": $0.name, "url": self.links.path($0.url), "count": $0.pages.count] }]
                return try self.html(
                    "tags", self.merged(self.views.layout(title: "Topics", description: "Every topic on this site.", path: "/tags/"), ["taglist": tagView]),
                    path: "/tags/")
            })
        return jobs
    }

    private func specialPageJobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        let homeKey = key("home") { hasher in
            combineCards(graph.articles.prefix(graph.config.pageSize), into: &hasher)
            hasher.combine("exercises")
            combineCards(graph.exercises.prefix(3), into: &hasher)
        }
        jobs.append(job("/", key: homeKey) { try self.homePage() })
        jobs.append(job("/search/", key: key("search") { combineCards(graph.articles + graph.exercises, into: &$0) }) { try self.searchPage() })
        let referencesKey = key("references") { hasher in
            for page in graph.publishedPages where !page.references.isEmpty {
                hasher.combine(page.url + "\u{0}" + page.matter.title)
                for reference in page.references { hasher.combine(reference.key) }
            }
        }
        jobs.append(job("/references/", key: referencesKey) { try self.referencesPage() })
        if views.needsCrisisPage {
            jobs.append(
                job("/crisis/", key: key("crisis")) {
                    let crisis: [String: Any] = ["title": "Crisis resources", "body_html": self.views.crisisHTML]
                    return try self.html(
                        "page",
                        self.merged(
                            self.views.layout(title: "Crisis resources", description: self.graph.config.components.crisisMessage, path: "/crisis/"),
                            ["entry": crisis]),
                        path: "/crisis/")
                })
        }
        jobs.append(
            RenderJob(paths: ["404.html"], key: key("404")) {
                let notFound = self.views.layout(title: "Page not found", description: "This page does not exist.", path: "/404.html")
                return [OutputFile(path: "404.html", contents: .text(self.templates.render("404", notFound) ?? ""))]
            })
        return jobs
    }

    private func homePage() throws -> OutputFile {
        let home: [String: Any] = [
            "intro": graph.config.intro ?? graph.config.description,
            "articles": graph.articles.prefix(graph.config.pageSize).map(views.card),
            "exercises": graph.exercises.prefix(3).map(views.card),
            "has_exercises": !graph.exercises.isEmpty,
            "empty": graph.articles.isEmpty,
            "consultation_html": views.consultationHTML,
        ]
        let homeLayout = views.layout(
            title: graph.config.title, description: graph.config.description, path: "/",
            jsonLD: [
                JSONValue.object([
                    ("@context", .string("https://schema.org")), ("@type", .string("WebSite")),
                    ("name", .string(graph.config.title)), ("url", .string(links.baseURL)),
                ]).serialized
            ])
        return try html("home", merged(homeLayout, ["home": home]), path: "/")
    }

    private func searchPage() throws -> OutputFile {
        try html(
            "search",
            merged(
                views.layout(title: "Search", description: "Search the articles and exercises.", path: "/search/"),
                [
                    "search": [
                        "index_url": searchShards.map { links.path("/" + $0.path) }.joined(separator: " "),
                        "items": (graph.articles + graph.exercises).map(views.card),
                    ]
                ]),
            path: "/search/")
    }

    /// Every work cited anywhere on the site, with links to the pages that cite it.
    private func referencesPage() throws -> OutputFile {
        let pages = graph.publishedPages
        var citedBy: [String: [Page]] = [:]
        for page in pages {
            for reference in page.references { citedBy[reference.key, default: []].append(page) }
        }
        let citations = PageCitations(bibliography: graph.content.bibliography, cited: Array(citedBy.keys), nocite: [])
        let entries: [[String: Any]] = citations.references.map { reference in
            let citing = (citedBy[reference.key] ?? []).map { (title: $0.matter.title, url: links.path($0.url)) }
            return [
                "id": "ref-" + reference.key,
                "entry_html": citations.entryHTML(reference),
                "cited_by": citing.enumerated().map { index, page in ["title": page.title, "url": page.url, "separator": index == 0 ? "" : "; "] },
                // A much-cited work lists thousands of pages: made here rather than looped over in the template.
                "cited_by_html": citing.map { "<a href=\"\(Escape.html($0.url))\">\(Escape.html($0.title))</a>" }.joined(separator: "; "),
            ]
        }
        let view = views.layout(title: "References", description: "Every work cited on \(graph.config.title).", path: "/references/")
        return try html("references", merged(view, ["references": ["entries": entries, "empty": entries.isEmpty]]), path: "/references/")
    }
}
