import TendCore
import TendFrontMatter

/// A file of the site, relative to the site root and absolute.
public struct SourceFile: Sendable, Hashable {
    public var relativePath: String
    public var absolutePath: String

    public init(relativePath: String, absolutePath: String) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
    }
}

/// The files of `content/`, sorted, found without leaving the site root.
public struct SiteSources: Sendable {
    public var pages: [(kind: ContentKind, file: SourceFile)] = []
    public var media: [SourceFile] = []
    public var otherFiles: [SourceFile] = []

    static let sections: [String: ContentKind] = ["articles": .article, "exercises": .exercise, "pages": .page, "authors": .author]

    /// Walks `content/`: Markdown by section, everything under `media/`; junk files are skipped,
    /// symbolic links leading outside the site root are refused, loops end.
    public static func discover(siteRoot: String, fileSystem: FileSystem) -> (SiteSources, [Diagnostic]) {
        var sources = SiteSources()
        var diagnostics: [Diagnostic] = []
        let rootReal = fileSystem.realPath(siteRoot) ?? siteRoot
        var visited: Set<String> = []
        var pending: [String] = ["content"]
        while let relative = pending.popLast() {
            let absolute = siteRoot + "/" + relative
            guard let real = fileSystem.realPath(absolute), visited.insert(real).inserted else { continue }
            guard let entries = try? fileSystem.entries(of: absolute) else {
                if relative == "content" {
                    diagnostics.append(
                        .error(
                            SourceLocation(path: "content"), "there is no content/ folder here", hint: "run tend in the site's root folder, or pass --site DIR")
                    )
                }
                continue
            }
            for entry in entries {
                let name = entry.name
                let childRelative = relative + "/" + name
                let childAbsolute = siteRoot + "/" + childRelative
                if isJunk(name) { continue }
                var kind: FileKind? = entry.kind
                if kind == .symbolicLink {
                    guard let target = fileSystem.realPath(childAbsolute), isInside(target, rootReal) else {
                        diagnostics.append(
                            .warning(
                                SourceLocation(path: childRelative), "ignored a symbolic link that points outside the site",
                                hint: "copy the file into the site instead"))
                        continue
                    }
                    kind = fileSystem.kind(of: target)
                }
                let file = SourceFile(relativePath: childRelative, absolutePath: childAbsolute)
                switch kind {
                case .directory:
                    pending.append(childRelative)
                case .file:
                    classify(file, into: &sources, diagnostics: &diagnostics)
                default:
                    continue
                }
            }
        }
        sources.pages.sort { $0.file.relativePath < $1.file.relativePath }
        sources.media.sort { $0.relativePath < $1.relativePath }
        return (sources, diagnostics)
    }

    private static func classify(_ file: SourceFile, into sources: inout SiteSources, diagnostics: inout [Diagnostic]) {
        let parts = file.relativePath.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
        guard parts.count >= 2 else { return }
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
        } else if parts.count == 2 && (parts[1] == "site.yml" || parts[1].hasSuffix(".bib") || parts[1].hasSuffix(".json")) {
            sources.otherFiles.append(file)
        } else {
            diagnostics.append(
                .warning(
                    SourceLocation(path: file.relativePath), "ignored a file Tend does not know what to do with",
                    hint: "Markdown goes in content/articles, exercises, pages or authors; images and files in content/media"))
        }
    }

    /// Editor backups, lock files and system files.
    public static func isJunk(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasPrefix("~$") || name.hasPrefix("#")
            || name == "Thumbs.db" || name == "desktop.ini" || name.hasSuffix(".swp") || name.hasSuffix(".tmp") || name.hasSuffix(".bak")
    }

    /// Component-wise containment: `/site2` is not inside `/site`.
    static func isInside(_ path: String, _ root: String) -> Bool {
        let pathParts = path.split(separator: "/"), rootParts = root.split(separator: "/")
        return pathParts.count >= rootParts.count && Array(pathParts.prefix(rootParts.count)) == rootParts
    }
}
