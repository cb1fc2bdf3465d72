import Foundation
import TendBuild
import TendCore
import Testing

/// Images in a built site: responsive markup, every size without metadata, errors that name the
/// file and line with the previous site kept, and a cache that makes unchanged images free.
@Suite struct ImageLibraryTests {
    private static func fixture(_ name: String) -> Data {
        try! Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/images/" + name))
    }

    private func site(body: String, frontMatter: String = "", media: [String: Data]) -> TemporaryDirectory {
        let site = TemporaryDirectory()
        site.write(MinimalSite.files(article: MinimalSite.article(frontMatter, body: body)))
        try! FileManager.default.createDirectory(atPath: site.path + "/content/media", withIntermediateDirectories: true)
        for (name, data) in media { try! data.write(to: URL(fileURLWithPath: site.path + "/content/media/" + name)) }
        return site
    }

    private func build(_ site: TemporaryDirectory) -> BuildReport {
        SiteBuilder.build(BuildRequest(siteRoot: site.path, clock: Fixtures.clock))
    }

    @Test func photosArePublishedResponsiveAndWithoutMetadata() throws {
        #expect(metadataBlocks(Array(Self.fixture("garden bench.jpg"))) == ["APP1"])
        let site = site(
            body: "Intro.\n\n![A wooden bench in a garden](/media/garden bench.jpg)", frontMatter: "image: media/rotated.jpg\nimage_alt: A tall photo.\n",
            media: ["garden bench.jpg": Self.fixture("garden bench.jpg"), "rotated.jpg": Self.fixture("rotated.jpg")])
        let report = build(site)
        #expect(report.succeeded, "\(report.diagnostics)")
        let page = try #require(site.read("public/articles/first/index.html"))
        #expect(
            page.contains(
                "<picture><source type=\"image/webp\" srcset=\"/media/garden%20bench-480.webp 480w, /media/garden%20bench-960.webp 960w, /media/garden%20bench-1440.webp 1440w\" sizes=\"(min-width: 48rem) 44rem, 100vw\"><img src=\"/media/garden%20bench-960.jpg\""
            ))
        #expect(page.contains("width=\"1440\" height=\"1080\" alt=\"A wooden bench in a garden\" loading=\"lazy\" decoding=\"async\"></picture>"))
        // The header picture loads first; the social card is cropped to 1200 × 630.
        #expect(page.contains("alt=\"A tall photo.\" class=\"entry-image\" fetchpriority=\"high\" decoding=\"async\">"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://www.example.org/media/rotated-card.jpg\">"))
        let media = try FileManager.default.contentsOfDirectory(atPath: site.path + "/public/media").sorted()
        #expect(media.contains("garden bench.jpg") && media.contains("garden bench-480.webp") && media.contains("rotated-card.jpg"))
        for name in media {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: site.path + "/public/media/" + name)))
            #expect(metadataBlocks(bytes).isEmpty, "\(name) carries metadata")
        }
    }

    @Test func aMissingImageIsAnErrorAtItsLineAndThePreviousSiteStays() throws {
        let site = site(body: "Intro.", media: ["small.jpg": Self.fixture("small.jpg")])
        #expect(build(site).succeeded)
        let before = site.read("public/articles/first/index.html")
        site.write(["content/articles/first.md": MinimalSite.article(body: "Intro.\n\n![A bench](/media/bench.jpg)")])
        let report = build(site)
        #expect(MinimalSite.messages(report) == ["content/articles/first.md:9:1: the image '/media/bench.jpg' does not exist"])
        #expect(site.read("public/articles/first/index.html") == before)
    }

    @Test(arguments: [
        ("not-an-image.jpg", "content/media/not-an-image.jpg:1:1: the file is not a JPEG, PNG, WebP, HEIC or GIF image"),
        ("bomb.png", "content/media/bomb.png:1:1: the image is 30000 × 30000 pixels, more than Tend decodes (100 megapixels)"),
    ])
    func aHostileImageIsAnErrorNamingTheFile(_ name: String, _ message: String) {
        let site = site(body: "Intro.", media: [name: Self.fixture(name)])
        let report = build(site)
        #expect(MinimalSite.messages(report) == [message])
        #expect(site.read("public/index.html") == nil)
    }

    @Test func aTruncatedImageIsAnError() {
        let report = build(site(body: "Intro.", media: ["truncated.jpg": Self.fixture("truncated.jpg")]))
        #expect(MinimalSite.messages(report).first?.hasPrefix("content/media/truncated.jpg:1:1: the image is damaged or cut short") == true)
    }

    @Test func unsafeSVGIsRefusedAndSafeSVGPublished() {
        let safe = Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"url(#g)\"/></svg>".utf8)
        let unsafe = Data("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><image href=\"https://tracker.example/x.png\"/></svg>".utf8)
        let site = site(body: "Intro.", media: ["safe.svg": safe])
        #expect(build(site).succeeded)
        #expect(site.read("public/media/safe.svg") != nil)
        try! unsafe.write(to: URL(fileURLWithPath: site.path + "/content/media/unsafe.svg"))
        #expect(
            MinimalSite.messages(build(site)) == ["content/media/unsafe.svg:1:1: the SVG is not published: it holds an event handler (an on…= attribute)"])
    }

    @Test func aPageImageNeedsItsDescription() {
        let report = build(site(body: "Intro.", frontMatter: "image: media/small.jpg\n", media: ["small.jpg": Self.fixture("small.jpg")]))
        #expect(MinimalSite.messages(report) == ["content/articles/first.md:6:8: 'image_alt' is required with 'image'"])
    }

    /// An unchanged image is never processed again: its cached files are used as they are.
    @Test func unchangedImagesAreNotProcessedAgain() throws {
        let site = site(body: "![A bench](/media/small.jpg)", media: ["small.jpg": Self.fixture("small.jpg")])
        #expect(build(site).succeeded)
        let cache = site.path + "/.tend-cache/images"
        let key = try #require(try FileManager.default.contentsOfDirectory(atPath: cache).first { !$0.hasSuffix(".json") })
        let marker = Data("kept".utf8)
        try marker.write(to: URL(fileURLWithPath: cache + "/" + key + "/400.webp"))
        site.write(["content/articles/first.md": MinimalSite.article(body: "![A bench](/media/small.jpg)\n\nChanged.")])
        #expect(build(site).succeeded)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache + "/" + key + "/400.webp")) == marker)
        // A new version of the image is processed.
        try Self.fixture("garden bench.jpg").write(to: URL(fileURLWithPath: site.path + "/content/media/small.jpg"))
        #expect(build(site).succeeded)
        #expect(site.read("public/articles/first/index.html")?.contains("width=\"1440\" height=\"1080\"") == true)
    }
}
