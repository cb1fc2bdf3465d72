import Foundation
import TendCache
import TendCitations
import TendCore
import TendFrontMatter

/// The page cache: every page the last build processed, so the next build parses only the
/// files that changed. A page is reused when its file's size and modification time are as
/// recorded, or else when its bytes hash the same; never when the site's settings, its
/// bibliographies or Tend itself changed (the settings key). Bodies are not kept: a reused page
/// whose file must be rendered again (its related articles changed, say) is processed again.
/// A file that is damaged or from another build of Tend is ignored with a note.
///
/// A build that changed a few pages writes only those records, to `pages-delta`; the full
/// file is written again once the changes outgrow a tenth of the site.
public final class PageCache: @unchecked Sendable {
    static let format = "tend-pages 5"
    static let chunkSize = 256

    /// One source file and what processing it gave.
    struct Record {
        var size: Int64
        var modified: Int64
        var contentHash: UInt64
        var page: Page?
        var diagnostics: [Diagnostic]
        /// True while the record is exactly as the full file has it.
        var isInBase = false
    }

    let store: CacheStore
    let settingsKey: UInt64
    /// False for a run that only reads the cache (`tend check`).
    let saves: Bool
    private let body: @Sendable (ContentKind, String) -> PageBody
    /// Why the previous cache was not used, for a note.
    public private(set) var problem: String?
    /// When the build started (nanoseconds). A file changed just before may change again within
    /// the same timestamp tick: its record is kept with no time, so the next build compares
    /// bytes. "Just before" is a tenth of a second where times have sub-second precision, two
    /// seconds where they do not (FAT, some network file systems).
    private let buildStart: Int64
    /// The full file's identity, which a delta names; nil when there is no usable full file.
    private var baseID: UInt64?
    private var basePaths: Set<String> = []
    private var previous: [String: Record] = [:]

    /// Opens the cache in `store` for a build whose settings hash to `settingsKey`; a reused
    /// page's body is `body(kind, sourcePath)`.
    public init(
        store: CacheStore, settingsKey: UInt64, bibliography: Bibliography, saves: Bool, body: @escaping @Sendable (ContentKind, String) -> PageBody
    ) {
        self.store = store
        self.settingsKey = settingsKey
        self.saves = saves
        self.body = body
        buildStart = store.fileSystem.now()
        do {
            guard let base = try read(.pages, bibliography: bibliography) else { return }
            baseID = base.id
            basePaths = Set(base.records.keys)
            previous = base.records.mapValues { record in
                var record = record
                record.isInBase = true
                return record
            }
            if let delta = try read(.pagesDelta, bibliography: bibliography), delta.baseID == base.id {
                for (path, record) in delta.records { previous[path] = record }
                for path in delta.removed { previous[path] = nil }
            }
        } catch is SettingsChanged {
            previous = [:]
            baseID = nil
        } catch {
            previous = [:]
            baseID = nil
            problem = "the page cache in .tend-cache/ is damaged or from another version of Tend; every page is read again"
        }
    }

    /// The record of `path` when the file's size and modification time are unchanged.
    func reusable(_ path: String, size: Int64, modified: Int64) -> Record? {
        guard let record = previous[path], record.size == size, record.modified == modified else { return nil }
        return record
    }

    /// The record of `path` when the file's bytes are unchanged (it was only touched).
    func reusable(_ path: String, contentHash: UInt64, size: Int64, modified: Int64) -> Record? {
        guard var record = previous[path], record.contentHash == contentHash else { return nil }
        record.size = size
        record.modified = modified
        record.isInBase = false
        return record
    }

    /// Writes this build's records. Pages with their own bibliography files are not kept (their
    /// settings are not in the key).
    func save(_ records: [(path: String, record: Record)]) {
        guard saves else { return }
        var kept: [(path: String, record: Record)] = []
        kept.reserveCapacity(records.count)
        for (path, record) in records {
            if let page = record.page, !page.matter.bibliography.isEmpty { continue }
            var record = record
            let window: Int64 = record.modified % 1_000_000_000 == 0 ? 2_000_000_000 : 100_000_000
            if record.modified >= buildStart - window {
                record.modified = -1
                record.isInBase = false
            }
            kept.append((path, record))
        }
        let changed = kept.filter { !$0.record.isInBase }
        // A path of the full file is gone when no record has it. Records are one a path, and one
        // still as the full file has it is of a path there: counting them tells whether any is
        // gone, without a set of every path (most builds remove nothing).
        let keptFromBase = kept.count - changed.count + changed.count { basePaths.contains($0.path) }
        let removed = keptFromBase == basePaths.count ? [] : basePaths.subtracting(kept.map(\.path)).sorted()
        if let baseID, changed.count + removed.count <= max(Self.chunkSize, kept.count / 10) {
            write(Dictionary(changed) { $1 }, removed: removed, to: .pagesDelta, id: UInt64.random(in: 1...UInt64.max), baseID: baseID)
        } else if write(Dictionary(kept) { $1 }, removed: [], to: .pages, id: UInt64.random(in: 1...UInt64.max), baseID: 0) {
            store.remove(.pagesDelta)
        }
    }

