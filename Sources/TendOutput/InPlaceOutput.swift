import TendCache
import TendCore

/// Updates the previous site where it stands, for builds that change a few files: every new or
/// changed file is written in full to a pending folder first, and only after the whole build
/// succeeded is each one renamed over its old version (one atomic rename per file). Files the
/// site no longer has are removed. A file whose bytes are unchanged is not touched.
public final class InPlaceOutput: SiteOutput, @unchecked Sendable {
    public let outputPath: String
    private let pendingPath: String
    private let fileSystem: FileSystem
    private let pending = Mutex<[(pendingName: String, path: String)]>([])
    private let removals = Mutex<[String]>([])

    /// Nil when the pending folder cannot be made in the cache on the output's file system (a
    /// rename could not move files across).
    public init?(outputPath: String, cache: CacheStore) {
        self.outputPath = outputPath
        fileSystem = cache.fileSystem
        pendingPath = cache.folder + "/" + CacheStore.WorkFolder.pending.rawValue + "\(ProcessIdentity.current)-\(UInt32.random(in: 0...UInt32.max))"
        guard cache.prepare() else { return nil }
        StagedOutput.removeAbandoned(.pending, in: cache.folder, fileSystem: fileSystem)
        guard let work = fileSystem.status(of: cache.folder, followingLinks: true), let output = fileSystem.status(of: outputPath, followingLinks: true),
            work.device == output.device, (try? fileSystem.createDirectory(pendingPath)) != nil
        else { return nil }
    }

    /// Writes `bytes` for `relativePath`, unless the site already has exactly these bytes there.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>, to relativePath: String) throws {
        if fileSystem.holds(bytes, at: outputPath + "/" + relativePath) { return }
        let name = nextName(for: relativePath)
        try fileSystem.write(bytes, to: pendingPath + "/" + name)
    }

    /// Puts a copy of `sourcePath` (a hard link when possible) at `relativePath`.
    public func copy(from sourcePath: String, to relativePath: String) throws {
        let destination = pendingPath + "/" + nextName(for: relativePath)
        if (try? fileSystem.link(sourcePath, to: destination)) != nil { return }
        try fileSystem.write(try fileSystem.contents(of: sourcePath), to: destination)
    }

    /// Marks a file of the previous site that this build does not produce.
    public func remove(_ relativePath: String) {
        removals.withLock { $0.append(relativePath) }
    }

    /// The number of files that will change when committed.
    public var changeCount: Int { pending.withLock { $0.count } + removals.withLock { $0.count } }

    private func nextName(for relativePath: String) -> String {
        pending.withLock { list in
            list.append((String(list.count), relativePath))
            return String(list.count - 1)
        }
    }

    /// Moves every pending file into place and removes what the site no longer has.
    public func commit() throws {
        defer { discard() }
        if fileSystem.kind(of: outputPath + "/" + OutputMarker.name) == nil { try OutputMarker.write(into: outputPath, fileSystem: fileSystem) }
        let folders = FolderMaker(root: outputPath, fileSystem: fileSystem)
        let files = pending.withLock { $0 }
        // Every folder first: a folder that cannot be made stops the update before any file moved.
        for (_, path) in files { try folders.makeFolders(above: path) }
        for (name, path) in files { try fileSystem.rename(pendingPath + "/" + name, to: outputPath + "/" + path) }
        for path in removals.withLock({ $0 }) {
            try? fileSystem.remove(outputPath + "/" + path)
            // Folders left empty go too (it fails on the first that is not).
            var folder = path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                if !fileSystem.removeEmptyDirectory(outputPath + "/" + folder) { break }
            }
        }
    }

    /// Removes the pending folder; the site is untouched.
    public func discard() {
        try? fileSystem.remove(pendingPath)
    }
}
