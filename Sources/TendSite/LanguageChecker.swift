import TendContent
import TendCore
import TendLanguage

/// What `tend check` reports of a site in several languages: pages in one language only,
/// translations older than their original, links to another language's page where the reader's
/// language has its own, and settings `translations:` leaves in the default language.
public struct LanguageChecker: Sendable {
    /// Every language's graph, the default first.
    let graphs: [SiteGraph]

    public init(graphs: [SiteGraph]) { self.graphs = graphs }

    public func problems() -> [Diagnostic] {
        guard graphs.count > 1, let languages = graphs.first?.languages else { return [] }
        var diagnostics: [Diagnostic] = []
        let names = languages.all.map { ThemeText.englishName(of: $0.code) }
        for (_, pages) in languages.pagesByKey {
            let present = pages.indices.filter { pages[$0] != nil }
            let missing = pages.indices.filter { pages[$0] == nil }
            guard let first = present.first, let page = pages[first] else { continue }
            if !missing.isEmpty {
                let wanted = missing.map { index -> String in
                    let code = languages.all[index].code
                    return "\(names[index]) (\(Self.translationPath(of: page, in: index == 0 ? nil : code)))"
                }
                diagnostics.append(
                    .warning(
                        SourceLocation(path: page.sourcePath),
                        "this page is published in \(names[first]) only; it has no \(wanted.joined(separator: " or ")) version",
                        hint: "translate it into that file; a translation with another file name is linked by giving both the same translation_key"))
            }
            // The default language's page is the original; a translation changed before it is behind.
            guard let original = pages[0], let originalDate = original.matter.updated ?? original.matter.date else { continue }
            for index in pages.indices.dropFirst() {
                guard let translation = pages[index] else { continue }
                let translated = translation.matter.updated ?? translation.matter.date
                if translated.map({ $0 < originalDate }) ?? true {
                    diagnostics.append(
                        .warning(
                            translation.matter.location(of: translation.matter.updated == nil ? "title" : "updated"),
                            "the \(names[0]) original (\(original.sourcePath)) was updated on \(originalDate), after this translation"
                                + (translated.map { " (\($0))" } ?? ""),
                            hint: "bring the translation up to date, then set its updated: to the day you did"))
                }
            }
        }
        diagnostics += crossLanguageLinks(languages)
        if let config = graphs.first?.config {
            for graph in graphs.dropFirst() {
                let code = graph.config.languageCode
                for field in config.untranslated[code] ?? [] {
                    diagnostics.append(
                        .warning(
                            SourceLocation(path: SiteConfig.path),
                            "'translations.\(code)' has no '\(field)'; \(ThemeText.englishName(of: code)) pages \(Self.fallback(field))",
                            hint: "add \(field): under translations: \(code): in content/site.yml"))
                }
            }
        }
        return diagnostics
    }

    /// What a language's pages show when `field` is not translated.
    private static func fallback(_ field: String) -> String {
        switch field {
        case "consultation": return "show the built-in consultation headline and no body"
        case "crisis": return "show the default language's crisis lines and labels"
        case "trust": return "show no trust statements"
        default: return "leave it out"
        }
    }

    /// `content/es/articles/a.md` for `content/articles/a.md` in `es`; the default language's
    /// file for a translation (`nil`).
    private static func translationPath(of page: Page, in code: String?) -> String {
        "content/" + (code.map { $0 + "/" } ?? "") + page.translationPath
    }

    /// A link to a page of another language that has a version in the page's own language.
    private func crossLanguageLinks(_ languages: SiteLanguages) -> [Diagnostic] {
        var languageByURL: [String: Int] = [:]
        for (index, graph) in graphs.enumerated() { for page in graph.publishedPages { languageByURL[page.url] = index } }
        var diagnostics: [Diagnostic] = []
        for (index, graph) in graphs.enumerated() {
            let rootPath = URLPolicy.path(of: graph.config.baseURL)
            for page in graph.publishedPages {
                for link in page.links where !link.isImage && URLPolicy.scheme(of: link.url) == nil && !link.url.hasPrefix("#") {
                    let path = String(link.url.prefix { $0 != "#" && $0 != "?" })
                    var target = SiteChecker.resolve(path, from: page.url, rootPath: rootPath)
                    if languageByURL[target] == nil, !target.hasSuffix("/") { target += "/" }
                    guard let targetLanguage = languageByURL[target], targetLanguage != index,
                        let own = languages.versions(ofPage: target).first(where: { $0.language.code == languages.all[index].code })
                    else { continue }
                    diagnostics.append(
                        .warning(
                            link.location,
                            "the link '\(link.url)' goes to the \(ThemeText.englishName(of: languages.all[targetLanguage].code)) page, though it has a \(ThemeText.englishName(of: languages.all[index].code)) version",
                            hint: "link to \(own.url) instead"))
                }
            }
        }
        return diagnostics
    }
}
