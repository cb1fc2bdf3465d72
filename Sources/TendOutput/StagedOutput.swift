import Foundation
import TendCore

/// Builds a site into a staging folder on the output's file system, then swaps it in with one
/// atomic `rename`: readers (and a `kill -9`) only ever see the old or the new complete site.
public final class StagedOutput: SiteOutput, @unchecked Sendable {
    /// The folder being written.
    public let stagingPath: String
    public let outputPath: String
    private let fileSystem: FileSystem
    private let folders: FolderMaker

    /// Creates an empty staging folder in `workFolder` (the site's `.tend-cache/`), or beside
    /// `outputPath` when that folder is on another file system or not given: the swap must
    /// stay a single atomic rename.
    public init(outputPath: String, workFolder: String? = nil, fileSystem: FileSystem) throws {
        self.outputPath = outputPath
        self.fileSystem = fileSystem
        let parent = (outputPath as NSString).deletingLastPathComponent
        let name = (outputPath as NSString).lastPathComponent
        var folder = parent.isEmpty ? "." : parent
        if let workFolder {
            try? fileSystem.createDirectory(workFolder)
            if Self.device(of: workFolder) != nil, Self.device(of: workFolder) == Self.device(of: folder) { folder = workFolder }
        }
        // The process id finds folders of killed builds; the random part keeps builds of one
        // process (tests, a preview server) apart.
        stagingPath = folder + "/.tend-staging-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))"
        folders = FolderMaker(root: stagingPath, fileSystem: fileSystem)
        Self.removeAbandoned(prefix: ".tend-staging-\(name)-", in: folder, fileSystem: fileSystem)
        try? fileSystem.remove(stagingPath)
        try fileSystem.createDirectory(stagingPath)
    }

    private static func device(of path: String) -> UInt? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt(info.st_dev) : nil
    }

    /// Folders named `<prefix><pid>-…` left by builds that were killed (their process is gone) are removed.
    static func removeAbandoned(prefix: String, in folder: String, fileSystem: FileSystem) {
        for entry in ((try? fileSystem.entries(of: folder)) ?? []).map(\.name) where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(), kill(pid, 0) != 0 else { continue }
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
        if fileSystem.holds(bytes, at: previous), link(previous, path) == 0 { return }
        try fileSystem.write(bytes, to: path)
    }

    /// Links the previous site's file at `relativePath` into the staging folder (it has not
    /// changed); false when there is no such file.
    public func keep(_ relativePath: String) -> Bool {
        guard (try? folders.makeFolders(above: relativePath)) != nil else { return false }
        return link(outputPath + "/" + relativePath, stagingPath + "/" + relativePath) == 0
    }

    /// Copies a file into the staging folder, as a hard link when possible (nothing is copied twice).
    public func copy(from sourcePath: String, to relativePath: String) throws {
        try folders.makeFolders(above: relativePath)
        let destination = stagingPath + "/" + relativePath
        if link(sourcePath, destination) == 0 { return }
        try fileSystem.write(try fileSystem.contents(of: sourcePath), to: destination)
    }

    /// Swaps the staging folder in for the output, then removes the previous site.
    public func commit() throws {
        if fileSystem.kind(of: outputPath) == .directory {
            guard Self.exchange(stagingPath, outputPath) else {
                throw FileSystemError(path: outputPath, reason: "could not replace the output folder: \(String(cString: strerror(errno)))")
            }
        } else {
            if fileSystem.kind(of: outputPath) != nil {
                throw FileSystemError(path: outputPath, reason: "exists and is not a folder")
            }
            guard rename(stagingPath, outputPath) == 0 else {
                throw FileSystemError(path: outputPath, reason: "could not create the output folder: \(String(cString: strerror(errno)))")
            }
        }
        // After the exchange the staging path holds the previous site: it is removed in the
        // background, so the command returns as soon as the new site is in place.
        Self.removeInBackground(stagingPath, fileSystem: fileSystem)
    }

    private static func removeInBackground(_ path: String, fileSystem: FileSystem) {
        let trash = (path as NSString).deletingLastPathComponent + "/.tend-trash-" + UUID().uuidString
        guard rename(path, trash) == 0 else {
            try? fileSystem.remove(path)
            return
        }
        // `sh` starts `rm` in the background and exits at once, so no child is left to reap.
        let arguments = ["/bin/sh", "-c", "rm -rf -- \"$1\" &", "tend-cleanup", trash]
        let environment = ["PATH=/usr/bin:/bin"]
        var cArguments = arguments.map { strdup($0) } + [nil]
        var cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        if posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, &cEnvironment) == 0 {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        } else {
            try? fileSystem.remove(trash)
        }
    }

    /// Removes the staging folder; the output is untouched.
    public func discard() {
        try? fileSystem.remove(stagingPath)
    }

    /// `renameat2(RENAME_EXCHANGE)`: both paths stay valid at every instant.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        guard let renameat2 = renameat2Function else { return false }
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, looked up at run time (Swift's Glibc module does not declare it).
    private static let renameat2Function: Renameat2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()
}
