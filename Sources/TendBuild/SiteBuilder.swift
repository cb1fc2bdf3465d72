import Foundation
import TendContent
import TendCore
import TendOutput
import TendSite
import TendTemplates

/// The build pipeline: load → graph → templates → render → write, each step timed.
public enum SiteBuilder {
    public static func build(_ request: BuildRequest, fileSystem: FileSystem = LocalFileSystem()) -> BuildReport {
        var report = BuildReport()
        func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            defer { report.timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
            return try body()
        }
        if request.writesOutput, let problem = OutputGuard.problem(output: request.outputPath, siteRoot: request.siteRoot, fileSystem: fileSystem) {
            report.diagnostics = [.error(SourceLocation(path: request.outputPath), problem, hint: "choose another --output folder, such as public")]
            return report
        }
        // Nothing changed since the last successful build: the site in the output folder is current.
        let optionsKey = [
            request.outputPath, String(request.drafts), String(request.future), request.clock.today.description,
            request.clock.fixedEpoch.map(String.init) ?? "", request.baseURLOverride ?? "", TemplateLibrary.builtInDirectory ?? "",
        ].joined(separator: "|")
        let usesCache = request.writesOutput && !request.checksContent
        let inputs =
            usesCache
            ? step("Compare with the last build") {
                BuildCache.snapshot(
                    of: [request.siteRoot + "/content", request.siteRoot + "/templates"] + [TemplateLibrary.builtInDirectory].compactMap { $0 })
            } : []
        var previous: BuildCache?
        if usesCache {
            let (cache, problem) = BuildCache.load(siteRoot: request.siteRoot)
            if let problem { report.diagnostics.append(Diagnostic(.note, SourceLocation(path: ".tend-cache"), problem)) }
            // The last build's files are only reused when the output folder is the one it left.
            if let cache, cache.key == optionsKey, cache.outputStamp == BuildCache.stamp(of: request.outputPath) {
                if cache.entries == inputs {
                    report.unchanged = true
                    report.pagesWritten = cache.pagesWritten
                    report.filesWritten = cache.filesWritten
                    report.diagnostics += cache.diagnostics
                    return finish(report)
                }
                previous = cache
            }
        }
        let (loaded, loadProblems) = step("Load and render Markdown") {
            SiteContent.load(
                siteRoot: request.siteRoot, fileSystem: fileSystem, serial: request.serial, progress: request.progress, usesCache: usesCache,
                bodiesOnDiskFrom: request.bodiesOnDiskFrom)
        }
        report.diagnostics += loadProblems
        guard var content = loaded else { return finish(report) }
        if let base = request.baseURLOverride { content.config.baseURL = base }
        let options = BuildOptions(drafts: request.drafts, future: request.future, today: request.clock.today)
        let (graph, graphProblems) = step("Build the site graph") { SiteGraph.build(content, options: options) }
        report.diagnostics += graphProblems
        step("Check links") {
            let checker = SiteChecker(graph: graph, today: request.clock.today)
            report.diagnostics += checker.linkProblems()
            if request.checksContent { report.diagnostics += checker.contentProblems() }
        }
        report.readability = graph.articles.compactMap { page in page.readabilityGrade.map { (page.sourcePath, $0) } }.sorted { $0.path < $1.path }
        let (library, templateProblems) = step("Load templates") {
            TemplateLibrary.load(siteDirectory: request.siteRoot + "/templates", siteRoot: request.siteRoot, fileSystem: fileSystem)
        }
        report.diagnostics += templateProblems
        guard let templates = library, report.succeeded else { return finish(report) }
        let fixedDate = request.clock.fixedEpoch.map { _ in request.clock.today }
        let renderer = SiteRenderer(
            graph: graph, templates: templates, links: SiteLinks(baseURL: content.config.baseURL), fixedDate: fixedDate, optionsKey: optionsKey,
            serial: request.serial, progress: request.progress, cardFile: usesCache ? request.siteRoot + "/.tend-cache/cards" : nil)
        if !request.releasesMemory { keptUntilExit.withLock { $0.append(graph) } }
        let (jobs, plan) = step("Find what changed") {
            let jobs = renderer.jobs()
            return (jobs, OutputPlan(jobs: jobs, previous: previous?.outputs))
        }
        report.filesWritten = plan.keys.count
        report.pagesWritten = plan.keys.keys.count { $0.hasSuffix(".html") }
        do {
            try step(request.writesOutput ? "Render and write pages" : "Render pages") {
                if !request.writesOutput {
                    _ = try renderer.run(jobs) { _ in }
                } else if plan.isSmall,
                    let output = InPlaceOutput(
                        outputPath: request.outputPath, workFolder: request.siteRoot + "/.tend-cache", fileSystem: fileSystem)
                {
                    try write(plan.stale, with: renderer, into: output, removing: plan.removed, siteRoot: request.siteRoot)
                    report.filesUpdated = output.changeCount
                } else {
                    report.filesUpdated = try write(
                        jobs, plan: plan, with: renderer, outputPath: request.outputPath, siteRoot: request.siteRoot, fileSystem: fileSystem)
                }
            }
            if usesCache && report.succeeded {
                step("Save the build state") {
                    BuildCache(
                        key: optionsKey, entries: inputs, outputStamp: BuildCache.stamp(of: request.outputPath), pagesWritten: report.pagesWritten,
                        filesWritten: report.filesWritten, diagnostics: report.diagnostics.filter { $0.severity != .note }, outputs: plan.keys
                    ).save(siteRoot: request.siteRoot)
                }
            }
            if usesCache && report.succeeded { renderer.cards.save(keeping: graph.articles + graph.exercises) }
            if let problem = renderer.cards.problem { report.diagnostics.append(Diagnostic(.note, SourceLocation(path: ".tend-cache"), problem)) }
            if request.writesOutput && report.succeeded { request.session?.remember(graph: graph, renderer: renderer, request: request) }
        } catch let missing as SiteRenderer.MissingTemplate {
            report.diagnostics.append(
                .error(
                    SourceLocation(path: "templates/\(missing.name).html"), "the template '\(missing.name)' does not exist",
                    hint: "add templates/\(missing.name).html, or use a layout the site has"))
        } catch let problem as OutputProblem {
            report.diagnostics.append(
                .error(SourceLocation(path: request.outputPath), problem.message, hint: "check that the folder above it exists and is writable"))
        } catch {
            report.diagnostics.append(
                .error(
                    SourceLocation(path: request.outputPath), "could not write the site: \(error)",
                    hint: "check that the disk has room and the folder is writable; the previous site was left as it was"))
        }
        return finish(report)
    }

