import TendCore

/// The file that marks a folder as made by Tend, at the top of every site it writes: Tend
/// replaces only folders that carry it (or are empty, or are a site an older Tend wrote).
public enum OutputMarker {
    public static let name = ".tend-output"
    static let text = "This folder was made by Tend and is replaced on every build.\n"

    /// Whether Tend may replace the folder at `path`: it does not exist, is empty (but for a
    /// `.gitkeep` or `.DS_Store`), carries the marker, or holds a site an older Tend wrote (its 404
    /// page, feed and sitemap). Otherwise the names of a few of its files, for the message.
    public static func strangers(in path: String, fileSystem: FileSystem) -> [String]? {
        guard fileSystem.kind(of: path) == .directory, let entries = try? fileSystem.entries(of: path) else { return nil }
        let names = Set(entries.map(\.name)).subtracting([".gitkeep", ".DS_Store"])
        if names.isEmpty { return nil }
        if names.contains(name) || names.isSuperset(of: ["404.html", "feed.xml", "sitemap.xml"]) { return nil }
        return names.sorted().prefix(3).map { $0 }
    }

    static func write(into folder: String, fileSystem: FileSystem) throws {
        try fileSystem.write(Array(text.utf8), to: folder + "/" + name)
    }
}

/// Where a build puts the site's files: a staging folder, or the previous site itself.
public protocol SiteOutput: Sendable {
    /// Writes `bytes` at `relativePath` (such as `articles/x/index.html`).
    func write(_ bytes: UnsafeBufferPointer<UInt8>, to relativePath: String) throws
    /// Puts a copy of `sourcePath` (a hard link when possible) at `relativePath`.
    func copy(from sourcePath: String, to relativePath: String) throws
}

extension SiteOutput {
    public func write(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { try write($0, to: relativePath) }
    }
}

/// Creates the folders above files below `root`, each once (known folders are remembered).
final class FolderMaker: @unchecked Sendable {
    private let root: String
    private let fileSystem: FileSystem
    private let made = Mutex<Set<String>>([])

    init(root: String, fileSystem: FileSystem) {
        self.root = root
        self.fileSystem = fileSystem
    }

    func makeFolders(above relativePath: String) throws {
        guard let slash = relativePath.lastIndex(of: "/") else { return }
        let directory = String(relativePath[..<slash])
        if made.withLock({ $0.contains(directory) }) { return }
        var prefix = ""
        for part in directory.split(separator: "/") {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            if made.withLock({ $0.contains(prefix) }) { continue }
            try fileSystem.createDirectory(root + "/" + prefix)
            made.withLock { _ = $0.insert(prefix) }
        }
    }
}
