import TendCore

/// `.tend-cache/` in the site's root: every file Tend keeps there is named here, and every
/// record is read and written here, through the build's `FileSystem`. A record starts with its
/// format's name and version and the build of Tend that wrote it, and ends with a checksum; a
/// record that is missing is nil, one that does not check out is `ArchiveReader.Damaged`.
/// What a record says is untrusted input all the same (a CI cache can be shared): its readers
/// validate counts, lengths and paths, and a damaged record means a clean rebuild, never a trap.
public struct CacheStore: Sendable {
    public static let folderName = ".tend-cache"

    /// The records a build reads and writes whole.
    public enum Record: String, Sendable, CaseIterable {
        /// What the last successful build read and wrote.
        case buildState = "build-state"
        /// Every processed page, and the pages a small change added since.
        case pages, pagesDelta = "pages-delta"
    }

    /// Files written a line at a time.
    public enum Log: String, Sendable {
        /// Output files written outside a full build since the build state was saved.
        case staleOutputs = "stale-outputs"
    }

    /// Folders a build makes in the cache folder while it works, by the start of their names;
    /// each is followed by the process id, so those of killed builds can be found.
    public enum WorkFolder: String, Sendable {
        /// A new site being built, swapped in for the output when complete.
        case staging = ".tend-staging-"
        /// Files waiting to replace their old versions in the output.
        case pending = "pending-"
    }

    public let folder: String
    public let fileSystem: FileSystem

    public init(siteRoot: String, fileSystem: FileSystem) {
        folder = siteRoot + "/" + Self.folderName
        self.fileSystem = fileSystem
    }

    public func path(_ record: Record) -> String { folder + "/" + record.rawValue }

    /// Makes the folder; false when it cannot be (a file of that name, a read-only disk).
    @discardableResult
    public func prepare() -> Bool {
        try? fileSystem.createDirectory(folder)
        return fileSystem.status(of: folder, followingLinks: true)?.kind == .directory
    }

    /// Reads `record`, written in `format`, with `decode`; nil when there is none. What `decode`
    /// reads as `DeferredText` keeps the record's bytes alive and is decoded when first read.
    public func read<Result>(_ record: Record, format: String, _ decode: (inout ArchiveReader) throws -> Result) throws -> Result? {
        guard let shared = try fileSystem.sharedContents(of: path(record)) else { return nil }
        let bytes = shared.bytes
        guard bytes.count >= 8 else { throw ArchiveReader.Damaged() }
        let content = UnsafeRawBufferPointer(rebasing: bytes[0..<bytes.count - 8])
        var trailer = ArchiveReader(bytes, offset: bytes.count - 8)
        guard try trailer.readUInt64() == StreamingDigest.of(content) else { throw ArchiveReader.Damaged() }
        var reader = ArchiveReader(shared, count: content.count)
        try reader.checkFormat(format)
        return try decode(&reader)
    }

    /// Writes `record` with its checksum (a temporary file renamed into place, so a reader never
    /// sees half a record); false when that failed. `writer` must have been made with the
    /// record's format (`ArchiveWriter(format:)`).
    @discardableResult
    public func write(_ record: Record, _ writer: consuming ArchiveWriter) -> Bool {
        guard prepare() else { return false }
        // The trailer goes onto the writer's own bytes: a record of tens of megabytes is not copied.
        let checksum = writer.bytes.withUnsafeBytes(StreamingDigest.of)
        writer.appendTrailer(checksum)
        return fileSystem.writeAtomically(writer.bytes, to: path(record))
    }

    /// Writes `record` from `head` (made with the record's format) and then each part `parts`
    /// gives, in order, until it gives nil: a large record goes to disk piece by piece and is
    /// never whole in memory. False when that failed.
    @discardableResult
    public func write(_ record: Record, head: ArchiveWriter, parts: () -> [UInt8]?) -> Bool {
        guard prepare() else { return false }
        let path = path(record)
        let temporary = path + ".\(UInt64.random(in: 0...UInt64.max)).tmp"
        var digest = StreamingDigest()
        do {
            digest.update(head.bytes)
            try fileSystem.write(head.bytes, to: temporary)
            while let part = parts() {
                digest.update(part)
                try fileSystem.append(part, to: temporary)
            }
            var trailer = ArchiveWriter()
            trailer.write(digest.value)
            try fileSystem.append(trailer.bytes, to: temporary)
            try fileSystem.rename(temporary, to: path)
            return true
        } catch {
            try? fileSystem.remove(temporary)
            return false
        }
    }

    public func remove(_ record: Record) { try? fileSystem.remove(path(record)) }

    /// Adds lines to `log`; false when that failed.
    @discardableResult
    public func append(_ lines: [String], to log: Log) -> Bool {
        guard prepare() else { return false }
        return (try? fileSystem.append(Array(lines.map { $0 + "\n" }.joined().utf8), to: folder + "/" + log.rawValue)) != nil
    }

    /// The lines of `log` (none when there is no log).
    public func lines(of log: Log) -> [String] {
        guard let bytes = try? fileSystem.contents(of: folder + "/" + log.rawValue) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    public func remove(_ log: Log) { try? fileSystem.remove(folder + "/" + log.rawValue) }

    /// A file for rendered bodies that lives as long as this process.
    public func scratchFile() -> ScratchFile? {
        guard prepare() else { return nil }
        return fileSystem.scratchFile(in: folder)
    }
}
