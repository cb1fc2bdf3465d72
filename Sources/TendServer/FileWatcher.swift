import Foundation

/// Watches folders (recursively) with inotify and reports what changed, once per burst.
public final class FileWatcher: @unchecked Sendable {
    private let descriptor: Int32
    /// The folder of each watch, as reached from the roots and as resolved.
    private var folders: [Int32: (path: String, realPath: String)] = [:]
    private var watchedRealPaths: Set<String> = []
    /// The real paths of the folders given: a folder reached through a symbolic link is watched
    /// only when it lies inside one of them, as the build reads only files inside them.
    private var roots: [String] = []

    public init(directories: [String]) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw ServerError("cannot watch files: \(String(cString: strerror(errno)))") }
        roots = directories.compactMap(Self.realPath)
        for directory in directories { watch(directory) }
    }

    deinit { close(descriptor) }

    /// Blocks until something changes, waits `settle` seconds for the burst to end, and
    /// returns the paths that changed (empty when the kernel lost track: assume anything did).
    /// Once a file was closed after writing or moved into place (how editors end a save), the
    /// burst is taken to end after `settleAfterSave` without a further event.
    public func waitForChanges(settle: TimeInterval = 0.02, settleAfterSave: TimeInterval = 0.002) -> [String] {
        var changed: [String] = []
        var overflowed = false
        var saved = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var first = true
        while true {
            if !first {
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, Int32(((saved ? settleAfterSave : settle) * 1000).rounded(.up))) > 0 else { break }
            }
            first = false
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset + 16 <= count {
                    let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                    offset += 16 + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                    // A removed folder's watch ends; a folder made again at its path is watched anew.
                    if mask & UInt32(IN_IGNORED) != 0, let folder = folders.removeValue(forKey: wd) {
                        watchedRealPaths.remove(folder.realPath)
                        continue
                    }
                    guard let folder = folders[wd]?.path, !nameBytes.isEmpty else { continue }
                    let path = folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                    changed.append(path)
                    if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
                        saved = true
                    }
                    // Anything after the save (a backup file, a changed mode) waits the full time again.
                    else if mask & UInt32(IN_MODIFY | IN_CREATE) != 0 {
                        saved = false
                    }
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watch(path) }
                }
            }
        }
        return overflowed ? [] : changed
    }

    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// Component-wise containment: `/site2` is not inside `/site`.
    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// The number of folders watched.
    public var watchCount: Int { folders.count }

    /// Watches `root` and every folder below it not yet watched (new folders appear while editing).
    private func watch(_ root: String) {
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)
        var pending = [root]
        while let directory = pending.popLast() {
            guard let path = Self.realPath(directory), roots.contains(where: { Self.isInside(path, $0) }) else { continue }
            guard watchedRealPaths.insert(path).inserted else { continue }
            let wd = inotify_add_watch(descriptor, path, mask)
            if wd >= 0 { folders[wd] = (directory, path) }
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where !entry.hasPrefix(".") {
                var isDirectory: ObjCBool = false
                let child = directory + "/" + entry
                if FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory), isDirectory.boolValue {
                    pending.append(child)
                }
            }
        }
    }
}
