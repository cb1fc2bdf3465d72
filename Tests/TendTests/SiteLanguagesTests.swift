import Foundation
import TendBuild
import TendContent
import TendCore
import TendSite
import Testing

@testable import TendCLI

/// A site in English and Spanish: every page in its language, translations linked both ways,
/// and what `tend check` says of them.
@Suite struct SiteLanguagesTests {
    static let folder = Fixtures.root + "/sites/bilingual"

    @Test func bilingualSiteMatchesGoldenFiles() {
        let site = MemorySite(copying: Self.folder)
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        GoldenFiles.compare(site.tree(), expected: Self.folder + "/expected")
    }

    /// Each page and its translation name each other (hreflang both ways, x-default the default language's).
    @Test func translationsPointAtEachOther() throws {
        let site = MemorySite(copying: Self.folder)
        #expect(site.build().succeeded)
        let english = try #require(site.read("public/articles/repair/index.html"))
        let spanish = try #require(site.read("public/es/articles/repair/index.html"))
        for page in [english, spanish] {
            #expect(page.contains(#"<link rel="alternate" hreflang="en-US" href="https://counseling.example.org/articles/repair/">"#))
            #expect(page.contains(#"<link rel="alternate" hreflang="es" href="https://counseling.example.org/es/articles/repair/">"#))
            #expect(page.contains(#"<link rel="alternate" hreflang="x-default" href="https://counseling.example.org/articles/repair/">"#))
        }
        #expect(spanish.hasPrefix("<!DOCTYPE html>\n<html lang=\"es\">"))
        #expect(spanish.contains(#"<a href="/articles/repair/" hreflang="en-US" lang="en-US" rel="alternate">English</a>"#))
        #expect(english.contains(#"<a href="/es/articles/repair/" hreflang="es" lang="es" rel="alternate">Español</a>"#))
        // A page with no translation has no alternates, and its switcher goes to the other language's home.
        let alone = try #require(site.read("public/articles/only-english/index.html"))
        #expect(!alone.contains("hreflang=\"es\" href"))
        #expect(alone.contains(#"<a href="/es/" hreflang="es" lang="es">Español</a>"#))
    }

    /// Spanish pages cite in Spanish APA; the same bibliography gives English APA on English pages.
    @Test func citationsFollowThePageLanguage() throws {
        let site = MemorySite(copying: Self.folder)
        #expect(site.build().succeeded)
        let spanish = try #require(site.read("public/es/articles/repair/index.html"))
        let english = try #require(site.read("public/articles/repair/index.html"))
        #expect(spanish.contains(">Gottman y Silver, 2015</a>, p. 22)"))
        #expect(spanish.contains(">Ortega et al., en prensa</a>)"))
        #expect(spanish.contains(">World Health Organization, s.f.</a>, cap. 2)"))
        #expect(spanish.contains("Frankl, V. E. (2006). <em>Man’s search for meaning</em> (I. Lasch, Trad.). Beacon Press. (Obra original publicada en 1946)"))
        #expect(spanish.contains("Gottman, J. M., y Silver, N. (2015). <em>The seven principles for making marriage work</em> (2.ª ed.). Harmony Books."))
        #expect(spanish.contains("World Health Organization. (s.f.). <em>Stress</em>. Recuperado el 5 de marzo de 2024 de <a href="))
        #expect(spanish.contains("<h2 id=\"references\">Referencias</h2>"))
        #expect(english.contains(">Gottman &amp; Silver, 2015</a>, p. 22)"))
        #expect(english.contains("Frankl, V. E. (2006). <em>Man’s search for meaning</em> (I. Lasch, Trans.). Beacon Press. (Original work published 1946)"))
        #expect(english.contains("Retrieved March 5, 2024, from <a href="))
    }

    /// Feeds, search indexes and tag pages are one set a language; the sitemap lists both, with alternates.
    @Test func feedsSearchAndSitemapPerLanguage() throws {
        let site = MemorySite(copying: Self.folder)
        #expect(site.build().succeeded)
        let tree = site.tree()
        for path in ["feed.xml", "es/feed.xml", "search/index.json", "es/search/index.json", "es/tags/reparacion/index.html", "es/404.html"] {
            #expect(tree[path] != nil, "\(path)")
        }
        let feed = try #require(site.read("public/es/feed.xml"))
        #expect(feed.contains("xml:lang=\"es\"") && feed.contains("Pequeñas reparaciones") && !feed.contains("Small repairs"))
        let index = try #require(site.read("public/es/search/index.json"))
        #expect(index.contains("\"title\":\"Recursos para crisis\"") && !index.contains("Sleep and worry"))
        let sitemap = try #require(site.read("public/sitemap.xml"))
        #expect(sitemap.contains("<loc>https://counseling.example.org/es/articles/duelo/</loc>"))
        #expect(sitemap.contains(#"<xhtml:link rel="alternate" hreflang="es" href="https://counseling.example.org/es/articles/repair/"/>"#))
        #expect(tree["es/sitemap.xml"] == nil && tree["es/robots.txt"] == nil && tree["es/assets/tend.css"] == nil)
    }

