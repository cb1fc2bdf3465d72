import TendCitations
import TendContent
import TendCore
import TendFrontMatter
import TendImages
import TendLanguage
import TendSite
import TendTemplates

/// Computes the views handed to the logic-less templates: Swift decides what a page says,
/// the template only how it looks. Values are plain text (the template escapes them) except
/// keys ending in `_html`, which hold HTML Tend made and escaped itself. Reads the site's
/// inputs and what each call is given, nothing else.
struct ViewBuilder: Sendable {
    let site: SiteInputs
    /// Each card rendered once with `partials/card` (lists, tags, search and related articles
    /// show the same card many times).
    let cards: CardCache
    let data: StructuredData

    init(site: SiteInputs) {
        self.site = site
        let templates = site.templates
        // A card stands on its own line in the templates, so its own final newline is dropped.
        cards = CardCache(templates: site.fields.templates.address, rootPath: site.links.rootPath) { view in
            let html = templates.render("partials/card", view) ?? ""
            return html.hasSuffix("\n") ? String(html.dropLast()) : html
        }
        data = StructuredData(site: site)
    }

    private var config: SiteConfig { site.config }
    private var words: ThemeText { site.words }
    private var routes: Routes { site.routes }
    private var links: SiteLinks { site.links }

    /// What every page's layout needs: site, head, navigation, banner.
    /// `showsConsultation` is false for a page that said `consultation: false`: the component's
    /// partial renders nothing there either.
    /// `page` is the page shown, when it is one (written by `authorName`): its quick-exit choice,
    /// its last update and its citation meta tags. `versions` are the page's versions in every
    /// language; nil for one of Tend's own pages, which every language publishes.
    func layout(
        title: String, description: String, path: String, type: String = "website", jsonLD: [String] = [], showsConsultation: Bool = true,
        page: Page? = nil, authorName: String? = nil, images: [PublishedImage] = [], versions: [SiteLanguages.Version]? = nil
    ) -> TemplateObject {
        var view: TemplateObject = [
            "site": [
                "title": .text(config.title), "description": .text(config.description), "language": .text(config.language),
                "root": .text(links.rootPath), "feed_url": .text(links.path(routes.feed)), "search_url": .text(links.path(routes.search)),
                "home_url": .text(links.path(routes.home)), "practice": .text(config.components.practiceName),
            ],
            "head": [
                "title": .text(path == routes.home ? config.title : "\(title) | \(config.title)"),
                "description": .text(description.isEmpty ? config.description : description),
                "canonical": .text(links.absolute(path)), "og_type": .text(type), "og_title": .text(title),
            ],
            "nav": .objects(navigation(current: path)),
            "json_ld": .list(jsonLD.map { ["json": .text($0)] }),
            "components": [
                "consultation_html": .text(showsConsultation ? site.consultationHTML : ""), "crisis_html": .text(site.crisisHTML),
            ],
        ]
        if config.crisisBanner {
            view["crisis_banner"] = [
                "message": .text(config.components.crisisMessage), "url": .text(links.path(site.fields.crisisPath)),
                "actions_html": .text(site.crisisActionsHTML),
            ]
        }
        if let url = config.quickExitURL, page?.matter.quickExit != false { view["quick_exit"] = ["url": .text(url)] }
        view["print_help"] = .text(printHelp)
        if !site.fields.languages.isEmpty { addLanguages(to: &view, path: path, versions: versions) }
        view["trust"] = config.trustStatements.isEmpty ? false : ["statements": .list(config.trustStatements.map(TemplateValue.text))]
        if let page, let updated = page.matter.updated ?? page.matter.date {
            view["last_updated"] = ["date": .text(words.longDate(updated)), "date_iso": .text(updated.description)]
        }
        if let page, page.kind == .article || page.kind == .exercise { view["citation_meta"] = .objects(citationMeta(page, authorName: authorName)) }
        if let page, let path = page.matter.image, let card = images.first(where: { $0.sitePath == path })?.card {
            view["social_image"] = [
                "url": .text(links.absolute(Escape.urlPath(card.sitePath))), "alt": .text(page.matter.imageAlt ?? ""), "width": .number(card.width),
                "height": .number(card.height),
            ]
        }
        return view
    }

