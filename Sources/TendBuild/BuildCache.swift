import TendCache
import TendCore
import TendSite

/// The build state in the cache: what the last successful build read and wrote. A build whose
/// inputs have not changed since stops at once; any other build renders only the files whose
/// key changed. A state that cannot be read, or that another build of Tend wrote, is ignored
/// (with a note) and rewritten.
struct BuildCache {
    static let format = "tend-build-state 4"

    /// One input file as `stat` saw it; for a file changed just before the build, a digest of
    /// its bytes too (0 for the others).
    struct Entry: Equatable {
        var path: String
        var size: Int64
        var modified: Int64
        var contentHash: UInt64 = 0
    }

    /// The options of the build (output folder, drafts, dates, base URL).
    var key: String
    var entries: [Entry]
    /// The output folder's identity when the build finished.
    var outputStamp: String
    var pagesWritten: Int
    var filesWritten: Int
    var diagnostics: [Diagnostic]
    /// Each output file's key, by its path inside the output folder.
    var outputs: [String: UInt64]
    /// Each language's related-article rankings, by language code.
    var rankings: [String: RelatedRankings] = [:]

    /// The input files of `snapshots`, as the state records them. A file changed in the last
    /// moments before `now` may change again within the same timestamp tick, keeping its size
    /// and time: its bytes are digested as well (a tenth of a second where times have sub-second
    /// precision, two seconds where they do not).
    static func entries(of snapshots: [SourceSnapshot], now: Int64, fileSystem: FileSystem) -> [Entry] {
        let files = snapshots.flatMap(\.files)
        return parallelMap(files) { file in
            var entry = Entry(path: file.absolutePath, size: file.status.size, modified: file.status.modified)
            if isRecent(entry.modified, now: now) { entry.contentHash = digest(of: file.absolutePath, fileSystem: fileSystem) }
            return entry
        }
    }

    private static func isRecent(_ modified: Int64, now: Int64) -> Bool {
        modified >= now - (modified % 1_000_000_000 == 0 ? 2_000_000_000 : 100_000_000)
    }

    private static func digest(of path: String, fileSystem: FileSystem) -> UInt64 {
        ((try? fileSystem.withContents(of: path) { StableHasher.digest($0) }) ?? nil) ?? 1
    }

    /// Whether the files are as this state recorded them (`current` as `entries(of:)` gives
    /// them now): the same names, sizes and times, and the same bytes where they were digested.
    func isCurrent(_ current: [Entry], fileSystem: FileSystem) -> Bool {
        guard current.count == entries.count else { return false }
        return zip(entries, current).allSatisfy { saved, now in
            saved.path == now.path && saved.size == now.size && saved.modified == now.modified
                && (saved.contentHash == 0 || saved.contentHash == Self.digest(of: saved.path, fileSystem: fileSystem))
        }
    }

    /// The output folder's identity: replaced folders get new inodes.
    static func stamp(of output: String, fileSystem: FileSystem) -> String {
        fileSystem.status(of: output, followingLinks: true)?.stamp ?? "missing"
    }

    /// Reads the state; nil (with the reason) when it is missing, damaged or from another build
    /// of Tend. It stops after the inputs when `isCurrent` says they are those of now: a build
    /// that stops there needs no output keys or rankings (half the record), and the state it
    /// returns has none; true as well when it stopped.
    static func load(from store: CacheStore, stoppingWhen isCurrent: (BuildCache) -> Bool) -> (BuildCache?, Bool, String?) {
        do {
            var stopped = false
            guard
                var cache = try store.read(
                    .buildState, format: format,
                    { reader in
                        let head = try decodeHead(&reader)
                        if isCurrent(head) {
                            stopped = true
                            return head
                        }
                        return try decodeTail(&reader, head: head)
                    })
            else { return (nil, false, nil) }
            if !stopped { for line in store.lines(of: .staleOutputs) where cache.outputs[line] != nil { cache.outputs[line] = 0 } }
            return (cache, stopped, nil)
        } catch {
            return (nil, false, "the build state in .tend-cache/ is damaged or from another version of Tend; rebuilding everything")
        }
    }

    /// What the state says of the last build's inputs and report.
    private static func decodeHead(_ reader: inout ArchiveReader) throws -> BuildCache {
        let key = try reader.readString()
        let outputStamp = try reader.readString()
        let pages = try reader.readInt()
        let files = try reader.readInt()
        guard pages >= 0, files >= pages else { throw ArchiveReader.Damaged() }
        let entries = try reader.readArray { reader in
            Entry(path: try reader.readString(), size: Int64(try reader.readInt()), modified: Int64(try reader.readInt()), contentHash: try reader.readUInt64())
        }
        let diagnostics = try reader.readArray { try $0.readDiagnostic() }
        return BuildCache(
            key: key, entries: entries, outputStamp: outputStamp, pagesWritten: pages, filesWritten: files, diagnostics: diagnostics, outputs: [:])
    }

    /// The rest: each output file's key and the rankings.
    private static func decodeTail(_ reader: inout ArchiveReader, head: BuildCache) throws -> BuildCache {
        var outputs: [String: UInt64] = [:]
        for _ in try reader.readArray({ reader in outputs[try reader.readRelativePath()] = try reader.readUInt64() }) {}
        // The graph checks that the indices name articles it has before it uses them.
        var rankings: [String: RelatedRankings] = [:]
        for _ in try reader.readArray({ reader in
            let language = try reader.readString()
            let key = try reader.readUInt64()
            var byTagSet: [String: [Int]] = [:]
            for _ in try reader.readArray({ reader in byTagSet[try reader.readString()] = try reader.readArray { try $0.readInt() } }) {}
            rankings[language] = RelatedRankings(key: key, byTagSet: byTagSet)
        }) {}
        var cache = head
        cache.outputs = outputs
        cache.rankings = rankings
        return cache
    }

    /// Forgets the last build: used before files of the output are replaced one by one, so a
    /// build killed halfway is followed by a full build.
    static func invalidate(_ store: CacheStore) { store.remove(.buildState) }

    /// Marks output files as out of date (they were written outside a full build), so the next
    /// build renders them again. Appends to a small log rather than rewriting the state.
    static func markStale(_ paths: [String], in store: CacheStore) {
        if !store.append(paths, to: .staleOutputs) { invalidate(store) }
    }

    /// Writes the state atomically.
    func save(to store: CacheStore) {
        var writer = ArchiveWriter(format: Self.format)
        writer.write(key)
        writer.write(outputStamp)
        writer.write(pagesWritten)
        writer.write(filesWritten)
        writer.write(entries) { writer, entry in
            writer.write(entry.path)
            writer.write(Int(entry.size))
            writer.write(Int(entry.modified))
            writer.write(entry.contentHash)
        }
        writer.write(diagnostics) { $0.write($1) }
        let sorted = outputs.sorted { $0.key < $1.key }
        writer.write(sorted) { writer, output in
            writer.write(output.key)
            writer.write(output.value)
        }
        writer.write(rankings.sorted { $0.key < $1.key }) { writer, language in
            writer.write(language.key)
            writer.write(language.value.key)
            writer.write(language.value.byTagSet.sorted { $0.key < $1.key }) { writer, ranking in
                writer.write(ranking.key)
                writer.write(ranking.value) { $0.write($1) }
            }
        }
        if store.write(.buildState, writer) { store.remove(.staleOutputs) }
    }
}
