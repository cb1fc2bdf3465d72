import TendCache
import TendContent
import TendCore
import TendSite
import TendTemplates

/// What a build knows so far, handed from step to step: the request, what was loaded and
/// decided, and the report the steps add to.
struct BuildContext: PipelineContext {
    let request: BuildRequest
    let fileSystem: FileSystem
    /// `.tend-cache/` in the site's root.
    let cache: CacheStore
    var report = BuildReport()
    var isFinished = false

    /// The options that decide which previous build this one may build on.
    let optionsKey: String
    /// The site's `content/` and `templates/`, and the built-in theme, walked once.
    var sources: SourceSnapshot?
    var theme: SourceSnapshot?
    /// Every input file as the state records it.
    var inputs: [BuildCache.Entry] = []
    /// The last successful build's state, when it was made for the same options and output.
    var previous: BuildCache?
    var content: SiteContent?
    /// One graph a language, the default first.
    var graphs: [SiteGraph] = []
    var graph: SiteGraph? { graphs.first }
    /// The templates of each language, in the order of `graphs`.
    var templates: [TemplateLibrary] = []
    /// The site's processed raster images.
    var images = ImageLibrary(entries: [:])
    /// One plan a language, the default first.
    var plans: [RenderPlan] = []
    var jobs: [RenderJob] = []
    var outputPlan: OutputPlan?

    init(request: BuildRequest, fileSystem: FileSystem) {
        self.request = request
        self.fileSystem = fileSystem
        cache = CacheStore(siteRoot: request.siteRoot, fileSystem: fileSystem)
        optionsKey = [
            request.outputPath, String(request.drafts), String(request.future), request.clock.today.description,
            request.clock.fixedEpoch.map(String.init) ?? "", request.baseURLOverride ?? "", TemplateLibrary.builtInDirectory ?? "",
        ].joined(separator: "|")
    }

    mutating func record(_ step: String, seconds: Double, processorSeconds: Double) {
        report.timings.append((step, seconds, processorSeconds))
    }

    /// Errors a step throws are a build error naming what failed.
    mutating func fail(_ step: String, _ error: any Error) {
        if let diagnostic = error as? Diagnostic {
            report.diagnostics.append(diagnostic)
        } else {
            report.diagnostics.append(.error(SourceLocation(path: request.outputPath), "\(step) failed: \(error)"))
        }
        isFinished = true
    }

    /// Ends the pipeline when an error was found.
    mutating func finishOnError() {
        if !report.succeeded { isFinished = true }
    }
}
