import Foundation

/// Every file access of a build goes through this, so tests and tools can observe or replace it.
public protocol FileSystem: Sendable {
    func contents(of path: String) throws -> [UInt8]
    /// Entries of a directory, sorted by name, without `.` and `..`, each with its kind (a
    /// symbolic link is not followed).
    func entries(of directory: String) throws -> [DirectoryEntry]
    func kind(of path: String) -> FileKind?
    /// The path with every symbolic link resolved, or nil when it does not exist.
    func realPath(_ path: String) -> String?
    func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws
    func createDirectory(_ path: String) throws
    func remove(_ path: String) throws
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

public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// The real disk, through POSIX calls (faster than FileManager's URL APIs on Linux).
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func contents(of path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(path: path, reason: Self.lastError()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystemError(path: path, reason: Self.lastError()) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 { throw FileSystemError(path: path, reason: Self.lastError()) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        guard let handle = opendir(directory) else { throw FileSystemError(path: directory, reason: Self.lastError()) }
        defer { closedir(handle) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            // The directory entry usually says what it is; only some file systems make us ask.
            let kind: FileKind?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_UNKNOWN): kind = self.kind(of: directory + "/" + name)
            default: kind = .other
            }
            if let kind { entries.append(DirectoryEntry(name: name, kind: kind)) }
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func kind(of path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError(path: path, reason: Self.lastError()) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 { throw FileSystemError(path: path, reason: Self.lastError()) }
            written += count
        }
    }

    public func createDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw FileSystemError(path: path, reason: Self.lastError())
        }
    }

    public func remove(_ path: String) throws {
        guard kind(of: path) != nil else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileSystemError(path: path, reason: "could not remove: \(error.localizedDescription)")
        }
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

extension FileSystem {
    public func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBufferPointer { try write($0, to: path) }
    }

    /// Whether the file at `path` exists and holds exactly `bytes`.
    public func holds(_ bytes: UnsafeBufferPointer<UInt8>, at path: String) -> Bool {
        guard let old = try? contents(of: path) else { return false }
        return old.count == bytes.count && old.elementsEqual(bytes)
    }
}
