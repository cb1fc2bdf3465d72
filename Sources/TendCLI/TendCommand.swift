import ArgumentParser
import Foundation

/// `tend`: builds psychoeducational sites from Markdown, with citations and health-content checks.
public struct TendCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tend",
        abstract: "Build a psychoeducational website from Markdown, with APA citations and health-content checks.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ImportCommand.self],
        defaultSubcommand: nil
    )

    public init() {}
}

/// Options every command that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site's root folder (holding content/ and templates/).")
    var site: String = "."

    @Flag(name: .long, help: "Include pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include pages dated in the future.")
    var future = false

    @Flag(name: .long, help: "Print each step's timing.")
    var verbose = false

    @Flag(name: .long, help: "Print only errors.")
    var quiet = false

    var siteRoot: String {
        let trimmed = site.count > 1 && site.hasSuffix("/") ? String(site.dropLast()) : site
        return trimmed
    }
}

extension TendCommand {
    /// Runs the command line: exit status 0 on success, 1 for content errors, 2 for a wrong command line.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == ExitCode(1) { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
