import Foundation
import TendCore
import TendFrontMatter
import Testing

@Suite struct FrontMatterTests {
    private func decode(_ yaml: String, kind: ContentKind = .article) -> (FrontMatter?, [String]) {
        var diagnostics = Diagnostics()
        let matter = FrontMatter.decode(yaml: yaml, kind: kind, path: "content/articles/a.md", firstLine: 2, diagnostics: &diagnostics)
        return (matter, diagnostics.all.map { "\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)" })
    }

    private let valid = "title: T\nsummary: S\ndate: 2026-03-14\nauthor: ada\n"

    /// Dates as Hugo, Jekyll and WordPress write them: the calendar date as written counts.
    @Test(arguments: [
        ("2019-01-08T08:21:55.686Z", "2019-01-08"), ("2014-04-14 16:06", "2014-04-14"), ("2021-07-08T00:00:00+01:00", "2021-07-08"),
        ("2014-04-14 16:06:00 -0700", "2014-04-14"), ("2021-07-08t23:59:59-05:00", "2021-07-08"), ("\"2020-02-29T12:00:00Z\"", "2020-02-29"),
    ])
    func dateTimesAreAccepted(_ written: String, _ date: String) {
        let (matter, messages) = decode("title: T\nsummary: S\ndate: \(written)\nauthor: ada\n")
        #expect(messages.isEmpty, "\(written)")
        #expect(matter?.date?.description == date)
    }

    @Test(arguments: ["2019-01-08T25:00:00Z", "2019-02-30T10:00:00Z", "2019-01-08Tnoon", "2019-01-08 10:00 +99"])
    func brokenDateTimesAreErrors(_ written: String) {
        #expect(decode("title: T\nsummary: S\ndate: \(written)\nauthor: ada\n").1 == ["4:7: error: 'date' is not a valid date: '\(written)'"])
    }

    @Test func aliasesAreOldPathsOfThisSite() {
        let (matter, messages) = decode(valid + "aliases: [/2021/05/old-slug/, old.html, /blog/post, https://elsewhere.example/x, /a/../b/]\n")
        #expect(matter?.aliases == ["/2021/05/old-slug/", "/old.html", "/blog/post/"])
        #expect(
            messages == [
                "6:10: error: the alias 'https://elsewhere.example/x' is a full address; only paths of this site can be redirected",
                "6:10: error: the alias '/a/../b/' may not contain '.' or '..' parts",
            ])
    }

    @Test func validArticle() {
        let (matter, messages) = decode(valid + "tags: [repair, nervous system]\ndraft: false\n")
        #expect(messages.isEmpty)
        #expect(matter?.date == CalendarDate("2026-03-14"))
        #expect(matter?.tags == ["repair", "nervous system"])
    }

    @Test func yaml11SurprisesStayText() {
        let (matter, messages) = decode("title: No\nsummary: yes\ndate: 2026-03-14\nauthor: on\n")
        #expect(messages.isEmpty)
        #expect(matter?.title == "No")
        #expect(matter?.summary == "yes")
    }

    @Test(arguments: [
        ("summary: S\ndate: 2026-03-14\nauthor: ada\n", "1:1: error: missing required field 'title'"),
        ("title: T\nsummary: S\ndate: 2026-02-30\nauthor: ada\n", "4:7: error: 'date' is not a valid date: '2026-02-30'"),
        ("title: T\nsummary: S\ndate: 14/03/2026\nauthor: ada\n", "4:7: error: 'date' is not a valid date: '14/03/2026'"),
        ("title: T\nsummary: S\ndate: 2026-03-14\nauthor: ada\ndraft: \"false\"\n", "6:8: error: 'draft' must be true or false, not 'false'"),
        ("title: T\nsummary: S\ndate: 2026-03-14\nauthor: ada\ntags: anxiety\n", "6:7: error: 'tags' must be a list"),
        ("title: [a, b]\nsummary: S\ndate: 2026-03-14\nauthor: ada\n", "2:8: error: 'title' must be text, not a list"),
        (
            "title: T\nsummary: S\ndate: 2026-03-14\nauthor: ada\nslug: Bad Slug\n",
            "6:7: error: invalid slug: 'Bad Slug' may only contain lower-case letters a-z, digits and hyphens"
        ),
        ("title: T\nsummary: S\ndate: 2026-03-14\nauthor: ada\ntitel: x\n", "6:1: warning: unknown field 'titel' is ignored"),
        ("title: \"T\nsummary: S\n", "2:8: error: a quotation mark opened in the front matter is never closed"),
        ("title: Repair: a guide\n", "2:14: error: a value holds a second ':', so YAML reads it as a new field"),
        ("title: T\ntags: [a, b\n", "4:1: error: a list opened with '[' is not closed"),
        ("title: T\ntitle: U\nsummary: S\ndate: 2026-03-14\nauthor: ada\n", "3:1: error: the front matter sets 'title' twice"),
        ("title: &a T\nsummary: *a\ndate: 2026-03-14\nauthor: ada\n", "2:8: error: YAML anchors and aliases ('&name', '*name') are not supported here"),
        (
            "title: !!python/object T\nsummary: S\ndate: 2026-03-14\nauthor: ada\n",
            "2:8: error: 'title' uses the YAML tag 'tag:yaml.org,2002:python/object', which Tend does not accept"
        ),
        ("title: T\nsummary: S\ndate: 2026-03-14\n", "1:1: error: missing required field 'author'"),
    ])
    func errorsNameTheLine(_ yaml: String, _ expected: String) {
        let (_, messages) = decode(yaml)
        #expect(messages.contains(expected), "got \(messages)")
    }

    @Test func unknownFieldSuggestsTheNearest() {
        var diagnostics = Diagnostics()
        _ = FrontMatter.decode(yaml: valid + "sumary: x\n", kind: .article, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
        #expect(diagnostics.all.first?.hint == "did you mean 'summary'?")
    }

    @Test func exerciseNeedsDuration() {
        let (_, messages) = decode("title: T\nsummary: S\n", kind: .exercise)
        #expect(messages == ["1:1: error: missing required field 'duration_minutes'"])
    }

    @Test func menuMustBeANumber() {
        #expect(
            MinimalSite.errors(["content/pages/about.md": "---\ntitle: About\nmenu: first\n---\nx\n"]) == [
                "content/pages/about.md:3:7: 'menu' must be a whole number, not 'first'"
            ])
    }
}

