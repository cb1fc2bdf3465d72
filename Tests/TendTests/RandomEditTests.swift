import Foundation
import TendBuild
import TendCore
import Testing

/// Hundreds of random edits of every kind to one site; after each, the incremental build must
/// give the tree a clean build of the same sources gives, or fail as it fails (leaving the
/// previous site as it was).
@Suite struct RandomEditTests {
    private static let words = ["calm", "repair", "trust", "small", "hurts", "bid", "turn", "toward", "sleep", "breath", "shame", "anger"]
    private static let tags = ["repair", "trust", "sleep", "anger", "grief", "Couples"]
    private static let authors = ["ada", "bo", "cy"]

    /// The site being edited: what each source file holds, kept in step with the disk.
    private struct EditedSite {
        var files: [String: String] = [:]
        var random: SeededGenerator

        var articles: [String] { files.keys.filter { $0.hasPrefix("content/articles/") }.sorted() }
        var exercises: [String] { files.keys.filter { $0.hasPrefix("content/exercises/") }.sorted() }
        var pages: [String] { files.keys.filter { $0.hasPrefix("content/pages/") }.sorted() }

        mutating func pick<T>(_ values: [T]) -> T? { values.randomElement(using: &random) }

        mutating func sentence() -> String {
            let count = Int.random(in: 3...12, using: &random)
            return (0..<count).map { _ in pick(RandomEditTests.words)! }.joined(separator: " ").capitalizedFirst + "."
        }

        /// A body with paragraphs, headings, lists, citations, links to other pages and components.
        mutating func body() -> String {
            var blocks: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                switch Int.random(in: 0..<9, using: &random) {
                case 0: blocks.append("## " + sentence().dropLast())
                case 1: blocks.append("- " + sentence() + "\n- " + sentence())
                case 2: blocks.append("1. " + sentence() + "\n2. " + sentence())
                case 3: blocks.append(sentence() + " [@" + pick(["gottman2015", "porges2011"])! + "]")
                case 4:
                    if let target = pick(articles + pages) { blocks.append("[Read more](" + Self.url(of: target) + ")") }
                case 5: blocks.append("{{< callout kind=\"note\" >}}\n" + sentence() + "\n{{< /callout >}}")
                case 6: blocks.append("{{< crisis >}}")
                default: blocks.append(sentence() + " " + sentence())
                }
            }
            return blocks.joined(separator: "\n\n")
        }

        static func url(of path: String) -> String {
            let slug = (path as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")
            if path.hasPrefix("content/articles/") { return "/articles/\(slug)/" }
            if path.hasPrefix("content/exercises/") { return "/exercises/\(slug)/" }
            return "/\(slug)/"
        }

        mutating func date() -> String { String(format: "2026-%02d-%02d", Int.random(in: 1...12, using: &random), Int.random(in: 1...28, using: &random)) }

        /// A front matter of `kind` with a random selection of optional fields.
        mutating func frontMatter(kind: String) -> [(String, String)] {
            var fields: [(String, String)] = [("title", sentence().dropLast().description), ("summary", sentence())]
            if kind != "page" {
                if kind == "article" { fields.append(("date", date())); fields.append(("author", pick(RandomEditTests.authors)!)) }
                if kind == "exercise" { fields.append(("duration_minutes", String(Int.random(in: 1...30, using: &random)))) }
                let tagCount = Int.random(in: 0...3, using: &random)
                fields.append(("tags", "[" + (0..<tagCount).map { _ in pick(RandomEditTests.tags)! }.joined(separator: ", ") + "]"))
                if Bool.random(using: &random) { fields.append(("reviewed_by", pick(RandomEditTests.authors)!)); fields.append(("reviewed_on", date())) }
                if Int.random(in: 0..<4, using: &random) == 0 { fields.append(("content_note", sentence())) }
                if Int.random(in: 0..<6, using: &random) == 0 { fields.append(("draft", "true")) }
                if Int.random(in: 0..<6, using: &random) == 0 { fields.append(("consultation", "false")) }
                if Int.random(in: 0..<5, using: &random) == 0 { fields.append(("updated", date())) }
                if Int.random(in: 0..<6, using: &random) == 0 { fields.append(("nocite", "[porges2011]")) }
            } else if Bool.random(using: &random) {
                fields.append(("menu", String(Int.random(in: 1...5, using: &random))))
            }
            return fields
        }

        static func file(_ fields: [(String, String)], body: String) -> String {
            "---\n" + fields.map { "\($0): \(Self.quoted($0, $1))" }.joined(separator: "\n") + "\n---\n" + body + "\n"
        }

        private static func quoted(_ key: String, _ value: String) -> String {
            ["title", "summary", "content_note"].contains(key) ? "\"\(value)\"" : value
        }

        static func kind(of path: String) -> String {
            path.hasPrefix("content/articles/") ? "article" : path.hasPrefix("content/exercises/") ? "exercise" : "page"
        }
    }

