import Foundation
import TendComponents
import TendContent
import TendCore
import TendImages
import TendLanguage
import TendSite
import TendTemplates

/// Every file of the site as a render job, made from the site graph: the only place that reads
/// the graph to decide what a file shows. Each job's inputs are a value holding exactly what its
/// render reads, and its key is their digest. Jobs render in parallel.
/// A class, so the thousands of job closures share one plan instead of copying it.
final class RenderPlan: Sendable {
    let graph: SiteGraph
    let site: SiteInputs
    let context: RenderContext
    /// Render on this thread only (to prove parallel output equals serial output).
    let serial: Bool
    let progress: ProgressReporter?
    /// Each published article's and exercise's card, by URL, digested once for all the lists that show it.
    private let cards: [ObjectIdentifier: Digested<Card>]
    /// The site's processed raster images.
    let images: ImageLibrary
    /// The site's other languages, whose pages the sitemap and `_redirects` list too; only the
    /// default language's plan (`isPrimary`) writes the files every language shares.
    let siblings: [SiteGraph]
    let isPrimary: Bool
    private var routes: Routes { graph.routes }

    init(
        graph: SiteGraph, templates: TemplateLibrary, links: SiteLinks, fixedDate: CalendarDate?, images: ImageLibrary = ImageLibrary(entries: [:]),
        serial: Bool = false, progress: ProgressReporter? = nil, siblings: [SiteGraph] = [], isPrimary: Bool = true
    ) {
        self.graph = graph
        self.images = images
        self.serial = serial
        self.progress = progress
        self.siblings = siblings
        self.isPrimary = isPrimary
        let routes = graph.routes
        let crisisPath =
            graph.pages.first { $0.slug == "crisis" }?.url ?? graph.pages.first { $0.usedComponents.contains("crisis") }?.url ?? routes.crisis
        // Each language's settings are their own: the digest of the files, and the language.
        var address = StableHasher()
        address.combine(graph.content.settingsDigest)
        if routes.prefix != "/" { address.combine(graph.config.languageCode) }
        site = SiteInputs(
            SiteInputs.Fields(
                settings: Addressed(SiteInputs.Settings(config: graph.config, bibliography: graph.content.bibliography), address: address.value),
                templates: Addressed(templates, address: templates.fingerprint), links: links, fixedDate: fixedDate,
                menu: graph.menu.map { SiteInputs.MenuItem(title: $0.matter.title, path: $0.url) }, hasExercises: !graph.exercises.isEmpty,
                crisisPath: crisisPath, routes: routes, languages: graph.languages.all))
        context = RenderContext(views: ViewBuilder(site: site))
        let wordsPerMinute = graph.config.words.wordsPerMinute
        let made = parallelMap(graph.articles + graph.exercises, chunkSize: 512) { page in
            (ObjectIdentifier(page), Digested(Card(page, author: page.matter.author.flatMap { graph.authors[$0] }, wordsPerMinute: wordsPerMinute)))
        }
        cards = Dictionary(made) { first, _ in first }
    }

    private func card(_ page: Page) -> Digested<Card> {
        cards[ObjectIdentifier(page)]
            ?? Digested(Card(page, author: page.matter.author.flatMap { graph.authors[$0] }, wordsPerMinute: graph.config.words.wordsPerMinute))
    }

    /// The page in every language that has it.
    private func versions(_ page: Page) -> [SiteLanguages.Version] { graph.languages.versions(ofPage: page.url) }

    private func addressed(_ page: Page) -> Addressed<Page> { Addressed(page, address: page.address) }

    private func author(_ id: String?) -> Addressed<Page>? { id.flatMap { graph.authors[$0] }.map(addressed) }

    private func entryInputs(_ page: Page) -> EntryPageInputs {
        EntryPageInputs(
            site: site, page: addressed(page), related: graph.related(to: page).map(card), author: author(page.matter.author),
            reviewer: author(page.matter.reviewedBy), images: publishedImages(of: page), versions: versions(page))
    }

