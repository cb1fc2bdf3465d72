import ArgumentParser
import Foundation
import TendCore
import TendImport

/// `tend import`: a plain-text article (as copied from a word processor) into Tend Markdown.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a plain-text article into a Markdown draft, with its references added to references.bib."
    )

    @Argument(help: "The plain-text file to import.")
    var file: String

    @Option(name: .long, help: "Where the article goes: articles, exercises or pages.")
    var section: String = "articles"

    @Option(name: .long, help: "The author's id (a file name in content/authors/, without .md).")
    var author: String?

    @Option(name: .long, help: "The site's root folder.")
    var site: String = "."

    func run() throws {
        guard ["articles", "exercises", "pages"].contains(section) else {
            throw ValidationError("--section must be articles, exercises or pages")
        }
        let text: String
        do {
            text = try SourceText.decode(Array(try Data(contentsOf: URL(fileURLWithPath: file))), path: file)
        } catch let diagnostic as Diagnostic {
            FileHandle.standardError.write(Data((Escape.terminal(diagnostic.description) + "\n").utf8))
            throw ExitCode(1)
        }
        let result = PlainTextImporter().convert(text)
        let slug = Slug.make(from: result.title)
        let path = "\(site)/content/\(section)/\(slug.isEmpty ? "imported" : slug).md"
        guard !FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("error: \(Escape.terminal(path)) already exists; rename it or remove it first\n".utf8))
            throw ExitCode(1)
        }
        let keys = try mergeReferences(result.references)
        let authorID = section == "pages" ? nil : (author ?? NewCommand.firstAuthor(site: site, announce: true))
        var front = ["---", "title: " + Self.quoted(result.title)]
        if !result.summary.isEmpty || section != "pages" {
            front.append("summary: " + Self.quoted(result.summary.isEmpty ? "One or two sentences on what readers will learn." : result.summary))
        }
        if section != "pages" {
            front.append("date: \(BuildClock.system().today)")
            front.append("author: \(authorID ?? "your-author-id")")
        }
        if section == "exercises" { front.append("duration_minutes: 5") }
        if !keys.isEmpty { front.append("nocite: [" + keys.joined(separator: ", ") + "]") }
        front += ["draft: true", "---", ""]
        try FileManager.default.createDirectory(atPath: "\(site)/content/\(section)", withIntermediateDirectories: true)
        try (front.joined(separator: "\n") + result.body).write(toFile: path, atomically: true, encoding: .utf8)
        print("Created \(Escape.terminal(path))")
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
        print("Next: run `tend build --drafts` and read the draft, then set draft: false.")
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
