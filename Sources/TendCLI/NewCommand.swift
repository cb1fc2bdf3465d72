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

    /// The placeholder words of a new page, in English or (for a page in `content/es/`) Spanish.
    private struct Placeholders {
        let articleSummary, tag, opening, looksLike, pattern, helps, firstStep, secondStep, support, supportText: String
        let exerciseSummary, settle, steps: String
        let pageSummary, pageBody: String

        static let english = Placeholders(
            articleSummary: "One or two sentences that tell readers what they will learn.", tag: "relationships",
            opening: "Start with a short paragraph that meets the reader where they are.", looksLike: "What it looks like",
            pattern: "Describe the pattern in everyday words.", helps: "What helps", firstStep: "A first small step.", secondStep: "A second step.",
            support: "When to ask for support", supportText: "Say when it is time to talk to a professional.",
            exerciseSummary: "What this exercise helps with, in one sentence.", settle: "Find a comfortable position. You can stop at any time.",
            steps: "First step.|Second step.|Third step.", pageSummary: "What this page is for.", pageBody: "Write the page here.")

        static let spanish = Placeholders(
            articleSummary: "Una o dos frases que digan al lector qué va a aprender.", tag: "relaciones",
            opening: "Empiece con un párrafo breve que acompañe al lector donde está.", looksLike: "Cómo se ve",
            pattern: "Describa el patrón con palabras de todos los días.", helps: "Qué ayuda", firstStep: "Un primer paso pequeño.",
            secondStep: "Un segundo paso.", support: "Cuándo pedir apoyo", supportText: "Diga cuándo es momento de hablar con un profesional.",
            exerciseSummary: "Para qué sirve este ejercicio, en una frase.", settle: "Busque una postura cómoda. Puede parar en cualquier momento.",
            steps: "Primer paso.|Segundo paso.|Tercer paso.", pageSummary: "Para qué es esta página.", pageBody: "Escriba aquí la página.")
    }

    /// `spanish`: the placeholders are written in Spanish, for a page in `content/es/`.
    static func template(kind: Kind, title: String, author: String?, today: CalendarDate, spanish: Bool = false) -> String {
        let words = spanish ? Placeholders.spanish : Placeholders.english
        var lines = ["---", "title: \(ImportCommand.quoted(title))"]
        switch kind {
        case .article:
            lines += [
                "summary: \"\(words.articleSummary)\"", "date: \(today)", "author: \(author ?? "your-author-id")", "tags: [\(words.tag)]", "draft: true",
                "---", "", words.opening, "", "## \(words.looksLike)", "", words.pattern, "", "## \(words.helps)", "", "1. \(words.firstStep)",
                "2. \(words.secondStep)", "", "## \(words.support)", "", words.supportText, "",
            ]
        case .exercise:
            lines += [
                "summary: \"\(words.exerciseSummary)\"", "date: \(today)", "author: \(author ?? "your-author-id")", "duration_minutes: 5", "draft: true",
                "---", "", words.settle, "",
            ]
            lines += words.steps.split(separator: "|").enumerated().map { "\($0.offset + 1). \($0.element)" } + [""]
        case .page:
            lines += ["summary: \"\(words.pageSummary)\"", "draft: true", "---", "", words.pageBody, ""]
        }
        return lines.joined(separator: "\n")
    }
}