    @Test func checkReportsWhatTranslationsLack() {
        let site = MemorySite(copying: Self.folder)
        let report = SiteBuilder.check(site.request(), fileSystem: site.fileSystem)
        #expect(
            MinimalSite.messages(report, severity: .warning) == [
                "content/articles/only-english.md:1:1: this page is published in English only; it has no Spanish (content/es/articles/only-english.md) version",
                "content/es/articles/duelo.md:1:1: this page is published in Spanish only; it has no English (content/articles/duelo.md) version",
                "content/es/articles/repair.md:5:10: the English original (content/articles/repair.md) was updated on 2026-05-10, after this translation (2026-04-01)",
                "content/es/articles/repair.md:21:79: the link '/exercises/breathing/' goes to the English page, though it has a Spanish version",
            ])
    }

    @Test func languageSettingsErrors() {
        let yml =
            MinimalSite.siteYML + """
                languages:
                  default: en
                  others: [es, english, es]
                translations:
                  fr: { title: Pratique }
                  es:
                    colour: blue

                """
        let report = MinimalSite.build(MinimalSite.files().merging(["content/site.yml": yml]) { $1 }).0
        #expect(
            MinimalSite.messages(report) == [
                "content/site.yml:10:11: 'languages.others' lists 'english', which is not a language code such as es or fr",
                "content/site.yml:10:11: 'languages.others' lists 'es' twice, or the default language again",
            ])
        #expect(
            MinimalSite.messages(report, severity: .warning) == [
                "content/site.yml:12:3: 'translations.fr' is ignored: 'fr' is not in languages.others",
                "content/site.yml:14:5: unknown field 'colour' is ignored",
            ])
    }

    /// A site's templates/i18n/<lang>.yml changes the built-in words; an unknown key is named.
    @Test func siteWordsOverrideTheTheme() throws {
        let site = MemorySite(
            copying: Self.folder,
            files: ["templates/i18n/es.yml": "skip_link: Ir al contenido\nnav_articels: Notas\n"])
        let report = site.build()
        #expect(report.succeeded)
        #expect(MinimalSite.messages(report, severity: .warning) == ["templates/i18n/es.yml:2:1: unknown text 'nav_articels' is ignored"])
        #expect(try #require(site.read("public/es/index.html")).contains(##"<a class="skip-link" href="#main">Ir al contenido</a>"##))
        #expect(try #require(site.read("public/index.html")).contains(##"<a class="skip-link" href="#main">Skip to main content</a>"##))
    }

    /// A language Tend has no words for says so, and its pages use English words until the site gives its own.
    @Test func aLanguageWithoutWordsIsNamed() {
        let yml = MinimalSite.siteYML + "languages: { default: en, others: [pt] }\n"
        let report = MinimalSite.build(MinimalSite.files().merging(["content/site.yml": yml]) { $1 }).0
        #expect(report.succeeded)
        #expect(
            MinimalSite.messages(report, severity: .warning).contains(
                "content/site.yml:1:1: Tend has no words for its theme in 'pt'; its pages show them in English"))
    }

    /// Two pages of one language with one translation key are an error naming both.
    @Test func oneTranslationKeyPerLanguage() {
        let site = MemorySite(
            copying: Self.folder,
            files: [
                "content/es/articles/otra.md": "---\ntitle: Otra\nsummary: Otra.\ndate: 2026-01-01\nauthor: ana\ntranslation_key: repair\n---\nTexto.\n",
                "content/es/articles/tercera.md": "---\ntitle: Tercera\nsummary: Otra.\ndate: 2026-01-01\nauthor: ana\ntranslation_key: repair\n---\nTexto.\n",
            ])
        #expect(
            MinimalSite.messages(site.build()) == [
                "content/es/articles/tercera.md:6:18: content/es/articles/tercera.md and content/es/articles/otra.md are both the Spanish version of one page"
            ])
    }

    /// A Spanish page's reading level is Fernández-Huerta's.
    @Test func readabilityPerLanguage() throws {
        let content = try #require(
            SiteContent.load(
                siteRoot: Self.folder, snapshot: SourceSnapshot(root: Self.folder, folders: ["content", "templates"], fileSystem: LocalFileSystem()),
                fileSystem: LocalFileSystem(), cache: nil, savesCache: false
            ).0)
        let spanish = try #require(content.pages.first { $0.sourcePath == "content/es/articles/repair.md" })
        let grade = try #require(spanish.readabilityGrade)
        let ease = TextStatistics.fernandezHuertaEase("Después de una discusión, un pequeño gesto de reparación suele importar más que quién tenía razón.")
        #expect(ease == nil)  // under 30 words
        #expect(grade > 4 && grade < 16)
    }

    /// `tend new --lang es` writes Spanish placeholders, and the draft builds in the Spanish site.
    @Test func newSpanishDraftBuilds() throws {
        let today = try #require(CalendarDate("2026-06-01"))
        let draft = NewCommand.template(kind: .article, title: "Cómo pedir perdón", author: "ana", today: today, spanish: true)
        #expect(draft.contains("## Cuándo pedir apoyo") && draft.contains("tags: [relaciones]"))
        let site = MemorySite(
            copying: Self.folder, files: ["content/es/articles/como-pedir-perdon.md": draft.replacingOccurrences(of: "draft: true", with: "draft: false")])
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(try #require(site.read("public/es/articles/como-pedir-perdon/index.html")).contains("<h2 id=\"cuando-pedir-apoyo\">Cuándo pedir apoyo</h2>"))
    }

    /// A site whose default language is Spanish: English pages under /en/, Spanish words at the
    /// root, and a translation_key on one side naming the original's file.
    @Test func spanishFirstSite() throws {
        let site = MemorySite(files: [
            "content/site.yml": """
            title: Consultorio Alba
            base_url: https://alba.example.org/
            language: es-MX
            practice: { name: Consultorio Alba, phone: "(213) 555-0108" }
            languages: { default: es, others: [en] }
            translations:
              en: { title: Alba Practice }

            """,
            "content/authors/alba.md": "---\nname: Alba Ruiz\n---\nPsicóloga.\n",
            "content/articles/ansiedad.md": "---\ntitle: Ansiedad\nsummary: Qué es.\ndate: 2026-01-10\nauthor: alba\n---\nLa ansiedad es normal.\n",
            "content/en/articles/anxiety.md":
                "---\ntitle: Anxiety\nsummary: What it is.\ndate: 2026-01-10\nauthor: alba\ntranslation_key: ansiedad\n---\nAnxiety is normal.\n",
        ])
        let report = site.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let spanish = try #require(site.read("public/articles/ansiedad/index.html"))
        #expect(spanish.hasPrefix("<!DOCTYPE html>\n<html lang=\"es-MX\">") && spanish.contains(">Saltar al contenido principal<"))
        #expect(spanish.contains(#"<link rel="alternate" hreflang="en" href="https://alba.example.org/en/articles/anxiety/">"#))
        let english = try #require(site.read("public/en/articles/anxiety/index.html"))
        #expect(english.contains(">Skip to main content<") && english.contains(#"hreflang="x-default" href="https://alba.example.org/articles/ansiedad/""#))
    }

    /// A translation may give its own practice details and the whole consultation block; what it
    /// does not name stays the default language's.
    @Test func translationsMayChangeThePracticeAndConsultation() throws {
        let yml = """
            title: Test Practice
            base_url: https://www.example.org/
            practice: { name: Test Practice, phone: "(310) 555-0142", email: hello@example.org }
            consultation: { headline: Book a call, duration_minutes: 20, after_articles: true }
            bibliography: [references.bib]
            languages: { default: en, others: [es] }
            translations:
              es:
                practice: { phone: "(310) 555-0177" }
                consultation: { headline: Reserve una llamada, body: En español., duration_minutes: 30, after_articles: true }

            """
        var files = MinimalSite.files().merging(["content/site.yml": yml]) { $1 }
        files["content/es/articles/hola.md"] = "---\ntitle: Hola\nsummary: Un saludo.\ndate: 2026-01-01\nauthor: ada\n---\nHola.\n"
        let (report, site) = MinimalSite.build(files)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(MinimalSite.messages(report, severity: .warning).isEmpty, "\(MinimalSite.messages(report, severity: .warning))")
        let page = try String(contentsOfFile: site.path + "/public/es/articles/hola/index.html", encoding: .utf8)
        #expect(page.contains("href=\"tel:+13105550177\"") && page.contains("mailto:hello@example.org") && page.contains(">Reserve una llamada<"))
    }
}
