import ArgumentParser
import Foundation
import TendContent
import TendCore
import TendImport

/// `tend import`: a plain-text article (as copied from a word processor) into Tend Markdown.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a document (.txt, .docx, .odt, .html, .md) into a Markdown draft, with its references added to references.bib."
    )

    @Argument(help: "The file to import (.txt, .docx, .odt, .html, .md), or with --from the site's folder or WordPress export.")
    var file: String

    @Option(name: .long, help: "Bring a whole site in: hugo, jekyll or eleventy (SOURCE is its folder), or wordpress (SOURCE is the WXR export .xml).")
    var from: String?

    @Option(name: .long, help: "Where the article goes: articles, exercises or pages.")
    var section: String = "articles"

    @Option(name: .long, help: "The author's id (a file name in content/authors/, without .md).")
    var author: String?

    @Option(name: .long, help: "The language of the document (es: into content/es/...); the site's default language when not given.")
    var lang: String?

    @Option(name: .long, help: "The site's root folder.")
    var site: String = "."

    func run() throws {
        if let from {
            guard let generator = SiteMigration.Generator(rawValue: from.lowercased()) else {
                throw ValidationError("--from must be hugo, jekyll, eleventy or wordpress")
            }
            try migrate(generator)
            return
        }
        guard ["articles", "exercises", "pages"].contains(section) else {
            throw ValidationError("--section must be articles, exercises or pages")
        }
        let imported: DocumentImport.Imported
        do {
            imported = try DocumentImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path: file)
        } catch let failure as DocumentImport.Failure {
            FileHandle.standardError.write(Data("\(Escape.terminal(file)): error: \(Escape.terminal(failure.message))\n".utf8))
            throw ExitCode(1)
        }
        var result = imported.result
        let (languageFolder, config) = try LanguageOption.folder(for: lang, site: site)
        var notes: [String] = []
        if config?.consultationAfterArticles == true, section == "articles", result.body.contains("{{< consultation") {
            // Every article already ends with the consultation: the article's own block would be a second one.
            result.body = result.body.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("{{< consultation") }.joined(
                separator: "\n")
            while result.body.contains("\n\n\n") { result.body = result.body.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
            notes.append(
                "the article's contact block was left out: every article already ends with the consultation (consultation.after_articles in content/site.yml)")
        }
        if let config { notes += ContactComparison.differences(between: result.contactLines, and: config.components) }
        let slug = imported.slug ?? Slug.make(from: result.title)
        let path = "\(site)/\(languageFolder)\(section)/\(slug.isEmpty ? "imported" : slug).md"
        guard !FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("error: \(Escape.terminal(path)) already exists; rename it or remove it first\n".utf8))
            throw ExitCode(1)
        }
        let keys = try mergeReferences(result.references)
        let authorID =
            section == "pages"
            ? nil
            : try author.map { $0 } ?? imported.authorName.map { try Self.authorFile(named: $0, site: site) }
                ?? NewCommand.firstAuthor(site: site, announce: true)
        var front = ["---", "title: " + Self.quoted(result.title)]
        if !result.summary.isEmpty || section != "pages" {
            front.append("summary: " + Self.quoted(result.summary.isEmpty ? "One or two sentences on what readers will learn." : result.summary))
        }
        if section != "pages" {
            front.append("date: \(imported.date.flatMap { CalendarDate($0) }?.description ?? BuildClock.system().today.description)")
            front.append("author: \(authorID ?? "your-author-id")")
        }
        if section == "exercises" { front.append("duration_minutes: 5") }
        if !imported.tags.isEmpty { front.append("tags: [" + imported.tags.map { Self.quoted($0.lowercased()) }.joined(separator: ", ") + "]") }
        if !imported.aliases.isEmpty { front.append("aliases: [" + imported.aliases.map(Self.quoted).joined(separator: ", ") + "]") }
        if !keys.isEmpty { front.append("nocite: [" + keys.joined(separator: ", ") + "]") }
        front += ["draft: true", "---", ""]
        try FileManager.default.createDirectory(atPath: "\(site)/\(languageFolder)\(section)", withIntermediateDirectories: true)
        var written: [String] = []
        if !imported.media.isEmpty {
            let media = "\(site)/content/media"
            try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
            for (name, bytes) in imported.media.sorted(by: { $0.key < $1.key }) {
                let target = media + "/" + name
                if FileManager.default.fileExists(atPath: target) {
                    notes.append("content/media/\(name) already exists and was kept; check that it is the same picture")
                } else {
                    try Data(bytes).write(to: URL(fileURLWithPath: target))
                    written.append("content/media/" + name)
                }
            }
        }
        try (front.joined(separator: "\n") + result.body).write(toFile: path, atomically: true, encoding: .utf8)
        print("Created \(Escape.terminal(path))")
        for picture in written { print("Created \(Escape.terminal(picture))") }
        print("Recognised:")
        for line in result.recognised { print("  - \(Escape.terminal(line))") }
        if !keys.isEmpty {
            print(
                "References listed under nocite: \(Escape.terminal(keys.joined(separator: ", "))). Cite them in the text with [@key] where the article relies on them."
            )
        }
        if !result.unclassified.isEmpty {
            print("Kept as paragraphs (please check):")
            for (line, text) in result.unclassified { print("  \(Escape.terminal(file)):\(line): \(Escape.terminal(String(text.prefix(70))))") }
        }
        let report = notes + result.leftOut
        if !report.isEmpty {
            print("Left out or to check:")
            for line in report { print("  - \(Escape.terminal(line))") }
        }
        print("Next: run `tend build --drafts` and read the draft, then set draft: false.")
    }

    /// `--from`: the whole site, and the report of every file and of what was left out.
    private func migrate(_ generator: SiteMigration.Generator) throws {
        let report: SiteMigration.Report
        do {
            let (languageFolder, _) = try LanguageOption.folder(for: lang, site: site)
            var migration = SiteMigration(generator: generator, source: file, site: site, languageFolder: languageFolder)
            report = try migration.run()
        } catch let failure as DocumentImport.Failure {
            FileHandle.standardError.write(Data("error: \(Escape.terminal(failure.message))\n".utf8))
            throw ExitCode(1)
        }
        for entry in report.entries {
            print("\(Escape.terminal(entry.source)) → \(Escape.terminal(entry.target))")
            for note in entry.notes { print("  - \(Escape.terminal(note))") }
        }
        for path in report.authors { print("Created \(Escape.terminal(path)) (add credentials and a short bio)") }
        if !report.media.isEmpty { print("Copied \(report.media.count) image\(report.media.count == 1 ? "" : "s") into content/media/") }
        if !report.skipped.isEmpty {
            print("Not brought over:")
            for line in report.skipped { print("  - \(Escape.terminal(line))") }
        }
        print(
            "Brought over \(report.entries.count) page\(report.entries.count == 1 ? "" : "s"). Next: `tend check`, then read each page and fix what the notes say."
        )
    }

    /// The site's settings, when content/site.yml reads.
    static func siteConfig(site: String) -> SiteConfig? {
        guard let text = try? String(contentsOfFile: "\(site)/content/site.yml", encoding: .utf8) else { return nil }
        var diagnostics = Diagnostics()
        return SiteConfig.parse(text, diagnostics: &diagnostics)
    }

    /// The id of the author file for `name`, made (with the name) when there is none.
    static func authorFile(named name: String, site: String) throws -> String {
        let id = Slug.make(from: name)
        let folder = "\(site)/content/authors"
        let path = "\(folder)/\(id).md"
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "---\nname: \(quoted(name))\n---\nA few words about \(name).\n".write(toFile: path, atomically: true, encoding: .utf8)
            print("Created content/authors/\(id).md for \(Escape.terminal(name)) (add credentials and a short bio)")
        }
        return id
    }

    /// Appends new references to content/references.bib, reusing entries that are already there.
    private func mergeReferences(_ references: [ImportedReference]) throws -> [String] {
        guard !references.isEmpty else { return [] }
        let bibPath = "\(site)/content/references.bib"
        let existingText = (try? String(contentsOfFile: bibPath, encoding: .utf8)) ?? ""
        let merge = BibliographyMerge(adding: references, to: existingText, path: "content/references.bib")
        if let text = merge.text {
            try text.write(toFile: bibPath, atomically: true, encoding: .utf8)
            print("Added \(merge.addedCount) reference\(merge.addedCount == 1 ? "" : "s") to content/references.bib")
            let config = (try? String(contentsOfFile: "\(site)/content/site.yml", encoding: .utf8)) ?? ""
            if !config.contains("references.bib") {
                print("Note: add `bibliography: [references.bib]` to content/site.yml so the references are used.")
            }
        }
        return merge.keys
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
