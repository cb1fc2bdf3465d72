import TendCitations
import TendComponents
import TendContent
import TendCore
import TendLanguage
import TendSite
import TendTemplates

/// What every file of the site may read besides its own inputs: the settings, the templates,
/// the address the site is published at, and the navigation. Made once a build; encoded as its
/// digest, so thousands of jobs share one hash of it. What it derives (links, the consultation
/// and crisis components) it derives from these fields alone.
final class SiteInputs: Encodable, Sendable {
    struct Fields: Encodable, Sendable {
        /// `site.yml` and the bibliographies, addressed by the settings digest (which covers
        /// Tend itself too).
        let settings: Addressed<Settings>
        /// Addressed by the templates' fingerprint.
        let templates: Addressed<TemplateLibrary>
        let links: SiteLinks
        /// The moment fixed by `SOURCE_DATE_EPOCH`, if any.
        let fixedDate: CalendarDate?
        let menu: [MenuItem]
        let hasExercises: Bool
        /// Where the crisis banner and disclaimers point.
        let crisisPath: String
        /// Where this language's pages are published.
        let routes: Routes
        /// Every language of the site, the default first (empty for one language).
        let languages: [SiteLanguages.Language]
    }

    struct Settings: Sendable {
        let config: SiteConfig
        let bibliography: Bibliography
    }

    struct MenuItem: Encodable, Sendable {
        let title: String
        let path: String
    }

    let fields: Fields
    let digest: UInt64
    /// The consultation and crisis components, rendered once for every page and partial.
    let consultationHTML: String
    let crisisHTML: String
    /// The crisis banner's one-tap buttons.
    let crisisActionsHTML: String

    init(_ fields: Fields) {
        self.fields = fields
        digest = stableDigest(fields)
        consultationHTML = ComponentHTML.consultation(fields.settings.value.config.components)
        crisisHTML = ComponentHTML.crisis(fields.settings.value.config.components)
        crisisActionsHTML = ComponentHTML.crisisActions(fields.settings.value.config.components)
    }

    var config: SiteConfig { fields.settings.value.config }
    var routes: Routes { fields.routes }
    /// The theme's words in this language.
    var words: ThemeText { config.words }
    var bibliography: Bibliography { fields.settings.value.bibliography }
    var templates: TemplateLibrary { fields.templates.value }
    var links: SiteLinks { fields.links }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digest)
    }
}