    /// What builds with `releasesMemory` off leave for the process's end.
    private static let keptUntilExit = Mutex<[SiteGraph]>([])

    private struct OutputProblem: Error {
        let message: String
    }

    /// A small change: the stale jobs' files replace their old versions in place, and files the
    /// site no longer has are removed.
    private static func write(_ jobs: [RenderJob], with renderer: SiteRenderer, into output: InPlaceOutput, removing removed: [String], siteRoot: String) throws
    {
        do {
            _ = try renderer.run(jobs, emit: output.emit)
            for path in removed { output.remove(path) }
            // From here on the output changes file by file: until the new state is saved, the
            // next build starts from scratch.
            BuildCache.invalidate(siteRoot: siteRoot)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// A whole new site in a staging folder, swapped in at once: unchanged files are linked from
    /// the previous site, the rest rendered. Returns the number of files rendered.
    private static func write(
        _ jobs: [RenderJob], plan: OutputPlan, with renderer: SiteRenderer, outputPath: String, siteRoot: String, fileSystem: FileSystem
    ) throws -> Int {
        let staging: StagedOutput
        do {
            staging = try StagedOutput(outputPath: outputPath, workFolder: siteRoot + "/.tend-cache", fileSystem: fileSystem)
        } catch {
            throw OutputProblem(message: "could not prepare the output folder: \(error)")
        }
        do {
            let stale = Set(plan.stale.flatMap(\.paths))
            let chunks = stride(from: 0, to: jobs.count, by: 256).map { jobs[$0..<min($0 + 256, jobs.count)] }
            let relinked = parallelMap(chunks) { chunk in
                chunk.filter { job in job.paths.contains(where: stale.contains) || !job.paths.allSatisfy(staging.keep) }
            }
            let rendered = relinked.flatMap { $0 }
            _ = try renderer.run(rendered, emit: staging.emit)
            try staging.commit()
            return rendered.count
        } catch {
            staging.discard()
            throw error
        }
    }

    private static func finish(_ report: BuildReport) -> BuildReport {
        var report = report
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: report.diagnostics)
        report.diagnostics = diagnostics.sorted
        return report
    }
}