@Suite struct YAMLAliasTests {
    private func errors(_ yaml: String) -> [String] {
        var diagnostics = Diagnostics()
        _ = FrontMatter.decode(yaml: yaml, kind: .article, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
        return diagnostics.all.filter { $0.severity == .error }.map { "\($0.location.line):\($0.location.column): \($0.message)" }
    }

    /// The billion laughs, with tabs where spaces were expected, are refused at once.
    @Test func aliasesAfterTabsAreRefused() {
        let lol = (1...9).map { "l\($0):\t&l\($0) [\(String(repeating: "*l\($0 - 1),", count: 9))]" }.joined(separator: "\n")
        let yaml = "l0:\t&l0 \"lol\"\n" + lol + "\ntitle:\t*l9\n"
        let start = Date()
        let found = errors(yaml)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(found.first == "2:5: YAML anchors and aliases ('&name', '*name') are not supported here")
    }

    /// A block scalar's lines are text: bold written `**like this**` is no alias.
    @Test func blockScalarsMayStartWithStars() {
        let yaml = "title: T\nsummary: |\n  **Bold** start, and *emphasis*.\n  & more\ndate: 2026-01-05\nauthor: ada\n"
        #expect(errors(yaml).isEmpty)
    }
}

@Suite struct FrontMatterFuzzTests {
    /// Random YAML-like text: decoding returns or reports, never traps or hangs.
    @Test func neverCrashesOnYAML() {
        let alphabet = [
            "title", "tags", "date", ": ", "\n", "  ", "- ", "[", "]", "{", "}", "&a ", "*a", "|", ">", "\"", "'", "#", "\t", "2026-01-05", "!!str", "? ", ",",
            "x",
        ]
        fuzz(iterations: 3_000, seed: 17) { random in
            var diagnostics = Diagnostics()
            _ = FrontMatter.decode(yaml: random.string(from: alphabet, maxLength: 40), kind: .article, path: "a.md", firstLine: 2, diagnostics: &diagnostics)
        }
    }
}
