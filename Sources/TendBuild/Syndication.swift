import TendContent
import TendCore
import TendSite

/// The Atom feed, the sitemap and robots.txt.
struct Syndication {
    let graph: SiteGraph
    let links: SiteLinks
    /// The moment of a build fixed by `SOURCE_DATE_EPOCH`; otherwise dates come from the content.
    let fixedDate: CalendarDate?

    /// Atom (RFC 4287): the newest 20 articles with full content.
    func atomFeed() -> String {
        let entries = Array(graph.articles.prefix(20))
        let newest = entries.compactMap { $0.matter.updated ?? $0.matter.date }.max() ?? fixedDate ?? CalendarDate(year: 2000, month: 1, day: 1)!
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Escape.xml(graph.config.language))\">\n"
        xml += "  <title>\(Escape.xml(graph.config.title))</title>\n"
        if !graph.config.description.isEmpty { xml += "  <subtitle>\(Escape.xml(graph.config.description))</subtitle>\n" }
        xml += "  <id>\(Escape.xml(links.baseURL))</id>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(links.baseURL))\"/>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Escape.xml(links.absolute("/feed.xml")))\"/>\n"
        xml += "  <updated>\(newest.iso8601)</updated>\n"
        xml += "  <author><name>\(Escape.xml(graph.config.components.practiceName))</name></author>\n"
        xml += "  <generator>Tend</generator>\n"
        for page in entries {
            let url = links.absolute(page.url)
            let published = page.matter.date ?? newest
            xml += "  <entry>\n"
            xml += "    <title>\(Escape.xml(page.matter.title))</title>\n"
            xml += "    <id>\(Escape.xml(url))</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url))\"/>\n"
            xml += "    <published>\(published.iso8601)</published>\n"
            xml += "    <updated>\((page.matter.updated ?? published).iso8601)</updated>\n"
            let author = page.matter.author.flatMap { graph.authors[$0]?.matter.name } ?? graph.config.components.practiceName
            xml += "    <author><name>\(Escape.xml(author))</name></author>\n"
            for tag in page.matter.tags { xml += "    <category term=\"\(Escape.xml(tag))\"/>\n" }
            if let summary = page.matter.summary { xml += "    <summary>\(Escape.xml(summary))</summary>\n" }
            xml += "    <content type=\"html\" xml:base=\"\(Escape.xml(url))\">\(Escape.xml(page.bodyHTML))</content>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// Every published page with its last modification date.
    func sitemap(listPaths: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func add(_ path: String, _ date: CalendarDate?) {
            xml += "  <url><loc>\(Escape.xml(links.absolute(path)))</loc>"
            if let date { xml += "<lastmod>\(date.description)</lastmod>" }
            xml += "</url>\n"
        }
        let newest = graph.articles.compactMap { $0.matter.updated ?? $0.matter.date }.max()
        add("/", newest)
        for page in graph.publishedPages.sorted(by: { $0.url < $1.url }) {
            add(page.url, page.matter.updated ?? page.matter.date)
        }
        for author in graph.authors.values.sorted(by: { $0.url < $1.url }) { add(author.url, nil) }
        for path in listPaths.sorted() { add(path, nil) }
        return xml + "</urlset>\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(links.absolute("/sitemap.xml"))\n"
    }
}
