import Foundation
import TendCore

/// `.tend-cache/` in the site root: what the last successful build read and wrote, so a build
/// whose inputs have not changed since can stop at once. A cache that cannot be read, or that a
/// different version of Tend wrote, is ignored (with a note) and rewritten.
struct BuildCache {
    static let formatVersion = "tend-cache 1"
    /// Changes whenever Tend's output could change for the same input.
    static let toolVersion = "tend 0.1.0"

    /// One input file as `stat` sees it.
    struct Entry: Equatable {
        var path: String
        var size: Int64
        var modified: Int64
    }

    var key: String
    var entries: [Entry]
    var outputStamp: String
    var pagesWritten: Int
    var filesWritten: Int
    var diagnostics: [Diagnostic]

    /// Every file under the given folders (symbolic links followed inside them, loops ended).
    static func snapshot(of folders: [String]) -> [Entry] {
        var entries: [Entry] = []
        var visited = Set<String>()
        for folder in folders {
            var pending = [folder]
            while let directory = pending.popLast() {
                guard let real = realpath(directory, nil) else { continue }
                defer { free(real) }
                guard visited.insert(String(cString: real)).inserted, let handle = opendir(directory) else { continue }
                defer { closedir(handle) }
                while let entry = readdir(handle) {
                    let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
                    if name == "." || name == ".." { continue }
                    let path = directory + "/" + name
                    var info = stat()
                    guard stat(path, &info) == 0 else { continue }
                    if info.st_mode & S_IFMT == S_IFDIR {
                        pending.append(path)
                    } else {
                        entries.append(
                            Entry(path: path, size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
                    }
                }
            }
        }
        return entries.sorted { $0.path < $1.path }
    }

    /// The output folder's identity: replaced folders get new inodes.
    static func stamp(of output: String) -> String {
        var info = stat()
        guard stat(output, &info) == 0 else { return "missing" }
        return "\(info.st_dev):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    static func path(siteRoot: String) -> String { siteRoot + "/.tend-cache/build-state" }

    /// Reads the cache; nil (with the reason) when it is missing, damaged or from another version.
    static func load(siteRoot: String) -> (BuildCache?, String?) {
        guard let text = try? String(contentsOfFile: path(siteRoot: siteRoot), encoding: .utf8) else { return (nil, nil) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 5, lines[0] == formatVersion, lines[1] == toolVersion else {
            return (nil, "the build cache in .tend-cache/ is from another version of Tend or damaged; rebuilding everything")
        }
        let key = lines[2], outputStamp = lines[3]
        let counts = lines[4].split(separator: " ").compactMap { Int($0) }
        guard counts.count == 3 else { return (nil, "the build cache in .tend-cache/ is damaged; rebuilding everything") }
        lines.removeFirst(5)
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for line in lines where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
            if fields.first == "F", fields.count == 4, let size = Int64(fields[2]), let modified = Int64(fields[3]) {
                entries.append(Entry(path: fields[1], size: size, modified: modified))
            } else if fields.first == "D", fields.count == 7, let severity = Diagnostic.Severity(rawValue: fields[1]),
                let lineNumber = Int(fields[3]), let column = Int(fields[4])
            {
                diagnostics.append(
                    Diagnostic(
                        severity, SourceLocation(path: fields[2], line: lineNumber, column: column), fields[5], hint: fields[6].isEmpty ? nil : fields[6]))
            } else {
                return (nil, "the build cache in .tend-cache/ is damaged; rebuilding everything")
            }
        }
        guard entries.count == counts[2] else { return (nil, "the build cache in .tend-cache/ is incomplete; rebuilding everything") }
        return (
            BuildCache(key: key, entries: entries, outputStamp: outputStamp, pagesWritten: counts[0], filesWritten: counts[1], diagnostics: diagnostics), nil
        )
    }

    /// Writes the cache atomically (a temporary file renamed into place).
    func save(siteRoot: String) {
        var text = "\(Self.formatVersion)\n\(Self.toolVersion)\n\(key)\n\(outputStamp)\n\(pagesWritten) \(filesWritten) \(entries.count)\n"
        for entry in entries {
            text += "F\t\(Self.escape(entry.path))\t\(entry.size)\t\(entry.modified)\n"
        }
        for diagnostic in diagnostics {
            let location = diagnostic.location
            text +=
                ["D", diagnostic.severity.rawValue, location.path, String(location.line), String(location.column), diagnostic.message, diagnostic.hint ?? ""]
                .map(Self.escape).joined(separator: "\t") + "\n"
        }
        let folder = siteRoot + "/.tend-cache"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = folder + "/build-state.\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
        guard (try? text.write(toFile: temporary, atomically: false, encoding: .utf8)) != nil else { return }
        if rename(temporary, Self.path(siteRoot: siteRoot)) != 0 { unlink(temporary) }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                out.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
