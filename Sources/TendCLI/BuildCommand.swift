import ArgumentParser
import Foundation
import TendBuild
import TendCore

/// `tend build`: the site into `public/`, or nothing at all when there is an error.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into public/ (the previous site stays untouched if anything is wrong)."
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Where to write the site (default: public/ in the site folder).")
    var output: String?

    /// `[2/9] Load and render Markdown: 0.120 s (processor 0.230 s)`, a line a step: processor
    /// time over elapsed time says how many cores the step kept busy.
    static func printTimings(_ report: BuildReport) {
        for (index, timing) in report.timings.enumerated() {
            print(
                "[\(index + 1)/\(report.timings.count)] \(timing.step): \(String(format: "%.3f", timing.seconds)) s (processor \(String(format: "%.3f", timing.processorSeconds)) s)"
            )
        }
    }

    func run() throws {
        let start = Date()
        var request = BuildRequest(
            siteRoot: options.siteRoot, outputPath: output, drafts: options.drafts, future: options.future)
        request.progress = ProgressDisplay.reporter(quiet: options.quiet)
        request.releasesMemory = false
        let report = SiteBuilder.build(request)
        DiagnosticPrinter(quiet: options.quiet).print(report.diagnostics)
        if options.verbose {
            Self.printTimings(report)
            for (path, grade) in report.readabilityByPath {
                print("\(Escape.terminal(path)): reading grade \(String(format: "%.1f", grade))")
            }
        }
        guard report.succeeded else {
            let count = report.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("error: the build failed with \(count) error\(count == 1 ? "" : "s"); public/ was left as it was\n".utf8))
            throw ExitCode(1)
        }
        if !options.quiet {
            let seconds = Date().timeIntervalSince(start)
            if report.unchanged {
                print("Nothing changed since the last build (\(report.pagesWritten) pages) — checked in \(String(format: "%.2f", seconds)) s")
            } else {
                let updated = report.filesUpdated == report.filesWritten ? "" : ", \(report.filesUpdated) updated"
                print("Built \(report.pagesWritten) pages (\(report.filesWritten) files\(updated)) in \(String(format: "%.2f", seconds)) s")
            }
        }
    }
}
