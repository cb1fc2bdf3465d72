import Foundation
import TendBuild
import TendCore
import Testing

/// The built-in theme and site templates: the policy every page carries, components placed through partials.
@Suite struct TemplateLibraryTests {
    @Test func everyPageHasAPolicyAndNoInlineScriptOrStyle() {
        let output = TemporaryDirectory()
        _ = SiteBuilder.build(BuildRequest(siteRoot: Fixtures.repository, outputPath: output.path + "/public", clock: Fixtures.clock))
        for (path, data) in readTree(output.path + "/public") where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'"), "\(path)")
            #expect(html.contains("<meta name=\"referrer\""), "\(path)")
            #expect(!html.contains(" style="), "\(path) has a style attribute")
            let scripts = html.components(separatedBy: "<script").dropFirst()
            for script in scripts {
                #expect(script.hasPrefix(" src=") || script.hasPrefix(" type=\"application/ld+json\""), "\(path) has an inline script")
            }
        }
    }

    @Test func layoutsPlaceComponentsThroughPartials() {
        var files = MinimalSite.files()
        files["templates/article.html"] =
            "{{<base}}{{$content}}{{#entry}}{{{body_html}}}{{/entry}}<div id=\"side\">{{>partials/consultation}}</div>{{/content}}{{/base}}"
        files["content/articles/quiet.md"] = MinimalSite.article("consultation: false\n", body: "{{< consultation >}}\n\nQuiet.")
        let (report, site) = MinimalSite.build(files)
        #expect(report.succeeded, "\(report.diagnostics)")
        let first = site.read("public/articles/first/index.html") ?? ""
        let quiet = site.read("public/articles/quiet/index.html") ?? ""
        #expect(first.contains("<div id=\"side\"><aside class=\"consultation\""))
        #expect(!quiet.contains("class=\"consultation\""))
        #expect(quiet.contains("Quiet."))
    }
}

/// No page of the built fixture site asks anything of another server.
@Suite struct ThemePrivacyTests {
    /// No page asks another host for anything: scripts, styles, images, fonts, CSS url().
    @Test func noRequestLeavesTheSite() {
        let pattern = try! NSRegularExpression(pattern: #"(?:src|href)\s*=\s*"([^"]*)"|url\(\s*['"]?([^'")]+)"#)
        for (path, data) in FixtureOutput.files where path.hasSuffix(".html") || path.hasSuffix(".css") {
            let content = String(decoding: data, as: UTF8.self)
            for match in pattern.matches(in: content, range: NSRange(content.startIndex..., in: content)) {
                for group in 1...2 {
                    guard let range = Range(match.range(at: group), in: content) else { continue }
                    let url = String(content[range])
                    let tag = content[..<range.lowerBound].suffix(120)
                    let isNavigation = tag.range(of: "<a ", options: .backwards).map { tag[$0.lowerBound...].contains(">") == false } ?? false
                    if isNavigation || tag.hasSuffix("rel=\"canonical\" href=\"") || tag.contains("rel=\"alternate\"") { continue }
                    #expect(!url.hasPrefix("http") && !url.hasPrefix("//"), "\(path) loads \(url)")
                }
            }
        }
        #expect(FixtureOutput.text("index.html").contains("Content-Security-Policy"))
    }
}

@Suite struct TemplateCycleTests {
    /// A partial that includes itself, directly or through another, is an error naming it.
    @Test func includeCyclesAreErrors() {
        let direct = MinimalSite.errors(["templates/partials/card.html": "{{% CONTENT_TYPE: HTML }}<li>{{> partials/card}}</li>\n"])
        #expect(direct == ["templates/partials/card.html:1:1: the template 'partials/card' includes itself (partials/card → partials/card)"])
        let loop = MinimalSite.errors([
            "templates/partials/a.html": "{{% CONTENT_TYPE: HTML }}{{> partials/b}}\n",
            "templates/partials/b.html": "{{% CONTENT_TYPE: HTML }}{{>partials/a}}\n",
        ])
        #expect(loop == ["templates/partials/a.html:1:1: the template 'partials/a' includes itself (partials/a → partials/b → partials/a)"])
    }

    /// Partials that include others many times over (a "billion laughs" of templates) are refused.
    @Test func includeBombsAreErrors() {
        var files: [String: String] = [:]
        for level in 0..<5 {
            files["templates/partials/bomb\(level).html"] = String(repeating: "{{>partials/bomb\(level + 1)}}", count: 10)
        }
        files["templates/partials/bomb5.html"] = "boom"
        let errors = MinimalSite.errors(files)
        #expect(
            errors.first
                == "templates/partials/bomb0.html:1:1: the template 'partials/bomb0' includes partials more than 10000 times over, counting what they include")
        #expect(errors.count == 2, "bomb0 (111,110 includes) and bomb1 (11,110); bomb2 has 1,110: \(errors)")
    }

    /// A partial that does not exist and a tag that cannot be read are errors at their tag.
    @Test func missingPartialsAndBadTagsAreErrorsAtTheirTag() {
        let missing = MinimalSite.errors(["templates/partials/card.html": "<li>\n  {{> partials/crad}}</li>\n"])
        #expect(
            missing == ["templates/partials/card.html:2:3: the template includes 'partials/crad', which is neither in templates/ nor in the built-in theme"])
        let unclosed = MinimalSite.errors(["templates/page.html": "{{<base}}{{$content}}\n{{#entry}}{{title}}\n{{/content}}{{/base}}"])
        #expect(unclosed == ["templates/page.html:3:1: '{{/content}}' closes a section that is not open here; the open one is '{{#entry}}'"])
    }
}
