import TendCitations
import TendContent
import TendCore
import TendFrontMatter

/// Which pages a build includes.
public struct BuildOptions: Sendable {
    public var drafts = false
    public var future = false
    public var today: CalendarDate

    public init(drafts: Bool = false, future: Bool = false, today: CalendarDate) {
        self.drafts = drafts
        self.future = future
        self.today = today
    }
}

/// A graph's related-article rankings (indices into its articles, by set of tags) and the
/// digest of what they were made from: every article's place and tags, and how many are wanted.
/// A build whose articles kept their order and tags (a body edit) takes them from the last build.
public struct RelatedRankings: Sendable {
    public let key: UInt64
    public let byTagSet: [String: [Int]]

    public init(key: UInt64, byTagSet: [String: [Int]]) {
        self.key = key
        self.byTagSet = byTagSet
    }

    public static let none = RelatedRankings(key: 0, byTagSet: [:])
}

/// A tag and the pages that carry it.
public struct TagGroup: Sendable {
    public var slug: String
    public var name: String
    public var pages: [Page]
    /// `/tags/<slug>/`, under the language's folder.
    public var url: String
}

/// The join point of a build: which pages are published, and how they relate. A class, so the
/// plan, the checkers and thousands of job closures share one graph rather than copy its
/// arrays and dictionaries; it is filled in by `build` and `buildAll`, and never changed after.
public final class SiteGraph: @unchecked Sendable {
    public let content: SiteContent
    /// The settings of this graph's language.
    public let config: SiteConfig
    /// Where this language's pages are published.
    public var routes: Routes { config.routes }
    /// Every language of the site and which pages translate which (one language: no translations).
    public private(set) var languages = SiteLanguages.single
    /// Published articles, newest first.
    public private(set) var articles: [Page] = []
    /// Published exercises, by title.
    public private(set) var exercises: [Page] = []
    /// Published stand-alone pages, by slug.
    public private(set) var pages: [Page] = []
    /// Pages in the main navigation, in `menu` order.
    public private(set) var menu: [Page] = []
    public private(set) var tags: [TagGroup] = []
    /// URLs of drafts and scheduled pages left out of this build.
    public private(set) var hiddenURLs: [String: String] = [:]
    /// Related-article rankings (indices into `articles`, one extra to skip the page itself) by
    /// page URL; pages with the same set of tags share one ranking.
    private var relatedByURL: [String: [Int]] = [:]
    /// The rankings, for the next build to start from.
    public private(set) var rankings = RelatedRankings.none

    /// Authors by id, as this language publishes them (`/es/authors/<id>/` in Spanish).
    public let authors: [String: Page]

    /// Every article, exercise and page that is published.
    public var publishedPages: [Page] { articles + exercises + pages }

    /// The graph of the default language.
    public static func build(_ content: SiteContent, options: BuildOptions) -> (SiteGraph, [Diagnostic]) {
        build(content, options: options, language: content.config.languageCode, previous: .none)
    }

    /// One graph a language, the default first, each knowing which of its pages translate which.
    /// `previous` are the last build's rankings by language code.
    public static func buildAll(_ content: SiteContent, options: BuildOptions, previous: [String: RelatedRankings] = [:]) -> ([SiteGraph], [Diagnostic]) {
        var graphs: [SiteGraph] = []
        var diagnostics: [Diagnostic] = []
        for config in content.config.everyLanguage {
            let (graph, problems) = build(content, options: options, language: config.languageCode, previous: previous[config.languageCode] ?? .none)
            graphs.append(graph)
            diagnostics += problems
        }
        guard graphs.count > 1 else { return (graphs, diagnostics) }
        let (languages, problems) = SiteLanguages.link(graphs.map { ($0.config, $0.publishedPages) })
        diagnostics += problems
        for index in graphs.indices { graphs[index].languages = languages }
        return (graphs, diagnostics)
    }

