import Foundation
import TendCore

/// Refuses output folders whose replacement would destroy something: `/`, the home folder,
/// the site root or a folder above it, `content/`, `templates/` or anything inside them.
enum OutputGuard {
    static func problem(output: String, siteRoot: String, fileSystem: FileSystem) -> String? {
        let root = components(fileSystem.realPath(siteRoot) ?? siteRoot)
        let out = components(resolve(output, fileSystem: fileSystem))
        if out.isEmpty { return "the output folder cannot be '/'" }
        if let home = ProcessInfo.processInfo.environment["HOME"], out == components(fileSystem.realPath(home) ?? home) {
            return "the output folder cannot be your home folder"
        }
        if root.starts(with: out) { return "the output folder cannot be the site folder or a folder above it" }
        for protected in ["content", "templates"] where out.starts(with: root + [protected]) {
            return "the output folder cannot be inside \(protected)/"
        }
        return nil
    }

    /// The real path of `path`, or of its nearest existing parent with the rest appended.
    private static func resolve(_ path: String, fileSystem: FileSystem) -> String {
        var absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        absolute = (absolute as NSString).standardizingPath
        var suffix: [String] = []
        var current = absolute
        while fileSystem.realPath(current) == nil, current != "/", !current.isEmpty {
            suffix.insert((current as NSString).lastPathComponent, at: 0)
            current = (current as NSString).deletingLastPathComponent
        }
        let base = fileSystem.realPath(current) ?? current
        return ([base] + suffix).joined(separator: "/")
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }
}