    /// The processed images a page shows: in its body, its header picture, an author's photo.
    func publishedImages(of page: Page) -> [PublishedImage] {
        // Most pages show no processed image: nothing to look up.
        guard !images.entries.isEmpty, page.matter.image != nil || page.matter.photo != nil || page.links.contains(where: \.isImage) else { return [] }
        var paths = page.links.filter(\.isImage).map { ImageMarkup.sitePath(ofLink: $0.url) }
        if let image = page.matter.image { paths.append(image) }
        if let photo = page.matter.photo { paths.append(ImageMarkup.sitePath(ofLink: photo)) }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }.compactMap { images.entries[$0]?.image }
    }

    /// The job of one article, exercise or stand-alone page (which may be a newer version of a graph's page).
    func job(for page: Page) -> RenderJob {
        if page.kind == .page {
            let inputs = StandalonePageInputs(
                site: site, page: addressed(page), author: author(page.matter.author), reviewer: author(page.matter.reviewedBy),
                images: publishedImages(of: page), versions: versions(page))
            return RenderJob(sitePath: page.url, inputs: inputs, context: context)
        }
        return RenderJob(sitePath: page.url, inputs: entryInputs(page), context: context)
    }

    /// Every file of the site as a job, in a stable order.
    func jobs() -> [RenderJob] {
        // The groups are independent; the entries, most of the work, are spread over the cores too.
        let groups: [@Sendable () -> [RenderJob]] = [entryJobs, authorJobs, listJobs, specialPageJobs, syndicationJobs]
        return parallelMap(groups) { $0() }.flatMap { $0 }
    }

    private func entryJobs() -> [RenderJob] {
        parallelMap(graph.articles + graph.exercises, chunkSize: 512, job(for:)) + graph.pages.map(job(for:))
    }

    private func authorJobs() -> [RenderJob] {
        graph.authors.values.sorted(by: { $0.url < $1.url }).map { author in
            let inputs = AuthorPageInputs(
                site: site, author: addressed(author), written: graph.articles.filter { $0.matter.author == author.slug }.map(card),
                reviewed: graph.articles.filter { $0.matter.reviewedBy == author.slug }.map(card), images: publishedImages(of: author))
            return RenderJob(sitePath: author.url, inputs: inputs, context: context)
        }
    }

    private func listJobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        let words = graph.config.words
        func list(
            _ title: String, intro: String, path: String, items: [Page], pagination: ListPageInputs.Pagination? = nil, versions: [SiteLanguages.Version]? = nil
        ) {
            let inputs = ListPageInputs(site: site, title: title, intro: intro, path: path, items: items.map(card), pagination: pagination, versions: versions)
            jobs.append(RenderJob(sitePath: path, inputs: inputs, context: context))
        }
        let articles = graph.articles
        let size = graph.config.pageSize
        let pageCount = Routes.articleListPageCount(articles: articles.count, size: size)
        let routes = self.routes
        for number in 1...pageCount {
            let chunk = Array(articles[min((number - 1) * size, articles.count)..<min(number * size, articles.count)])
            let pagination =
                pageCount > 1
                ? ListPageInputs.Pagination(
                    current: number, total: pageCount, previous: number > 1 ? routes.articleList(page: number - 1) : nil,
                    next: number < pageCount ? routes.articleList(page: number + 1) : nil) : nil
            let title = number == 1 ? words["articles_title"] : words.format("articles_page_title", ["number": String(number)])
            // A later page of the list is not the same page in another language, which has other articles.
            list(
                title, intro: words["articles_intro"], path: routes.articleList(page: number), items: chunk, pagination: pagination,
                versions: number == 1 ? nil : [])
        }
        list(words["exercises_title"], intro: words["exercises_intro"], path: routes.exercises, items: graph.exercises)
        for tag in graph.tags {
            list(
                words.format("tag_title", ["tag": tag.name]), intro: words.format("tag_intro", ["tag": tag.name]), path: tag.url, items: tag.pages, versions: []
            )
        }
        let tags = graph.tags.map { TagIndexInputs.Tag(name: $0.name, path: $0.url, count: $0.pages.count) }
        jobs.append(RenderJob(sitePath: routes.tags, inputs: TagIndexInputs(site: site, tags: tags), context: context))
        return jobs
    }

    /// Every list path of `graph`, for the sitemap.
    private static func listPaths(of graph: SiteGraph) -> [String] {
        let routes = graph.routes
        var paths = [routes.articles, routes.exercises, routes.tags, routes.references, routes.search]
        let pageCount = Routes.articleListPageCount(articles: graph.articles.count, size: graph.config.pageSize)
        if pageCount > 1 { paths += (2...pageCount).map { routes.articleList(page: $0) } }
        paths += graph.tags.map(\.url)
        return paths
    }

    /// The search index files and the pages in each.
    private var searchShards: [(path: String, pages: [Page])] {
        SearchIndex.shards(graph.articles + graph.exercises, folder: String(routes.search.dropFirst()))
    }

    private func specialPageJobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        let routes = self.routes
        let home = HomePageInputs(site: site, articles: graph.articles.prefix(graph.config.pageSize).map(card), exercises: graph.exercises.prefix(3).map(card))
        jobs.append(RenderJob(sitePath: routes.home, inputs: home, context: context))
        let shards = searchShards
        let everything = graph.articles + graph.exercises
        let listed =
            everything.count <= SearchPageInputs.listed
            ? everything
            : Array(
                graph.articles.prefix(SearchPageInputs.listed - min(graph.exercises.count, SearchPageInputs.listed / 5))
                    + graph.exercises.prefix(SearchPageInputs.listed / 5))
        let search = SearchPageInputs(site: site, indexPaths: shards.map(\.path), items: listed.map(card), isComplete: listed.count == everything.count)
        jobs.append(RenderJob(sitePath: routes.search, inputs: search, context: context))
        let components = site.config.components
        let crisisWords = (CrisisTerms.forLanguage(site.config.language) + site.config.crisisSearchTerms + components.crisisLines.map(\.label)).joined(
            separator: " ")
        let crisis = SearchIndex.CrisisEntry(
            path: site.fields.crisisPath, title: site.words["crisis_page_title"], summary: components.crisisMessage, words: crisisWords)
        for (index, shard) in shards.enumerated() {
            let inputs = SearchIndexInputs(site: site, path: shard.path, pages: shard.pages.map(addressed), crisis: index == 0 ? crisis : nil)
            jobs.append(RenderJob(paths: [shard.path], inputs: inputs, context: context))
        }
        var citedBy: [String: [Digested<ReferencesPageInputs.CitingPage>]] = [:]
        for page in graph.publishedPages where !page.references.isEmpty {
            let citing = Digested(ReferencesPageInputs.CitingPage(title: page.matter.title, path: page.url))
            for reference in page.references { citedBy[reference.key, default: []].append(citing) }
        }
        let works = citedBy.keys.sorted().map { ReferencesPageInputs.CitedWork(key: $0, citing: citedBy[$0]!) }
        jobs.append(RenderJob(sitePath: routes.references, inputs: ReferencesPageInputs(site: site, works: works), context: context))
        if !graph.pages.contains(where: { $0.url == site.fields.crisisPath }) {
            jobs.append(RenderJob(sitePath: routes.crisis, inputs: CrisisPageInputs(site: site), context: context))
        }
        jobs.append(RenderJob(sitePath: routes.notFound, inputs: NotFoundPageInputs(site: site), context: context))
        return jobs
    }

    /// The sitemap's entries for one language: home, pages, authors, lists.
    private static func sitemapEntries(of graph: SiteGraph) -> [SitemapInputs.Entry] {
        let languages = graph.languages
        let prefix = graph.routes.prefix
        func builtIn(_ path: String) -> [SiteLanguages.Version] { languages.versions(ofBuiltIn: String(path.dropFirst(prefix.count))) }
        var entries = [
            SitemapInputs.Entry(
                path: graph.routes.home, modified: graph.articles.compactMap { $0.matter.updated ?? $0.matter.date }.max(), versions: builtIn(graph.routes.home)
            )
        ]
        entries += graph.publishedPages.sorted(by: { $0.url < $1.url }).map {
            .init(path: $0.url, modified: $0.matter.updated ?? $0.matter.date, versions: languages.versions(ofPage: $0.url))
        }
        entries += graph.authors.values.sorted(by: { $0.url < $1.url }).map { .init(path: $0.url, modified: nil, versions: builtIn($0.url)) }
        let tagPaths = Set(graph.tags.map(\.url))
        let pageCount = Routes.articleListPageCount(articles: graph.articles.count, size: graph.config.pageSize)
        entries += listPaths(of: graph).sorted().map { path in
            let isOwn = tagPaths.contains(path) || (pageCount > 1 && path.hasPrefix(graph.routes.articles + "page/"))
            return .init(path: path, modified: nil, versions: isOwn ? [] : builtIn(path))
        }
        return entries
    }

    private func syndicationJobs() -> [RenderJob] {
        var jobs: [RenderJob] = []
        let feed = FeedInputs(
            site: site,
            entries: graph.articles.prefix(20).map { page in
                FeedInputs.Entry(page: addressed(page), authorName: page.matter.author.flatMap { graph.authors[$0]?.matter.name })
            })
        jobs.append(RenderJob(sitePath: routes.feed, inputs: feed, context: context))
        for (from, page) in graph.redirects {
            let inputs = RedirectInputs(
                site: site, from: from, to: page.url, title: page.matter.title.isEmpty ? page.matter.name ?? page.slug : page.matter.title)
            jobs.append(RenderJob(paths: [Routes.file(for: from)], inputs: inputs, context: context))
        }
        guard isPrimary else { return jobs }
        // What every language shares: the sitemap, robots.txt, _redirects, assets and media.
        let everyLanguage = [graph] + siblings
        let entries = everyLanguage.flatMap(Self.sitemapEntries(of:))
        jobs.append(RenderJob(sitePath: Routes.sitemap, inputs: SitemapInputs(site: site, entries: entries), context: context))
        jobs.append(RenderJob(sitePath: Routes.robots, inputs: RobotsInputs(site: site), context: context))
        let redirects = everyLanguage.flatMap(\.redirects).sorted { $0.from < $1.from }
        if !redirects.isEmpty {
            let list = RedirectListInputs(site: site, redirects: redirects.map { .init(from: $0.from, to: $0.to.url) })
            jobs.append(RenderJob(paths: ["_redirects"], inputs: list, context: context))
        }
        var copies =
            site.templates.assets.map { (String(Routes.assets.dropFirst()) + $0.relativePath, $0.sourcePath, $0.status?.stamp ?? "") }
            + graph.content.media.filter { !ImageLibrary.isRaster($0.relativePath) }.map {
                (String(Routes.mediaPath(of: $0.relativePath).dropFirst()), $0.absolutePath, $0.status?.stamp ?? "")
            }
        // A processed image's files come from the cache; the cached path names its content and settings.
        for entry in images.entries.values.sorted(by: { $0.image.sitePath < $1.image.sitePath }) {
            copies += entry.files.map { ($0.output, $0.cached, $0.cached) }
        }
        for (path, source, stamp) in copies {
            let inputs = CopyInputs(path: path, source: source, stamp: stamp)
            jobs.append(RenderJob(paths: [path], inputs: inputs, context: context))
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

}
