/// Every file access of a build goes through this, so a whole build can run in memory
/// (`MemoryFileSystem`) and tests can observe or replace the disk.
public protocol FileSystem: Sendable {
    func contents(of path: String) throws -> [UInt8]
    /// The file's bytes, valid for as long as the value lives (mapped where the system can);
    /// nil when there is no such file.
    func sharedContents(of path: String) throws -> SharedBytes?
    /// Entries of a directory in no particular order, without `.` and `..`, each with its kind
    /// (a symbolic link is not followed).
    func entries(of directory: String) throws -> [DirectoryEntry]
    /// What is at `path` (a symbolic link itself, unless `followingLinks`); nil when nothing is.
    func status(of path: String, followingLinks: Bool) -> FileStatus?
    /// What is at each name in `directory` (links not followed), in order; the system may do
    /// them in parallel.
    func statuses(of names: [String], in directory: String) -> [FileStatus?]
    /// The path with every symbolic link resolved, or nil when it does not exist.
    func realPath(_ path: String) -> String?
    func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws
    /// Adds `bytes` at the end of the file, creating it.
    func append(_ bytes: [UInt8], to path: String) throws
    func createDirectory(_ path: String) throws
    /// Removes a file, or a folder with everything in it; nothing when there is nothing.
    func remove(_ path: String) throws
    /// Removes an empty folder; false when it is not empty or not there.
    func removeEmptyDirectory(_ path: String) -> Bool
    /// Moves a file or folder, replacing a file at `destination` atomically.
    func rename(_ source: String, to destination: String) throws
    /// A second name for the file at `source` (a hard link).
    func link(_ source: String, to destination: String) throws
    /// Swaps two folders at once: both paths stay valid at every instant.
    func exchange(_ first: String, _ second: String) throws
    /// Removes a folder without making the caller wait; it may outlive this process.
    func removeLater(_ path: String)
    /// A file for data kept while this process runs and gone when it ends, made in `folder`.
    func scratchFile(in folder: String) -> ScratchFile?
    /// The file system's clock in nanoseconds since 1970, the one file times are given in.
    func now() -> Int64
}

public enum FileKind: Sendable, Equatable {
    case file, directory, symbolicLink, other
}

/// A name in a directory and what it is.
public struct DirectoryEntry: Sendable, Equatable {
    public var name: String
    public var kind: FileKind

    public init(name: String, kind: FileKind) {
        self.name = name
        self.kind = kind
    }
}

/// What `stat` tells of a file.
public struct FileStatus: Sendable, Equatable, Hashable {
    public var kind: FileKind
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var modified: Int64
    /// Which file system and which file on it: a replaced file or folder has another.
    public var device: UInt64
    public var inode: UInt64

    public init(kind: FileKind, size: Int64, modified: Int64, device: UInt64, inode: UInt64) {
        self.kind = kind
        self.size = size
        self.modified = modified
        self.device = device
        self.inode = inode
    }

    /// The file's identity and version, as one string.
    public var stamp: String { "\(device):\(inode):\(size):\(modified)" }
}

/// An append-only file read back by offset (rendered bodies of a large site).
public protocol ScratchFile: Sendable {
    /// Stores `bytes`; nil when the write failed.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int?
    func read(offset: Int, length: Int) -> [UInt8]
}

public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

extension FileSystem {
    /// Calls `body` with the file's bytes (mapped, not copied, where the system can); nil when
    /// there is no such file.
    public func withContents<Result>(of path: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result? {
        guard let shared = try sharedContents(of: path) else { return nil }
        return try body(shared.bytes)
    }

    public func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBufferPointer { try write($0, to: path) }
    }

    public func kind(of path: String) -> FileKind? { status(of: path, followingLinks: false)?.kind }

    /// Whether the file at `path` exists and holds exactly `bytes`.
    public func holds(_ bytes: UnsafeBufferPointer<UInt8>, at path: String) -> Bool {
        guard let status = status(of: path, followingLinks: true), status.kind == .file, status.size == Int64(bytes.count) else { return false }
        return (try? withContents(of: path) { $0.elementsEqual(UnsafeRawBufferPointer(bytes)) }) == true
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it into place, so a reader
    /// never sees half a file; creates the folder. False when that failed.
    @discardableResult
    public func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return false }
        try? createDirectory(String(path[..<slash]))
        let temporary = path + ".\(UInt64.random(in: 0...UInt64.max)).tmp"
        do {
            try write(bytes, to: temporary)
            try rename(temporary, to: path)
            return true
        } catch {
            try? remove(temporary)
            return false
        }
    }
}