    /// The graph of the language `code`: its pages, its tags, its authors' pages.
    public static func build(_ content: SiteContent, options: BuildOptions, language code: String, previous: RelatedRankings) -> (SiteGraph, [Diagnostic]) {
        let config = content.config.localized(code)
        let isDefault = code == content.config.languageCode
        let graph = SiteGraph(content: content, config: config)
        var diagnostics = Diagnostics()
        for page in content.pages where (page.language == nil) == isDefault && (isDefault || page.language == code) {
            if page.isHidden(drafts: options.drafts, future: options.future, today: options.today) {
                graph.hiddenURLs[page.url] = page.sourcePath
                continue
            }
            switch page.kind {
            case .article: graph.articles.append(page)
            case .exercise: graph.exercises.append(page)
            default: graph.pages.append(page)
            }
        }
        graph.articles.sort { ($0.matter.date ?? options.today, $1.matter.title) > ($1.matter.date ?? options.today, $0.matter.title) }
        graph.exercises.sort { ($0.matter.title, $0.slug) < ($1.matter.title, $1.slug) }
        graph.pages.sort { $0.slug < $1.slug }
        graph.menu = graph.pages.filter { $0.matter.menu != nil }.sorted { ($0.matter.menu!, $0.slug) < ($1.matter.menu!, $1.slug) }
        // Related articles on one core, tags and URLs on the other: neither reads what the other makes.
        let (related, (tags, tagProblems, urlProblems)) = concurrently(
            { relatedArticles(articles: graph.articles, exercises: graph.exercises, wanted: config.relatedCount + 1, previous: previous) },
            {
                var tagProblems = Diagnostics(), urlProblems = Diagnostics()
                let tags = groupTags(graph.articles + graph.exercises, routes: config.routes, diagnostics: &tagProblems)
                graph.checkURLs(tags: tags, &urlProblems)
                return (tags, tagProblems, urlProblems)
            })
        (graph.rankings, graph.relatedByURL) = related
        graph.tags = tags
        diagnostics.append(contentsOf: tagProblems.all)
        for problems in parallelMap(graph.publishedPages, chunkSize: 512, graph.problems(of:)) { diagnostics.append(contentsOf: problems) }
        diagnostics.append(contentsOf: urlProblems.all)
        return (graph, diagnostics.all)
    }

    /// The rankings of every set of tags, and each page's ranking by URL.
    private static func relatedArticles(articles: [Page], exercises: [Page], wanted: Int, previous: RelatedRankings) -> (
        RelatedRankings, [String: [Int]]
    ) {
        var tagSetByURL: [String: String] = [:]
        tagSetByURL.reserveCapacity(articles.count + exercises.count)
        for page in articles + exercises where !page.tagSlugs.isEmpty { tagSetByURL[page.url] = page.tagSet }
        let rankings = relatedRankings(tagSets: Set(tagSetByURL.values), articles: articles, wanted: wanted, previous: previous)
        return (rankings, tagSetByURL.compactMapValues { rankings.byTagSet[$0] })
    }

    private init(content: SiteContent, config: SiteConfig) {
        self.content = content
        self.config = config
        let routes = config.routes
        authors =
            routes.prefix == "/"
            ? content.authors
            : content.authors.mapValues {
                content.translatedAuthors[config.languageCode]?[$0.slug] ?? $0.published(at: routes.page(kind: .author, slug: $0.slug))
            }
    }

    /// Related articles: most shared tags, then newest, from the rankings computed when the
    /// graph was built.
    public func related(to page: Page) -> [Page] {
        guard config.relatedCount > 0, let ranking = relatedByURL[page.url] else { return [] }
        let articles = self.articles
        return ranking.lazy.map { articles[$0] }.filter { $0.url != page.url }.prefix(config.relatedCount).map { $0 }
    }

    /// Each article's tags as a bit set (one bit per tag slug), so the number of tags an
    /// article shares with a set is a few `popcount`s.
    private struct TagBits: Sendable {
        let bitsByTag: [String: Int]
        let words: Int
        let masks: [UInt64]

