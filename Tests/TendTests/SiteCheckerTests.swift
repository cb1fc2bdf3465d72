import Foundation
import TendBuild
import TendCore
import Testing

@testable import TendSite

/// What `tend check` reports beyond what `build` stops at.
@Suite struct SiteCheckerTests {
    private func check(_ files: [String: String]) -> [String] {
        var all = MinimalSite.files()
        for (path, text) in files { all[path] = text }
        let site = TemporaryDirectory()
        site.write(all)
        let report = SiteBuilder.check(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        return report.diagnostics.map { "\($0.location.path):\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" }
    }

    @Test func brokenLinksDraftsAndAnchors() {
        let body = "See [x](/articles/nope/), [draft](/articles/later/), [anchor](#missing) and [ok](/articles/first/#a-section).\n\n## A section"
        let messages = check([
            "content/articles/first.md": MinimalSite.article(body: body),
            "content/articles/later.md": MinimalSite.article("draft: true\n"),
        ])
        #expect(messages.contains("content/articles/first.md:7:5: error: the link '/articles/nope/' points to a page that does not exist"))
        #expect(
            messages.contains(
                "content/articles/first.md:7:27: error: the link '/articles/later/' points to content/articles/later.md, which is a draft or scheduled for later"
            ))
        #expect(messages.contains("content/articles/first.md:7:54: error: the link '#missing' points to '#missing', which is not on /articles/first/"))
        #expect(!messages.contains { $0.contains("a-section") })
    }

    @Test func imagesHeadingsBibliographyAuthorsAndReviews() {
        let body = "![](/media/missing.png)\n\n#### Too deep\n\nA handle @someone here."
        let messages = check([
            "content/articles/first.md": MinimalSite.article("reviewed_by: ada\nreviewed_on: 2024-01-01\n", body: body),
            "content/authors/idle.md": "---\nname: Idle Person\n---\nBio.\n",
        ])
        #expect(messages.contains("content/articles/first.md:9:1: warning: the image '/media/missing.png' has no alt text"))
        #expect(messages.contains("content/articles/first.md:9:1: error: the image '/media/missing.png' does not exist"))
        #expect(messages.contains("content/articles/first.md:11:1: warning: the heading 'Too deep' skips from h1 to h4"))
        #expect(
            messages.contains(
                "content/articles/first.md:7:14: warning: the clinical review is overdue: it was due on January 1, 2025, 669 days ago (reviewed January 1, 2024, every 12 months)"
            ))
        #expect(messages.contains("content/references.bib:1:1: warning: 'gottman2015' is never cited"))
        #expect(messages.contains("content/authors/idle.md:1:1: warning: no published page names 'idle' as author or reviewer"))
        #expect(messages.contains("content/articles/first.md:13:10: note: '@someone' is not a citation key, so it stays text"))
    }
}

/// Clinical reviews that never go stale: due soon, overdue, per-page intervals, the schedule.
@Suite struct ReviewScheduleTests {
    private func check(_ frontMatter: String, siteYML: String = "", strict: Bool = false) -> (messages: [String], report: BuildReport) {
        var files = MinimalSite.files(article: MinimalSite.article(frontMatter))
        files["content/site.yml"] = MinimalSite.siteYML + siteYML
        let site = TemporaryDirectory()
        site.write(files)
        var request = BuildRequest(siteRoot: site.path, clock: Fixtures.clock)
        request.overdueReviewIsError = strict
        let report = SiteBuilder.check(request)
        return (report.diagnostics.filter { $0.message.contains("review") }.map { "\($0.location.line): \($0.severity.rawValue): \($0.message)" }, report)
    }

