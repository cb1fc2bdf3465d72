import TendContent
import TendCore
import TendOutput
import TendSite

/// What `tend serve` keeps of its last good build, so that a saved article is on screen before
/// the rest of the site has been rebuilt.
public final class BuildSession: @unchecked Sendable {
    private struct LastBuild {
        let graph: SiteGraph
        let renderer: SiteRenderer
        let request: BuildRequest
    }

    private let last = Mutex<LastBuild?>(nil)

    public init() {}

    func remember(graph: SiteGraph, renderer: SiteRenderer, request: BuildRequest) {
        last.withLock { $0 = LastBuild(graph: graph, renderer: renderer, request: request) }
    }

    /// Writes the new version of the article or exercise at `relativePath` (such as
    /// `content/articles/x.md`) into the output at once, when the page alone shows the whole
    /// edit: it keeps its URL, tags and visibility, and has no problem. Returns the output file
    /// written, or nil when the next full build must do it. The build state is told first, so a
    /// later build renders the file again whatever happens in between.
    public func renderEditedPage(_ relativePath: String, fileSystem: FileSystem = LocalFileSystem()) -> String? {
        guard let last = last.withLock({ $0 }) else { return nil }
        let graph = last.graph, request = last.request
        guard let old = (graph.articles + graph.exercises).first(where: { $0.sourcePath == relativePath }),
            let bytes = try? fileSystem.contents(of: request.siteRoot + "/" + relativePath)
        else { return nil }
        let processor = PageProcessor(config: graph.config, bibliography: graph.content.bibliography)
        let (processed, problems) = processor.process(
            bytes, file: SourceFile(relativePath: relativePath, absolutePath: request.siteRoot + "/" + relativePath), kind: old.kind)
        guard let page = processed, page.url == old.url, page.tagSlugs == old.tagSlugs,
            !page.isHidden(drafts: request.drafts, future: request.future, today: request.clock.today),
            !problems.contains(where: { $0.severity == .error }), graph.problems(of: page).isEmpty,
            SiteChecker(graph: graph, today: request.clock.today).linkProblems(on: [page]).isEmpty,
            let file = try? last.renderer.file(of: page),
            let output = InPlaceOutput(outputPath: request.outputPath, workFolder: request.siteRoot + "/.tend-cache", fileSystem: fileSystem)
        else { return nil }
        BuildCache.markStale([file.path], siteRoot: request.siteRoot)
        do {
            try output.emit(file)
            try output.commit()
        } catch {
            output.discard()
            return nil
        }
        return file.path
    }
}
