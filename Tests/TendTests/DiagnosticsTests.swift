import Foundation
import TendBuild
import TendContent
import TendCore
import Testing

/// Every kind of bad input gets an exact message at the right file, line and column.
@Suite struct DiagnosticsTests {
    private func errors(article: String) -> [String] {
        let (report, _) = MinimalSite.build(MinimalSite.files(article: article))
        return MinimalSite.messages(report)
    }

    private func errors(_ files: [String: String]) -> [String] {
        var all = MinimalSite.files()
        for (path, text) in files { all[path] = text }
        return MinimalSite.messages(MinimalSite.build(all).0)
    }

    @Test func unknownCitationKeyWithSuggestion() {
        let (report, _) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: "Intro.\n\nAs shown [@gotman2015].")))
        #expect(MinimalSite.messages(report) == ["content/articles/first.md:9:10: unknown citation key 'gotman2015'"])
        #expect(report.diagnostics.first?.hint == "did you mean 'gottman2015'?")
    }

    @Test func componentErrors() {
        let body = """
            {{< consultaton >}}

            {{< callout kind="danger" >}}

            {{< callout >}}
            Never closed.

            {{< /crisis >}}

            {{< breathing pattern="4-7" colour="blue" >}}

            {{< breathing pattern="4-x-8" >}}
            """
        #expect(
            errors(article: MinimalSite.article(body: body)) == [
                "content/articles/first.md:7:1: unknown component 'consultaton'",
                "content/articles/first.md:9:13: 'kind' must be one of note, tip, warning, important, not 'danger'",
                "content/articles/first.md:11:1: '{{< callout >}}' is never closed",
                "content/articles/first.md:14:1: '{{< /crisis >}}' closes a component that was not opened",
                "content/articles/first.md:16:29: the component 'breathing' has no attribute 'colour'",
                "content/articles/first.md:18:15: '4-x-8' is not a breathing pattern: write 2 to 4 counts from 1 to 20 joined by hyphens, such as \"4-7-8\" or \"4-4-4-4\"",
            ])
    }

    @Test func unknownComponentListsKnownOnes() {
        let (report, _) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: "{{< consultaton >}}")))
        #expect(report.diagnostics.first?.hint == "did you mean 'consultation'? known components: breathing, callout, consultation, crisis, references")
    }

    @Test func shortcodesInCodeAreText() {
        let (report, site) = MinimalSite.build(
            MinimalSite.files(article: MinimalSite.article(body: "```\n{{< nonsense >}}\n```\n\n    {{< also-code >}}\n\nInline `{{< x >}}`.")))
        #expect(report.succeeded, "\(report.diagnostics)")
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(html.contains("{{&lt; nonsense &gt;}}"))
        #expect(html.contains("{{&lt; also-code &gt;}}"))
    }

    @Test func siteYAMLErrors() {
        let yml = """
            title: Test Practice
            base_url: ftp://example.org
            practice:
              phone: "call us"
              email: hello-at-example
              booking_url: javascript:alert(1)
            bibliography: [references.bib]

            """
        #expect(
            errors(["content/site.yml": yml]) == [
                "content/site.yml:2:11: 'base_url' must be a full https:// address",
                "content/site.yml:4:10: 'practice.phone' is not a phone number Tend can dial: 'call us'",
                "content/site.yml:5:10: 'practice.email' is not an e-mail address: 'hello-at-example'",
                "content/site.yml:6:16: 'practice.booking_url' must be an https:// or http:// address, not 'javascript:alert(1)'",
            ])
    }

    @Test func unknownAuthorAndReviewer() {
        #expect(
            errors(article: MinimalSite.article("reviewed_by: bob\n").replacingOccurrences(of: "author: ada", with: "author: adda")) == [
                "content/articles/first.md:5:9: no author with the id 'adda'",
                "content/articles/first.md:6:14: no author with the id 'bob'",
            ])
    }

    @Test func twoSourcesForOneURL() {
        let messages = errors(["content/articles/second.md": MinimalSite.article("slug: first\n"), "content/pages/tags.md": "---\ntitle: Tags\n---\nx\n"])
        #expect(
            messages == [
                "content/articles/second.md:6:7: content/articles/second.md and content/articles/first.md would both be published at /articles/first/",
                "content/pages/tags.md:1:1: content/pages/tags.md and Tend's own /tags/ page would both be published at /tags/",
            ])
    }

    @Test func tagsThatSlugifyAlike() {
        let messages = errors(
            [
                "content/articles/first.md": MinimalSite.article("tags: [Self Harm, crisis]\n"),
                "content/articles/second.md": MinimalSite.article("tags: [self-harm]\n"),
            ].merging(["content/articles/first.md": MinimalSite.article("tags: [Self Harm]\nbibliography: []\n", body: "{{< crisis >}}")]) { $1 })
        #expect(
            messages.contains(
                "content/articles/second.md:6:7: the tag 'self-harm' would share the URL /tags/self-harm/ with the tag 'Self Harm' of content/articles/first.md"
            ))
    }

    @Test func menuMustBeANumber() {
        #expect(
            errors(["content/pages/about.md": "---\ntitle: About\nmenu: first\n---\nx\n"]) == [
                "content/pages/about.md:3:7: 'menu' must be a whole number, not 'first'"
            ])
    }

    @Test func sensitiveTagsNeedCrisisResources() {
        #expect(
            errors(article: MinimalSite.article("tags: [suicide]\n")) == ["content/articles/first.md:6:7: pages tagged 'suicide' must show crisis resources"])
        #expect(errors(article: MinimalSite.article("tags: [suicide]\n", body: "{{< crisis >}}\n\nText.")).isEmpty)
    }

    @Test func encodingProblems() {
        var files = MinimalSite.files()
        files["content/articles/first.md"] = nil
        let site = TemporaryDirectory()
        site.write(files)
        try? FileManager.default.createDirectory(atPath: site.path + "/content/articles", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: site.path + "/content/articles/latin1.md", contents: Data("---\ntitle: Caf\u{E9}\n---\n".utf8.map { $0 }.prefix(16) + [0xE9, 0x0A]))
        _ = FileManager.default.createFile(atPath: site.path + "/content/articles/utf16.md", contents: Data([0xFF, 0xFE, 0x2D, 0x00]))
        _ = FileManager.default.createFile(atPath: site.path + "/content/articles/nul.md", contents: Data("---\ntitle: A\u{0}\n".utf8))
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(
            MinimalSite.messages(report) == [
                "content/articles/latin1.md:2:12: the file is not valid UTF-8",
                "content/articles/nul.md:2:9: the file contains a NUL byte",
                "content/articles/utf16.md:1:1: the file is UTF-16, not UTF-8",
            ])
    }

    @Test func allErrorsOfABuildAreReportedTogether() {
        let messages = errors([
            "content/articles/first.md": MinimalSite.article(body: "[@nope1]"),
            "content/articles/second.md": MinimalSite.article(body: "[@nope2]").replacingOccurrences(of: "date: 2026-01-05", with: "date: 2026-13-01"),
        ])
        #expect(messages.count == 3)
    }

    @Test func rawHTMLIsDroppedWithAWarning() {
        let (report, site) = MinimalSite.build(
            MinimalSite.files(article: MinimalSite.article(body: "Hi <span onclick=\"x()\">there</span>.\n\n<script>alert(1)</script>")))
        #expect(
            MinimalSite.messages(report, severity: .warning) == [
                "content/articles/first.md:7:4: raw HTML was left out of the page: <span onclick=\"x()\">",
                "content/articles/first.md:7:29: raw HTML was left out of the page: </span>",
                "content/articles/first.md:9:1: raw HTML was left out of the page: <script>alert(1)</script>",
            ])
        let html = site.read("public/articles/first/index.html") ?? ""
        #expect(!html.contains("onclick") && !html.contains("alert(1)"))
    }
}

