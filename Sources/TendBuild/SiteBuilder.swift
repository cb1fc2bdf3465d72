import Foundation
import TendContent
import TendCore
import TendOutput
import TendSite
import TendTemplates

/// A count shared by the rendering threads.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

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
        let cacheKey = [
            request.outputPath, String(request.drafts), String(request.future), request.clock.today.description,
            request.baseURLOverride ?? "", TemplateLibrary.builtInDirectory ?? "",
        ].joined(separator: "|")
        let inputs =
            request.writesOutput && !request.checksContent
            ? step("Compare with the last build") {
                BuildCache.snapshot(
                    of: [request.siteRoot + "/content", request.siteRoot + "/templates"] + [TemplateLibrary.builtInDirectory].compactMap { $0 })
            } : []
        if request.writesOutput && !request.checksContent {
            let (cache, problem) = BuildCache.load(siteRoot: request.siteRoot)
            if let problem { report.diagnostics.append(Diagnostic(.note, SourceLocation(path: ".tend-cache"), problem)) }
            if let cache, cache.key == cacheKey, cache.entries == inputs, cache.outputStamp == BuildCache.stamp(of: request.outputPath) {
                report.unchanged = true
                report.pagesWritten = cache.pagesWritten
                report.filesWritten = cache.filesWritten
                report.diagnostics += cache.diagnostics
                return finish(report)
            }
        }
        let (loaded, loadProblems) = step("Load and render Markdown") {
            SiteContent.load(
                siteRoot: request.siteRoot, fileSystem: fileSystem, serial: request.serial, progress: request.progress, memo: request.memo,
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
        var renderer = SiteRenderer(
            graph: graph, templates: templates, links: SiteLinks(baseURL: content.config.baseURL), fixedDate: fixedDate, serial: request.serial)
        renderer.progress = request.progress
        let staging: StagedOutput?
        do {
            staging =
                request.writesOutput
                ? try StagedOutput(outputPath: request.outputPath, workFolder: request.siteRoot + "/.tend-cache", fileSystem: fileSystem) : nil
        } catch {
            report.diagnostics.append(
                .error(
                    SourceLocation(path: request.outputPath), "could not prepare the output folder: \(error)",
                    hint: "check that the folder above it exists and is writable"))
            return finish(report)
        }
        let pages = Counter()
        do {
            report.filesWritten = try step(staging == nil ? "Render pages" : "Render and write pages") {
                try renderer.render { file in
                    if file.path.hasSuffix(".html") { pages.increment() }
                    guard let staging else { return }
                    switch file.contents {
                    case .text(let text): try staging.write(text, to: file.path)
                    case .copy(let source): try staging.copy(from: source, to: file.path)
                    }
                }
            }
            report.pagesWritten = pages.value
            try step("Swap in the new site") { try staging?.commit() }
            if staging != nil && report.succeeded {
                BuildCache(
                    key: cacheKey, entries: inputs, outputStamp: BuildCache.stamp(of: request.outputPath), pagesWritten: report.pagesWritten,
                    filesWritten: report.filesWritten, diagnostics: report.diagnostics.filter { $0.severity != .note }
                ).save(siteRoot: request.siteRoot)
            }
        } catch let missing as SiteRenderer.MissingTemplate {
            staging?.discard()
            report.diagnostics.append(
                .error(
                    SourceLocation(path: "templates/\(missing.name).html"), "the template '\(missing.name)' does not exist",
                    hint: "add templates/\(missing.name).html, or use a layout the site has"))
        } catch {
            staging?.discard()
            report.diagnostics.append(
                .error(
                    SourceLocation(path: request.outputPath), "could not write the site: \(error)",
                    hint: "check that the disk has room and the folder is writable; the previous site was left as it was"))
        }
        return finish(report)
    }

    private static func finish(_ report: BuildReport) -> BuildReport {
        var report = report
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: report.diagnostics)
        report.diagnostics = diagnostics.sorted
        return report
    }
}
