import TendCitations
import TendComponents
import TendContent
import TendCore
import TendSite
import TendTemplates

/// A list of cards: a page of the article list, the exercises, a tag.
struct ListPageInputs: RenderInputs {
    struct Pagination: Encodable, Sendable {
        let current: Int
        let total: Int
        let previous: String?
        let next: String?
    }

    let site: SiteInputs
    let title: String
    let intro: String
    let path: String
    let items: [Digested<Card>]
    let pagination: Pagination?
    /// A tag's list is in its language only (`[]`); the others are in every language (nil).
    let versions: [SiteLanguages.Version]?

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        var list: TemplateObject = ["title": .text(title), "intro": .text(intro), "items": .list(items.map(views.card)), "empty": .flag(items.isEmpty)]
        if let pagination {
            var view: TemplateObject = ["current": .text(String(pagination.current)), "total": .text(String(pagination.total))]
            view["previous"] = pagination.previous.map { .text(site.links.path($0)) }
            view["next"] = pagination.next.map { .text(site.links.path($0)) }
            list["pagination"] = .object(view)
        }
        let layout = views.layout(title: title, description: intro, path: path, versions: versions)
        return [try views.html("list", views.merged(layout, ["list": .object(list)]), path: path)]
    }
}

/// `/tags/`: every tag with its page count.
struct TagIndexInputs: RenderInputs {
    struct Tag: Encodable, Sendable {
        let name: String
        let path: String
        let count: Int
    }

    let site: SiteInputs
    let tags: [Tag]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let tagView: TemplateValue = [
            "tags": .objects(tags.map { ["name": .text($0.name), "url": .text(site.links.path($0.path)), "count": .number($0.count)] })
        ]
        let layout = views.layout(title: site.words["topics"], description: site.words["topics_description"], path: site.routes.tags)
        return [try views.html("tags", views.merged(layout, ["taglist": tagView]), path: site.routes.tags)]
    }
}

/// The home page: the newest articles and a few exercises.
struct HomePageInputs: RenderInputs {
    let site: SiteInputs
    let articles: [Digested<Card>]
    let exercises: [Digested<Card>]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let config = site.config
        let home: TemplateValue = [
            "intro": .text(config.intro ?? config.description),
            "articles": .list(articles.map(views.card)),
            "exercises": .list(exercises.map(views.card)),
            "has_exercises": .flag(!exercises.isEmpty),
            "empty": .flag(articles.isEmpty),
            "consultation_html": .text(site.consultationHTML),
        ]
        let website = JSONValue.object([
            ("@context", .string("https://schema.org")), ("@type", .string("WebSite")),
            ("name", .string(config.title)), ("url", .string(site.links.absolute(site.routes.home))), ("inLanguage", .string(config.language)),
        ])
        let layout = views.layout(title: config.title, description: config.description, path: site.routes.home, jsonLD: [website.serialized])
        return [try views.html("home", views.merged(layout, ["home": home]), path: site.routes.home)]
    }
}

/// The search page: every card (shown without JavaScript) and the index files' addresses.
struct SearchPageInputs: RenderInputs {
    /// How many cards the page lists for readers without JavaScript: past this, the newest
    /// articles and the first exercises, with links to the full lists (a page of ten thousand
    /// cards is megabytes, on the page a reader in distress may open first).
    static let listed = 100

    let site: SiteInputs
    let indexPaths: [String]
    let items: [Digested<Card>]
    /// False when `items` is the first `listed` of a longer list.
    let isComplete: Bool

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let search: TemplateValue = [
            "index_url": .text(indexPaths.map { site.links.path("/" + $0) }.joined(separator: " ")),
            "items": .list(items.map(views.card)),
            "crisis_terms": .text((CrisisTerms.forLanguage(site.config.language) + site.config.crisisSearchTerms).joined(separator: "|")),
            "crisis_html": .text(site.crisisHTML), "consultation_html": .text(site.consultationHTML),
            "more": isComplete
                ? false
                : ["articles_url": .text(site.links.path(site.routes.articles)), "exercises_url": .text(site.links.path(site.routes.exercises))],
        ]
        let layout = views.layout(title: site.words["search_title"], description: site.words["search_description"], path: site.routes.search)
        return [try views.html("search", views.merged(layout, ["search": search]), path: site.routes.search)]
    }
}

/// `/references/`: every work cited anywhere on the site, with the pages that cite it.
struct ReferencesPageInputs: RenderInputs {
    /// What the list shows of a page that cites a work.
    struct CitingPage: Encodable, Sendable {
        let title: String
        let path: String
    }

    struct CitedWork: Encodable, Sendable {
        let key: String
        /// The pages citing it, in site order.
        let citing: [Digested<CitingPage>]
    }

    let site: SiteInputs
    /// Sorted by key.
    let works: [CitedWork]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let links = site.links
        let citedBy = Dictionary(uniqueKeysWithValues: works.map { ($0.key, $0.citing) })
        let citations = PageCitations(bibliography: site.bibliography, cited: works.map(\.key), nocite: [], terms: APATerms.forLanguage(site.config.language))
        let entries: [TemplateObject] = citations.references.map { reference in
            let citing = (citedBy[reference.key] ?? []).map { (title: $0.value.title, url: links.path($0.value.path)) }
            return [
                "id": .text("ref-" + reference.key),
                "entry_html": .text(citations.entryHTML(reference)),
                "cited_by": .objects(
                    citing.enumerated().map { index, page in ["title": .text(page.title), "url": .text(page.url), "separator": .text(index == 0 ? "" : "; ")] }
                ),
                // A much-cited work lists thousands of pages: made here rather than looped over in the template.
                "cited_by_html": .text(citing.map { "<a href=\"\(Escape.html($0.url))\">\(Escape.html($0.title))</a>" }.joined(separator: "; ")),
            ]
        }
        let layout = views.layout(
            title: site.words["references_title"], description: site.words.format("references_description", ["site": site.config.title]),
            path: site.routes.references)
        return [
            try views.html(
                "references", views.merged(layout, ["references": ["entries": .objects(entries), "empty": .flag(entries.isEmpty)]]),
                path: site.routes.references)
        ]
    }
}

/// Tend's own `/crisis/` page, for a site that has none.
struct CrisisPageInputs: RenderInputs {
    let site: SiteInputs

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let title = site.words["crisis_page_title"]
        let crisis: TemplateValue = ["title": .text(title), "body_html": .text(site.crisisHTML)]
        let layout = views.layout(title: title, description: site.config.components.crisisMessage, path: site.routes.crisis)
        return [try views.html("page", views.merged(layout, ["entry": crisis]), path: site.routes.crisis)]
    }
}

/// `404.html`.
struct NotFoundPageInputs: RenderInputs {
    let site: SiteInputs

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let layout = context.views.layout(title: site.words["not_found_title"], description: site.words["not_found_description"], path: site.routes.notFound)
        return [OutputFile(path: Routes.file(for: site.routes.notFound), contents: .text(site.templates.render("404", layout) ?? ""))]
    }
}
