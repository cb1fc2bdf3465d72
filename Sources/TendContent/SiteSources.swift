import TendCore
import TendFrontMatter

/// A file of the site, relative to the site root and absolute, with what `stat` said of it
/// when the build's walk passed (nil for a file read outside a walk).
public struct SourceFile: Sendable, Hashable {
    public var relativePath: String
    public var absolutePath: String
    public var status: FileStatus?

    public init(relativePath: String, absolutePath: String, status: FileStatus? = nil) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.status = status
    }
}

/// The files of `content/`, sorted, by what they are.
public struct SiteSources: Sendable {
    public var pages: [(kind: ContentKind, file: SourceFile)] = []
    public var media: [SourceFile] = []

    static let sections: [String: ContentKind] = ["articles": .article, "exercises": .exercise, "pages": .page, "authors": .author]

    /// Sorts the files of `content/` in `snapshot`: Markdown by section, everything under
    /// `media/`; a symbolic link that led outside the site is a warning.
    /// Files of another language are in `content/<code>/` for each code of `languages`.
    public static func classify(_ snapshot: SourceSnapshot, languages: [String] = []) -> (SiteSources, [Diagnostic]) {
        var sources = SiteSources()
        var diagnostics: [Diagnostic] = []
        if snapshot.missingFolders.contains("content") {
            diagnostics.append(
                .error(SourceLocation(path: "content"), "there is no content/ folder here", hint: "run tend in the site's root folder, or pass --site DIR"))
        }
        for link in snapshot.linksOutside where link.hasPrefix("content/") {
            diagnostics.append(
                .warning(SourceLocation(path: link), "ignored a symbolic link that points outside content/", hint: "copy the file into content/ instead"))
        }
        for file in snapshot.files(under: "content") {
            classify(
                SourceFile(relativePath: file.relativePath, absolutePath: file.absolutePath, status: file.status), languages: Set(languages.dropFirst()),
                into: &sources, diagnostics: &diagnostics)
        }
        return (sources, diagnostics)
    }

    private static func classify(_ file: SourceFile, languages: Set<String>, into sources: inout SiteSources, diagnostics: inout [Diagnostic]) {
        var parts = file.relativePath.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count >= 2 else { return }
        var inLanguageFolder = false
        if parts.count > 2, languages.contains(parts[1]) {
            // content/es/articles/a.md is laid out as content/articles/a.md is; authors and media are shared.
            parts.remove(at: 1)
            inLanguageFolder = true
            if parts.count > 2, parts[1] == "media" {
                diagnostics.append(
                    .warning(
                        SourceLocation(path: file.relativePath), "ignored: media are shared by every language",
                        hint: "keep images and files in content/media/; every language links to them there"))
                return
            }
        }
        let section = parts.count > 2 ? parts[1] : ""
        if section == "media" {
            let lower = file.relativePath.lowercased()
            if [".html", ".htm", ".xhtml", ".js", ".mjs", ".php"].contains(where: { lower.hasSuffix($0) }) {
                diagnostics.append(
                    .warning(
                        SourceLocation(path: file.relativePath), "not copied: files in media/ may not be pages or scripts",
                        hint: "media/ is for images, audio, video and documents such as PDFs"))
                return
            }
            sources.media.append(file)
        } else if let kind = sections[section], file.relativePath.hasSuffix(".md") {
            sources.pages.append((kind, file))
        } else if !inLanguageFolder && parts.count == 2 && (parts[1] == "site.yml" || parts[1].hasSuffix(".bib") || parts[1].hasSuffix(".json")) {
            return  // settings and bibliographies, read by name
        } else {
            diagnostics.append(
                .warning(
                    SourceLocation(path: file.relativePath), "ignored a file Tend does not know what to do with",
                    hint: inLanguageFolder
                        ? "a translation goes in the language's articles, exercises or pages folder (content/es/articles/...)"
                        : "Markdown goes in content/articles, exercises, pages or authors; images and files in content/media"))
        }
    }
}
