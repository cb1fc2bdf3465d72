import ArgumentParser
import Foundation
import TendBuild
import TendCore

/// `tend check`: everything `build` validates, without writing anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site for errors without writing public/."
    )

    @OptionGroup var options: SiteOptions

    @Flag(name: .long, help: "Exit with status 1 on warnings too.")
    var strict = false

    func run() throws {
        let request = BuildRequest(siteRoot: options.siteRoot, drafts: options.drafts, future: options.future, writesOutput: false)
        let report = SiteBuilder.build(request)
        DiagnosticPrinter(quiet: options.quiet).print(report.diagnostics)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        if !options.quiet { print("Checked \(report.pagesWritten) pages: \(errors) errors, \(warnings) warnings") }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}
