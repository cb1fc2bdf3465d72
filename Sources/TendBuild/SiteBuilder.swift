import TendContent
import TendCore
import TendSite

/// The pipelines: `build` writes the site, `check` validates it without rendering.
public enum SiteBuilder {
    /// Everything: load, graph, links, templates, render and write, then save the state the
    /// next build starts from.
    static let buildPipeline = Pipeline<BuildContext>([
        .checkOutputFolder, .readSources, .compareWithLastBuild, .loadContent(savingCache: true), .buildGraph, .checkLinks,
        .checkMedia(readingRasterHeaders: false), .loadTemplates, .processImages, .planOutput, .renderAndWrite, .saveState,
    ])

    /// What `build` validates, without rendering or writing anything.
    static let validatePipeline = Pipeline<BuildContext>([
        .readSources, .loadContent(savingCache: false), .buildGraph, .checkLinks, .checkMedia(readingRasterHeaders: false), .loadTemplates,
    ])

    /// `tend check`: what `build` validates, and the content checks.
    static let checkPipeline = Pipeline<BuildContext>([
        .readSources, .loadContent(savingCache: false), .buildGraph, .checkLinks, .checkMedia(readingRasterHeaders: true), .checkContent,
        .loadTemplates,
    ])

    /// Builds the site into the request's output folder.
    public static func build(_ request: BuildRequest, fileSystem: FileSystem = LocalFileSystem()) -> BuildReport {
        run(buildPipeline, request, fileSystem)
    }

    /// Reports every problem a build would stop at, writing nothing.
    public static func validate(_ request: BuildRequest, fileSystem: FileSystem = LocalFileSystem()) -> BuildReport {
        run(validatePipeline, request, fileSystem)
    }

    /// Reports what `validate` does and everything `tend check` adds, writing nothing.
    public static func check(_ request: BuildRequest, fileSystem: FileSystem = LocalFileSystem()) -> BuildReport {
        run(checkPipeline, request, fileSystem)
    }

    private static func run(_ pipeline: Pipeline<BuildContext>, _ request: BuildRequest, _ fileSystem: FileSystem) -> BuildReport {
        var context = BuildContext(request: request, fileSystem: fileSystem)
        pipeline.run(&context)
        if !request.releasesMemory { keepUntilExit(context) }
        var report = context.report
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: report.diagnostics)
        report.diagnostics = diagnostics.sorted
        return report
    }

    /// What builds that do not release memory leave for the process's end (freeing a large
    /// site's pages one by one takes longer than the build's last step).
    private static let keptUntilExit = Mutex<[SiteGraph]>([])

    static func keepUntilExit(_ graphs: [SiteGraph]) { keptUntilExit.withLock { $0.append(contentsOf: graphs) } }

    /// The whole of a finished build — plans, ten thousand jobs, the output plan, the last
    /// build's state — is left for the process's end too, for the same reason.
    private final class KeptContext {
        let context: BuildContext
        init(_ context: BuildContext) { self.context = context }
    }

    private static func keepUntilExit(_ context: BuildContext) {
        _ = Unmanaged.passRetained(KeptContext(context))
    }

    static func missingTemplate(_ name: String) -> Diagnostic {
        .error(
            SourceLocation(path: "templates/\(name).html"), "the template '\(name)' does not exist",
            hint: "add templates/\(name).html, or use a layout the site has")
    }
}