    /// `hreflang` links to every version of the page, and the language switcher: each other
    /// language's version of the page, or its home page when it has none.
    private func addLanguages(to view: inout TemplateObject, path: String, versions: [SiteLanguages.Version]?) {
        let languages = site.fields.languages
        let below = String(path.dropFirst(routes.prefix.count))
        let shown = versions ?? languages.map { SiteLanguages.Version(language: $0, url: $0.home + below) }
        if shown.count > 1 {
            var alternates: [TemplateObject] = shown.map { ["hreflang": .text($0.language.tag), "url": .text(links.absolute($0.url))] }
            if let first = shown.first, first.language == languages.first {
                alternates.append(["hreflang": "x-default", "url": .text(links.absolute(first.url))])
            }
            view["alternates"] = .objects(alternates)
        }
        let others = languages.filter { $0.code != config.languageCode }.map { language -> TemplateObject in
            let url = shown.first { $0.language == language }?.url ?? language.home
            return [
                "name": .text(language.name), "tag": .text(language.tag), "url": .text(links.path(url)),
                "translated": .flag(shown.contains { $0.language == language }),
            ]
        }
        view["language_switch"] = ["label": .text(words["language_switch"]), "languages": .objects(others)]
    }

    /// What a printed page says about help: every crisis line, the emergency number, the practice's phone.
    private var printHelp: String {
        let context = config.components
        var parts = context.crisisLines.map { line in
            let ways = [
                line.phone.map { words.format("print_help_call", ["number": $0.display]) },
                line.text.map { words.format("print_help_text", ["number": $0.display]) },
            ].compactMap { $0 }
            return "\(line.label): \(ways.joined(separator: words["print_help_or"]))"
        }
        parts.append(words.format("print_help_emergency", ["number": context.emergencyNumber.display]))
        if let phone = context.phone { parts.append("\(context.practiceName): \(phone.display)") }
        return words.format("print_help", ["parts": parts.joined(separator: " · ")])
    }

    /// Google Scholar's and Zotero's `citation_*` tags: title, authors, date, publisher, URL.
    private func citationMeta(_ page: Page, authorName: String?) -> [TemplateObject] {
        var tags = [("citation_title", page.matter.title)]
        if let authorName {
            let name = PersonName(fullName: authorName)
            tags.append(("citation_author", name.given.isEmpty ? name.family : "\(name.family), \(name.given)"))
        }
        if let date = page.matter.date ?? page.matter.updated {
            tags.append(("citation_publication_date", date.description.replacingOccurrences(of: "-", with: "/")))
        }
        tags.append(("citation_publisher", config.title))
        tags.append(("citation_public_url", links.absolute(page.url)))
        tags.append(("citation_fulltext_html_url", links.absolute(page.url)))
        tags.append(("citation_language", config.language))
        return tags.map { ["name": .text($0), "content": .text($1)] }
    }

    private func navigation(current: String) -> [TemplateObject] {
        var items: [(String, String)] = [(words["nav_articles"], routes.articles)]
        if site.fields.hasExercises { items.append((words["nav_exercises"], routes.exercises)) }
        items += site.fields.menu.map { ($0.title, $0.path) }
        items.append((words["nav_search"], routes.search))
        return items.map { title, path in
            [
                "title": .text(title), "url": .text(links.path(path)),
                "current": .flag(current == path || (path != routes.home && current.hasPrefix(path) && path.count > 1 && path != routes.search)),
            ]
        }
    }

    /// A card in a list: title, date, summary, author, reading time, content note.
    func card(_ digested: Digested<Card>) -> TemplateValue {
        let card = digested.value
        // Every key is set, so a missing value never falls through to the enclosing page's.
        var view: TemplateObject = [
            "title": .text(card.title), "url": .text(links.path(card.url)), "summary": .text(card.summary),
            "reading_minutes": .number(card.readingMinutes), "date": false, "author": .text(orFalse: card.authorName),
            "content_note": .text(orFalse: card.contentNote), "duration_minutes": card.durationMinutes.map(TemplateValue.number) ?? false,
        ]
        if let date = card.date { view["date"] = .text(words.longDate(date)); view["date_iso"] = .text(date.description) }
        view["card_html"] = .text(cards.html(for: digested, view: view))
        return .object(view)
    }

    func person(_ author: Page?) -> TemplateObject? {
        guard let author else { return nil }
        return [
            "name": .text(author.matter.name ?? author.slug), "credentials": .text(author.matter.credentials ?? ""),
            "role": .text(author.matter.role ?? ""), "url": .text(links.path(author.url)),
        ]
    }

