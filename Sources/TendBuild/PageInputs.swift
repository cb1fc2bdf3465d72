import TendContent
import TendCore
import TendImages
import TendSite
import TendTemplates

/// An article or exercise page: the page, the cards of its related articles, its author and reviewer.
struct EntryPageInputs: RenderInputs {
    let site: SiteInputs
    /// Addressed by its source: everything the page holds is made from it and the settings.
    let page: Addressed<Page>
    let related: [Digested<Card>]
    let author: Addressed<Page>?
    let reviewer: Addressed<Page>?
    /// The processed images the page shows (their sizes decide its HTML).
    let images: [PublishedImage]
    /// The page in every language that has it (empty: no translation).
    let versions: [SiteLanguages.Version]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let page = page.value
        let words = site.words, routes = site.routes
        let section = page.kind == .article ? (words["nav_articles"], routes.articles) : (words["nav_exercises"], routes.exercises)
        let jsonLD = [
            views.data.page(page, author: author?.value, reviewer: reviewer?.value),
            views.data.breadcrumbs([(words["breadcrumb_home"], routes.home), section, (page.matter.title, page.url)]),
        ]
        let layout = views.layout(
            title: page.matter.title, description: page.matter.summary ?? "", path: page.url, type: "article", jsonLD: jsonLD,
            showsConsultation: page.matter.consultation != false, page: page, authorName: author?.value.matter.name, images: images, versions: versions)
        let template = page.matter.layout.flatMap { site.templates.names.contains($0) ? $0 : nil } ?? page.kind.rawValue
        return [try views.html(template, views.merged(layout, ["entry": .object(views.entry(self))]), path: page.url)]
    }
}

/// A stand-alone page (contact, about, crisis resources).
struct StandalonePageInputs: RenderInputs {
    let site: SiteInputs
    let page: Addressed<Page>
    let author: Addressed<Page>?
    let reviewer: Addressed<Page>?
    let images: [PublishedImage]
    let versions: [SiteLanguages.Version]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let page = page.value
        var jsonLD = [views.data.breadcrumbs([(site.words["breadcrumb_home"], site.routes.home), (page.matter.title, page.url)])]
        let template = page.matter.layout ?? "page"
        if template == "contact" { jsonLD.append(views.data.practice()) }
        let layout = views.layout(
            title: page.matter.title, description: page.matter.summary ?? "", path: page.url, jsonLD: jsonLD, page: page, images: images, versions: versions)
        let entry = EntryPageInputs(site: site, page: self.page, related: [], author: author, reviewer: reviewer, images: images, versions: versions)
        var view = views.entry(entry)
        view["consultation_html"] = template == "contact" ? .text(site.consultationHTML) : nil
        view["practice"] = .object(views.practice())
        guard site.templates.names.contains(template) else { throw MissingTemplate(name: template) }
        return [try views.html(template, views.merged(layout, ["entry": .object(view)]), path: page.url)]
    }
}

/// An author's page: the bio and the cards of what they wrote and reviewed.
struct AuthorPageInputs: RenderInputs {
    let site: SiteInputs
    let author: Addressed<Page>
    let written: [Digested<Card>]
    let reviewed: [Digested<Card>]
    let images: [PublishedImage]

    func render(_ context: RenderContext) throws -> [OutputFile] {
        let views = context.views
        let author = author.value
        let name = author.matter.name ?? author.slug
        var view: TemplateObject = [
            "name": .text(name), "credentials": .text(author.matter.credentials ?? ""), "role": .text(author.matter.role ?? ""),
            "bio_html": .text(views.bodyHTML(author.bodyHTML, images: images)), "articles": .list(written.map(views.card)),
            "reviewed": .list(reviewed.map(views.card)), "has_articles": .flag(!written.isEmpty), "has_reviewed": .flag(!reviewed.isEmpty),
        ]
        if let photo = author.matter.photo {
            let path = ImageMarkup.sitePath(ofLink: photo)
            if let image = images.first(where: { $0.sitePath == path }) {
                view["photo_html"] = .text(
                    ImageMarkup.picture(
                        image, altHTML: Escape.html("\(site.words["portrait_of"]) \(name)"), links: site.links, eager: true, sizes: "160px",
                        className: "author-photo"))
            } else {
                view["photo"] = .text(site.links.path(path))
            }
        }
        let layout = views.layout(
            title: name, description: "\(name)\(author.matter.credentials.map { ", " + $0 } ?? "") — \(site.config.title)", path: author.url,
            type: "profile")
        return [try views.html("author", views.merged(layout, ["author": .object(view)]), path: author.url)]
    }
}
