import ArgumentParser
import Foundation
import TendCore
import TendLanguage

/// `tend new`: a new article, exercise or page with its front matter filled in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new article, exercise or page (as a draft)."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case article, exercise, page
    }

    @Argument(help: "What to create: article, exercise or page.")
    var kind: Kind

    @Argument(help: "The title, in quotes.")
    var title: String

    @Option(name: .long, help: "The author's id (a file name in content/authors/, without .md).")
    var author: String?

    @Option(name: .long, help: "The language of the page (es: content/es/...); the site's default language when not given.")
    var lang: String?

    @Option(name: .long, help: "The site's root folder.")
    var site: String = "."

    func run() throws {
        let slug = Slug.make(from: title)
        guard !slug.isEmpty else { throw ValidationError("the title needs at least one letter or digit") }
        let section = ["article": "articles", "exercise": "exercises", "page": "pages"][kind.rawValue]!
        let (languageFolder, config) = try LanguageOption.folder(for: lang, site: site)
        let folder = site + "/" + languageFolder + section
        let path = folder + "/" + slug + ".md"
        guard !FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("error: \(path) already exists; choose another title or edit that file\n".utf8))
            throw ExitCode(1)
        }
        let authorID = kind == .page ? nil : (author ?? Self.firstAuthor(site: site, announce: true))
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let spanish = ThemeText.baseLanguage(config?.language ?? "en") == "es"
        try Self.template(kind: kind, title: title, author: authorID, today: BuildClock.system().today, spanish: spanish)
            .write(toFile: path, atomically: true, encoding: .utf8)
        print("Created \(Escape.terminal(path))")
        if languageFolder != "content/" {
            print(
                "A translation is linked to its original by the same file name in content/\(section)/, or by the same translation_key: in both files.")
        }
        print("Next: run `tend serve --drafts` and open the page, then set draft: false when it is ready.")
    }

    /// The site's first author by id, announced when used in place of `--author`.
    static func firstAuthor(site: String, announce: Bool) -> String? {
        let authors = ((try? FileManager.default.contentsOfDirectory(atPath: site + "/content/authors")) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        guard let first = authors.first else { return nil }
        let id = String(first.dropLast(3))
        if announce { print("No --author given: using '\(Escape.terminal(id))', the site's first author.") }
        return id
    }

    /// `spanish`: the placeholders are written in Spanish, for a page in `content/es/`.
    static func template(kind: Kind, title: String, author: String?, today: CalendarDate, spanish: Bool = false) -> String {
        let quotedTitle = ImportCommand.quoted(title)
        var lines = ["---", "title: \(quotedTitle)"]
        if spanish { return spanishTemplate(kind: kind, lines: lines, author: author, today: today) }
        switch kind {
        case .article:
            lines += [
                "summary: \"One or two sentences that tell readers what they will learn.\"", "date: \(today)",
                "author: \(author ?? "your-author-id")", "tags: [relationships]", "draft: true", "---", "",
                "Start with a short paragraph that meets the reader where they are.", "",
                "## What it looks like", "", "Describe the pattern in everyday words.", "",
                "## What helps", "", "1. A first small step.", "2. A second step.", "",
                "## When to ask for support", "", "Say when it is time to talk to a professional.", "",
            ]
        case .exercise:
            lines += [
                "summary: \"What this exercise helps with, in one sentence.\"", "date: \(today)",
                "author: \(author ?? "your-author-id")", "duration_minutes: 5", "draft: true", "---", "",
                "Find a comfortable position. You can stop at any time.", "",
                "1. First step.", "2. Second step.", "3. Third step.", "",
            ]
        case .page:
            lines += ["summary: \"What this page is for.\"", "draft: true", "---", "", "Write the page here.", ""]
        }
        return lines.joined(separator: "\n")
    }

    private static func spanishTemplate(kind: Kind, lines start: [String], author: String?, today: CalendarDate) -> String {
        var lines = start
        switch kind {
        case .article:
            lines += [
                "summary: \"Una o dos frases que digan al lector qué va a aprender.\"", "date: \(today)",
                "author: \(author ?? "your-author-id")", "tags: [relaciones]", "draft: true", "---", "",
                "Empiece con un párrafo breve que acompañe al lector donde está.", "",
                "## Cómo se ve", "", "Describa el patrón con palabras de todos los días.", "",
                "## Qué ayuda", "", "1. Un primer paso pequeño.", "2. Un segundo paso.", "",
                "## Cuándo pedir apoyo", "", "Diga cuándo es momento de hablar con un profesional.", "",
            ]
        case .exercise:
            lines += [
                "summary: \"Para qué sirve este ejercicio, en una frase.\"", "date: \(today)",
                "author: \(author ?? "your-author-id")", "duration_minutes: 5", "draft: true", "---", "",
                "Busque una postura cómoda. Puede parar en cualquier momento.", "",
                "1. Primer paso.", "2. Segundo paso.", "3. Tercer paso.", "",
            ]
        case .page:
            lines += ["summary: \"Para qué es esta página.\"", "draft: true", "---", "", "Escriba aquí la página.", ""]
        }
        return lines.joined(separator: "\n")
    }
}
