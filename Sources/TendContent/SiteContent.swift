import TendCache
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
    /// Authors' pages written in another language (`content/es/authors/<id>.md`), by language and id.
    public var translatedAuthors: [String: [String: Page]] = [:]
    public var media: [SourceFile]
    /// A digest of Tend itself, `site.yml` and the bibliographies: what every page depends on.
    public var settingsDigest: UInt64

    /// Loads the site whose files `snapshot` found, processing pages on all cores. Every problem
    /// found is returned. With a cache store, pages whose files did not change since the last
    /// build are taken from the page cache (and, when `savesCache`, this build's pages are saved
    /// there). Rendered bodies wait in a scratch file from `bodiesOnDiskFrom` pages on.
    public static func load(
        siteRoot: String, snapshot: SourceSnapshot, fileSystem: FileSystem, cache: CacheStore?, savesCache: Bool, serial: Bool = false,
        progress: ProgressReporter? = nil, bodiesOnDiskFrom: Int = 2_000
    ) -> (SiteContent?, [Diagnostic]) {
        var diagnostics = Diagnostics()
        var settings = StableHasher()
        settings.combine(ToolIdentity.fingerprint)
        guard var config = loadConfig(snapshot: snapshot, fileSystem: fileSystem, settings: &settings, diagnostics: &diagnostics) else {
            diagnostics.append(contentsOf: SiteSources.classify(snapshot).1)
            return (nil, diagnostics.all)
        }
        ThemeOverrides.apply(to: &config, snapshot: snapshot, fileSystem: fileSystem, settings: &settings, diagnostics: &diagnostics)
        let (sources, discoveryProblems) = SiteSources.classify(snapshot, languages: config.languages)
        diagnostics.append(contentsOf: discoveryProblems)
        var bibliography = Bibliography(titles: config.citationTitles)
        for name in config.bibliography {
            let relative = "content/" + name
            guard !name.contains(".."), !name.hasPrefix("/") else {
                diagnostics.error(SourceLocation(path: SiteConfig.path), "the bibliography '\(name)' must be a file inside content/")
                continue
            }
            do {
                // Only a regular file the walk found inside the site is read (never a pipe, a
                // device or a link out of the site), and only up to a size.
                guard let file = try settingsFile(relative, in: snapshot, fileSystem: fileSystem) else {
                    throw FileSystemError(path: relative, reason: "missing")
                }
                let bytes = try readSmall(file, fileSystem: fileSystem)
                settings.combine(relative)
                settings.combine(StableHasher.digest(bytes))
                let text = try SourceText.decode(bytes, path: relative)
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
            snapshot.file("content/" + name).flatMap { try? readSmall($0, fileSystem: fileSystem) }.flatMap {
                try? SourceText.decode($0, path: "content/" + name)
            }
        }
        let processor = configured
        // A cached page's body is made again only if its file is rendered again. Thousands of
        // bodies share one maker (a closure capturing the processor copied it, settings and all).
        let maker = BodyMaker(processor: processor, siteRoot: siteRoot, fileSystem: fileSystem)
        let reusedBody: @Sendable (ContentKind, String) -> PageBody = { kind, path in PageBody(deferred: { maker.body(of: path, kind: kind) }) }
        let pageCache = cache.map { PageCache(store: $0, settingsKey: settings.value, bibliography: bibliography, saves: savesCache, body: reusedBody) }
        if let problem = pageCache?.problem { diagnostics.append(Diagnostic(.note, SourceLocation(path: CacheStore.folderName), problem)) }
        typealias Loaded = (page: Page?, problems: [Diagnostic], record: PageCache.Record?)
        // A check renders no page, and writes nothing: its bodies stay in memory.
        let scratch = savesCache && sources.pages.count >= bodiesOnDiskFrom ? cache?.scratchFile() : nil
        @Sendable func reused(_ record: PageCache.Record) -> Loaded { (record.page, record.diagnostics, record) }
        progress?.begin("Reading pages", total: sources.pages.count)
        let results = parallelMap(sources.pages, serial: serial) { entry -> Loaded in
            defer { progress?.advance() }
            let path = entry.file.relativePath
            let status = pageCache == nil ? nil : entry.file.status
            if let status, let record = pageCache?.reusable(path, size: status.size, modified: status.modified) { return reused(record) }
            // The size the walk saw is checked before a byte is read: a huge file is refused, not loaded.
            let limit = processor.limits.maxBytes
            if let size = entry.file.status?.size, size > Int64(limit) {
                return (
                    nil,
                    [
                        .error(
                            SourceLocation(path: path), "the file is \(size / 1_000_000) MB; the limit is \(limit / 1_000_000) MB",
                            hint: "split it into several pages")
                    ], nil
                )
            }
            let bytes: [UInt8]
            do {
                bytes = try fileSystem.contents(of: entry.file.absolutePath)
            } catch {
                return (nil, [.error(SourceLocation(path: path), "could not read the file: \(error)")], nil)
            }
            let contentHash = StableHasher.digest(bytes)
            if let status, let record = pageCache?.reusable(path, contentHash: contentHash, size: status.size, modified: status.modified) {
                return reused(record)
            }
            let (page, problems) = processor.process(bytes, file: entry.file, kind: entry.kind, digest: contentHash, bodiesIn: scratch)
            let record = status.map { PageCache.Record(size: $0.size, modified: $0.modified, contentHash: contentHash, page: page, diagnostics: problems) }
            return (page, problems, record)
        }
        pageCache?.save(zip(sources.pages, results).compactMap { entry, loaded in loaded.record.map { (entry.file.relativePath, $0) } })
        var pages: [Page] = []
        var authors: [String: Page] = [:]
        var authorBySkeleton: [String: Page] = [:]
        var translatedAuthors: [String: [String: Page]] = [:]
        for (page, problems, _) in results {
            diagnostics.append(contentsOf: problems)
            guard let page else { continue }
            guard page.kind == .author else {
                pages.append(page)
                continue
            }
            if let language = page.language {
                translatedAuthors[language, default: [:]][page.slug] = page
                continue
            }
            // One author file may never pass for another, on a page, in JSON-LD or as a reviewer.
            let fileName = page.sourcePath.split(separator: "/").last.map { String($0.dropLast(3)) } ?? page.slug
            let skeleton = Identity.skeleton(fileName)
            if let first = authors[page.slug] ?? authorBySkeleton[skeleton] {
                diagnostics.error(
                    SourceLocation(path: page.sourcePath), "\(page.sourcePath) and \(first.sourcePath) name authors that cannot be told apart",
                    hint: "author ids must differ by more than case, '_' or '-', accents or letters that look alike; rename or remove one of the files")
                continue
            }
            authors[page.slug] = page
            authorBySkeleton[skeleton] = page
        }
        for (language, byID) in translatedAuthors {
            for (id, page) in byID where authors[id] == nil {
                diagnostics.error(
                    SourceLocation(path: page.sourcePath), "there is no content/authors/\(id).md for this translation",
                    hint: "an author's page in another language translates the one in content/authors/; add that file, or rename this one")
                translatedAuthors[language]?[id] = nil
            }
        }
        var content = SiteContent(
            config: config, bibliography: bibliography, pages: pages, authors: authors, media: sources.media, settingsDigest: settings.value)
        content.translatedAuthors = translatedAuthors
        return (content, diagnostics.all)
    }

    /// Settings and bibliographies larger than this are refused before they are read.
    static let largestSettingsFile: Int64 = 64 << 20

    /// The regular file at `relativePath` that the walk found inside the site; an error naming
    /// what is there instead (a pipe, a device, a link out of the site), or nil when nothing is.
    private static func settingsFile(_ relativePath: String, in snapshot: SourceSnapshot, fileSystem: FileSystem) throws -> SourceSnapshot.File? {
        if let file = snapshot.file(relativePath) { return file }
        guard fileSystem.kind(of: snapshot.root + "/" + relativePath) != nil else { return nil }
        throw Diagnostic.error(
            SourceLocation(path: relativePath), "\(relativePath) is not a regular file inside the site (a link out of the site, a pipe or a device)",
            hint: "replace it with an ordinary file; Tend reads only files inside the site folder")
    }

    private static func readSmall(_ file: SourceSnapshot.File, fileSystem: FileSystem) throws -> [UInt8] {
        guard file.status.size <= largestSettingsFile else {
            throw Diagnostic.error(
                SourceLocation(path: file.relativePath), "the file is \(file.status.size >> 20) MB; Tend reads settings and bibliographies up to 64 MB",
                hint: "split the bibliography into several files, or remove what the site does not cite")
        }
        return try fileSystem.contents(of: file.absolutePath)
    }

    private static func loadConfig(snapshot: SourceSnapshot, fileSystem: FileSystem, settings: inout StableHasher, diagnostics: inout Diagnostics)
        -> SiteConfig?
    {
        let bytes: [UInt8]
        do {
            guard let file = try settingsFile(SiteConfig.path, in: snapshot, fileSystem: fileSystem) else {
                throw FileSystemError(path: SiteConfig.path, reason: "missing")
            }
            bytes = try readSmall(file, fileSystem: fileSystem)
        } catch let diagnostic as Diagnostic {
            diagnostics.append(diagnostic)
            return nil
        } catch {
            diagnostics.error(SourceLocation(path: SiteConfig.path), "content/site.yml is missing", hint: "create it with at least 'title:' and 'base_url:'")
            return nil
        }
        do {
            settings.combine(StableHasher.digest(bytes))
            let text = try SourceText.decode(bytes, path: SiteConfig.path)
            return SiteConfig.parse(text, diagnostics: &diagnostics)
        } catch {
            diagnostics.append(error)
            return nil
        }
    }
}

/// Makes the body of a page the cache had, from its source file, when it is first rendered.
private final class BodyMaker: Sendable {
    let processor: PageProcessor
    let siteRoot: String
    let fileSystem: FileSystem

    init(processor: PageProcessor, siteRoot: String, fileSystem: FileSystem) {
        self.processor = processor
        self.siteRoot = siteRoot
        self.fileSystem = fileSystem
    }

    func body(of path: String, kind: ContentKind) -> String {
        let file = SourceFile(relativePath: path, absolutePath: siteRoot + "/" + path)
        let bytes = (try? fileSystem.contents(of: file.absolutePath)) ?? []
        return processor.process(bytes, file: file, kind: kind).0?.bodyHTML ?? ""
    }
}
