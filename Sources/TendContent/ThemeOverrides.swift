import TendCore
import TendFrontMatter
import TendLanguage

/// A site's own words for the theme: `templates/i18n/<code>.yml`, one `key: text` a line, over
/// the built-in words of that language (or in a language Tend has no words for).
enum ThemeOverrides {
    static let folder = "templates/i18n/"

    /// Reads every i18n file the walk found and puts its words into `config` and its
    /// translations; each file's bytes go into `settings`. Unknown keys, files for a language
    /// the site does not publish and languages with no words at all are reported.
    static func apply(
        to config: inout SiteConfig, snapshot: SourceSnapshot, fileSystem: FileSystem, settings: inout StableHasher, diagnostics: inout Diagnostics
    ) {
        var covered = Set<String>()
        for file in snapshot.files(under: "templates/i18n") where file.relativePath.hasSuffix(".yml") || file.relativePath.hasSuffix(".yaml") {
            let name = String(file.relativePath.dropFirst(folder.count))
            let code = String(name.prefix { $0 != "." }).lowercased()
            guard !name.contains("/") else { continue }
            guard let bytes = try? fileSystem.contents(of: file.absolutePath), bytes.count <= 1 << 20 else {
                diagnostics.error(SourceLocation(path: file.relativePath), "the file could not be read, or is over 1 MB")
                continue
            }
            settings.combine(file.relativePath)
            settings.combine(StableHasher.digest(bytes))
            let text: String
            do {
                text = try SourceText.decode(bytes, path: file.relativePath)
            } catch {
                diagnostics.append(error)
                continue
            }
            guard let fields = YAMLMapping.parse(text, path: file.relativePath, firstLine: 1, diagnostics: &diagnostics) else { continue }
            var words: [String: String] = [:]
            let known = Set(ThemeText.keys)
            for (key, location) in fields.keys {
                guard known.contains(key) else {
                    diagnostics.warning(
                        location, "unknown text '\(key)' is ignored",
                        hint: Suggestions.hint(for: key, in: ThemeText.keys) ?? "the keys are those of Tend's built-in en.yml (see the README)")
                    continue
                }
                if let value = fields[key]?.string(&diagnostics) { words[key] = value }
            }
            let languages = config.everyLanguage.filter { $0.languageCode == code || $0.language.lowercased() == code }
            if languages.isEmpty {
                diagnostics.warning(
                    SourceLocation(path: file.relativePath), "the site publishes no language '\(code)'; these words are not used",
                    hint: "name the file after a language in site.yml's languages (\(config.everyLanguage.map(\.languageCode).joined(separator: ", ")))")
            }
            for language in languages {
                covered.insert(language.languageCode)
                if language.languageCode == config.languageCode {
                    config.useWords(config.words.overriding(words))
                } else {
                    config.translations[language.languageCode]?.useWords(language.words.overriding(words))
                }
            }
        }
        for language in config.everyLanguage where ThemeText.builtIn(language.language) == nil && !covered.contains(language.languageCode) {
            diagnostics.warning(
                SourceLocation(path: SiteConfig.path), "Tend has no words for its theme in '\(language.languageCode)'; its pages show them in English",
                hint: "write them in templates/i18n/\(language.languageCode).yml, with the keys of the README's list")
        }
    }
}

extension SiteConfig {
    /// Takes `words` as the theme's words; the settings that came from the old words (not
    /// written in site.yml) follow.
    mutating func useWords(_ words: ThemeText) {
        let old = self.words
        if disclaimer == old["disclaimer"] { disclaimer = words["disclaimer"] }
        if components.consultationHeadline == old["consultation_headline"] { components.consultationHeadline = words["consultation_headline"] }
        if components.crisisMessage == old["crisis_message"] { components.crisisMessage = words["crisis_message"] }
        components.words = words
    }
}
