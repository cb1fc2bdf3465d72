import TendContent
import TendCore
import TendLanguage

/// The languages of a site and which published pages translate which: what hreflang links,
/// the language switcher and `tend check` read. Shared by every language's graph.
public final class SiteLanguages: Sendable {
    /// A language as the other languages link to it.
    public struct Language: Sendable, Hashable, Encodable {
        /// `en`, `es`: the folder and the key of `translations:`.
        public let code: String
        /// What `<html lang>` and `hreflang` say: `en-US`, `es`.
        public let tag: String
        /// The language's name in itself: `English`, `Español`.
        public let name: String
        /// The language's home page: `/`, `/es/`.
        public let home: String
    }

    /// A version of a page in one language.
    public struct Version: Sendable, Hashable, Encodable {
        public let language: Language
        public let url: String

        public init(language: Language, url: String) {
            self.language = language
            self.url = url
        }
    }

    /// Every language, the default first (empty for a site in one language).
    public let all: [Language]
    /// The published pages with a translation: translation key → each language's URL, in the order of `all`.
    private let versionsByKey: [String: [Version]]
    /// A page's translation key by its URL.
    private let keyByURL: [String: String]
    /// Each translation key's pages, in the order of `all` (nil where a language lacks it), for `tend check`.
    public let pagesByKey: [(key: String, pages: [Page?])]

    public static let single = SiteLanguages(all: [], versionsByKey: [:], keyByURL: [:], pagesByKey: [])

    private init(all: [Language], versionsByKey: [String: [Version]], keyByURL: [String: String], pagesByKey: [(key: String, pages: [Page?])]) {
        self.all = all
        self.versionsByKey = versionsByKey
        self.keyByURL = keyByURL
        self.pagesByKey = pagesByKey
    }

    /// Links the published pages of every language (`languages` in the order of site.yml, the
    /// default first): pages at the same path below their language's folder, or with the same
    /// `translation_key`, translate each other. Two pages of one language with one key are an error.
    public static func link(_ languages: [(config: SiteConfig, pages: [Page])]) -> (SiteLanguages, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let all = languages.map { config, _ in
            Language(code: config.languageCode, tag: config.language, name: config.words["language_name"], home: config.routes.home)
        }
        var pagesByKey: [String: [Page?]] = [:]
        for (index, entry) in languages.enumerated() {
            var seen: [String: Page] = [:]
            for page in entry.pages {
                let key = page.translationKey
                if let first = seen[key] {
                    diagnostics.error(
                        page.matter.location(of: "translation_key"),
                        "\(page.sourcePath) and \(first.sourcePath) are both the \(ThemeText.englishName(of: all[index].code)) version of one page",
                        hint: "give each its own translation_key, or remove the key from one of them")
                    continue
                }
                seen[key] = page
                pagesByKey[key, default: Array(repeating: nil, count: languages.count)][index] = page
            }
        }
        // A `translation_key` may name the original by its file (`translation_key: anxiety` on
        // content/es/articles/ansiedad.md translates content/articles/anxiety.md): such a group
        // joins the group of that path when no language is in both.
        for key in pagesByKey.keys.sorted() where key.hasPrefix("key:") {
            guard let pages = pagesByKey[key], let page = pages.compactMap({ $0 }).first else { continue }
            let section = page.translationPath.split(separator: "/").first.map(String.init) ?? ""
            let target = "\(section)/\(key.dropFirst(4)).md"
            guard let other = pagesByKey[target], zip(pages, other).allSatisfy({ $0 == nil || $1 == nil }) else { continue }
            pagesByKey[target] = zip(pages, other).map { $0 ?? $1 }
            pagesByKey[key] = nil
        }
        var versionsByKey: [String: [Version]] = [:]
        var keyByURL: [String: String] = [:]
        for (key, pages) in pagesByKey where pages.compactMap({ $0 }).count > 1 {
            versionsByKey[key] = zip(all, pages).compactMap { language, page in page.map { Version(language: language, url: $0.url) } }
            for page in pages.compactMap({ $0 }) { keyByURL[page.url] = key }
        }
        let sorted = pagesByKey.keys.sorted().map { (key: $0, pages: pagesByKey[$0]!) }
        return (SiteLanguages(all: all, versionsByKey: versionsByKey, keyByURL: keyByURL, pagesByKey: sorted), diagnostics.all)
    }

    public var isMultilingual: Bool { all.count > 1 }

    /// The versions of the page at `url` in every language that has it (itself included); empty
    /// when it has no translation.
    public func versions(ofPage url: String) -> [Version] {
        keyByURL[url].flatMap { versionsByKey[$0] } ?? []
    }

    /// The versions of one of Tend's own pages (home, lists, search, references), which every
    /// language publishes: `path` below the language's folder (`articles/`).
    public func versions(ofBuiltIn path: String) -> [Version] {
        guard isMultilingual else { return [] }
        return all.map { Version(language: $0, url: $0.home + path) }
    }
}
