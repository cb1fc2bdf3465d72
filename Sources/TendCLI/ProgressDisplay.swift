import Foundation
import TendCore

/// Shows build progress: a bar on a terminal, a plain line per step elsewhere (CI logs), and
/// nothing for small sites or with `--quiet`.
enum ProgressDisplay {
    static func reporter(quiet: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressReporter? {
        guard !quiet else { return nil }
        let terminal = isatty(STDERR_FILENO) != 0 && environment["TERM"] != "dumb"
        return ProgressReporter { step, done, total in
            guard total >= 500 else { return }
            if terminal {
                let width = 30
                let filled = total > 0 ? done * width / total : width
                let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                let end = done == total ? "\n" : ""
                FileHandle.standardError.write(Data("\r\u{1B}[2K[\(bar)] \(step) \(done)/\(total)\(end)".utf8))
            } else if done == 0 {
                FileHandle.standardError.write(Data("\(step): \(total)\n".utf8))
            }
        }
    }
}
