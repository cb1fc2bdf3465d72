/// Every file below some folders of a root, walked once, each with what `stat` says of it: what
/// a build reads, and what the next build compares to see whether anything changed. A symbolic
/// link is followed while it stays inside the walked folder it is in (`content/media/site ->
/// ../..` would bring the whole site, its output included, into `media/`) and is reported
/// otherwise; loops end; editors' backup, lock and hidden files are left out.
public struct SourceSnapshot: Sendable {
    /// One file: where it is, relative to the root, and what it was when the walk passed.
    public struct File: Sendable, Equatable {
        public var relativePath: String
        public var absolutePath: String
        public var status: FileStatus

        public init(relativePath: String, absolutePath: String, status: FileStatus) {
            self.relativePath = relativePath
            self.absolutePath = absolutePath
            self.status = status
        }
    }

    public let root: String
    /// Sorted by relative path.
    public private(set) var files: [File] = []
    /// Folders among the walked ones that do not exist.
    public private(set) var missingFolders: [String] = []
    /// Symbolic links leading out of their walked folder, by relative path.
    public private(set) var linksOutside: [String] = []

    /// Walks `folders` (relative to `root`; "" for the root itself). Each folder's entries are
    /// `stat`ed on all cores.
    public init(root: String, folders: [String], fileSystem: FileSystem) {
        self.root = root
        var visited: Set<String> = []
        // Each folder with the real path of the walked folder it belongs to.
        var pending = folders.reversed().map { folder in (folder, true, fileSystem.realPath(folder.isEmpty ? root : root + "/" + folder) ?? root) }
        while let (relative, isTop, topReal) = pending.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            guard let real = fileSystem.realPath(absolute), visited.insert(real).inserted else {
                if isTop && fileSystem.realPath(absolute) == nil { missingFolders.append(relative) }
                continue
            }
            guard let entries = try? fileSystem.entries(of: absolute) else {
                if isTop { missingFolders.append(relative) }
                continue
            }
            let wanted = entries.filter { !Self.isJunk($0.name) && ($0.kind == .file || $0.kind == .directory || $0.kind == .symbolicLink) }
            let statuses = fileSystem.statuses(of: wanted.map(\.name), in: absolute)
            for (entry, linkStatus) in zip(wanted, statuses) {
                let childRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
                var status = linkStatus
                if entry.kind == .symbolicLink {
                    guard let target = fileSystem.realPath(absolute + "/" + entry.name), Self.isInside(target, topReal) else {
                        linksOutside.append(childRelative)
                        continue
                    }
                    status = fileSystem.status(of: target, followingLinks: false)
                }
                switch status?.kind {
                case .directory: pending.append((childRelative, false, topReal))
                case .file: files.append(File(relativePath: childRelative, absolutePath: absolute + "/" + entry.name, status: status!))
                default: continue
                }
            }
        }
        files.sort { $0.relativePath < $1.relativePath }
        linksOutside.sort()
    }

    /// The files below `folder` (relative to the root), in order.
    public func files(under folder: String) -> ArraySlice<File> {
        let prefix = folder + "/"
        let start = files.partitionPoint { $0.relativePath < prefix }
        let end = files[start...].firstIndex { !$0.relativePath.hasPrefix(prefix) } ?? files.endIndex
        return files[start..<end]
    }

    /// The file at `relativePath`, if the walk found one.
    public func file(_ relativePath: String) -> File? {
        let index = files.partitionPoint { $0.relativePath < relativePath }
        return index < files.count && files[index].relativePath == relativePath ? files[index] : nil
    }

    /// Editor backups, lock files, hidden and system files (decided on the name's bytes: this
    /// runs for every file of the site).
    public static func isJunk(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: ".") || first == UInt8(ascii: "#") || last == UInt8(ascii: "~") { return true }
        if first == UInt8(ascii: "~"), bytes.dropFirst().first == UInt8(ascii: "$") { return true }
        if bytes.count >= 4, bytes[bytes.index(bytes.endIndex, offsetBy: -4)] == UInt8(ascii: ".") {
            let suffix = name.utf8.suffix(3)
            if suffix.elementsEqual("swp".utf8) || suffix.elementsEqual("tmp".utf8) || suffix.elementsEqual("bak".utf8) { return true }
        }
        return name == "Thumbs.db" || name == "desktop.ini"
    }

    /// Component-wise containment: `/site2` is not inside `/site`.
    public static func isInside(_ path: String, _ root: String) -> Bool {
        let pathParts = path.split(separator: "/"), rootParts = root.split(separator: "/")
        return pathParts.count >= rootParts.count && Array(pathParts.prefix(rootParts.count)) == rootParts
    }
}

extension Collection {
    /// The first index whose element is not `belongsBefore` (the elements are partitioned so).
    func partitionPoint(_ belongsBefore: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongsBefore(self[middle]) {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
