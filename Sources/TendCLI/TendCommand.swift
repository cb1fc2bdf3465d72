import ArgumentParser

/// `tend`: builds psychoeducational sites from Markdown, with citations and health-content checks.
public struct TendCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tend",
        abstract: "Build a psychoeducational website from Markdown, with APA citations and health-content checks.",
        subcommands: [BuildCommand.self, CheckCommand.self, NewCommand.self],
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
