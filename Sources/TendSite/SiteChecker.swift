import Foundation
import TendCitations
import TendContent
import TendCore
import TendFrontMatter
import TendLanguage

/// What `tend check` (and, for links, `tend build`) validates across pages: links and anchors,
/// images, heading structure, unused bibliography entries and authors, stale reviews,
/// readability.
public struct SiteChecker: Sendable {
    let graph: SiteGraph
    /// The site's other languages, whose pages a link may point to.
    let others: [SiteGraph]
    let today: CalendarDate
    /// `--strict`: an overdue clinical review is an error.
    let overdueReviewIsError: Bool

    /// The path the site is published under (`/` or `/blog/`), which absolute links start with.
    private let rootPath: String

    public init(graph: SiteGraph, others: [SiteGraph] = [], today: CalendarDate, overdueReviewIsError: Bool = false) {
        self.graph = graph
        self.others = others
        self.today = today
        self.overdueReviewIsError = overdueReviewIsError
        // Worked out once: it was worked out again for every link checked.
        rootPath = URLPolicy.path(of: graph.config.baseURL)
    }

    /// Problems that stop a build: links to pages that do not exist or are not published.
    public func linkProblems() -> [Diagnostic] {
        linkProblems(on: graph.publishedPages + graph.authors.values.sorted(by: { $0.url < $1.url }))
    }

    /// The link problems of `pages` (which may be newer versions of the graph's pages).
    public func linkProblems(on pages: [Page]) -> [Diagnostic] {
        linkProblems(on: pages, targets: linkTargets())
    }

    /// The link problems of `pages`, with the site's addresses made once before (`tend serve`
    /// checks each saved page against its last build's).
    public func linkProblems(on pages: [Page], targets: LinkTargets) -> [Diagnostic] {
        parallelMap(pages, chunkSize: 512) { page in page.links.filter { !$0.isImage }.flatMap { check($0, on: page, targets: targets.pages) } }
            .flatMap { $0 }
    }

    /// Every address a link may reach on the site and the other languages' sites, with the
    /// page published there (nil for Tend's own files).
    public func linkTargets() -> LinkTargets {
        var targets: [String: Page?] = [:]
        for language in [graph] + others { Self.addTargets(of: language, to: &targets) }
        for path in [Routes.sitemap, Routes.robots] { targets[path] = .some(nil) }
        for media in graph.content.media { targets[Routes.mediaPath(of: media.relativePath)] = .some(nil) }
        return LinkTargets(pages: targets)
    }

