import TendCache
import TendCore

/// Builds a site into a staging folder on the output's file system, then swaps it in with one
/// atomic exchange: readers (and a `kill -9`) only ever see the old or the new complete site.
public final class StagedOutput: SiteOutput, @unchecked Sendable {
    /// The folder being written.
    public let stagingPath: String
    public let outputPath: String
    private let fileSystem: FileSystem
    private let folders: FolderMaker

    /// Creates an empty staging folder in the cache folder, or beside `outputPath` when the cache
    /// is on another file system or cannot be made: the swap must stay a single atomic rename.
    public init(outputPath: String, cache: CacheStore) throws {
        self.outputPath = outputPath
        fileSystem = cache.fileSystem
        let parent = Self.parent(of: outputPath)
        let name = outputPath.split(separator: "/").last.map(String.init) ?? outputPath
        var folder = parent
        if cache.prepare(), let work = fileSystem.status(of: cache.folder, followingLinks: true)?.device,
            work == fileSystem.status(of: parent, followingLinks: true)?.device
        {
            folder = cache.folder
        }
        // The process id finds folders of killed builds; the random part keeps builds of one
        // process (tests, a preview server) apart.
        let prefix = CacheStore.WorkFolder.staging.rawValue + name + "-"
        stagingPath = folder + "/" + prefix + "\(ProcessIdentity.current)-\(UInt32.random(in: 0...UInt32.max))"
        folders = FolderMaker(root: stagingPath, fileSystem: fileSystem)
        Self.removeAbandoned(prefix: prefix, in: folder, fileSystem: fileSystem)
        try? fileSystem.remove(stagingPath)
        try fileSystem.createDirectory(stagingPath)
        try OutputMarker.write(into: stagingPath, fileSystem: fileSystem)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Work folders of `kind` left in `folder` by builds that were killed are removed.
    static func removeAbandoned(_ kind: CacheStore.WorkFolder, in folder: String, fileSystem: FileSystem) {
        removeAbandoned(prefix: kind.rawValue, in: folder, fileSystem: fileSystem)
    }

    /// Folders named `<prefix><pid>-…` left by builds that were killed (their process is gone) are removed.
    private static func removeAbandoned(prefix: String, in folder: String, fileSystem: FileSystem) {
        for entry in ((try? fileSystem.entries(of: folder)) ?? []).map(\.name) where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), !ProcessIdentity.isRunning(pid) else { continue }
            try? fileSystem.remove(folder + "/" + entry)
        }
    }

    /// Writes `bytes` at `relativePath` (such as `articles/x/index.html`), creating folders.
    /// When the previous site has the same bytes there, the old file is linked instead: no new
    /// file is written, and its timestamps stay as they were.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>, to relativePath: String) throws {
        let path = stagingPath + "/" + relativePath
        try folders.makeFolders(above: relativePath)
        let previous = outputPath + "/" + relativePath
        if fileSystem.holds(bytes, at: previous), (try? fileSystem.link(previous, to: path)) != nil { return }
        try fileSystem.write(bytes, to: path)
    }

    /// Links the previous site's file at `relativePath` into the staging folder (it has not
    /// changed); false when there is no such file.
    public func keep(_ relativePath: String) -> Bool {
        guard (try? folders.makeFolders(above: relativePath)) != nil else { return false }
        return (try? fileSystem.link(outputPath + "/" + relativePath, to: stagingPath + "/" + relativePath)) != nil
    }

    /// Copies a file into the staging folder, as a hard link when possible (nothing is copied twice).
    public func copy(from sourcePath: String, to relativePath: String) throws {
        try folders.makeFolders(above: relativePath)
        let destination = stagingPath + "/" + relativePath
        if (try? fileSystem.link(sourcePath, to: destination)) != nil { return }
        try fileSystem.write(try fileSystem.contents(of: sourcePath), to: destination)
    }

    /// Swaps the staging folder in for the output, then removes the previous site.
    public func commit() throws {
        switch fileSystem.kind(of: outputPath) {
        case .directory:
            do {
                try fileSystem.exchange(stagingPath, outputPath)
            } catch let error as FileSystemError {
                throw FileSystemError(path: outputPath, reason: "could not replace the output folder: \(error.reason)")
            }
        case nil:
            do {
                try fileSystem.rename(stagingPath, to: outputPath)
            } catch let error as FileSystemError {
                throw FileSystemError(path: outputPath, reason: "could not create the output folder: \(error.reason)")
            }
            return
        default:
            throw FileSystemError(path: outputPath, reason: "exists and is not a folder")
        }
        // After the exchange the staging path holds the previous site: it is removed in the
        // background, so the command returns as soon as the new site is in place.
        fileSystem.removeLater(stagingPath)
    }

    /// Removes the staging folder; the output is untouched.
    public func discard() {
        try? fileSystem.remove(stagingPath)
    }
}
