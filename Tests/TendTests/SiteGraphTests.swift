import Foundation
import TendBuild
import TendCore
import TendFrontMatter
import TendSite
import Testing

@testable import TendContent

@Suite struct SiteGraphTests {
    private static func graph(_ pages: [Page], related: Int = 3, previous: RelatedRankings = .none) -> SiteGraph {
        var config = SiteConfig()
        config.relatedCount = related
        let content = SiteContent(config: config, bibliography: .init(), pages: pages, authors: [:], media: [], settingsDigest: 0)
        return SiteGraph.build(content, options: BuildOptions(today: CalendarDate("2026-12-01")!), language: config.languageCode, previous: previous).0
    }

    private static let site = [
        article("a", day: 1, tags: ["x", "y", "z"]), article("b", day: 2, tags: ["x"]), article("c", day: 3, tags: ["x", "y"]),
        article("d", day: 4, tags: ["q"]), article("e", day: 5, tags: ["y"]),
    ]

    private static func related(_ graph: SiteGraph) -> [[String]] { graph.articles.map { graph.related(to: $0).map(\.slug) } }

    @Test func theLastBuildsRankingsAreTakenWhenTheArticlesKeptTheirTags() {
        let first = Self.graph(Self.site)
        #expect(!first.rankings.byTagSet.isEmpty)
        // Rankings the last build left, changed so that it shows whether they were taken.
        let changed = first.rankings.byTagSet.mapValues { Array($0.reversed()) }
        let again = Self.graph(Self.site, previous: RelatedRankings(key: first.rankings.key, byTagSet: changed))
        #expect(again.rankings.byTagSet == changed)
        // A body edit keeps the rankings; a changed tag, another count or a bad index does not.
        var retagged = Self.site
        retagged[0] = Self.article("a", day: 1, tags: ["x", "q"])
        #expect(Self.graph(retagged, previous: first.rankings).rankings.key != first.rankings.key)
        #expect(Self.related(Self.graph(retagged, previous: first.rankings)) == Self.related(Self.graph(retagged)))
        #expect(Self.related(Self.graph(Self.site, related: 2, previous: first.rankings)) == Self.related(Self.graph(Self.site, related: 2)))
        let outOfRange = RelatedRankings(key: first.rankings.key, byTagSet: first.rankings.byTagSet.mapValues { $0 + [99] })
        #expect(Self.related(Self.graph(Self.site, previous: outOfRange)) == Self.related(first))
    }

    private static func article(_ slug: String, day: Int, tags: [String]) -> Page {
        var matter = FrontMatter(start: SourceLocation(path: "content/articles/\(slug).md"))
        matter.title = slug
        matter.date = CalendarDate(year: 2026, month: 1, day: day)
        matter.tags = tags
        return Page(kind: .article, sourcePath: "content/articles/\(slug).md", slug: slug, url: Routes().page(kind: .article, slug: slug), matter: matter)
    }

    @Test func relatedArticlesShareTheMostTagsThenAreNewest() {
        let graph = Self.graph([
            Self.article("a", day: 1, tags: ["x", "y", "z"]), Self.article("b", day: 2, tags: ["x"]), Self.article("c", day: 3, tags: ["x", "y"]),
            Self.article("d", day: 4, tags: ["q"]), Self.article("e", day: 5, tags: ["y"]),
        ])
        let a = graph.articles.first { $0.slug == "a" }!
        #expect(graph.related(to: a).map(\.slug) == ["c", "e", "b"])
        let d = graph.articles.first { $0.slug == "d" }!
        #expect(graph.related(to: d).isEmpty)
    }

    /// Against a plain ranking of every other article, on random sites: most shared tags, then
    /// newest, then the article list's order.
    @Test func rankingMatchesAPlainCount() {
        fuzz(iterations: 60, seed: 7) { random in
            let tags = ["a", "b", "c", "d", "e", "f"]
            let pages = (0..<Int.random(in: 1...40, using: &random)).map { index in
                Self.article(
                    "p\(index)", day: Int.random(in: 1...28, using: &random),
                    tags: (0..<Int.random(in: 0...4, using: &random)).map { _ in
                        tags.randomElement(using: &random)!
                    })
            }
            let wanted = Int.random(in: 1...5, using: &random)
            let graph = Self.graph(pages, related: wanted)
            for page in graph.articles where !page.tagSlugs.isEmpty {
                let own = Set(page.tagSlugs)
                let plain = graph.articles.enumerated().filter { $0.element.url != page.url }
                    .map { (index: $0.offset, page: $0.element, shared: own.intersection($0.element.tagSlugs).count) }
                    .filter { $0.shared > 0 }
                    .sorted { ($0.shared, -$0.index) > ($1.shared, -$1.index) }
                    .prefix(wanted).map(\.page.slug)
                #expect(graph.related(to: page).map(\.slug) == Array(plain), "\(page.slug)")
            }
        }
    }
}

