import TendCore

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
