import Foundation
import TendCore

/// `.tend-cache/build-state`: what the last successful build read and wrote. A build whose
/// inputs have not changed since stops at once; any other build renders only the files whose
/// dependency key changed. A state that cannot be read, or that another build of Tend wrote, is
/// ignored (with a note) and rewritten.
struct BuildCache {
    static let magic = "tend-build-state 2"

    /// One input file as `stat` sees it.
    struct Entry: Equatable {
        var path: String
        var size: Int64
        var modified: Int64
    }

    /// The options of the build (output folder, drafts, dates, base URL).
    var key: String
    var entries: [Entry]
    /// The output folder's identity when the build finished.
    var outputStamp: String
    var pagesWritten: Int
    var filesWritten: Int
    var diagnostics: [Diagnostic]
    /// Each output file's dependency key.
    var outputs: [String: UInt64]

    /// Every file under the given folders (symbolic links followed inside them, loops ended).
    /// Each folder's entries are `stat`ed on all cores.
    static func snapshot(of folders: [String]) -> [Entry] {
        var entries: [Entry] = []
        var visited = Set<String>()
        for folder in folders {
            var pending = [folder]
            while let directory = pending.popLast() {
                guard let real = realpath(directory, nil) else { continue }
                defer { free(real) }
                guard visited.insert(String(cString: real)).inserted, let handle = opendir(directory) else { continue }
                var names: [String] = []
                while let entry = readdir(handle) {
                    let name = withUnsafePointer(to: entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
                    if name != "." && name != ".." { names.append(name) }
                }
                let statted = statEntries(names, in: dirfd(handle))
                closedir(handle)
                for (name, info) in statted {
                    let path = directory + "/" + name
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

    /// `stat` of each name in the open folder `descriptor`, on all cores; names that vanished are left out.
    private static func statEntries(_ names: [String], in descriptor: Int32) -> [(name: String, info: stat)] {
        let chunks: [ArraySlice<String>] = stride(from: 0, to: names.count, by: 512).map { names[$0..<min($0 + 512, names.count)] }
        let results: [[(name: String, info: stat)]] = parallelMap(chunks) { (chunk: ArraySlice<String>) -> [(name: String, info: stat)] in
            var found: [(name: String, info: stat)] = []
            for name in chunk {
                var info = stat()
                if fstatat(descriptor, name, &info, 0) == 0 { found.append((name, info)) }
            }
            return found
        }
        return results.flatMap { $0 }
    }

    /// The output folder's identity: replaced folders get new inodes.
    static func stamp(of output: String) -> String {
        var info = stat()
        guard stat(output, &info) == 0 else { return "missing" }
        return "\(info.st_dev):\(info.st_ino):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }

    static func path(siteRoot: String) -> String { siteRoot + "/.tend-cache/build-state" }

    /// Output files written outside a full build since the state was saved, one path a line.
    static func stalePath(siteRoot: String) -> String { siteRoot + "/.tend-cache/stale-outputs" }

    /// Reads the state; nil (with the reason) when it is missing, damaged or from another build of Tend.
    static func load(siteRoot: String) -> (BuildCache?, String?) {
        do {
            guard var cache = try ArchiveReader.withSavedFile(path(siteRoot: siteRoot), decode) else { return (nil, nil) }
            let stale = (try? String(contentsOfFile: stalePath(siteRoot: siteRoot), encoding: .utf8)) ?? ""
            for path in stale.split(separator: "\n") where cache.outputs[String(path)] != nil { cache.outputs[String(path)] = 0 }
            return (cache, nil)
        } catch {
            return (nil, "the build state in .tend-cache/ is damaged or from another version of Tend; rebuilding everything")
        }
    }

    private static func decode(_ reader: inout ArchiveReader) throws -> BuildCache {
        try reader.checkFormat(magic)
        let key = try reader.readString()
        let outputStamp = try reader.readString()
        let pages = try reader.readInt()
        let files = try reader.readInt()
        let entries = try reader.readArray { reader in
            Entry(path: try reader.readString(), size: Int64(try reader.readInt()), modified: Int64(try reader.readInt()))
        }
        let diagnostics = try reader.readArray { try $0.readDiagnostic() }
        var outputs: [String: UInt64] = [:]
        for _ in 0..<(try reader.readInt()) {
            outputs[try reader.readString()] = try reader.readUInt64()
        }
        return BuildCache(
            key: key, entries: entries, outputStamp: outputStamp, pagesWritten: pages, filesWritten: files, diagnostics: diagnostics, outputs: outputs)
    }

    /// Forgets the last build: used before files of the output are replaced one by one, so a
    /// build killed halfway is followed by a full build.
    static func invalidate(siteRoot: String) {
        unlink(path(siteRoot: siteRoot))
    }

    /// Marks output files as out of date (they were written outside a full build), so the next
    /// build renders them again.
    /// Appends to a small file rather than rewriting the state: the next load applies it.
    static func markStale(_ paths: [String], siteRoot: String) {
        let descriptor = open(stalePath(siteRoot: siteRoot), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            invalidate(siteRoot: siteRoot)
            return
        }
        defer { close(descriptor) }
        let bytes = Array(paths.map { $0 + "\n" }.joined().utf8)
        if bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) != bytes.count { invalidate(siteRoot: siteRoot) }
    }

    /// Writes the state atomically (a temporary file renamed into place).
    func save(siteRoot: String) {
        var writer = ArchiveWriter(format: Self.magic)
        writer.write(key)
        writer.write(outputStamp)
        writer.write(pagesWritten)
        writer.write(filesWritten)
        writer.write(entries) { writer, entry in
            writer.write(entry.path)
            writer.write(Int(entry.size))
            writer.write(Int(entry.modified))
        }
        writer.write(diagnostics) { $0.write($1) }
        writer.write(outputs.count)
        for (path, key) in outputs.sorted(by: { $0.key < $1.key }) {
            writer.write(path)
            writer.write(key)
        }
        if writer.save(to: Self.path(siteRoot: siteRoot)) { unlink(Self.stalePath(siteRoot: siteRoot)) }
    }
}