        init(articles: [Page], tags: some Collection<String>) {
            bitsByTag = Dictionary(uniqueKeysWithValues: tags.sorted().enumerated().map { ($1, $0) })
            words = max(1, (bitsByTag.count + 63) / 64)
            var masks = [UInt64](repeating: 0, count: articles.count * words)
            for (index, article) in articles.enumerated() {
                for slug in article.tagSlugs { if let bit = bitsByTag[slug] { masks[index * words + bit / 64] |= 1 << UInt64(bit % 64) } }
            }
            self.masks = masks
        }

        func mask(of slugs: some Sequence<Substring>) -> [UInt64] {
            var mask = [UInt64](repeating: 0, count: words)
            for slug in slugs { if let bit = bitsByTag[String(slug)] { mask[bit / 64] |= 1 << UInt64(bit % 64) } }
            return mask
        }

        func shared(_ article: Int, _ mask: [UInt64]) -> Int {
            var count = 0
            for word in 0..<words { count += (masks[article * words + word] & mask[word]).nonzeroBitCount }
            return count
        }
    }

    /// The rankings of every tag set: those of `previous` when they were made from the same
    /// articles (and name only articles there are), the others computed on all cores.
    private static func relatedRankings(
        tagSets: Set<String>, articles: [Page], wanted: Int, previous: RelatedRankings
    ) -> RelatedRankings {
        guard wanted > 1 else { return .none }
        var hasher = StableHasher()
        hasher.combine(UInt64(wanted))
        for article in articles {
            hasher.combine(UInt64(article.tagSlugs.count))
            for slug in article.tagSlugs { hasher.combine(slug) }
        }
        let key = hasher.value
        var reused: [String: [Int]] = [:]
        if previous.key == key, previous.byTagSet.values.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0 < articles.count } }) {
            reused = previous.byTagSet.filter { tagSets.contains($0.key) }
        }
        let missing = tagSets.filter { reused[$0] == nil }
        guard !missing.isEmpty else { return RelatedRankings(key: key, byTagSet: reused) }
        // Indices into `articles` by tag slug, newest first.
        var byTag: [String: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            for (position, slug) in article.tagSlugs.enumerated() where !article.tagSlugs[..<position].contains(slug) {
                byTag[slug, default: []].append(index)
            }
        }
        let articlesByTag = byTag
        let bits = TagBits(articles: articles, tags: articlesByTag.keys)
        let rankings = parallelMap(Array(missing), chunkSize: 256) { tagSet in
            let slugs = tagSet.split(separator: "\u{0}")
            let lists = slugs.compactMap { articlesByTag[String($0)] }.sorted { $0.count < $1.count }
            return (tagSet, ranking(of: lists, mask: bits.mask(of: slugs), bits: bits, wanted: wanted))
        }
        return RelatedRankings(key: key, byTagSet: reused.merging(rankings) { first, _ in first })
    }

    /// The best `wanted` articles for a set of tags (one list of article indices per tag, newest
    /// first, shortest list first), by shared tags then newest. An article sharing `count` of
    /// the set's tags misses at most `lists.count - count` lists, so it is in one of the first
    /// `lists.count - count + 1`; each of those is walked only until it gave enough of them.
    private static func ranking(of lists: [[Int]], mask: [UInt64], bits: TagBits, wanted: Int) -> [Int] {
        var best: [Int] = []
        var count = lists.count
        while count > 0 && best.count < wanted {
            let needed = wanted - best.count
            var candidates: [Int] = []
            for list in lists.prefix(lists.count - count + 1) {
                var found = 0
                for index in list where bits.shared(index, mask) == count {
                    candidates.append(index)
                    found += 1
                    if found == needed { break }
                }
            }
            best += Set(candidates).sorted().prefix(needed)
            count -= 1
        }
        return best
    }

    private static func groupTags(_ pages: [Page], routes: Routes, diagnostics: inout Diagnostics) -> [TagGroup] {
        var groups: [String: TagGroup] = [:]
        var firstUse: [String: (name: String, path: String)] = [:]
        for page in pages {
            for (name, slug) in zip(page.matter.tags, page.tagSlugs) {
                guard !slug.isEmpty else {
                    diagnostics.error(page.matter.location(of: "tags"), "the tag '\(name)' has no letters or digits for its URL")
                    continue
                }
                // A file system takes 255 bytes a name; a tag is a folder of the site.
                guard slug.utf8.count <= 100 else {
                    diagnostics.error(
                        page.matter.location(of: "tags"),
                        "the tag '\(name.prefix(40))…' is too long for a web address (\(slug.utf8.count) characters; at most 100)",
                        hint: "tags are a word or a short phrase, such as 'repair' or 'attachment styles'")
                    continue
                }
                if let first = firstUse[slug], first.name != name {
                    diagnostics.error(
                        page.matter.location(of: "tags"),
                        "the tag '\(name)' would share the URL \(routes.tag(slug)) with the tag '\(first.name)' of \(first.path)",
                        hint: "write the tag the same way in both files")
                    continue
                }
                firstUse[slug] = firstUse[slug] ?? (name, page.sourcePath)
                groups[slug, default: TagGroup(slug: slug, name: name, pages: [], url: routes.tag(slug))].pages.append(page)
            }
        }
        return groups.values.sorted { $0.slug < $1.slug }
    }

    /// What is wrong with a published page in this site: authors or reviewers that do not
    /// exist, a sensitive tag without crisis resources.
    public func problems(of page: Page) -> [Diagnostic] {
        var diagnostics = Diagnostics()
        for (field, id) in [("author", page.matter.author), ("reviewed_by", page.matter.reviewedBy)] {
            guard let id, authors[id] == nil else { continue }
            diagnostics.error(
                page.matter.location(of: field), "no author with the id '\(id)'",
                hint: (Suggestions.hint(for: id, in: authors.keys).map { $0 + " " } ?? "") + "authors are the files in content/authors/ (without .md)")
        }
        if page.kind == .article || page.kind == .exercise, !page.usedComponents.contains("crisis"),
            let index = page.tagSlugs.firstIndex(where: config.sensitiveTags.contains)
        {
            diagnostics.error(
                page.matter.location(of: "tags"), "pages tagged '\(page.matter.tags[index])' must show crisis resources",
                hint: "add a line {{< crisis >}} to the body, near the top")
        }
        return diagnostics.all
    }

    /// Two sources for one URL are an error naming both files.
    private func checkURLs(tags: [TagGroup], _ diagnostics: inout Diagnostics) {
        var owners: [String: String] = [:]
        for (path, owner) in routes.builtIn(languages: Array(content.config.languages.dropFirst())) { owners[path] = owner }
        for tag in tags { owners[tag.url] = "the tag '\(tag.name)'" }
        let everyone = publishedPages + authors.values.sorted { $0.sourcePath < $1.sourcePath }
        for page in everyone {
            let key = page.url.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? page.url.lowercased() : page.url
            if let owner = owners[key] {
                diagnostics.error(
                    page.matter.location(of: "slug"), "\(page.sourcePath) and \(owner) would both be published at \(page.url)",
                    hint: "give one of them another slug: in its front matter")
            } else {
                owners[key] = page.sourcePath
            }
        }
        // An old URL redirects to one page, and never where something is published.
        for page in everyone {
            for alias in page.matter.aliases {
                let key = alias.lowercased()
                if let owner = owners[key] ?? owners[alias] {
                    diagnostics.error(
                        page.matter.location(of: "aliases"), "the alias '\(alias)' of \(page.sourcePath) is taken: \(owner) is published there",
                        hint: "remove the alias, or the other page's old address")
                } else {
                    owners[key] = "the alias of \(page.sourcePath)"
                }
            }
        }
    }

    /// Every old URL and the page it redirects to, sorted by the old URL.
    public var redirects: [(from: String, to: Page)] {
        (publishedPages + authors.values.sorted { $0.sourcePath < $1.sourcePath }).flatMap { page in page.matter.aliases.map { ($0, page) } }
            .sorted { $0.0 < $1.0 }
    }
}
