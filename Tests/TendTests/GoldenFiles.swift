import Foundation
import Testing

/// Compares a built site with a folder of expected files; `RECORD_GOLDENS=1` rewrites them.
/// Theme assets and media are byte copies and are left out.
enum GoldenFiles {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    static func compare(built: String, expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        compare(readTree(built), expected: expected, sourceLocation: sourceLocation)
    }

    /// Compares the files of a built site (relative path → bytes) with the expected folder.
    static func compare(_ built: [String: Data], expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actualFiles = built.filter { !$0.key.hasPrefix("assets/") && !$0.key.hasPrefix("media/") && $0.key != ".tend-output" }
        if recording {
            try? FileManager.default.removeItem(atPath: expected)
            for (path, data) in actualFiles {
                let url = URL(fileURLWithPath: expected + "/" + path)
                try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try! data.write(to: url)
            }
            return
        }
        let expectedFiles = readTree(expected)
        #expect(
            Set(actualFiles.keys) == Set(expectedFiles.keys), "files differ from \(expected); run with RECORD_GOLDENS=1 to accept",
            sourceLocation: sourceLocation)
        for (path, data) in actualFiles.sorted(by: { $0.key < $1.key }) {
            guard let wanted = expectedFiles[path] else { continue }
            if data != wanted {
                let firstDifference = zip(
                    String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false),
                    String(decoding: wanted, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                )
                .enumerated().first { $0.element.0 != $0.element.1 }
                let detail = firstDifference.map { "line \($0.offset + 1):\n  got:      \($0.element.0)\n  expected: \($0.element.1)" } ?? "lengths differ"
                Issue.record("\(path) differs from the golden file: \(detail)", sourceLocation: sourceLocation)
            }
        }
    }
}
