import TendComponents
import TendContent
import TendCore
import TendFrontMatter
import TendSite

/// Computes the views handed to the logic-less templates: Swift decides what a page says,
/// the template only how it looks. Values are plain text (the template escapes them) except
/// keys ending in `_html`, which hold HTML Tend made and escaped itself.
struct ViewBuilder: Sendable {
    let graph: SiteGraph
    let links: SiteLinks
    /// The consultation and crisis components, rendered once for every page and partial.
    let consultationHTML: String
    let crisisHTML: String
    /// Each page's card, rendered once with `partials/card` (lists, tags, search and related
    /// articles show the same card many times).
    var cards: CardCache?

    init(graph: SiteGraph, links: SiteLinks) {
        self.graph = graph
        self.links = links
        consultationHTML = ComponentHTML.consultation(graph.config.components)
        crisisHTML = ComponentHTML.crisis(graph.config.components)
    }

    var config: SiteConfig { graph.config }

    /// What every page's layout needs: site, head, navigation, banner.
    /// `showsConsultation` is false for a page that said `consultation: false`: the component's
    /// partial renders nothing there either.
    func layout(
        title: String, description: String, path: String, type: String = "website", jsonLD: [String] = [], showsConsultation: Bool = true
    ) -> [String: Any] {
        var view: [String: Any] = [
            "site": [
                "title": config.title, "description": config.description, "language": config.language,
                "root": links.rootPath, "feed_url": links.path("/feed.xml"), "search_url": links.path("/search/"),
                "practice": config.components.practiceName,
            ] as [String: Any],
            "head": [
                "title": path == "/" ? config.title : "\(title) | \(config.title)",
                "description": description.isEmpty ? config.description : description,
                "canonical": links.absolute(path), "og_type": type, "og_title": title,
            ] as [String: Any],
            "nav": navigation(current: path),
            "json_ld": jsonLD.map { ["json": $0] },
            "components": ["consultation_html": showsConsultation ? consultationHTML : "", "crisis_html": crisisHTML],
        ]
        if config.crisisBanner {
            view["crisis_banner"] = ["message": config.components.crisisMessage, "url": links.path(crisisPath)]
        }
        return view
    }

    /// The crisis page: a page whose body uses the crisis component (the first by slug), or `/crisis/`.
    var crisisPath: String {
        graph.pages.first { $0.slug == "crisis" }?.url ?? graph.pages.first { $0.usedComponents.contains("crisis") }?.url ?? "/crisis/"
    }

    /// Whether the site needs Tend to write its own `/crisis/` page.
    var needsCrisisPage: Bool { !graph.pages.contains { $0.url == crisisPath } }

    private func navigation(current: String) -> [[String: Any]] {
        var items: [(String, String)] = [("Articles", "/articles/")]
        if !graph.exercises.isEmpty { items.append(("Exercises", "/exercises/")) }
        items += graph.menu.map { ($0.matter.title, $0.url) }
        items.append(("Search", "/search/"))
        return items.map { title, path in
            [
                "title": title, "url": links.path(path),
                "current": current == path || (path != "/" && current.hasPrefix(path) && path.count > 1 && path != "/search/"),
            ]
        }
    }

    /// A card in a list: title, date, summary, author, reading time, content note.
    func card(_ page: Page) -> [String: Any] {
        // Every key is set, so a missing value never falls through to the enclosing page's.
        var card: [String: Any] = [
            "title": page.matter.title, "url": links.path(page.url), "summary": page.matter.summary ?? "",
            "reading_minutes": page.readingMinutes, "date": false, "author": false, "content_note": false,
            "duration_minutes": false,
        ]
        if let date = page.matter.date { card["date"] = date.longForm; card["date_iso"] = date.description }
        if let author = page.matter.author.flatMap({ graph.authors[$0] }) { card["author"] = author.matter.name ?? "" }
        if let note = page.matter.contentNote { card["content_note"] = note }
        if let minutes = page.matter.durationMinutes { card["duration_minutes"] = minutes }
        if let cards { card["card_html"] = cards.html(for: page) }
        return card
    }

    func person(_ id: String?) -> [String: Any]? {
        guard let id, let author = graph.authors[id] else { return nil }
        return [
            "name": author.matter.name ?? id, "credentials": author.matter.credentials ?? "",
            "role": author.matter.role ?? "", "url": links.path(author.url),
        ]
    }

    /// The view of an article or exercise page.
    func entry(_ page: Page) -> [String: Any] {
        var view: [String: Any] = [
            "date": false, "updated": false, "author": false, "reviewer": false, "content_note": false, "has_toc": false,
            "is_exercise": false, "consultation_html": false, "has_related": false,
            "title": page.matter.title, "summary": page.matter.summary ?? "", "body_html": page.bodyHTML,
            "reading_minutes": page.readingMinutes,
            "tags": zip(page.matter.tags, page.tagSlugs).map { ["name": $0, "url": links.path("/tags/\($1)/")] },
        ]
        if let date = page.matter.date { view["date"] = date.longForm; view["date_iso"] = date.description }
        if let updated = page.matter.updated { view["updated"] = updated.longForm; view["updated_iso"] = updated.description }
        view["author"] = person(page.matter.author)
        if var reviewer = person(page.matter.reviewedBy) {
            if let date = page.matter.reviewedOn { reviewer["date"] = date.longForm; reviewer["date_iso"] = date.description }
            view["reviewer"] = reviewer
        }
        if let note = page.matter.contentNote { view["content_note"] = note }
        let tocHeadings = page.headings.filter { ($0.level == 2 || $0.level == 3) && $0.id != "references" }
        if tocHeadings.count >= 3 {
            view["toc"] = tocHeadings.map { ["id": $0.id, "text": $0.text, "sub": $0.level == 3] }
            view["has_toc"] = true
        }
        view["has_tags"] = !page.matter.tags.isEmpty
        if page.kind == .exercise {
            view["duration_minutes"] = page.matter.durationMinutes ?? 0
            view["is_exercise"] = true
        }
        if page.matter.consultation != false, config.consultationAfterArticles {
            view["consultation_html"] = consultationHTML
        }
        let related = graph.related(to: page)
        if !related.isEmpty {
            view["related"] = related.map(card)
            view["has_related"] = true
        }
        view["disclaimer"] = ["text": config.disclaimer, "crisis_url": links.path(crisisPath)]
        return view
    }
}
