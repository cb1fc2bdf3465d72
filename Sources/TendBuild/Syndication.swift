import TendContent
import TendCore
import TendSite

/// The Atom feed (RFC 4287): the newest 20 articles with full content.
struct FeedInputs: RenderInputs {
    struct Entry: Encodable, Sendable {
        let page: Addressed<Page>
        /// The author's name, when the page names an author with a name.
        let authorName: String?
    }

    let site: SiteInputs
    let entries: [Entry]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let config = site.config, links = site.links
        let newest =
            entries.compactMap { $0.page.value.matter.updated ?? $0.page.value.matter.date }.max() ?? site.fields.fixedDate
            ?? CalendarDate(year: 2000, month: 1, day: 1)!
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Escape.xml(config.language))\">\n"
        xml += "  <title>\(Escape.xml(config.title))</title>\n"
        if !config.description.isEmpty { xml += "  <subtitle>\(Escape.xml(config.description))</subtitle>\n" }
        let home = links.absolute(site.routes.home)
        xml += "  <id>\(Escape.xml(home))</id>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(home))\"/>\n"
        xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Escape.xml(links.absolute(site.routes.feed)))\"/>\n"
        xml += "  <updated>\(newest.iso8601)</updated>\n"
        xml += "  <author><name>\(Escape.xml(config.components.practiceName))</name></author>\n"
        xml += "  <generator>Tend</generator>\n"
        for entry in entries {
            let page = entry.page.value
            let url = links.absolute(page.url)
            let published = page.matter.date ?? newest
            xml += "  <entry>\n"
            xml += "    <title>\(Escape.xml(page.matter.title))</title>\n"
            xml += "    <id>\(Escape.xml(url))</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url))\"/>\n"
            xml += "    <published>\(published.iso8601)</published>\n"
            xml += "    <updated>\((page.matter.updated ?? published).iso8601)</updated>\n"
            xml += "    <author><name>\(Escape.xml(entry.authorName ?? config.components.practiceName))</name></author>\n"
            for tag in page.matter.tags { xml += "    <category term=\"\(Escape.xml(tag))\"/>\n" }
            if let summary = page.matter.summary { xml += "    <summary>\(Escape.xml(summary))</summary>\n" }
            xml += "    <content type=\"html\" xml:base=\"\(Escape.xml(url))\">\(Escape.xml(page.bodyHTML))</content>\n"
            xml += "  </entry>\n"
        }
        return [OutputFile(path: Routes.file(for: site.routes.feed), contents: .text(xml + "</feed>\n"))]
    }
}

/// `sitemap.xml`: every published path of every language with its last modification date, in
/// the order given, and each page's versions in the other languages (`xhtml:link`, as Google reads them).
struct SitemapInputs: RenderInputs {
    struct Entry: Encodable, Sendable {
        let path: String
        let modified: CalendarDate?
        /// Every language's version of the page, itself included (empty: no translation).
        var versions: [SiteLanguages.Version] = []
    }

    let site: SiteInputs
    let entries: [Entry]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let links = site.links
        let namespaces = entries.contains { !$0.versions.isEmpty } ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"" : ""
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\(namespaces)>\n"
        for entry in entries {
            xml += "  <url><loc>\(Escape.xml(links.absolute(entry.path)))</loc>"
            if let date = entry.modified { xml += "<lastmod>\(date.description)</lastmod>" }
            for version in entry.versions {
                xml +=
                    "\n    <xhtml:link rel=\"alternate\" hreflang=\"\(Escape.xml(version.language.tag))\" href=\"\(Escape.xml(links.absolute(version.url)))\"/>"
            }
            xml += entry.versions.isEmpty ? "</url>\n" : "\n  </url>\n"
        }
        return [OutputFile(path: Routes.file(for: Routes.sitemap), contents: .text(xml + "</urlset>\n"))]
    }
}

/// `robots.txt`.
struct RobotsInputs: RenderInputs {
    let site: SiteInputs

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let text = "User-agent: *\nAllow: /\n\nSitemap: \(site.links.absolute(Routes.sitemap))\n"
        return [OutputFile(path: Routes.file(for: Routes.robots), contents: .text(text))]
    }
}

/// An old URL's redirect page: a refresh to the page, a canonical link, a plain link, no index.
struct RedirectInputs: RenderInputs {
    let site: SiteInputs
    let from: String
    let to: String
    let title: String

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let target = Escape.html(Escape.urlPath(site.links.path(to)))
        let title = Escape.html(title)
        let html = """
            <!DOCTYPE html>
            <html lang="\(Escape.html(site.config.language))">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <meta name="robots" content="noindex">
            <link rel="canonical" href="\(Escape.html(site.links.absolute(Escape.urlPath(to))))">
            <meta http-equiv="refresh" content="0; url=\(target)">
            </head>
            <body>
            <p>\(Escape.html(site.words["redirect_moved"])) <a href="\(target)">\(title)</a>.</p>
            </body>
            </html>

            """
        return [OutputFile(path: Routes.file(for: from), contents: .text(html))]
    }
}

/// `/_redirects`: one `old new 301` line per old URL, as Netlify and Cloudflare Pages read it.
struct RedirectListInputs: RenderInputs {
    let site: SiteInputs
    let redirects: [Redirect]

    struct Redirect: Encodable, Sendable {
        let from: String
        let to: String
    }

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let lines = redirects.map { "\(Escape.urlPath(site.links.path($0.from))) \(Escape.urlPath(site.links.path($0.to))) 301" }
        return [OutputFile(path: "_redirects", contents: .text(lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")))]
    }
}

/// A file copied as it is (theme assets, media): its source and the source's identity on disk.
struct CopyInputs: RenderInputs {
    let path: String
    let source: String
    /// Device, inode, size and modification time: a changed file has another.
    let stamp: String

    func render(_ context: RenderContext) throws -> [OutputFile] {
        [OutputFile(path: path, contents: .copy(from: source))]
    }
}
