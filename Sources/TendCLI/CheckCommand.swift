import ArgumentParser
import Foundation
import TendBuild
import TendCore
import TendSite

/// `tend check`: everything `build` validates and more, without writing anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site (links, citations, images, headings, reviews, readability) without writing public/."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Output format: text, json or github (workflow annotations).")
    var format: Format = .text

    @Flag(name: .long, help: "Exit with status 1 on warnings too (an overdue clinical review among them).")
    var strict = false

    @Flag(name: .long, help: "Print every article's and exercise's author, reviewer, last and next review.")
    var reviews = false

    func run() throws {
        var request = BuildRequest(siteRoot: options.siteRoot, drafts: options.drafts, future: options.future)
        request.overdueReviewIsError = strict
        let report = SiteBuilder.check(request)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .text:
            DiagnosticPrinter(quiet: options.quiet).print(report.diagnostics)
            if options.verbose {
                BuildCommand.printTimings(report)
                for (path, grade) in report.readabilityByPath { print("\(Escape.terminal(path)): reading grade \(String(format: "%.1f", grade))") }
            }
            if reviews { print(Self.reviewTable(report.reviewSchedule, today: request.clock.today)) }
            if !options.quiet {
                print("Checked \(report.pagesChecked) pages: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
        case .json:
            print(DiagnosticFormats.json(report.diagnostics))
        case .github:
            for diagnostic in report.diagnostics { print(DiagnosticFormats.githubAnnotation(diagnostic)) }
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}

extension CheckCommand {
    /// The review schedule as a table, soonest due first, with what is overdue or due soon marked.
    static func reviewTable(_ rows: [ReviewRow], today: CalendarDate) -> String {
        let header = ["Next review", "Last review", "Reviewer", "Author", "Page"]
        var lines: [[String]] = [header]
        for row in rows {
            var next = row.nextReview?.description ?? "never reviewed"
            if let due = row.nextReview {
                let days = today.days(until: due)
                if days < 0 { next += " (overdue)" } else if days <= 30 { next += " (due soon)" }
            }
            lines.append([next, row.lastReview?.description ?? "–", row.reviewer ?? "–", row.author ?? "–", row.path].map(Escape.terminal))
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { $0.offset == line.count - 1 ? $0.element : $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Machine-readable forms of diagnostics.
enum DiagnosticFormats {
    /// `::error file=PATH,line=N,col=M::message`, as GitHub Actions reads it.
    static func githubAnnotation(_ diagnostic: Diagnostic) -> String {
        let level = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
        func property(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
                .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var message = Escape.terminal(diagnostic.message)
        if let hint = diagnostic.hint { message += "\n" + Escape.terminal(hint) }
        message = message.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        let location = diagnostic.location
        return "::\(level) file=\(property(Escape.terminal(location.path))),line=\(location.line),col=\(location.column)::\(message)"
    }

    /// A JSON list of `{severity, file, line, column, message, hint}`.
    static func json(_ diagnostics: [Diagnostic]) -> String {
        let items = diagnostics.map { diagnostic -> String in
            // Control characters from content are shown escaped here too: the list may be printed on a terminal.
            var fields = [
                "\"severity\":" + Escape.json(diagnostic.severity.rawValue), "\"file\":" + Escape.json(Escape.terminal(diagnostic.location.path)),
                "\"line\":\(diagnostic.location.line)", "\"column\":\(diagnostic.location.column)",
                "\"message\":" + Escape.json(Escape.terminal(diagnostic.message)),
            ]
            if let hint = diagnostic.hint { fields.append("\"hint\":" + Escape.json(Escape.terminal(hint))) }
            return "  {" + fields.joined(separator: ",") + "}"
        }
        return "[\n" + items.joined(separator: ",\n") + (items.isEmpty ? "]" : "\n]")
    }
}
