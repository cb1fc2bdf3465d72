import Foundation
import TendCore
import TendLanguage

/// The site's Mustache templates: the built-in theme, overridden file by file by the site's
/// `templates/`, parsed once and rendered by Tend's own renderer with typed views.
public struct TemplateLibrary: Sendable {
    /// Each template's parsed nodes, by name.
    private let templates: [String: [TemplateNode]]
    /// Template names (paths under `templates/` without `.html`).
    public let names: Set<String>
    /// Files under `assets/`, by path relative to it, with the absolute path to copy from and
    /// what `stat` said of it.
    public let assets: [(relativePath: String, sourcePath: String, status: FileStatus?)]
    /// A digest of every template's name and text: pages rendered with other templates differ.
    public let fingerprint: UInt64

    /// The built-in theme's folder, shipped with Tend.
    public static var builtInDirectory: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Theme").path
    }

    /// The built-in theme's files, walked once.
    public static func builtInTheme(fileSystem: FileSystem) -> SourceSnapshot? {
        builtInDirectory.map { SourceSnapshot(root: $0, folders: [""], fileSystem: fileSystem) }
    }

    /// Loads the built-in theme's files, then the site's (`siteFiles`, under `templates/` of the
    /// site's snapshot) over them, once, and makes one library for each of `languages`, in order
    /// (none when anything is an error). Template syntax errors are diagnostics naming the file.
    /// Each `{{t.key}}` becomes the escaped text of `key` in the language's words before the
    /// template is parsed, so the theme's words cost nothing at render time; an unknown key is
    /// an error.
    public static func load(
        theme: SourceSnapshot?, siteFiles: some Collection<SourceSnapshot.File>, fileSystem: FileSystem, languages: [ThemeText]
    ) -> ([TemplateLibrary], [Diagnostic]) {
        var texts: [String: (text: String, path: String)] = [:]
        var assets: [String: (String, FileStatus?)] = [:]
        var diagnostics: [Diagnostic] = []
        let themeFiles = (theme?.files ?? []).map { (relative: $0.relativePath, file: $0, shown: "(built-in theme)/" + $0.relativePath) }
        let ownFiles = siteFiles.map { (relative: String($0.relativePath.dropFirst("templates/".count)), file: $0, shown: $0.relativePath) }
        for (relative, file, shown) in themeFiles + ownFiles {
            if relative.hasPrefix("assets/") {
                assets[String(relative.dropFirst("assets/".count))] = (file.absolutePath, file.status)
            } else if relative.hasSuffix(".html") {
                do {
                    guard file.status.size <= 4_000_000 else {
                        throw Diagnostic.error(SourceLocation(path: shown), "the template is \(file.status.size / 1_000_000) MB; templates may be up to 4 MB")
                    }
                    texts[String(relative.dropLast(5))] = (try SourceText.decode(try fileSystem.contents(of: file.absolutePath), path: shown), shown)
                } catch let diagnostic as Diagnostic {
                    diagnostics.append(diagnostic)
                } catch {
                    diagnostics.append(.error(SourceLocation(path: shown), "could not read the template: \(error)"))
                }
            }
        }
        let assetList = assets.keys.sorted().map { ($0, assets[$0]!.0, assets[$0]!.1) }
        // The files are read once; each language's library is made from them with its words.
        var libraries: [TemplateLibrary] = []
        for (index, words) in languages.enumerated() {
            let (library, problems) = make(texts, words: words, assets: assetList)
            // The problems are the same in every language: the first one's are reported.
            if index == 0 { diagnostics += problems }
            guard !diagnostics.contains(where: { $0.severity == .error }) else { return ([], diagnostics) }
            libraries.append(library)
        }
        return (libraries, diagnostics)
    }

    /// The library of `texts` (by template name) with `words` filled in, and its problems.
    private static func make(
        _ texts: [String: (text: String, path: String)], words: ThemeText, assets: [(relativePath: String, sourcePath: String, status: FileStatus?)]
    ) -> (TemplateLibrary, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: (text: String, path: String)] = [:]
        for (name, source) in texts {
            let (filled, problems) = fillWords(source.text, words: words, path: source.path)
            diagnostics += problems
            sources[name] = (filled, source.path)
        }
        let names = Set(sources.keys)
        let paths = sources.mapValues(\.path)
        var templates: [String: [TemplateNode]] = [:]
        var includes: [String: [String]] = [:]
        var fingerprint = StableHasher()
        fingerprint.combine(stableDigest(words))
        for name in sources.keys.sorted() {
            let source = sources[name]!
            fingerprint.combine(name)
            fingerprint.combine(source.text)
            do {
                let parsed = try TemplateParser.parse(source.text)
                templates[name] = parsed.nodes
                includes[name] = parsed.includes.map(\.name)
                for include in parsed.includes where sources[include.name] == nil {
                    diagnostics.append(
                        .error(
                            SourceLocation(path: source.path, line: include.line, column: include.column),
                            "the template includes '\(include.name)', which is neither in templates/ nor in the built-in theme",
                            hint: Suggestions.hint(for: include.name, in: names) ?? "add templates/\(include.name).html, or correct the name"))
                }
            } catch {
                diagnostics.append(.error(SourceLocation(path: source.path, line: error.line, column: error.column), error.message, hint: error.hint))
            }
        }
        let cycles = includeCycles(includes, paths: paths)
        diagnostics += cycles.isEmpty ? includeFanOut(includes, paths: paths) : cycles
        return (TemplateLibrary(templates: templates, names: names, assets: assets, fingerprint: fingerprint.value), diagnostics)
    }

    /// `text` with each `{{t.key}}` replaced by the escaped words of `key`.
    static func fillWords(_ text: String, words: ThemeText, path: String) -> (String, [Diagnostic]) {
        guard text.contains("{{t.") || text.contains("{{ t.") else { return (text, []) }
        let known = Set(ThemeText.keys)
        var diagnostics: [Diagnostic] = []
        var out = ""
        var line = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let before = rest[..<open.lowerBound]
            out += before
            line += before.utf8.count { $0 == UInt8(ascii: "\n") }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if inner.hasPrefix("t."), !inner.contains("{"), !inner.contains("\n") {
                let key = String(inner.dropFirst(2))
                if known.contains(key) {
                    out += Escape.html(words[key])
                } else {
                    let column =
                        (out.utf8.count - (out.utf8.lastIndex(of: UInt8(ascii: "\n")).map { out.utf8.distance(from: out.utf8.startIndex, to: $0) + 1 } ?? 0))
                        + 1
                    diagnostics.append(
                        .error(
                            SourceLocation(path: path, line: line, column: column), "the template asks for the text 't.\(key)', which Tend does not have",
                            hint: Suggestions.hint(for: key, in: known) ?? "the keys are those of Tend's built-in words (see the README)"))
                }
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return (out + rest, diagnostics)
    }

    /// A template that includes itself, through partials or a parent template, would render
    /// forever: each cycle is an error naming the first file of it.
    private static func includeCycles(_ includes: [String: [String]], paths: [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var finished: Set<String> = []
        var reported: Set<String> = []
        func visit(_ name: String, _ path: [String]) {
            if let start = path.firstIndex(of: name) {
                let cycle = Array(path[start...])
                guard let first = cycle.min(), reported.insert(first).inserted, let path = paths[first] else { return }
                let from = cycle.firstIndex(of: first)!
                let ordered = Array(cycle[from...] + cycle[..<from]) + [first]
                diagnostics.append(
                    .error(
                        SourceLocation(path: path), "the template '\(first)' includes itself (\(ordered.joined(separator: " → ")))",
                        hint: "a partial may not include, directly or through others, the template that includes it"))
                return
            }
            guard !finished.contains(name), includes[name] != nil else { return }
            for next in includes[name] ?? [] { visit(next, path + [name]) }
            finished.insert(name)
        }
        for name in includes.keys.sorted() { visit(name, []) }
        return diagnostics
    }

    /// How many partials a template may include, counting those its partials include again:
    /// ten partials each including the next ten times would be ten billion renders of a page.
    static let maxIncludes = 10_000

    /// Each template whose partials, through one another, come to more than `maxIncludes` is an
    /// error naming it (the graph has no cycles here).
    private static func includeFanOut(_ includes: [String: [String]], paths: [String: String]) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        func count(_ name: String) -> Int {
            if let known = counts[name] { return known }
            var total = 0
            for next in includes[name] ?? [] {
                total = min(total + 1 + count(next), maxIncludes + 1)
            }
            counts[name] = total
            return total
        }
        return includes.keys.sorted().compactMap { name in
            guard count(name) > maxIncludes, let path = paths[name] else { return nil }
            return .error(
                SourceLocation(path: path), "the template '\(name)' includes partials more than \(maxIncludes) times over, counting what they include",
                hint: "include a partial in a {{#list}} section instead of writing it out many times")
        }
    }

    /// Renders the template `name` with a view computed in Swift; nil when there is no such template.
    public func render(_ name: String, _ view: TemplateObject) -> String? {
        templates[name].map { TemplateRenderer.render($0, view: view, templates: templates) }
    }
}