    private struct SettingsChanged: Error {}

    /// Writes `records` in chunks (read back in parallel), and the paths a delta removes; false
    /// when the file could not be written.
    @discardableResult
    private func write(_ records: [String: Record], removed: [String], to record: CacheStore.Record, id: UInt64, baseID: UInt64) -> Bool {
        let paths = records.keys.sorted()
        var writer = ArchiveWriter(format: Self.format)
        writer.write(settingsKey)
        writer.write(id)
        writer.write(baseID)
        writer.write(removed)
        let chunks = paths.chunked(by: Self.chunkSize)
        writer.write(chunks.count)
        // Chunks are encoded a few at a time on all cores and go to disk as they are made: at
        // 10,000 pages the record is tens of megabytes, and holding it whole was a build's peak.
        let batch = max(ProcessInfo.processInfo.activeProcessorCount, 1) * 2
        var pending: [[UInt8]] = []
        var next = 0
        return store.write(record, head: writer) {
            if pending.isEmpty {
                guard next < chunks.count else { return nil }
                let group = Array(chunks[next..<min(next + batch, chunks.count)])
                next += group.count
                pending = parallelMap(group) { chunk in
                    var part = ArchiveWriter()
                    part.write(chunk.count)
                    var body = ArchiveWriter()
                    for path in chunk { Self.encode(records[path]!, path: path, into: &body) }
                    part.write(body.bytes.count)
                    part.append(body.bytes)
                    return part.bytes
                }.reversed()
            }
            return pending.popLast()
        }
    }

    private static func encode(_ record: Record, path: String, into writer: inout ArchiveWriter) {
        writer.write(path)
        writer.write(Int(record.size))
        writer.write(Int(record.modified))
        writer.write(record.contentHash)
        writer.write(record.diagnostics) { $0.write($1) }
        writer.write(record.page != nil)
        if let page = record.page {
            page.archive(into: &writer)
        }
    }

    /// Reads one of the cache's files; nil when it does not exist.
    private func read(_ record: CacheStore.Record, bibliography: Bibliography) throws -> (
        id: UInt64, baseID: UInt64, records: [String: Record], removed: [String]
    )? {
        let settingsKey = self.settingsKey, body = self.body
        return try store.read(record, format: Self.format) { reader in
            guard try reader.readUInt64() == settingsKey else { throw SettingsChanged() }
            let id = try reader.readUInt64()
            let baseID = try reader.readUInt64()
            let removed = try reader.readStrings()
            var chunks: [(count: Int, range: Range<Int>)] = []
            for _ in 0..<(try reader.readCount()) {
                let count = try reader.readCount()
                let length = try reader.readCount()
                guard count <= length else { throw ArchiveReader.Damaged() }
                let start = reader.offset
                try reader.skip(length)
                chunks.append((count, start..<start + length))
            }
            let slices = chunks.map { (reader.slice($0.range), $0.count) }
            let decoded = parallelMap(slices) { slice, count in
                Result {
                    var chunkReader = slice
                    return try (0..<count).map { _ in try Self.decode(&chunkReader, bibliography: bibliography, body: body) }
                }
            }
            var records: [String: Record] = [:]
            records.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
            for chunk in decoded {
                for (path, record) in try chunk.get() { records[path] = record }
            }
            return (id, baseID, records, removed)
        }
    }

    private static func decode(
        _ reader: inout ArchiveReader, bibliography: Bibliography, body: (ContentKind, String) -> PageBody
    ) throws -> (String, Record) {
        let path = try reader.readRelativePath()
        let size = Int64(try reader.readInt())
        let modified = Int64(try reader.readInt())
        let contentHash = try reader.readUInt64()
        let diagnostics = try reader.readArray { try $0.readDiagnostic() }
        var record = Record(size: size, modified: modified, contentHash: contentHash, page: nil, diagnostics: diagnostics)
        if try reader.readBool() {
            let page = try Page.unarchive(from: &reader, bibliography: bibliography, sourceDigest: contentHash, body: body)
            guard page.sourcePath == path else { throw ArchiveReader.Damaged() }
            record.page = page
        }
        return (path, record)
    }
}
