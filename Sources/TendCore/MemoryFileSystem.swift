/// A file system held in memory, with POSIX's rules where Tend relies on them (hard links share
/// one file, renames replace atomically, a folder must exist before its files): whole-site
/// tests build in it without a disk. Paths are absolute.
public final class MemoryFileSystem: FileSystem, @unchecked Sendable {
    private final class FileData {
        var bytes: [UInt8]
        var modified: Int64
        let inode: UInt64
        init(bytes: [UInt8], modified: Int64, inode: UInt64) {
            self.bytes = bytes
            self.modified = modified
            self.inode = inode
        }
    }

    private enum Node {
        case file(FileData)
        case directory(inode: UInt64, modified: Int64)
        case link(target: String)
    }

    private struct State {
        var nodes: [String: Node] = ["/": .directory(inode: 1, modified: 0)]
        var children: [String: Set<String>] = ["/": []]
        var nextInode: UInt64 = 2
        /// Nanoseconds since 1970; every change moves it on by a millisecond.
        var clock: Int64 = 1_767_225_600_000_000_000
    }

    private let state = Mutex(State())

    public init() {}

    /// Writes `files` (absolute path → text), creating their folders.
    public func add(_ files: [String: String]) {
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            try? createDirectories(Self.parent(of: path))
            try? write(Array(text.utf8), to: path)
        }
    }

    /// Creates `path` and every missing folder above it.
    public func createDirectories(_ path: String) throws {
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            try createDirectory(prefix)
        }
    }

    /// Makes a symbolic link at `path` pointing to `target` (absolute, or relative to the link's folder).
    public func addLink(_ path: String, to target: String) {
        state.withLock { state in
            let resolved = target.hasPrefix("/") ? target : Self.parent(of: path) + "/" + target
            Self.insert(path, .link(target: Self.normalize(resolved)), into: &state)
        }
    }

    // MARK: - Paths

    private static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(of path: String) -> String {
        let normalized = normalize(path)
        guard let slash = normalized.lastIndex(of: "/"), slash != normalized.startIndex else { return "/" }
        return String(normalized[..<slash])
    }

    private static func name(of path: String) -> String { String(normalize(path).split(separator: "/").last ?? "") }

    /// The path with every link resolved (links in folders above included); nil past 40 links.
    private static func resolve(_ path: String, in state: State, followingLast: Bool = true) -> String? {
        var resolved = "/"
        var remaining = normalize(path).split(separator: "/").map(String.init)
        var hops = 0
        while !remaining.isEmpty {
            let part = remaining.removeFirst()
            let candidate = resolved == "/" ? "/" + part : resolved + "/" + part
            if case .link(let target) = state.nodes[candidate], followingLast || !remaining.isEmpty {
                hops += 1
                guard hops <= 40 else { return nil }
                remaining = normalize(target).split(separator: "/").map(String.init) + remaining
                resolved = "/"
            } else {
                resolved = candidate
            }
        }
        return resolved
    }

    private static func insert(_ path: String, _ node: Node, into state: inout State) {
        let path = normalize(path)
        state.nodes[path] = node
        state.children[parent(of: path), default: []].insert(name(of: path))
        if case .directory = node, state.children[path] == nil { state.children[path] = [] }
    }

    private static func removeTree(_ path: String, from state: inout State) {
        for child in state.children[path] ?? [] { removeTree(path == "/" ? "/" + child : path + "/" + child, from: &state) }
        state.nodes[path] = nil
        state.children[path] = nil
        state.children[parent(of: path)]?.remove(name(of: path))
    }

    private static func tick(_ state: inout State) -> Int64 {
        state.clock += 1_000_000
        return state.clock
    }

    private static func failure(_ path: String, _ reason: String) -> FileSystemError { FileSystemError(path: path, reason: reason) }

    // MARK: - FileSystem

    public func contents(of path: String) throws -> [UInt8] {
        try state.withLock { state in
            guard let real = Self.resolve(path, in: state), case .file(let data) = state.nodes[real] else {
                throw Self.failure(path, "No such file or directory")
            }
            return data.bytes
        }
    }

    public func sharedContents(of path: String) throws -> SharedBytes? {
        guard let bytes = try? contents(of: path) else { return nil }
        return SharedBytes(copying: bytes)
    }

    public func entries(of directory: String) throws -> [DirectoryEntry] {
        try state.withLock { state in
            guard let real = Self.resolve(directory, in: state), case .directory = state.nodes[real] else {
                throw Self.failure(directory, "No such file or directory")
            }
            return (state.children[real] ?? []).sorted().map { name in
                let kind: FileKind
                switch state.nodes[real == "/" ? "/" + name : real + "/" + name] {
                case .file: kind = .file
                case .directory: kind = .directory
                case .link: kind = .symbolicLink
                case nil: kind = .other
                }
                return DirectoryEntry(name: name, kind: kind)
            }
        }
    }

    public func status(of path: String, followingLinks: Bool) -> FileStatus? {
        state.withLock { state in
            guard let real = Self.resolve(path, in: state, followingLast: followingLinks) else { return nil }
            switch state.nodes[real] {
            case .file(let data):
                return FileStatus(kind: .file, size: Int64(data.bytes.count), modified: data.modified, device: 1, inode: data.inode)
            case .directory(let inode, let modified):
                return FileStatus(kind: .directory, size: 0, modified: modified, device: 1, inode: inode)
            case .link(let target):
                return FileStatus(kind: .symbolicLink, size: Int64(target.utf8.count), modified: 0, device: 1, inode: 0)
            case nil:
                return nil
            }
        }
    }

    public func statuses(of names: [String], in directory: String) -> [FileStatus?] {
        names.map { status(of: directory + "/" + $0, followingLinks: false) }
    }

    public func realPath(_ path: String) -> String? {
        state.withLock { state in
            guard let real = Self.resolve(path, in: state), state.nodes[real] != nil else { return nil }
            return real
        }
    }

    public func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) throws {
        try change(path) { data in data.bytes = Array(bytes) }
    }

    public func append(_ bytes: [UInt8], to path: String) throws {
        try change(path) { data in data.bytes += bytes }
    }

    /// Changes the file at `path` (made empty when new); its folder must exist.
    private func change(_ path: String, _ body: (FileData) -> Void) throws {
        try state.withLock { state in
            let real = Self.resolve(path, in: state) ?? Self.normalize(path)
            let now = Self.tick(&state)
            switch state.nodes[real] {
            case .file(let data):
                body(data)
                data.modified = now
            case .directory:
                throw Self.failure(path, "Is a directory")
            case .link, nil:
                guard case .directory = state.nodes[Self.parent(of: real)] else { throw Self.failure(path, "No such file or directory") }
                let data = FileData(bytes: [], modified: now, inode: state.nextInode)
                state.nextInode += 1
                body(data)
                Self.insert(real, .file(data), into: &state)
            }
        }
    }

    public func createDirectory(_ path: String) throws {
        try state.withLock { state in
            let real = Self.resolve(path, in: state) ?? Self.normalize(path)
            switch state.nodes[real] {
            case .directory: return
            case .file, .link: throw Self.failure(path, "File exists")
            case nil:
                guard case .directory = state.nodes[Self.parent(of: real)] else { throw Self.failure(path, "No such file or directory") }
                let modified = Self.tick(&state)
                Self.insert(real, .directory(inode: state.nextInode, modified: modified), into: &state)
                state.nextInode += 1
            }
        }
    }

    public func remove(_ path: String) throws {
        state.withLock { state in
            let normalized = Self.normalize(path)
            guard normalized != "/", let real = Self.resolve(normalized, in: state, followingLast: false), state.nodes[real] != nil else { return }
            Self.removeTree(real, from: &state)
        }
    }

    public func removeEmptyDirectory(_ path: String) -> Bool {
        state.withLock { state in
            guard let real = Self.resolve(path, in: state, followingLast: false), case .directory = state.nodes[real],
                state.children[real]?.isEmpty != false, real != "/"
            else { return false }
            Self.removeTree(real, from: &state)
            return true
        }
    }

    public func rename(_ source: String, to destination: String) throws {
        try state.withLock { state in
            guard let from = Self.resolve(source, in: state, followingLast: false), let node = state.nodes[from] else {
                throw Self.failure(source, "No such file or directory")
            }
            let to = Self.resolve(destination, in: state, followingLast: false) ?? Self.normalize(destination)
            guard case .directory = state.nodes[Self.parent(of: to)] else { throw Self.failure(destination, "No such file or directory") }
            if from == to { return }
            if case .directory = state.nodes[to] {
                guard case .directory = node, state.children[to]?.isEmpty != false else { throw Self.failure(destination, "Directory not empty") }
            }
            let moved = Self.subtree(from, in: state)
            Self.removeTree(from, from: &state)
            if state.nodes[to] != nil { Self.removeTree(to, from: &state) }
            for (relative, node) in moved { Self.insert(to + relative, node, into: &state) }
        }
    }

    /// Every node at and below `path`, by path relative to it ("" for `path` itself), parents first.
    private static func subtree(_ path: String, in state: State) -> [(String, Node)] {
        var found: [(String, Node)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = path + relative
            guard let node = state.nodes[absolute] else { continue }
            found.append((relative, node))
            for child in (state.children[absolute] ?? []).sorted() { pending.append(relative + "/" + child) }
        }
        return found.sorted { $0.0.count < $1.0.count }
    }

    public func link(_ source: String, to destination: String) throws {
        try state.withLock { state in
            guard let from = Self.resolve(source, in: state), case .file(let data) = state.nodes[from] else {
                throw Self.failure(source, "No such file or directory")
            }
            let to = Self.normalize(destination)
            guard state.nodes[to] == nil else { throw Self.failure(destination, "File exists") }
            guard case .directory = state.nodes[Self.parent(of: to)] else { throw Self.failure(destination, "No such file or directory") }
            Self.insert(to, .file(data), into: &state)
        }
    }

    public func exchange(_ first: String, _ second: String) throws {
        try state.withLock { state in
            let a = Self.normalize(first), b = Self.normalize(second)
            guard state.nodes[a] != nil, state.nodes[b] != nil else { throw Self.failure(second, "No such file or directory") }
            let treeA = Self.subtree(a, in: state), treeB = Self.subtree(b, in: state)
            Self.removeTree(a, from: &state)
            Self.removeTree(b, from: &state)
            for (relative, node) in treeA { Self.insert(b + relative, node, into: &state) }
            for (relative, node) in treeB { Self.insert(a + relative, node, into: &state) }
        }
    }

    public func removeLater(_ path: String) { try? remove(path) }

    public func scratchFile(in folder: String) -> ScratchFile? { MemoryScratchFile() }

    public func now() -> Int64 { state.withLock { Self.tick(&$0) } }
}

/// A scratch file in memory.
final class MemoryScratchFile: ScratchFile, @unchecked Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func append(_ data: UnsafeRawBufferPointer) -> Int? {
        bytes.withLock { bytes in
            defer { bytes.append(contentsOf: data) }
            return bytes.count
        }
    }

    func read(offset: Int, length: Int) -> [UInt8] {
        bytes.withLock { bytes in
            guard offset >= 0, length >= 0, offset + length <= bytes.count else { return [] }
            return Array(bytes[offset..<offset + length])
        }
    }
}
