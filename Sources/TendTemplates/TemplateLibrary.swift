import Foundation
import Mustache
import TendCore

/// The site's Mustache templates: the built-in theme, overridden file by file by the site's `templates/`.
public struct TemplateLibrary: Sendable {
    private let library: MustacheLibrary
    /// Template names (paths under `templates/` without `.html`).
    public let names: Set<String>
    /// Files under `assets/`, by path relative to it, with the absolute path to copy from.
    public let assets: [(relativePath: String, sourcePath: String)]
    /// A digest of every template's name and text: pages rendered with other templates differ.
    public let fingerprint: UInt64

    /// The built-in theme's folder, shipped with Tend.
    public static var builtInDirectory: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Theme").path
    }

    /// Loads the built-in theme, then `siteDirectory` (when it exists) over it. Template syntax
    /// errors are diagnostics naming the file.
    public static func load(siteDirectory: String?, siteRoot: String, fileSystem: FileSystem) -> (TemplateLibrary?, [Diagnostic]) {
        registerContentType
        var sources: [String: (text: String, path: String)] = [:]
        var assets: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var directories: [(String, Bool)] = []
        if let builtIn = builtInDirectory { directories.append((builtIn, false)) }
        if let siteDirectory, let real = fileSystem.realPath(siteDirectory), fileSystem.kind(of: real) == .directory,
            real != builtInDirectory.flatMap(fileSystem.realPath)
        {
            directories.append((real, true))
        }
        for (directory, isSite) in directories {
            for relative in listFiles(directory, fileSystem: fileSystem) {
                let absolute = directory + "/" + relative
                if relative.hasPrefix("assets/") {
                    assets[String(relative.dropFirst("assets/".count))] = absolute
                } else if relative.hasSuffix(".html") {
                    let shown = isSite ? Self.relative(absolute, to: siteRoot) : "(built-in theme)/" + relative
                    do {
                        let text = try SourceText.decode(try fileSystem.contents(of: absolute), path: shown)
                        sources[String(relative.dropLast(5))] = (text, shown)
                    } catch let diagnostic as Diagnostic {
                        diagnostics.append(diagnostic)
                    } catch {
                        diagnostics.append(.error(SourceLocation(path: shown), "could not read the template: \(error)"))
                    }
                }
            }
        }
        var library = MustacheLibrary()
        var fingerprint = StableHasher()
        for name in sources.keys.sorted() {
            let source = sources[name]!
            fingerprint.combine(name)
            fingerprint.combine(source.text)
            do {
                try library.register(source.text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let location = SourceLocation(path: source.path, line: error.context.lineNumber, column: error.context.columnNumber)
                diagnostics.append(.error(location, "template syntax error: \(error.error)", hint: "check that every {{#section}} has a matching {{/section}}"))
            } catch {
                diagnostics.append(.error(SourceLocation(path: source.path), "template syntax error: \(error)"))
            }
        }
        let assetList = assets.keys.sorted().map { ($0, assets[$0]!) }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        return (TemplateLibrary(library: library, names: Set(sources.keys), assets: assetList, fingerprint: fingerprint.value), diagnostics)
    }

    /// Renders the template `name` with a view computed in Swift; nil when there is no such template.
    public func render(_ name: String, _ view: [String: Any]) -> String? {
        library.render(view, withTemplate: name)
    }

    /// Templates that start with `{{% CONTENT_TYPE: HTML }}` escape with Tend's byte-level
    /// escaper (the same entities as Mustache's own, several times faster).
    private static let registerContentType: Void = MustacheContentTypes.register(ByteHTMLContentType(), named: "HTML")

    private static func listFiles(_ directory: String, fileSystem: FileSystem) -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? directory : directory + "/" + relative
            guard let entries = try? fileSystem.entries(of: absolute) else { continue }
            for entry in entries where !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .directory: pending.append(child)
                case .file: result.append(child)
                default: continue
                }
            }
        }
        return result.sorted()
    }

    private static func relative(_ path: String, to root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// HTML escaping for Mustache variables: `&`, `<`, `>`, `"` and `'` as entities.
struct ByteHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Escape.html(text) }
}
