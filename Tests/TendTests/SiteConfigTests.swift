import Foundation
import TendBuild
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
