import Dispatch
import TendCitations
import TendCore
import TendFrontMatter

/// Everything `content/` holds, parsed: settings, bibliography, pages and authors.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var bibliography: Bibliography
    /// Articles, exercises and pages, sorted by source path.
    public var pages: [Page]
    /// Authors by id (their file name).
    public var authors: [String: Page]
    public var media: [SourceFile]

    /// Loads the site at `siteRoot`, processing pages on all cores. Every problem found is returned.
    /// With a `memo`, pages whose files did not change since the memo's last build are reused.
    /// From `bodiesOnDiskFrom` pages on, rendered bodies wait on disk rather than in memory.
    public static func load(
        siteRoot: String, fileSystem: FileSystem, serial: Bool = false, progress: ProgressReporter? = nil, memo: PageMemo? = nil,
        bodiesOnDiskFrom: Int = 2_000
    ) -> (SiteContent?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let (sources, discoveryProblems) = SiteSources.discover(siteRoot: siteRoot, fileSystem: fileSystem)
        diagnostics.append(contentsOf: discoveryProblems)
        guard let config = loadConfig(siteRoot: siteRoot, fileSystem: fileSystem, diagnostics: &diagnostics) else {
            return (nil, diagnostics.all)
        }
        var bibliography = Bibliography()
        for name in config.bibliography {
            let relative = "content/" + name
            guard !name.contains(".."), !name.hasPrefix("/") else {
                diagnostics.error(SourceLocation(path: SiteConfig.path), "the bibliography '\(name)' must be a file inside content/")
                continue
            }
            do {
                let text = try SourceText.decode(try fileSystem.contents(of: siteRoot + "/" + relative), path: relative)
                diagnostics.append(contentsOf: bibliography.add(text: text, path: relative))
            } catch let diagnostic as Diagnostic {
                diagnostics.append(diagnostic)
            } catch {
                diagnostics.error(
                    SourceLocation(path: SiteConfig.path), "the bibliography file '\(relative)' could not be read",
                    hint: "check the name under 'bibliography:' in content/site.yml")
            }
        }
        var configured = PageProcessor(config: config, bibliography: bibliography)
        configured.readContentFile = { name in
            (try? fileSystem.contents(of: siteRoot + "/content/" + name)).flatMap { try? SourceText.decode($0, path: "content/" + name) }
        }
        let processor = configured
        if let memo {
            var key = StableHasher()
            for file in sources.otherFiles {
                key.combine(file.relativePath)
                if let stamp = PageMemo.stamp(file.absolutePath) { key.combine("\(stamp.size):\(stamp.modified)") }
            }
            memo.prepare(settingsKey: key.hexDigest)
        }
        // Large sites keep rendered bodies on disk until their page is written.
        let bodyStore = sources.pages.count >= bodiesOnDiskFrom ? BodyStore(folder: siteRoot + "/.tend-cache") : nil
        progress?.begin("Reading pages", total: sources.pages.count)
        let results = parallelMap(sources.pages, serial: serial) { entry -> (Page?, [Diagnostic]) in
            defer { progress?.advance() }
            let stamp = memo == nil ? nil : PageMemo.stamp(entry.file.absolutePath)
            if let memo, let stamp, let reused = memo.result(for: entry.file.absolutePath, size: stamp.size, modified: stamp.modified) {
                return reused
            }
            let result: (Page?, [Diagnostic])
            do {
                let bytes = try fileSystem.contents(of: entry.file.absolutePath)
                result = processor.process(bytes, file: entry.file, kind: entry.kind)
            } catch {
                return (nil, [.error(SourceLocation(path: entry.file.relativePath), "could not read the file: \(error)")])
            }
            let kept = result
            if let bodyStore { kept.0?.body.move(to: bodyStore) }
            if let memo, let stamp { memo.store(kept, for: entry.file.absolutePath, size: stamp.size, modified: stamp.modified) }
            return kept
        }
        var pages: [Page] = []
        var authors: [String: Page] = [:]
        for (page, problems) in results {
            diagnostics.append(contentsOf: problems)
            guard let page else { continue }
            if page.kind == .author {
                authors[page.slug] = page
            } else {
                pages.append(page)
            }
        }
        return (SiteContent(config: config, bibliography: bibliography, pages: pages, authors: authors, media: sources.media), diagnostics.all)
    }

    private static func loadConfig(siteRoot: String, fileSystem: FileSystem, diagnostics: inout Diagnostics) -> SiteConfig? {
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.contents(of: siteRoot + "/" + SiteConfig.path)
        } catch {
            diagnostics.error(SourceLocation(path: SiteConfig.path), "content/site.yml is missing", hint: "create it with at least 'title:' and 'base_url:'")
            return nil
        }
        do {
            let text = try SourceText.decode(bytes, path: SiteConfig.path)
            return SiteConfig.parse(text, diagnostics: &diagnostics)
        } catch {
            diagnostics.append(error)
            return nil
        }
    }
}
