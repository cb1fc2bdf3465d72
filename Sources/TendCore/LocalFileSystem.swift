import Foundation

/// The real disk, through POSIX calls (faster than FileManager's URL APIs on Linux).
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func contents(of path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.error(path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.error(path) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 { throw Self.error(path) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    public func sharedContents(of path: String) throws -> SharedBytes? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        // Mapped with every page at once (one call, not a fault a page). Tend replaces its own
        // files by renaming a new one over them, so a mapping it holds never changes under it.
        guard size > 0, let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), mapped != MAP_FAILED else {
            return SharedBytes(copying: try contents(of: path))
        }
        return SharedBytes(UnsafeRawBufferPointer(start: mapped, count: size)) { munmap(mapped, size) }
    }

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        guard let handle = opendir(directory) else { throw Self.error(directory) }
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
        return entries
    }

    public func status(of path: String, followingLinks: Bool) -> FileStatus? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return Self.status(info)
    }

    /// `fstatat` on the open folder, in chunks on all cores: no path is resolved twice.
    public func statuses(of names: [String], in directory: String) -> [FileStatus?] {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return names.map { status(of: directory + "/" + $0, followingLinks: false) } }
        defer { close(fd) }
        return parallelMap(names, chunkSize: 256) { name -> FileStatus? in
            var info = stat()
            return fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 ? Self.status(info) : nil
        }
    }

    static func status(_ info: stat) -> FileStatus {
        let kind: FileKind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        return FileStatus(
            kind: kind, size: Int64(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws {
        try write(bytes, to: path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
    }

    public func append(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBufferPointer { try write($0, to: path, flags: O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC) }
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String, flags: Int32) throws {
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw Self.error(path) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 { throw Self.error(path) }
            written += count
        }
    }

    public func createDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw Self.error(path)
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

    public func removeEmptyDirectory(_ path: String) -> Bool { rmdir(path) == 0 }

    public func rename(_ source: String, to destination: String) throws {
        guard Foundation.rename(source, destination) == 0 else { throw Self.error(destination) }
    }

    public func link(_ source: String, to destination: String) throws {
        guard Foundation.link(source, destination) == 0 else { throw Self.error(destination) }
    }

    public func exchange(_ first: String, _ second: String) throws {
        let renameExchange: UInt32 = 1 << 1
        guard let renameat2 = Self.renameat2Function, renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 else {
            throw Self.error(second)
        }
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2`, looked up at run time (Swift's Glibc module does not declare it).
    private static let renameat2Function: Renameat2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()

    /// Renames the folder out of the way, then has `rm` remove it in the background: `sh` starts
    /// `rm` and exits at once, so no child is left to reap and the command need not wait.
    public func removeLater(_ path: String) {
        let trash = (path as NSString).deletingLastPathComponent + "/.tend-trash-" + UUID().uuidString
        guard Foundation.rename(path, trash) == 0 else {
            try? remove(path)
            return
        }
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
            try? remove(trash)
        }
    }

    public func scratchFile(in folder: String) -> ScratchFile? {
        try? createDirectory(folder)
        return LocalScratchFile(folder: folder)
    }

    public func now() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    static func error(_ path: String) -> FileSystemError { FileSystemError(path: path, reason: String(cString: strerror(errno))) }
}

/// An append-only file that is unlinked as soon as it is open, so it vanishes with the process;
/// reads go through the operating system's page cache.
final class LocalScratchFile: ScratchFile, @unchecked Sendable {
    private let descriptor: Int32
    private let end = Mutex(0)

    init?(folder: String) {
        let path = folder + "/scratch-\(getpid())-\(UUID().uuidString)"
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
    }

    deinit { close(descriptor) }

    func append(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let offset = end.withLock { end in
            defer { end += bytes.count }
            return end
        }
        var written = 0
        while written < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
            if count <= 0 { return nil }
            written += count
        }
        return offset
    }

    func read(offset: Int, length: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, length - filled, off_t(offset + filled)) }
            if count <= 0 { break }
            filled += count
        }
        return Array(bytes[0..<filled])
    }
}