    /// The view of an article or exercise page.
    func entry(_ inputs: EntryPageInputs) -> TemplateObject {
        let page = inputs.page.value
        var view: TemplateObject = [
            "date": false, "updated": false, "author": false, "reviewer": false, "content_note": false, "has_toc": false,
            "is_exercise": false, "consultation_html": false, "has_related": false, "header_image_html": false,
            "title": .text(page.matter.title), "summary": .text(orFalse: page.matter.summary.flatMap { $0.isEmpty ? nil : $0 }),
            "body_html": .text(bodyHTML(page.bodyHTML, images: inputs.images)),
            "reading_minutes": .number(page.readingMinutes(wordsPerMinute: words.wordsPerMinute)),
            "tags": .objects(zip(page.matter.tags, page.tagSlugs).map { ["name": .text($0), "url": .text(links.path(routes.tag($1)))] }),
        ]
        if let date = page.matter.date { view["date"] = .text(words.longDate(date)); view["date_iso"] = .text(date.description) }
        if let updated = page.matter.updated { view["updated"] = .text(words.longDate(updated)); view["updated_iso"] = .text(updated.description) }
        view["author"] = person(inputs.author?.value).map(TemplateValue.object)
        if var reviewer = person(inputs.reviewer?.value) {
            if let date = page.matter.reviewedOn { reviewer["date"] = .text(words.longDate(date)); reviewer["date_iso"] = .text(date.description) }
            view["reviewer"] = .object(reviewer)
        }
        if let path = page.matter.image, let image = inputs.images.first(where: { $0.sitePath == path }) {
            view["header_image_html"] = .text(
                ImageMarkup.picture(image, altHTML: Escape.html(page.matter.imageAlt ?? ""), links: links, eager: true, className: "entry-image"))
        }
        if let due = page.nextReviewDue(siteMonths: config.reviewMaxAgeMonths) {
            view["next_review"] = ["date": .text(words.longDate(due)), "date_iso": .text(due.description)]
        }
        if page.kind == .article || page.kind == .exercise {
            view["cite_html"] = .text(citeThisPage(page, authorName: inputs.author?.value.matter.name))
        }
        if let note = page.matter.contentNote { view["content_note"] = .text(note) }
        let tocHeadings = page.headings.filter { ($0.level == 2 || $0.level == 3) && $0.id != "references" }
        if tocHeadings.count >= 3 {
            view["toc"] = .objects(tocHeadings.map { ["id": .text($0.id), "text": .text($0.text), "sub": .flag($0.level == 3)] })
            view["has_toc"] = true
        }
        view["has_tags"] = .flag(!page.matter.tags.isEmpty)
        if page.kind == .exercise {
            view["duration_minutes"] = .number(page.matter.durationMinutes ?? 0)
            view["is_exercise"] = true
        }
        if page.matter.consultation != false, config.consultationAfterArticles {
            view["consultation_html"] = .text(site.consultationHTML)
        }
        if !inputs.related.isEmpty {
            view["related"] = .list(inputs.related.map(card))
            view["has_related"] = true
        }
        view["disclaimer"] = ["text": .text(config.disclaimer), "crisis_url": .text(links.path(site.fields.crisisPath))]
        return view
    }

    /// A body's HTML with every processed image as a responsive `<picture>`.
    func bodyHTML(_ html: String, images: [PublishedImage]) -> String {
        guard !images.isEmpty else { return html }
        return ImageMarkup.rewrite(html, images: Dictionary(images.map { ($0.sitePath, $0) }) { first, _ in first }, links: links)
    }

    /// The page's own APA 7 reference (a web page: author, date, title, site, URL), as HTML.
    func citeThisPage(_ page: Page, authorName: String?) -> String {
        var reference = Reference(key: page.slug, type: .webpage, location: SourceLocation(path: page.sourcePath))
        if let authorName { reference.authors = [PersonName(fullName: authorName)] }
        if let date = page.matter.date ?? page.matter.updated {
            reference.date = ReferenceDate(year: date.year, month: date.month, day: date.day)
        }
        reference.title = RichText(page.matter.title)
        reference.containerTitle = RichText(config.title)
        reference.url = links.absolute(page.url)
        return APAStyle.entry(reference, terms: APATerms.forLanguage(config.language))
    }

    /// The practice's contact details, for the contact page.
    func practice() -> TemplateObject {
        let context = config.components
        var view: TemplateObject = ["name": .text(context.practiceName)]
        if let phone = context.phone { view["phone"] = .text(phone.display); view["phone_href"] = .text("tel:" + phone.dialable) }
        if let text = context.text { view["text"] = .text(text.display); view["text_href"] = .text("sms:" + text.dialable) }
        if let email = context.email { view["email"] = .text(email); view["email_href"] = .text("mailto:" + email) }
        if let booking = context.bookingURL { view["booking_url"] = .text(booking) }
        return view
    }

    /// Renders `template` with `view` into the file of `sitePath`.
    func html(_ template: String, _ view: TemplateObject, path sitePath: String) throws -> OutputFile {
        guard let text = site.templates.render(template, view) else { throw MissingTemplate(name: template) }
        return OutputFile(path: Routes.file(for: sitePath), contents: .text(text))
    }

    func merged(_ layout: TemplateObject, _ extra: TemplateObject) -> TemplateObject {
        layout.merging(extra) { _, new in new }
    }
}
