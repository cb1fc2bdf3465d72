import Foundation

/// Watches folders (recursively) with inotify and calls back once per burst of changes.
public final class FileWatcher: @unchecked Sendable {
    private let directories: [String]
    private let descriptor: Int32
    private var watched: Set<String> = []

    public init(directories: [String]) throws {
        self.directories = directories
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw ServerError("cannot watch files: \(String(cString: strerror(errno)))") }
        addWatches()
    }

    deinit { close(descriptor) }

    /// Blocks until something changes, then waits `settle` seconds for the burst to end.
    public func waitForChange(settle: TimeInterval = 0.05) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(settle * 1000)) > 0 else { break }
            _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        }
        addWatches()
    }

    /// Adds a watch for every folder not yet watched (new folders appear while editing).
    private func addWatches() {
        let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB)
        for root in directories {
            var pending = [root]
            while let directory = pending.popLast() {
                guard let real = realpath(directory, nil) else { continue }
                let path = String(cString: real)
                free(real)
                if !watched.contains(path) {
                    if inotify_add_watch(descriptor, path, mask) >= 0 { watched.insert(path) }
                }
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
}
