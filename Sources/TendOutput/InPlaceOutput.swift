import Foundation
import TendCore

/// Updates the previous site where it stands, for builds that change a few files: every new or
/// changed file is written in full to a pending folder first, and only after the whole build
/// succeeded is each one renamed over its old version (one atomic `rename` per file). Files the
/// site no longer has are removed. A file whose bytes are unchanged is not touched.
public final class InPlaceOutput: SiteOutput, @unchecked Sendable {
    public let outputPath: String
    private let pendingPath: String
    private let fileSystem: FileSystem
    private let pending = Mutex<[(pendingName: String, path: String)]>([])
    private let removals = Mutex<[String]>([])

    /// Nil when the pending folder cannot be made on the output's file system (a rename could
    /// not move files across).
    public init?(outputPath: String, workFolder: String, fileSystem: FileSystem) {
        self.outputPath = outputPath
        self.fileSystem = fileSystem
        pendingPath = workFolder + "/pending-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? fileSystem.createDirectory(workFolder)
        StagedOutput.removeAbandoned(prefix: "pending-", in: workFolder, fileSystem: fileSystem)
        var work = stat(), output = stat()
        guard stat(workFolder, &work) == 0, stat(outputPath, &output) == 0, work.st_dev == output.st_dev,
            (try? fileSystem.createDirectory(pendingPath)) != nil
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
        if link(sourcePath, destination) == 0 { return }
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
        let folders = FolderMaker(root: outputPath, fileSystem: fileSystem)
        for (name, path) in pending.withLock({ $0 }) {
            try folders.makeFolders(above: path)
            guard rename(pendingPath + "/" + name, outputPath + "/" + path) == 0 else {
                throw FileSystemError(path: outputPath + "/" + path, reason: String(cString: strerror(errno)))
            }
        }
        for path in removals.withLock({ $0 }) {
            unlink(outputPath + "/" + path)
            // Folders left empty go too (rmdir fails on the first that is not).
            var folder = path
            while let slash = folder.lastIndex(of: "/") {
                folder = String(folder[..<slash])
                if rmdir(outputPath + "/" + folder) != 0 { break }
            }
        }
    }

    /// Removes the pending folder; the site is untouched.
    public func discard() {
        try? fileSystem.remove(pendingPath)
    }
}