    private static let siteYML = """
        title: Random Practice
        base_url: https://www.example.org/
        description: Notes on repair.
        practice:
          name: Random Practice
          phone: "(310) 555-0142"
          email: hello@example.org
        consultation:
          headline: Book a free call
          after_articles: true
        bibliography: [references.bib]
        page_size: 3
        related_articles: 2

        """

    private static let bibliography = """
        @book{gottman2015,
          author = {Gottman, John M. and Silver, Nan},
          title = {The seven principles for making marriage work},
          publisher = {Harmony Books},
          year = {2015}
        }

        @book{porges2011,
          author = {Porges, Stephen W.},
          title = {The polyvagal theory},
          publisher = {Norton},
          year = {2011}
        }

        """

    private static func initialSite(seed: UInt64) -> EditedSite {
        var site = EditedSite(random: SeededGenerator(seed: seed))
        site.files["content/site.yml"] = siteYML
        site.files["content/references.bib"] = bibliography
        for id in authors { site.files["content/authors/\(id).md"] = "---\nname: \(id.capitalized) Writer\ncredentials: LMFT\n---\nBio of \(id).\n" }
        for index in 0..<7 {
            let path = "content/articles/a\(index).md"
            site.files[path] = EditedSite.file(site.frontMatter(kind: "article").filter { $0.0 != "draft" }, body: "Plain words.")
        }
        for index in 0..<2 { site.files["content/exercises/e\(index).md"] = EditedSite.file(site.frontMatter(kind: "exercise"), body: "1. Breathe.\n2. Rest.") }
        site.files["content/pages/contact.md"] = EditedSite.file([("title", "Contact"), ("layout", "contact")], body: "Write to us.")
        site.files["content/pages/about.md"] = EditedSite.file([("title", "About"), ("menu", "1")], body: "About us.")
        return site
    }

    /// Makes one random edit to `site` and says what it was.
    private static func edit(_ site: inout EditedSite) -> String {
        let choice = Int.random(in: 0..<15, using: &site.random)
        switch choice {
        case 0, 1, 2:
            guard let path = site.pick(site.articles + site.exercises + site.pages), let text = site.files[path] else { return "nothing" }
            let head = text.components(separatedBy: "\n---\n")[0]
            site.files[path] = head + "\n---\n" + site.body() + "\n"
            return "the body of \(path)"
        case 3, 4, 5:
            guard let path = site.pick(site.articles + site.exercises + site.pages), let text = site.files[path] else { return "nothing" }
            let body = text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n")
            var fields = site.frontMatter(kind: EditedSite.kind(of: path))
            if path.hasSuffix("contact.md") { fields.append(("layout", "contact")) }
            site.files[path] = EditedSite.file(fields, body: body.trimmingCharacters(in: .newlines))
            return "the front matter of \(path)"
        case 6:
            let kind = site.pick(["article", "article", "exercise", "page"])!
            let folder = kind == "page" ? "pages" : kind + "s"
            let path = "content/\(folder)/n\(Int.random(in: 0..<1000, using: &site.random)).md"
            site.files[path] = EditedSite.file(site.frontMatter(kind: kind), body: site.body())
            return "a new file \(path)"
        case 7:
            guard let path = site.pick(site.articles + site.exercises + site.pages), !path.hasSuffix("contact.md") else { return "nothing" }
            site.files[path] = nil
            return "removed \(path)"
        case 8:
            guard let path = site.pick(site.articles + site.exercises), let text = site.files[path] else { return "nothing" }
            let renamed = (path as NSString).deletingLastPathComponent + "/r\(Int.random(in: 0..<1000, using: &site.random)).md"
            site.files[path] = nil
            site.files[renamed] = text
            return "renamed \(path) to \(renamed)"
        case 9:
            let id = site.pick(authors)!
            let fields = [
                "name: \(site.pick(["Ada", "Bo", "Cy", "Dee"])!) \(site.pick(["Writer", "Reyes", "Okafor"])!)",
                "credentials: \(site.pick(["LMFT", "PhD", "LCSW, SEP"])!)", Bool.random(using: &site.random) ? "role: Therapist" : "",
            ].filter { !$0.isEmpty }
            site.files["content/authors/\(id).md"] = "---\n" + fields.joined(separator: "\n") + "\n---\n" + site.sentence() + "\n"
            return "the author \(id)"
        case 10:
            let templates = [
                "templates/partials/card.html":
                    "{{% CONTENT_TYPE: HTML }}\n<li class=\"card\"><a href=\"{{url}}\">{{title}}</a> <em>{{summary}}</em> {{#author}}by {{author}}{{/author}}</li>\n",
                "templates/404.html": "{{% CONTENT_TYPE: HTML }}<p>Gone: {{head.title}} \(site.sentence())</p>\n",
                "templates/partials/content-note.html":
                    "{{% CONTENT_TYPE: HTML }}{{#content_note}}<p class=\"note\">Note: {{content_note}}</p>{{/content_note}}\n",
            ]
            let (path, text) = site.pick(templates.sorted { $0.key < $1.key })!
            site.files[path] = site.files[path] == nil ? text : nil
            return "the template \(path)"
        case 11:
            var yml = siteYML
            yml = yml.replacingOccurrences(of: "title: Random Practice", with: "title: \(site.sentence().dropLast())")
            yml = yml.replacingOccurrences(of: "page_size: 3", with: "page_size: \(Int.random(in: 2...5, using: &site.random))")
            yml = yml.replacingOccurrences(of: "Book a free call", with: site.sentence().dropLast().description)
            site.files["content/site.yml"] = yml
            return "site.yml"
        case 12:
            site.files["content/references.bib"] = bibliography.replacingOccurrences(of: "Norton", with: site.pick(["Norton", "W. W. Norton", "Other"])!)
                .replacingOccurrences(of: "year = {2015}", with: "year = {\(site.pick(["2015", "2016", "1999"])!)}")
            return "the bibliography"
        case 13:
            return "nothing"
        default:
            // Same bytes written again: only the time changes.
            guard let path = site.pick(site.articles) else { return "nothing" }
            return "touched \(path)"
        }
    }