    /// Everything else `tend check` reports.
    public func contentProblems() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let pages = graph.publishedPages
        for page in pages {
            for link in page.links where link.isImage {
                if link.altText.trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.append(
                        .warning(
                            link.location, "the image '\(link.url)' has no alt text",
                            hint: "describe it for people who cannot see it: ![A couple talking on a bench](\(link.url))"))
                }
            }
            for link in page.links where !link.isImage {
                if let scheme = URLPolicy.scheme(of: link.url), scheme == "http" || scheme == "https" {
                    if URLComponents(string: link.url)?.host?.contains(".") != true {
                        diagnostics.append(.warning(link.location, "the link '\(link.url)' is not a well-formed web address"))
                    }
                }
            }
            diagnostics += headingProblems(page)
            diagnostics += reviewProblems(page)
            if page.kind == .article, let grade = page.readabilityGrade, grade > graph.config.readabilityMaxGrade {
                let aim = graph.config.readabilityMaxGrade
                let message =
                    ThemeText.baseLanguage(graph.config.language) == "es"
                    ? "reading level is about grade \(String(format: "%.1f", grade)) (Fernández-Huerta reading ease \(Int(TextStatistics.readingEase(forGrade: grade).rounded()))); the site aims for grade \(Int(aim)) or below (an ease of \(Int(TextStatistics.readingEase(forGrade: aim).rounded())) or more)"
                    : "reading level is grade \(String(format: "%.1f", grade)); the site aims for grade \(Int(aim)) or below"
                diagnostics.append(
                    .warning(
                        SourceLocation(path: page.sourcePath), message, hint: "shorter sentences and everyday words make health information easier to use"))
            }
            for handle in page.handles {
                diagnostics.append(
                    Diagnostic(
                        .note, handle.location, "'\(handle.word)' is not a citation key, so it stays text",
                        hint: "if you meant to cite, check the key; an e-mail or handle needs no change"))
            }
        }
        // The bibliography and the authors are shared: the default language's check reports them, over every language's pages.
        guard graph.config.languageCode == graph.config.defaultLanguage else { return diagnostics }
        let everyPage = pages + others.flatMap(\.publishedPages)
        let cited = Set(everyPage.flatMap { $0.references.map(\.key) })
        for reference in graph.content.bibliography.references.values.sorted(by: { $0.location < $1.location }) where !cited.contains(reference.key) {
            diagnostics.append(
                .warning(reference.location, "'\(reference.key)' is never cited", hint: "cite it with [@\(reference.key)], list it under nocite:, or remove it")
            )
        }
        for reference in graph.content.bibliography.references.values.sorted(by: { $0.location < $1.location }) {
            for missing in APACompleteness.missing(in: reference) {
                diagnostics.append(
                    .warning(
                        reference.location, "'\(reference.key)' has no \(missing.element), which APA needs for \(APACompleteness.kind(of: reference))",
                        hint: "add the field \(missing.field) to the entry (in Zotero, fill in the item's empty field and export again)"))
            }
        }
        let usedAuthors = Set(everyPage.flatMap { [$0.matter.author, $0.matter.reviewedBy].compactMap { $0 } })
        for author in graph.authors.values.sorted(by: { $0.sourcePath < $1.sourcePath }) where !usedAuthors.contains(author.slug) {
            diagnostics.append(.warning(SourceLocation(path: author.sourcePath), "no published page names '\(author.slug)' as author or reviewer"))
        }
        return diagnostics
    }

    /// How many days before a review falls due `tend check` starts to say so.
    public static let reviewNoticeDays = 30

    /// An overdue clinical review, or one due within 30 days; an article or exercise never
    /// reviewed is noted too.
    func reviewProblems(_ page: Page) -> [Diagnostic] {
        guard page.kind == .article || page.kind == .exercise else { return [] }
        guard let reviewed = page.matter.reviewedOn, let due = page.nextReviewDue(siteMonths: graph.config.reviewMaxAgeMonths) else {
            return [
                Diagnostic(
                    .note, page.matter.start, "this \(page.kind.rawValue) has no clinical review yet",
                    hint: "when a clinician has reviewed it, add reviewed_by: and reviewed_on:")
            ]
        }
        let months = page.matter.reviewEvery ?? graph.config.reviewMaxAgeMonths
        let daysLeft = today.days(until: due)
        if daysLeft < 0 {
            return [
                Diagnostic(
                    overdueReviewIsError ? .error : .warning, page.matter.location(of: "reviewed_on"),
                    "the clinical review is overdue: it was due on \(due.longForm), \(-daysLeft) days ago (reviewed \(reviewed.longForm), every \(months) months)",
                    hint: "ask a clinician to review the page, then set reviewed_on to the date of the review")
            ]
        }
        if daysLeft <= Self.reviewNoticeDays {
            return [
                .warning(
                    page.matter.location(of: "reviewed_on"),
                    "the clinical review is due on \(due.longForm), in \(daysLeft) days (reviewed \(reviewed.longForm), every \(months) months)",
                    hint: "plan the review now, then set reviewed_on to the date of the review")
            ]
        }
        return []
    }

    /// One line per article and exercise for `tend check --reviews`: who wrote and reviewed it,
    /// the last and next review, soonest due first.
    public func reviewSchedule() -> [ReviewRow] {
        graph.publishedPages.filter { $0.kind == .article || $0.kind == .exercise }.map { page in
            ReviewRow(
                path: page.sourcePath, title: page.matter.title, author: page.matter.author.flatMap { graph.authors[$0]?.matter.name } ?? page.matter.author,
                reviewer: page.matter.reviewedBy.flatMap { graph.authors[$0]?.matter.name } ?? page.matter.reviewedBy, lastReview: page.matter.reviewedOn,
                nextReview: page.nextReviewDue(siteMonths: graph.config.reviewMaxAgeMonths))
        }.sorted { ($0.nextReview ?? CalendarDate(year: 1, month: 1, day: 1)!, $0.path) < ($1.nextReview ?? CalendarDate(year: 1, month: 1, day: 1)!, $1.path) }
    }

    private func headingProblems(_ page: Page) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var previous = 1
        for heading in page.headings where heading.id != "references" {
            if heading.level == 1 {
                diagnostics.append(
                    .warning(
                        heading.location, "the heading '\(heading.text)' is a second h1 on the page",
                        hint: "the title is the page's only h1: write sections as '## \(heading.text)'"))
            } else if heading.level > previous + 1 {
                diagnostics.append(
                    .warning(
                        heading.location, "the heading '\(heading.text)' skips from h\(previous) to h\(heading.level)",
                        hint: "use \(String(repeating: "#", count: previous + 1)) for this heading"))
            }
            previous = heading.level
        }
        return diagnostics
    }

    private static func addTargets(of graph: SiteGraph, to targets: inout [String: Page?]) {
        for page in graph.publishedPages + Array(graph.authors.values) { targets[page.url] = page }
        let routes = graph.routes
        for path in [
            routes.home, routes.articles, routes.exercises, routes.tags, routes.references, routes.search, routes.crisis, routes.feed, routes.notFound,
        ]
        where targets[path] == nil {
            targets[path] = .some(nil)
        }
        let pageCount = Routes.articleListPageCount(articles: graph.articles.count, size: graph.config.pageSize)
        if pageCount > 1 { for number in 2...pageCount { targets[routes.articleList(page: number)] = .some(nil) } }
        for tag in graph.tags { targets[tag.url] = .some(nil) }
    }

    /// The anchors a page has: its headings and its reference list entries.
    private static func anchors(of page: Page?) -> Set<String> {
        guard let page else { return [] }
        return Set(page.headings.map(\.id)).union(page.references.map { "ref-" + $0.key })
    }

    private func check(_ link: LinkUse, on page: Page, targets: [String: Page?]) -> [Diagnostic] {
        let url = link.url
        guard !url.isEmpty, URLPolicy.scheme(of: url) == nil, !url.hasPrefix("//") else { return [] }
        var path = url, anchor: String? = nil
        if let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) {
            anchor = String(url[url.utf8.index(after: hash)...])
            path = String(url[..<hash])
        }
        if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = String(path[..<query]) }
        let target = path.isEmpty ? page.url : Self.resolve(path, from: page.url, rootPath: rootPath)
        if Routes.isCopiedFile(path) || Routes.isCopiedFile(target) { return [] }
        var candidates = [target]
        if !target.hasSuffix("/") && !target.utf8.contains(UInt8(ascii: ".")) { candidates.append(target + "/") }
        guard let found = candidates.first(where: { targets[$0] != nil }) else {
            if let hidden = candidates.lazy.compactMap({ candidate in ([graph] + others).lazy.compactMap { $0.hiddenURLs[candidate] }.first }).first {
                return [
                    .error(
                        link.location, "the link '\(url)' points to \(hidden), which is a draft or scheduled for later",
                        hint: "publish that page first, or remove the link; build with --drafts or --future to preview")
                ]
            }
            let near = Suggestions.nearest(to: target, in: targets.keys, limit: 1)
            return [
                .error(
                    link.location, "the link '\(url)' points to a page that does not exist",
                    hint: near.first.map { "did you mean '\($0)'?" } ?? "check the address; internal links look like /articles/<slug>/")
            ]
        }
        if let anchor, !anchor.isEmpty, !Self.isGeneratedAnchor(anchor), case let anchors = Self.anchors(of: targets[found]!), !anchors.contains(anchor) {
            return [
                .error(
                    link.location, "the link '\(url)' points to '#\(anchor)', which is not on \(found)",
                    hint: Suggestions.hint(for: anchor, in: anchors) ?? "heading anchors are the heading's words in lower case joined by hyphens")
            ]
        }
        return []
    }

    /// Anchors Tend writes itself: the main landmark, citations, footnotes.
    private static func isGeneratedAnchor(_ anchor: String) -> Bool {
        anchor == "main" || anchor.hasPrefix("cite-") || anchor.hasPrefix("fn") || anchor == "toc-title"
    }

    /// An absolute site path for a link written on the page at `base` (`../x/`, `x/`, `/blog/x/`).
    static func resolve(_ path: String, from base: String, rootPath: String) -> String {
        // Already absolute and clean (no `.`, `..` or `//`): nothing to resolve.
        if path.hasPrefix("/"), rootPath == "/" {
            var previous: UInt8 = 0
            let clean = path.utf8.allSatisfy { byte in
                defer { previous = byte }
                return byte != UInt8(ascii: ".") && !(byte == UInt8(ascii: "/") && previous == byte)
            }
            if clean { return path }
        }
        var absolute: String
        if path.hasPrefix("/") {
            absolute = path
            if rootPath != "/", absolute.hasPrefix(rootPath) { absolute = "/" + absolute.dropFirst(rootPath.count) }
        } else {
            absolute = (base.hasSuffix("/") ? base : base + "/") + path
        }
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        let joined = "/" + parts.joined(separator: "/")
        return absolute.hasSuffix("/") && joined != "/" ? joined + "/" : joined
    }
}

/// One page's review schedule, as `tend check --reviews` prints it.
public struct ReviewRow: Sendable {
    public let path: String
    public let title: String
    public let author: String?
    public let reviewer: String?
    public let lastReview: CalendarDate?
    public let nextReview: CalendarDate?
}

/// Every address a link on a site may reach (pages, lists, tags, feeds, media), with the page
/// published there (nil for Tend's own pages): made once, for the links of many pages.
public struct LinkTargets: Sendable {
    let pages: [String: Page?]
}