@Suite struct CheckTests {
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
        #expect(messages.contains("content/articles/first.md:7:14: warning: the clinical review is 34 months old (the site asks for a review every 12 months)"))
        #expect(messages.contains("content/references.bib:1:1: warning: 'gottman2015' is never cited"))
        #expect(messages.contains("content/authors/idle.md:1:1: warning: no published page names 'idle' as author or reviewer"))
        #expect(messages.contains("content/articles/first.md:13:10: note: '@someone' is not a citation key, so it stays text"))
    }

    @Test func readabilityGradeOfKnownText() {
        // 36 one-syllable words in 3 sentences: 0.39 × 12 + 11.8 × 1 − 15.59 = 0.89.
        let text =
            "The cat sat on the mat in the sun all day long. We like to walk by the sea with our dog and cat. It is a good day to rest and read a nice book."
        let grade = TextStatistics.fleschKincaidGrade(text)
        #expect(grade.map { abs($0 - 0.89) < 0.001 } == true, "got \(String(describing: grade))")
        let dense = String(
            repeating: "Psychoeducational interventions operationalize multidimensional neurophysiological regulation considerations. ", count: 6)
        #expect(TextStatistics.fleschKincaidGrade(dense)! > 16)
        #expect(TextStatistics.fleschKincaidGrade("Too short.") == nil)
    }
}