    /// Writes the site's files to `root`, removing files it no longer has; every changed file gets
    /// a new modification time.
    private static func sync(_ site: EditedSite, to root: String, previous: [String: String], touching touched: String?) {
        for (path, _) in previous where site.files[path] == nil { try? FileManager.default.removeItem(atPath: root + "/" + path) }
        for (path, text) in site.files where previous[path] != text || path == touched {
            let url = URL(fileURLWithPath: root + "/" + path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! text.write(to: url, atomically: false, encoding: .utf8)
        }
    }

    private static func cleanBuild(_ site: EditedSite) -> (BuildReport, [String: Data]) {
        let copy = TemporaryDirectory()
        copy.write(site.files)
        let report = SiteBuilder.build(BuildRequest(siteRoot: copy.path, clock: Fixtures.clock))
        return (report, report.succeeded ? readTree(copy.path + "/public") : [:])
    }

    @Test(arguments: [11, 12] as [UInt64])
    func everyIncrementalBuildIsACleanBuild(seed: UInt64) {
        var site = Self.initialSite(seed: seed)
        let directory = TemporaryDirectory()
        directory.write(site.files)
        #expect(SiteBuilder.build(BuildRequest(siteRoot: directory.path, clock: Fixtures.clock)).succeeded)
        var failures = 0
        for step in 0..<120 {
            let previous = site.files
            let change = Self.edit(&site)
            Self.sync(site, to: directory.path, previous: previous, touching: change.hasPrefix("touched ") ? String(change.dropFirst(8)) : nil)
            let before = readTree(directory.path + "/public")
            let report = SiteBuilder.build(BuildRequest(siteRoot: directory.path, clock: Fixtures.clock))
            let (cleanReport, cleanTree) = Self.cleanBuild(site)
            #expect(report.succeeded == cleanReport.succeeded, "step \(step), after \(change): \(report.diagnostics.filter { $0.severity == .error })")
            if report.succeeded {
                let tree = readTree(directory.path + "/public")
                let differing = Set(tree.keys).union(cleanTree.keys).filter { tree[$0] != cleanTree[$0] }.sorted()
                #expect(differing.isEmpty, "step \(step), after \(change): \(differing.prefix(5))")
                if !differing.isEmpty { failures += 1 }
            } else {
                #expect(readTree(directory.path + "/public") == before, "step \(step): a failed build changed public/")
                // Undo the edit that broke the site, so the walk goes on from a good site.
                let broken = site.files
                site.files = previous
                Self.sync(site, to: directory.path, previous: broken, touching: nil)
                #expect(SiteBuilder.build(BuildRequest(siteRoot: directory.path, clock: Fixtures.clock)).succeeded, "step \(step): undoing \(change)")
            }
            if failures > 3 { break }
        }
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
