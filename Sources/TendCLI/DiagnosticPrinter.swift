import Foundation
import TendCore

/// Prints diagnostics as `path:line:column: error: message` and a hint, coloured only on a terminal without `NO_COLOR`.
struct DiagnosticPrinter {
    var quiet = false
    let useColor: Bool

    init(quiet: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.quiet = quiet
        useColor = isatty(STDERR_FILENO) != 0 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error {
            // What came from content (paths, messages quoting it) is escaped before it reaches the terminal.
            var line = "\(Escape.terminal(diagnostic.location.path)):\(diagnostic.location.line):\(diagnostic.location.column): "
            let label = diagnostic.severity.rawValue + ":"
            line += useColor ? color(for: diagnostic.severity) + label + "\u{1B}[0m" : label
            line += " " + Escape.terminal(diagnostic.message)
            if let hint = diagnostic.hint { line += "\n  hint: " + Escape.terminal(hint) }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    private func color(for severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: return "\u{1B}[1;31m"
        case .warning: return "\u{1B}[1;33m"
        case .note: return "\u{1B}[1;36m"
        }
    }
}
