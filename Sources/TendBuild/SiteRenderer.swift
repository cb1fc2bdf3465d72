import TendCitations
import TendComponents
import TendContent
import TendCore
import TendFrontMatter
import TendSite
import TendTemplates

/// Renders every file of the site from the graph and the templates; pages render in parallel.
struct SiteRenderer: Sendable {
    let graph: SiteGraph
    let templates: TemplateLibrary
    let links: SiteLinks
    let fixedDate: CalendarDate?
    /// Render on this thread only (to prove parallel output equals serial output).
    let serial: Bool
    var progress: ProgressReporter?

    private let views: ViewBuilder
    private let data: StructuredData

    init(graph: SiteGraph, templates: TemplateLibrary, links: SiteLinks, fixedDate: CalendarDate?, serial: Bool = false) {
        self.serial = serial
        self.graph = graph
        self.templates = templates
        self.links = links
        self.fixedDate = fixedDate
        var views = ViewBuilder(graph: graph, links: links)
        let plain = views
        let pages = graph.articles + graph.exercises
        // A card stands on its own line in the templates, so its own final newline is dropped.
        let cards = parallelMap(pages, serial: serial) { page in
            let html = templates.render("partials/card", plain.card(page)) ?? ""
            return html.hasSuffix("\n") ? String(html.dropLast()) : html
        }
        views.cardHTML = Dictionary(zip(pages.map(\.url), cards)) { first, _ in first }
        self.views = views
        data = StructuredData(graph: graph, links: links)
    }

    /// A template rendering problem (a template the site needs is missing).
    struct MissingTemplate: Error {
        let name: String
    }

    /// Renders every file of the site and hands each to `emit` as soon as it is ready (so
    /// rendered pages are not all held in memory); pages, lists and indexes render on all cores.
    /// Returns the number of files.
    func render(emit: @escaping @Sendable (OutputFile) throws -> Void) throws -> Int {
        var jobs: [@Sendable () throws -> [OutputFile]] = []
        for page in graph.articles + graph.exercises {
            jobs.append { [try self.entryPage(page)] }
        }
        for page in graph.pages {
            jobs.append { [try self.standalonePage(page)] }
        }
        for author in graph.authors.values.sorted(by: { $0.url < $1.url }) {
            jobs.append { [try self.authorPage(author)] }
        }
        jobs += listPageJobs()
        jobs.append { try self.specialPages() }
        let syndication = Syndication(graph: graph, links: links, fixedDate: fixedDate)
        jobs.append { [OutputFile(path: "feed.xml", contents: .text(syndication.atomFeed()))] }
        jobs.append {
            [
                OutputFile(path: "sitemap.xml", contents: .text(syndication.sitemap(listPaths: self.listPaths))),
                OutputFile(path: "robots.txt", contents: .text(syndication.robots())),
            ]
        }
        jobs.append {
            [OutputFile(path: "search/index.json", contents: .text(SearchIndex.json(self.graph.articles + self.graph.exercises, links: self.links)))]
        }
        let templates = self.templates, media = graph.content.media
        jobs.append {
            templates.assets.map { OutputFile(path: "assets/" + $0.relativePath, contents: .copy(from: $0.sourcePath)) }
                + media.map { OutputFile(path: String($0.relativePath.dropFirst("content/".count)), contents: .copy(from: $0.absolutePath)) }
        }
        let progress = self.progress
        progress?.begin("Writing pages", total: jobs.count)
        let counts = parallelMap(jobs, serial: serial) { job in
            Result { () throws -> Int in
                let files = try job()
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

    private func listPageJobs() -> [@Sendable () throws -> [OutputFile]] {
        var jobs: [@Sendable () throws -> [OutputFile]] = []
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
            jobs.append { [pagination] in
                [try self.listPage(title: title, intro: "Psychoeducational articles, newest first.", path: path, items: chunk, pagination: pagination)]
            }
        }
        jobs.append {
            [
                try self.listPage(
                    title: "Exercises", intro: "Guided exercises you can do on your own or with a partner.", path: "/exercises/", items: self.graph.exercises)
            ]
        }
        for tag in graph.tags {
            jobs.append {
                [try self.listPage(title: "Tagged “\(tag.name)”", intro: "Articles and exercises about \(tag.name).", path: tag.url, items: tag.pages)]
            }
        }
        jobs.append {
            let tagView: [String: Any] = ["tags": self.graph.tags.map { ["name": $0.name, "url": self.links.path($0.url), "count": $0.pages.count] }]
            return [
                try self.html(
                    "tags", self.merged(self.views.layout(title: "Topics", description: "Every topic on this site.", path: "/tags/"), ["taglist": tagView]),
                    path: "/tags/")
            ]
        }
        return jobs
    }

    private func specialPages() throws -> [OutputFile] {
        var files: [OutputFile] = []
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
        files.append(try html("home", merged(homeLayout, ["home": home]), path: "/"))
        files.append(
            try html(
                "search",
                merged(
                    views.layout(title: "Search", description: "Search the articles and exercises.", path: "/search/"),
                    ["search": ["index_url": links.path("/search/index.json"), "items": (graph.articles + graph.exercises).map(views.card)]]),
                path: "/search/"))
        files.append(try referencesPage())
        if views.needsCrisisPage {
            let crisis: [String: Any] = ["title": "Crisis resources", "body_html": views.crisisHTML]
            files.append(
                try html(
                    "page",
                    merged(views.layout(title: "Crisis resources", description: graph.config.components.crisisMessage, path: "/crisis/"), ["entry": crisis]),
                    path: "/crisis/"))
        }
        let notFound = views.layout(title: "Page not found", description: "This page does not exist.", path: "/404.html")
        files.append(OutputFile(path: "404.html", contents: .text(templates.render("404", notFound) ?? "")))
        return files
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
            [
                "id": "ref-" + reference.key,
                "entry_html": citations.entryHTML(reference),
                "cited_by": (citedBy[reference.key] ?? []).enumerated().map { index, page in
                    ["title": page.matter.title, "url": links.path(page.url), "separator": index == 0 ? "" : "; "]
                },
            ]
        }
        let view = views.layout(title: "References", description: "Every work cited on \(graph.config.title).", path: "/references/")
        return try html("references", merged(view, ["references": ["entries": entries, "empty": entries.isEmpty]]), path: "/references/")
    }
}
