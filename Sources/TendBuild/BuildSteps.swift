import Foundation
import TendContent
import TendCore
import TendOutput
import TendSite
import TendTemplates

/// The steps of `build` and `check`, in the order they run.
extension BuildStep where Context == BuildContext {
    /// Refuses an output folder the build would destroy something by replacing.
    static let checkOutputFolder = BuildStep("Check the output folder") { context in
        let request = context.request
        if let problem = OutputGuard.problem(output: request.outputPath, siteRoot: request.siteRoot, fileSystem: context.fileSystem) {
            context.report.diagnostics = [.error(SourceLocation(path: request.outputPath), problem, hint: "choose another --output folder, such as public")]
            context.isFinished = true
        }
    }

    /// Reads the last build's state and stops when no input changed since: the site in the
    /// output folder is current.
    static let compareWithLastBuild = BuildStep("Compare with the last build") { context in
        let request = context.request
        context.usesCache = true
        context.inputs = BuildCache.snapshot(
            of: [request.siteRoot + "/content", request.siteRoot + "/templates"] + [TemplateLibrary.builtInDirectory].compactMap { $0 })
        let (cache, problem) = BuildCache.load(siteRoot: request.siteRoot)
        if let problem { context.report.diagnostics.append(Diagnostic(.note, SourceLocation(path: ".tend-cache"), problem)) }
        // The last build's files are only reused when the output folder is the one it left.
        guard let cache, cache.key == context.optionsKey, cache.outputStamp == BuildCache.stamp(of: request.outputPath) else { return }
        if cache.entries == context.inputs {
            context.report.unchanged = true
            context.report.pagesWritten = cache.pagesWritten
            context.report.filesWritten = cache.filesWritten
            context.report.diagnostics += cache.diagnostics
            context.isFinished = true
        } else {
            context.previous = cache
        }
    }

    static let loadContent = BuildStep("Load and render Markdown") { context in
        let request = context.request
        let (loaded, problems) = SiteContent.load(
            siteRoot: request.siteRoot, fileSystem: context.fileSystem, serial: request.serial, progress: request.progress, usesCache: context.usesCache,
            bodiesOnDiskFrom: request.bodiesOnDiskFrom)
        context.report.diagnostics += problems
        guard var content = loaded else {
            context.isFinished = true
            return
        }
        if let base = request.baseURLOverride { content.config.baseURL = base }
        context.content = content
    }

    static let buildGraph = BuildStep("Build the site graph") { context in
        guard let content = context.content else { return }
        let request = context.request
        let (graph, problems) = SiteGraph.build(content, options: BuildOptions(drafts: request.drafts, future: request.future, today: request.clock.today))
        context.report.diagnostics += problems
        context.report.readability = graph.articles.compactMap { page in page.readabilityGrade.map { (page.sourcePath, $0) } }.sorted { $0.path < $1.path }
        context.report.pagesChecked = graph.publishedPages.count + graph.authors.count
        if !context.request.releasesMemory { SiteBuilder.keepUntilExit(graph) }
        context.graph = graph
    }

    static let checkLinks = BuildStep("Check links") { context in
        guard let graph = context.graph else { return }
        context.report.diagnostics += SiteChecker(graph: graph, today: context.request.clock.today).linkProblems()
    }

    /// What only `tend check` reports: images, headings, unused entries and authors, reviews, readability.
    static let checkContent = BuildStep("Check content") { context in
        guard let graph = context.graph else { return }
        context.report.diagnostics += SiteChecker(graph: graph, today: context.request.clock.today).contentProblems()
    }

