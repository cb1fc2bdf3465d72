import Foundation
import TendBuild
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The built fixture site's machine-readable files: well-formed, complete, escaped, private.
@Suite struct OutputFormatTests {
    static let files: [String: Data] = {
        let output = TemporaryDirectory()
        _ = SiteBuilder.build(BuildRequest(siteRoot: Fixtures.root + "/sites/basic", outputPath: output.path + "/public", clock: Fixtures.clock))
        return readTree(output.path + "/public")
    }()

    private func text(_ path: String) -> String { String(decoding: Self.files[path] ?? Data(), as: UTF8.self) }

    /// Element names in document order, from Foundation's XML parser.
    final class ElementCollector: NSObject, XMLParserDelegate {
        var names: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            names.append(name)
        }
    }

    private func elements(_ path: String) -> [String]? {
        let parser = XMLParser(data: Self.files[path] ?? Data())
        let collector = ElementCollector()
        parser.delegate = collector
        return parser.parse() ? collector.names : nil
    }

    @Test func feedIsWellFormedAtom() throws {
        let names = try #require(elements("feed.xml"))
        for required in ["feed", "id", "title", "updated", "author", "entry", "link", "content", "summary"] {
            #expect(names.contains(required), "feed lacks <\(required)>")
        }
        let feed = text("feed.xml")
        #expect(feed.contains("<id>https://fixture.example.org/blog/articles/alpha/</id>"))
        #expect(feed.contains("<title>Alpha &amp; &lt;Omega&gt;: a &quot;quoted&quot; title</title>"))
        #expect(!feed.contains("Gamma draft"))
        #expect(names.filter { $0 == "entry" }.count == 3)
    }

    @Test func sitemapIsWellFormedWithDates() throws {
        let names = try #require(elements("sitemap.xml"))
        #expect(names.first == "urlset")
        let sitemap = text("sitemap.xml")
        #expect(sitemap.contains("<loc>https://fixture.example.org/blog/articles/alpha/</loc><lastmod>2026-02-01</lastmod>"))
        #expect(!sitemap.contains("delta-future"))
        #expect(text("robots.txt").contains("Sitemap: https://fixture.example.org/blog/sitemap.xml"))
    }

    @Test func searchIndexAndJSONLDParse() throws {
        let index = try JSONSerialization.jsonObject(with: Self.files["search/index.json"]!) as! [[String: Any]]
        #expect(index.map { $0["title"] as! String }.contains("Beta"))
        let html = text("articles/alpha/index.html")
        var blocks: [[String: Any]] = []
        var rest = html[...]
        while let open = rest.range(of: "<script type=\"application/ld+json\">"),
            let close = rest.range(of: "</script>", range: open.upperBound..<rest.endIndex)
        {
            blocks.append(try JSONSerialization.jsonObject(with: Data(rest[open.upperBound..<close.lowerBound].utf8)) as! [String: Any])
            rest = rest[close.upperBound...]
        }
        #expect(blocks.count == 2)
        #expect(blocks[0]["@type"] as? String == "MedicalWebPage")
        #expect(blocks[0]["headline"] as? String == "Alpha & <Omega>: a \"quoted\" title")
        #expect((blocks[0]["citation"] as? [Any])?.count == 4)
        #expect((blocks[0]["author"] as? [String: Any])?["jobTitle"] as? String == "LCSW")
        #expect(blocks[1]["@type"] as? String == "BreadcrumbList")
        let exercise = text("exercises/box/index.html")
        #expect(exercise.contains("\"@type\":\"HowTo\""))
        #expect(exercise.contains("\"totalTime\":\"PT3M\""))
        #expect(exercise.contains("<li>Breathe in for 4 counts.</li>"))
    }

    /// No page asks another host for anything: scripts, styles, images, fonts, CSS url().
    @Test func noRequestLeavesTheSite() {
        let pattern = try! NSRegularExpression(pattern: #"(?:src|href)\s*=\s*"([^"]*)"|url\(\s*['"]?([^'")]+)"#)
        for (path, data) in Self.files where path.hasSuffix(".html") || path.hasSuffix(".css") {
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
        #expect(text("index.html").contains("Content-Security-Policy"))
    }

    @Test func emptySiteStillBuilds() {
        let site = TemporaryDirectory()
        site.write(["content/site.yml": "title: Empty\nbase_url: https://e.example.org/\n"])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(site.read("public/index.html")?.contains("There is nothing here yet") == true)
        #expect(site.read("public/articles/index.html") != nil)
        #expect(site.read("public/feed.xml")?.contains("<feed") == true)
    }
}
