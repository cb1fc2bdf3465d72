import TendCache
import TendContent
import TendCore
import TendImages
import TendLanguage
import TendOutput
import TendSite
import TendTemplates

/// The steps of `build` and `check`, in the order they run.
extension BuildStep where Context == BuildContext {
    /// Refuses an output folder the build would destroy something by replacing: a protected
    /// place, or a folder holding files Tend did not make (a `.git`, someone's documents).
    static let checkOutputFolder = BuildStep("Check the output folder") { context in
        let request = context.request
        let location = SourceLocation(path: request.outputPath)
        if let problem = OutputGuard.problem(output: request.outputPath, siteRoot: request.siteRoot, fileSystem: context.fileSystem) {
            context.report.diagnostics = [.error(location, problem, hint: "choose another --output folder, such as public")]
            context.isFinished = true
        } else if let strangers = OutputMarker.strangers(in: request.outputPath, fileSystem: context.fileSystem) {
            context.report.diagnostics = [
                .error(
                    location, "the output folder holds files Tend did not make (\(strangers.joined(separator: ", "))); Tend would replace them",
                    hint: "Tend replaces its output folder on every build: choose a new or empty folder with --output, or move those files elsewhere first")
            ]
            context.isFinished = true
        } else if let kind = context.fileSystem.kind(of: request.outputPath), kind != .directory {
            context.report.diagnostics = [.error(location, "the output is not a folder", hint: "choose another --output folder, such as public")]
            context.isFinished = true
        }
    }

    /// Walks `content/` and `templates/` of the site and the built-in theme, once for the whole build.
    static let readSources = BuildStep("Read the site's files") { context in
        context.sources = SourceSnapshot(root: context.request.siteRoot, folders: ["content", "templates"], fileSystem: context.fileSystem)
        context.theme = TemplateLibrary.builtInTheme(fileSystem: context.fileSystem)
    }

    /// Reads the last build's state and stops when no input changed since: the site in the
    /// output folder is current.
    static let compareWithLastBuild = BuildStep("Compare with the last build") { context in
        let request = context.request
        let snapshots = [context.sources, context.theme].compactMap { $0 }
        context.inputs = BuildCache.entries(of: snapshots, now: context.fileSystem.now(), fileSystem: context.fileSystem)
        let inputs = context.inputs, optionsKey = context.optionsKey, fileSystem = context.fileSystem
        let stamp = BuildCache.stamp(of: request.outputPath, fileSystem: fileSystem)
        // The last build's files are only reused when the output folder is the one it left.
        func isUsable(_ cache: BuildCache) -> Bool { cache.key == optionsKey && cache.outputStamp == stamp }
        let (cache, isCurrent, problem) = BuildCache.load(from: context.cache) { isUsable($0) && $0.isCurrent(inputs, fileSystem: fileSystem) }
        if let problem { context.report.diagnostics.append(Diagnostic(.note, SourceLocation(path: CacheStore.folderName), problem)) }
        guard let cache, isUsable(cache) else { return }
        if isCurrent {
            context.report.unchanged = true
            context.report.pagesWritten = cache.pagesWritten
            context.report.filesWritten = cache.filesWritten
            context.report.diagnostics += cache.diagnostics
            context.isFinished = true
        } else {
            context.previous = cache
        }
    }

    /// Processes every page, reusing the page cache; a build saves it again, a check does not.
    static func loadContent(savingCache: Bool) -> BuildStep {
        BuildStep("Load and render Markdown") { context in loadContent(&context, savingCache: savingCache) }
    }

    private static func loadContent(_ context: inout BuildContext, savingCache: Bool) {
        guard let snapshot = context.sources else { return }
        let request = context.request
        let (loaded, problems) = SiteContent.load(
            siteRoot: request.siteRoot, snapshot: snapshot, fileSystem: context.fileSystem, cache: context.cache, savesCache: savingCache,
            serial: request.serial, progress: request.progress, bodiesOnDiskFrom: request.bodiesOnDiskFrom)
        context.report.diagnostics += problems
        guard var content = loaded else {
            context.isFinished = true
            return
        }
        if let base = request.baseURLOverride {
            content.config.baseURL = base
            for code in content.config.translations.keys { content.config.translations[code]?.baseURL = base }
        }
        context.content = content
    }

    static let buildGraph = BuildStep("Build the site graph") { context in
        guard let content = context.content else { return }
        let request = context.request
        let (graphs, problems) = SiteGraph.buildAll(
            content, options: BuildOptions(drafts: request.drafts, future: request.future, today: request.clock.today),
            previous: context.previous?.rankings ?? [:])
        context.report.diagnostics += problems
        context.report.readability = graphs.flatMap { graph in graph.articles.compactMap { page in page.readabilityGrade.map { (page.sourcePath, $0) } } }
        context.report.pagesChecked = graphs.reduce(0) { $0 + $1.publishedPages.count + $1.authors.count }
        if !context.request.releasesMemory { SiteBuilder.keepUntilExit(graphs) }
        context.graphs = graphs
    }

    static let checkLinks = BuildStep("Check links") { context in
        let graphs = context.graphs
        for (index, graph) in graphs.enumerated() {
            context.report.diagnostics += SiteChecker(graph: graph, others: otherLanguages(graphs, than: index), today: context.request.clock.today)
                .linkProblems()
        }
    }

    /// Every graph but the one at `index`: the languages a checker compares its own with.
    private static func otherLanguages(_ graphs: [SiteGraph], than index: Int) -> [SiteGraph] {
        Array(graphs[..<index] + graphs[(index + 1)...])
    }