    /// Loads the templates and checks that every page's layout exists; stops on any error so far.
    static let loadTemplates = BuildStep("Load templates") { context in
        let request = context.request
        let (library, problems) = TemplateLibrary.load(
            siteDirectory: request.siteRoot + "/templates", siteRoot: request.siteRoot, fileSystem: context.fileSystem)
        context.report.diagnostics += problems
        if let library, let graph = context.graph {
            let missing = Set(graph.pages.map { $0.matter.layout ?? "page" }).subtracting(library.names)
            for name in missing.sorted() { context.report.diagnostics.append(SiteBuilder.missingTemplate(name)) }
        }
        context.templates = library
        if library == nil { context.isFinished = true }
        context.finishOnError()
    }

    /// Makes every file's render job and compares their keys with the last build's.
    static let planOutput = BuildStep("Find what changed") { context in
        guard let graph = context.graph, let templates = context.templates else { return }
        let request = context.request
        let fixedDate = request.clock.fixedEpoch.map { _ in request.clock.today }
        let plan = RenderPlan(
            graph: graph, templates: templates, links: SiteLinks(baseURL: graph.config.baseURL), fixedDate: fixedDate, serial: request.serial,
            progress: request.progress, cardFile: context.usesCache ? request.siteRoot + "/.tend-cache/cards" : nil)
        let jobs = plan.jobs()
        let outputPlan = OutputPlan(jobs: jobs, previous: context.previous?.outputs)
        context.report.filesWritten = outputPlan.keys.count
        context.report.pagesWritten = outputPlan.keys.keys.count { $0.hasSuffix(".html") }
        context.plan = plan
        context.jobs = jobs
        context.outputPlan = outputPlan
    }

    /// Renders what changed and puts it in place: file by file for a small change, as a new
    /// folder swapped in for a large one. The previous site stays as it was on any error.
    static let renderAndWrite = BuildStep("Render and write pages") { context in
        guard let plan = context.plan, let outputPlan = context.outputPlan else { return }
        let request = context.request
        do {
            if outputPlan.isSmall,
                let output = InPlaceOutput(outputPath: request.outputPath, workFolder: request.siteRoot + "/.tend-cache", fileSystem: context.fileSystem)
            {
                try SiteWriter.update(output, with: plan, jobs: outputPlan.stale, removing: outputPlan.removed, siteRoot: request.siteRoot)
                context.report.filesUpdated = output.changeCount
            } else {
                context.report.filesUpdated = try SiteWriter.replace(
                    request.outputPath, with: plan, jobs: context.jobs, outputPlan: outputPlan, siteRoot: request.siteRoot, fileSystem: context.fileSystem)
            }
        } catch let missing as MissingTemplate {
            context.report.diagnostics.append(SiteBuilder.missingTemplate(missing.name))
        } catch let problem as SiteWriter.OutputProblem {
            context.report.diagnostics.append(
                .error(SourceLocation(path: request.outputPath), problem.message, hint: "check that the folder above it exists and is writable"))
        } catch {
            context.report.diagnostics.append(
                .error(
                    SourceLocation(path: request.outputPath), "could not write the site: \(error)",
                    hint: "check that the disk has room and the folder is writable; the previous site was left as it was"))
        }
        context.finishOnError()
    }

    /// Saves what the next build starts from: the build state and the cards; a preview
    /// server's session keeps the graph and plan.
    static let saveState = BuildStep("Save the build state") { context in
        guard let plan = context.plan, let outputPlan = context.outputPlan else { return }
        let request = context.request
        if context.usesCache {
            BuildCache(
                key: context.optionsKey, entries: context.inputs, outputStamp: BuildCache.stamp(of: request.outputPath),
                pagesWritten: context.report.pagesWritten, filesWritten: context.report.filesWritten,
                diagnostics: context.report.diagnostics.filter { $0.severity != .note }, outputs: outputPlan.keys
            ).save(siteRoot: request.siteRoot)
            plan.saveCards()
        }
        if let problem = plan.context.views.cards.problem { context.report.diagnostics.append(Diagnostic(.note, SourceLocation(path: ".tend-cache"), problem)) }
        request.session?.remember(plan: plan, request: request)
    }
}
