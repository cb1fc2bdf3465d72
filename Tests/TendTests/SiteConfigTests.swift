import Foundation
import TendBuild
import TendContent
import TendCore
import Testing

@Suite struct SiteConfigTests {
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
            MinimalSite.errors(["content/site.yml": yml]) == [
                "content/site.yml:2:11: 'base_url' must be a full https:// address",
                "content/site.yml:4:10: 'practice.phone' is not a phone number Tend can dial: 'call us'",
                "content/site.yml:5:10: 'practice.email' is not an e-mail address: 'hello-at-example'",
                "content/site.yml:6:16: 'practice.booking_url' must be an https:// or http:// address, not 'javascript:alert(1)'",
            ])
    }
}

@Suite struct SiteConfigBaseURLTests {
    /// A base_url that could add lines to robots.txt or break out of an attribute is refused.
    @Test(arguments: ["https://www.example.org/\nDisallow: /", "https://www.example.org/\"><script>", "https://exa mple.org/", "https:///nohost"])
    func unsafeBaseURLsAreRefused(url: String) {
        let yml = MinimalSite.siteYML.replacingOccurrences(of: "base_url: https://www.example.org/", with: "base_url: " + Escape.json(url))
        #expect(MinimalSite.errors(["content/site.yml": yml]) == ["content/site.yml:2:11: 'base_url' must be a full https:// address"])
    }
}

@Suite struct SiteConfigMarkdownTests {
    /// `markdown: { smart: false }` keeps quotes and dashes as typed.
    @Test func smartPunctuationCanBeTurnedOff() {
        let body = "Run it with --verbose and \"quotes\"..."
        let (smart, on) = MinimalSite.build(MinimalSite.files(article: MinimalSite.article(body: body)))
        let plainFiles = MinimalSite.files(article: MinimalSite.article(body: body)).merging([
            "content/site.yml": MinimalSite.siteYML + "markdown:\n  smart: false\n"
        ]) { $1 }
        let (plain, off) = MinimalSite.build(plainFiles)
        #expect(smart.succeeded && plain.succeeded)
        #expect(on.read("public/articles/first/index.html")?.contains("–verbose and “quotes”…") == true)
        #expect(off.read("public/articles/first/index.html")?.contains("--verbose and &quot;quotes&quot;...") == true)
    }

    @Test func imageWidthsAreRead() {
        var diagnostics = Diagnostics()
        let config = SiteConfig.parse("title: T\nbase_url: https://www.example.org/\nimages:\n  widths: [960, 320, 960]\n", diagnostics: &diagnostics)
        #expect(config?.imageWidths == [320, 960] && diagnostics.all.isEmpty)
        var bad = Diagnostics()
        _ = SiteConfig.parse("title: T\nbase_url: https://www.example.org/\nimages:\n  widths: [10]\n", diagnostics: &bad)
        #expect(bad.all.map(\.message) == ["'images.widths' must list from one to eight widths in pixels, each from 64 to 4096"])
    }
}