    /// Checks every image a page uses exists and every SVG is safe to publish; for `tend check`
    /// (`readingRasterHeaders`), every raster image reads as the image its name says (a build
    /// finds that out as it processes them, and reads no unchanged image).
    static func checkMedia(readingRasterHeaders: Bool) -> BuildStep {
        BuildStep("Check images") { context in
            for (index, graph) in context.graphs.enumerated() {
                // Raster headers are read once: every language shares the media.
                context.report.diagnostics += MediaChecker(graph: graph, fileSystem: context.fileSystem).problems(
                    readingRasterHeaders: readingRasterHeaders && index == 0)
            }
        }
    }

    /// Makes every raster image's sizes and formats, from the cache when nothing changed.
    static let processImages = BuildStep("Process images") { context in
        guard let graph = context.graph else { return }
        var cards: [String: ImageProcessor.Focus] = [:]
        for page in context.graphs.flatMap(\.publishedPages) {
            if let image = page.matter.image { cards[image] = ImageProcessor.Focus(rawValue: page.matter.imageFocus) ?? .center }
        }
        let rasters = graph.content.media.filter { ImageLibrary.isRaster($0.relativePath) }
        let (library, problems) = ImageLibrary.build(
            files: rasters, cards: cards, widths: graph.config.imageWidths, cache: context.cache, fileSystem: context.fileSystem,
            serial: context.request.serial,
            progress: context.request.progress)
        context.report.diagnostics += problems
        context.images = library
        context.finishOnError()
    }

    /// What only `tend check` reports: images, headings, unused entries and authors, reviews, readability.
    static let checkContent = BuildStep("Check content") { context in
        let graphs = context.graphs
        context.report.reviewSchedule = []
        for (index, graph) in graphs.enumerated() {
            let checker = SiteChecker(
                graph: graph, others: otherLanguages(graphs, than: index), today: context.request.clock.today,
                overdueReviewIsError: context.request.overdueReviewIsError)
            context.report.diagnostics += checker.contentProblems()
            context.report.reviewSchedule += checker.reviewSchedule()
        }
        context.report.diagnostics += LanguageChecker(graphs: graphs).problems()
    }

    /// Loads the templates and checks that every page's layout exists; stops on any error so far.
    static let loadTemplates = BuildStep("Load templates") { context in
        let request = context.request
        // The templates are made once a language: each `{{t.key}}` becomes that language's words.
        let everyLanguage = context.graphs.isEmpty ? [ThemeText.english] : context.graphs.map(\.config.words)
        let (libraries, problems) = TemplateLibrary.load(
            theme: context.theme, siteFiles: context.sources?.files(under: "templates") ?? [], fileSystem: context.fileSystem, languages: everyLanguage)
        context.report.diagnostics += problems
        if let library = libraries.first {
            let missing = Set(context.graphs.flatMap(\.pages).map { $0.matter.layout ?? "page" }).subtracting(library.names)
            for name in missing.sorted() { context.report.diagnostics.append(SiteBuilder.missingTemplate(name)) }
        }
        context.templates = libraries
        if context.templates.isEmpty { context.isFinished = true }
        context.finishOnError()
    }

    /// Makes every file's render job and compares their keys with the last build's.
    static let planOutput = BuildStep("Find what changed") { context in
        let graphs = context.graphs, libraries = context.templates
        guard !graphs.isEmpty, libraries.count == graphs.count else { return }
        let request = context.request
        let fixedDate = request.clock.fixedEpoch.map { _ in request.clock.today }
        let plans = graphs.indices.map { index in
            RenderPlan(
                graph: graphs[index], templates: libraries[index], links: SiteLinks(baseURL: graphs[index].config.baseURL), fixedDate: fixedDate,
                images: context.images, serial: request.serial, progress: request.progress,
                siblings: index == 0 ? Array(graphs.dropFirst()) : [], isPrimary: index == 0)
        }
        let jobs = plans.flatMap { $0.jobs() }
        let outputPlan = OutputPlan(jobs: jobs, previous: context.previous?.outputs)
        context.report.filesWritten = outputPlan.keys.count
        context.report.pagesWritten = outputPlan.keys.keys.count { $0.hasSuffix(".html") }
        context.plans = plans
        context.jobs = jobs
        context.outputPlan = outputPlan
    }

    /// Renders what changed and puts it in place: file by file for a small change, as a new
    /// folder swapped in for a large one. The previous site stays as it was on any error.
    static let renderAndWrite = BuildStep("Render and write pages") { context in
        guard let plan = context.plans.first, let outputPlan = context.outputPlan else { return }
        let request = context.request
        do {
            if outputPlan.isSmall, let output = InPlaceOutput(outputPath: request.outputPath, cache: context.cache) {
                try SiteWriter.update(output, with: plan, jobs: outputPlan.stale, removing: outputPlan.removed, cache: context.cache)
                context.report.filesUpdated = output.changeCount
            } else {
                context.report.filesUpdated = try SiteWriter.replace(
                    request.outputPath, with: plan, jobs: context.jobs, outputPlan: outputPlan, cache: context.cache)
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

    /// Saves what the next build starts from: the build state; a preview
    /// server's session keeps the graph and plan.
    static let saveState = BuildStep("Save the build state") { context in
        guard !context.plans.isEmpty, let outputPlan = context.outputPlan else { return }
        let request = context.request
        BuildCache(
            key: context.optionsKey, entries: context.inputs, outputStamp: BuildCache.stamp(of: request.outputPath, fileSystem: context.fileSystem),
            pagesWritten: context.report.pagesWritten, filesWritten: context.report.filesWritten,
            diagnostics: context.report.diagnostics.filter { $0.severity != .note }, outputs: outputPlan.keys,
            rankings: Dictionary(context.graphs.map { ($0.config.languageCode, $0.rankings) }) { first, _ in first }
        ).save(to: context.cache)
        request.session?.remember(plans: context.plans, request: request)
    }
}
