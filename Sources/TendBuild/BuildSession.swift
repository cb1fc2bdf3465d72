import TendCache
import TendContent
import TendCore
import TendOutput
import TendSite

/// What `tend serve` keeps of its last good build, so that a saved article is on screen before
/// the rest of the site has been rebuilt.
public final class BuildSession: @unchecked Sendable {
    private struct LastBuild {
        /// One plan a language, the default first.
        let plans: [RenderPlan]
        /// The addresses links may reach, for each plan's language (with the others').
        let linkTargets: [LinkTargets]
        let request: BuildRequest
    }

    private let last = Mutex<LastBuild?>(nil)

    public init() {}

    /// Keeps a finished build's plans, and the addresses its links may reach: made here, after
    /// the build, so that checking a saved page's links does not make them again (10,000
    /// articles: 7 ms an edit).
    func remember(plans: [RenderPlan], request: BuildRequest) {
        let targets = plans.indices.map { index in
            SiteChecker(graph: plans[index].graph, others: Self.otherGraphs(plans, than: index), today: request.clock.today).linkTargets()
        }
        last.withLock { $0 = LastBuild(plans: plans, linkTargets: targets, request: request) }
    }

    private static func otherGraphs(_ plans: [RenderPlan], than index: Int) -> [SiteGraph] {
        plans.enumerated().filter { $0.offset != index }.map(\.element.graph)
    }

    /// The fast path's pipeline: the edited page alone, over the last build's graph and plan.
    static let fastPath = Pipeline<EditedPageContext>([.reprocessPage, .checkPage, .renderPage, .writeInPlace])

    /// Writes the new version of the article or exercise at `relativePath` (such as
    /// `content/articles/x.md`) into the output at once, when the page alone shows the whole
    /// edit: it keeps its URL, tags and visibility, and has no problem. Returns the output file
    /// written, or nil when the next full build must do it. The build state is told first, so a
    /// later build renders the file again whatever happens in between.
    public func renderEditedPage(_ relativePath: String, fileSystem: FileSystem = LocalFileSystem()) -> String? {
        guard let last = last.withLock({ $0 }) else { return nil }
        // The plan of the page's language renders it; the others' pages are what its links may reach.
        guard
            let index = last.plans.firstIndex(where: {
                $0.graph.config.languageCode == (Page.languageFolder(of: relativePath) ?? $0.graph.config.defaultLanguage)
            })
        else { return nil }
        var context = EditedPageContext(
            plan: last.plans[index], others: Self.otherGraphs(last.plans, than: index), linkTargets: last.linkTargets[index], request: last.request,
            fileSystem: fileSystem, relativePath: relativePath)
        Self.fastPath.run(&context)
        return context.written
    }
}

/// What the fast path knows of one edited page.
struct EditedPageContext: PipelineContext {
    let plan: RenderPlan
    /// The other languages' graphs.
    let others: [SiteGraph]
    /// Where the last build's links may lead.
    let linkTargets: LinkTargets
    let request: BuildRequest
    let fileSystem: FileSystem
    let relativePath: String
    var isFinished = false
    var page: Page?
    var file: OutputFile?
    /// The output file put in place.
    var written: String?

    init(plan: RenderPlan, others: [SiteGraph], linkTargets: LinkTargets, request: BuildRequest, fileSystem: FileSystem, relativePath: String) {
        self.plan = plan
        self.others = others
        self.linkTargets = linkTargets
        self.request = request
        self.fileSystem = fileSystem
        self.relativePath = relativePath
    }

    mutating func record(_ step: String, seconds: Double, processorSeconds: Double) {}

    /// Anything that goes wrong leaves the page to the full build.
    mutating func fail(_ step: String, _ error: any Error) { isFinished = true }
}

extension BuildStep where Context == EditedPageContext {
    /// Processes the saved file again; only a page that keeps its URL, tags and visibility, and
    /// has no problem of its own, goes on.
    static let reprocessPage = BuildStep("Process the edited page") { context in
        let graph = context.plan.graph, request = context.request
        guard let old = (graph.articles + graph.exercises).first(where: { $0.sourcePath == context.relativePath }),
            let bytes = try? context.fileSystem.contents(of: request.siteRoot + "/" + context.relativePath)
        else { return context.isFinished = true }
        let processor = PageProcessor(config: graph.content.config, bibliography: graph.content.bibliography)
        let file = SourceFile(relativePath: context.relativePath, absolutePath: request.siteRoot + "/" + context.relativePath)
        let (processed, problems) = processor.process(bytes, file: file, kind: old.kind)
        guard let page = processed, page.url == old.url, page.tagSlugs == old.tagSlugs,
            !page.isHidden(drafts: request.drafts, future: request.future, today: request.clock.today),
            !problems.contains(where: { $0.severity == .error })
        else { return context.isFinished = true }
        context.page = page
    }

    /// The site-wide rules a page can break on its own: authors, crisis resources, links.
    static let checkPage = BuildStep("Check the edited page") { context in
        guard let page = context.page else { return }
        let graph = context.plan.graph
        if !graph.problems(of: page).isEmpty
            || !SiteChecker(graph: graph, others: context.others, today: context.request.clock.today).linkProblems(
                on: [page], targets: context.linkTargets
            ).isEmpty
        {
            context.isFinished = true
        }
    }

    static let renderPage = BuildStep("Render the edited page") { context in
        guard let page = context.page else { return }
        context.file = try context.plan.job(for: page).render().first
    }

    /// Marks the file stale in the build state, then puts it in place.
    static let writeInPlace = BuildStep("Write the edited page") { context in
        let request = context.request
        let cache = CacheStore(siteRoot: request.siteRoot, fileSystem: context.fileSystem)
        guard let file = context.file, let output = InPlaceOutput(outputPath: request.outputPath, cache: cache) else { return }
        BuildCache.markStale([file.path], in: cache)
        do {
            try output.emit(file)
            try output.commit()
            context.written = file.path
        } catch {
            output.discard()
        }
    }
}
