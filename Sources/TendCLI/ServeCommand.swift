import ArgumentParser
import Foundation
import TendBuild
import TendContent
import TendCore
import TendServer

/// Writes a line to standard output at once (print buffers when output is not a terminal).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// `tend serve`: build, serve, rebuild on every save and reload open pages.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build it, serve it, rebuild and reload the browser on every save."
    )

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "The address to listen on (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: UInt16 = 8000

    @Option(name: .long, help: "Where to write the preview (default: public/ in the site folder).")
    var output: String?

    func run() throws {
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        if !loopback {
            FileHandle.standardError.write(Data("warning: serving on \(host): other machines on the network can see your drafts\n".utf8))
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var request = BuildRequest(siteRoot: options.siteRoot, outputPath: output, drafts: options.drafts, future: options.future)
        request.baseURLOverride = "http://\(shownHost):\(port)/"
        let session = BuildSession()
        request.session = session
        let printer = DiagnosticPrinter(quiet: options.quiet)
        func rebuild() -> BuildReport {
            let start = Date()
            let report = SiteBuilder.build(request)
            printer.print(report.diagnostics)
            if report.succeeded {
                say("Built \(report.pagesWritten) pages in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
            } else {
                say("The build failed; still serving the last good site.")
            }
            return report
        }
        _ = rebuild()
        var configuration = DevServer.Configuration(host: host, port: port, root: request.outputPath)
        if !loopback { configuration.extraAllowedHosts = [host.lowercased()] }
        let server: DevServer
        do {
            server = try DevServer(configuration)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        server.start()
        say("Serving http://\(shownHost):\(server.port)/ — press Ctrl-C to stop.")
        let watcher = try FileWatcher(
            directories: [options.siteRoot + "/content", options.siteRoot + "/templates"].filter {
                FileManager.default.fileExists(atPath: $0)
            })
        while true {
            let changed = watcher.waitForChanges(settle: 0.01)
            // One saved article or exercise is on screen at once; the full build follows.
            let start = Date()
            let shown = editedPage(in: changed).flatMap { session.renderEditedPage($0) }
            if let shown {
                server.showChangedPage(Routes.sitePath(ofFile: shown))
                say("Updated \(Escape.terminal(shown)) in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
                // The browser reloads the page first; the full build would compete for the cores.
                Thread.sleep(forTimeInterval: 0.15)
            }
            let report = rebuild()
            if report.succeeded {
                if shown == nil || report.filesUpdated > 0 { server.reload() }
            } else {
                server.showErrors(report.diagnostics.filter { $0.severity == .error }.map(\.description))
            }
        }
    }

    /// The one article or exercise a burst of changes saved (relative to the site root), if
    /// nothing else changed. Editors' temporary and backup files are not counted.
    private func editedPage(in changed: [String]) -> String? {
        let prefix = options.siteRoot + "/"
        let files = Set(changed.filter { !SourceSnapshot.isJunk(($0 as NSString).lastPathComponent) && FileManager.default.fileExists(atPath: $0) })
        guard files.count == 1, let path = files.first, path.hasPrefix(prefix), path.hasSuffix(".md") else { return nil }
        let relative = String(path.dropFirst(prefix.count))
        // content/articles/…, or a translation's content/es/articles/….
        let parts = relative.split(separator: "/")
        guard parts.count >= 3, parts[0] == "content" else { return nil }
        let section = parts.count >= 4 && Page.languageFolder(of: relative) != nil ? parts[2] : parts[1]
        return section == "articles" || section == "exercises" ? relative : nil
    }
}