/// What the site graph refuses: missing authors, two sources for one URL, clashing tags, unsafe tags.
@Suite struct SiteGraphProblemTests {
    @Test func unknownAuthorAndReviewer() {
        #expect(
            MinimalSite.errors(article: MinimalSite.article("reviewed_by: bob\n").replacingOccurrences(of: "author: ada", with: "author: adda")) == [
                "content/articles/first.md:5:9: no author with the id 'adda'",
                "content/articles/first.md:6:14: no author with the id 'bob'",
            ])
    }

    @Test func twoSourcesForOneURL() {
        let messages = MinimalSite.errors([
            "content/articles/second.md": MinimalSite.article("slug: first\n"), "content/pages/tags.md": "---\ntitle: Tags\n---\nx\n",
        ])
        #expect(
            messages == [
                "content/articles/second.md:6:7: content/articles/second.md and content/articles/first.md would both be published at /articles/first/",
                "content/pages/tags.md:1:1: content/pages/tags.md and Tend's own /tags/ page would both be published at /tags/",
            ])
    }

    @Test func tagsThatSlugifyAlike() {
        let messages = MinimalSite.errors(
            [
                "content/articles/first.md": MinimalSite.article("tags: [Self Harm, crisis]\n"),
                "content/articles/second.md": MinimalSite.article("tags: [self-harm]\n"),
            ].merging(["content/articles/first.md": MinimalSite.article("tags: [Self Harm]\nbibliography: []\n", body: "{{< crisis >}}")]) { $1 })
        #expect(
            messages.contains(
                "content/articles/second.md:6:7: the tag 'self-harm' would share the URL /tags/self-harm/ with the tag 'Self Harm' of content/articles/first.md"
            ))
    }

    @Test func sensitiveTagsNeedCrisisResources() {
        #expect(
            MinimalSite.errors(article: MinimalSite.article("tags: [suicide]\n")) == [
                "content/articles/first.md:6:7: pages tagged 'suicide' must show crisis resources"
            ])
        #expect(MinimalSite.errors(article: MinimalSite.article("tags: [suicide]\n", body: "{{< crisis >}}\n\nText.")).isEmpty)
    }
}

/// Author files whose ids a reader cannot tell apart are an error naming both files.
@Suite struct AuthorIdentityTests {
    @Test(arguments: ["ada_writer", "Ada-Writer", "ada.writer", "аda-writer", "ａｄａ-writer", "adá-writer"])
    func lookAlikeAuthorIDsAreRefused(impostor: String) {
        let files = [
            "content/authors/ada-writer.md": "---\nname: Ada Writer\n---\nBio.\n",
            "content/authors/\(impostor).md": "---\nname: IMPOSTOR\ncredentials: MD, PhD\n---\nx\n",
        ]
        let errors = MinimalSite.errors(files)
        let names = ["content/authors/ada-writer.md", "content/authors/\(impostor).md"].sorted()
        #expect(errors.contains("\(names[1]):1:1: \(names[1]) and \(names[0]) name authors that cannot be told apart"), "\(errors)")
    }

    @Test func distinctAuthorsAreFine() {
        #expect(Identity.skeleton("maya-okafor") != Identity.skeleton("maya-okafor2"))
        #expect(MinimalSite.errors(["content/authors/bo.md": "---\nname: Bo\n---\nx\n"]).isEmpty)
    }
}

@Suite struct TagLimitTests {
    /// A 360-character tag is an error at its line, before anything is written.
    @Test func aTagTooLongForAFileNameIsAnError() {
        let tag = String(repeating: "calm ", count: 72)
        let errors = MinimalSite.errors(["content/articles/first.md": MinimalSite.article("tags: [\"\(tag)\"]\n")])
        #expect(
            errors == [
                "content/articles/first.md:6:7: the tag 'calm calm calm calm calm calm calm calm …' is too long for a web address (359 characters; at most 100)"
            ])
    }
}
