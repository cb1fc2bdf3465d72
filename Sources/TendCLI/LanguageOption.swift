import ArgumentParser
import TendContent
import TendCore
import TendLanguage

/// `--lang CODE` of `tend new` and `tend import`: which language's folder a new page goes in.
enum LanguageOption {
    /// The folder below the site root for `code` (`content/`, `content/es/`) and that language's
    /// settings; a code the site does not publish is a usage error naming the ones it does.
    static func folder(for code: String?, site: String) throws -> (folder: String, config: SiteConfig?) {
        let config = ImportCommand.siteConfig(site: site)
        guard let code = code?.lowercased() else { return ("content/", config) }
        guard let config else { throw ValidationError("--lang needs content/site.yml, with the site's languages") }
        if code == config.defaultLanguage { return ("content/", config) }
        guard config.languages.contains(code) else {
            if config.languages.isEmpty {
                throw ValidationError(
                    "the site publishes one language; to add \(ThemeText.englishName(of: code)), add to content/site.yml: languages: { default: \(config.languageCode), others: [\(code)] }"
                )
            }
            throw ValidationError("the site's languages are \(config.languages.joined(separator: ", ")); --lang must be one of them, not '\(code)'")
        }
        return ("content/\(code)/", config.localized(code))
    }
}