    @Test func dueWithinThirtyDaysIsAWarning() {
        // Today is 2026-11-01 in the fixtures' clock.
        #expect(
            check("reviewed_by: ada\nreviewed_on: 2025-11-20\n").messages == [
                "7: warning: the clinical review is due on November 20, 2026, in 19 days (reviewed November 20, 2025, every 12 months)"
            ])
        #expect(check("reviewed_by: ada\nreviewed_on: 2025-12-20\n").messages.isEmpty)
    }

    @Test func overdueAndPerPageIntervals() {
        #expect(
            check("reviewed_by: ada\nreviewed_on: 2026-01-01\nreview_every: 6\n").messages == [
                "7: warning: the clinical review is overdue: it was due on July 1, 2026, 123 days ago (reviewed January 1, 2026, every 6 months)"
            ])
        #expect(check("reviewed_by: ada\nreviewed_on: 2025-01-01\n", siteYML: "review_every: 24\n").messages.isEmpty)
        // --strict makes an overdue review an error.
        #expect(
            check("reviewed_by: ada\nreviewed_on: 2024-01-01\n", strict: true).messages.first?.hasPrefix("7: error: the clinical review is overdue") == true)
        #expect(check("").messages == ["1: note: this article has no clinical review yet"])
    }

    @Test func theScheduleListsEveryPageSoonestFirst() {
        let (_, report) = check("reviewed_by: ada\nreviewed_on: 2026-03-01\n")
        let row = report.reviewSchedule.first
        #expect(report.reviewSchedule.count == 1 && row?.author == "Ada Author" && row?.reviewer == "Ada Author")
        #expect(row?.lastReview?.description == "2026-03-01" && row?.nextReview?.description == "2027-03-01")
    }

    @Test func calendarArithmetic() {
        let date = CalendarDate("2024-01-31")!
        #expect(date.adding(months: 1).description == "2024-02-29")
        #expect(date.adding(months: 13).description == "2025-02-28")
        #expect(date.adding(months: -2).description == "2023-11-30")
        #expect(CalendarDate("2024-02-28")!.days(until: CalendarDate("2024-03-01")!) == 2)
        #expect(CalendarDate("2026-11-01")!.days(until: CalendarDate("2026-07-01")!) == -123)
    }
}

@Suite struct SiteCheckerLinkResolutionTests {
    @Test(arguments: [
        ("/articles/x/", "/articles/y/", "/", "/articles/x/"),
        ("../y/", "/articles/x/", "/", "/articles/y/"),
        ("y/", "/articles/x/", "/", "/articles/x/y/"),
        ("./y", "/articles/x/", "/", "/articles/x/y"),
        ("../../../../etc", "/articles/x/", "/", "/etc"),
        ("/blog/articles/x/", "/", "/blog/", "/articles/x/"),
        ("/articles//x/", "/", "/", "/articles/x/"),
        ("/a/./b/../c", "/", "/", "/a/c"),
    ])
    func linksResolveToSitePaths(link: String, base: String, root: String, expected: String) {
        #expect(SiteChecker.resolve(link, from: base, rootPath: root) == expected)
    }

    @Test func referencesMissingWhatAPANeedsAreNamed() {
        let bibliography = """
            @article{novolume, author = {Li, Ann}, title = {T}, journaltitle = {J}, date = {2020}}
            @online{nosite, author = {Li, Ann}, title = {Page}, url = {https://example.org/p}, date = {2021}}
            @book{nopublisher, author = {Li, Ann}, title = {Book}, date = {2019}}
            @article{complete, author = {Li, Ann}, title = {U}, journaltitle = {J}, volume = {2}, date = {2020}}
            @article{pressed, author = {Li, Ann}, title = {V}, journaltitle = {J}, pubstate = {inpress}}
            """
        var files = MinimalSite.files(article: MinimalSite.article("nocite: [\"*\"]\n"))
        files["content/references.bib"] = bibliography
        let site = TemporaryDirectory()
        site.write(files)
        let messages = SiteBuilder.check(BuildRequest(siteRoot: site.path, clock: Fixtures.clock)).diagnostics.map {
            "\($0.location.path):\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)"
        }
        #expect(
            messages.filter { $0.contains("APA needs") } == [
                "content/references.bib:1:1: warning: 'novolume' has no volume, which APA needs for a journal article",
                "content/references.bib:2:1: warning: 'nosite' has no website name, which APA needs for a web page",
                "content/references.bib:3:1: warning: 'nopublisher' has no publisher, which APA needs for a book",
            ])
    }
}
