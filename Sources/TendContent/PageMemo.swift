import Foundation
import TendCore

/// Processed pages kept between builds of one process (`tend serve`): a page whose file, and
/// the site's settings and bibliographies, have not changed since is not parsed again.
public final class PageMemo: @unchecked Sendable {
    private struct Entry {
        var size: Int64
        var modified: Int64
        var result: (Page?, [Diagnostic])
    }

    private var entries: [String: Entry] = [:]
    private var settingsKey = ""
    private let lock = NSLock()

    public init() {}

    /// Forgets every page when `key` (a fingerprint of site.yml and the bibliographies) changed.
    func prepare(settingsKey key: String) {
        lock.lock()
        if key != settingsKey {
            entries.removeAll()
            settingsKey = key
        }
        lock.unlock()
    }

    func result(for path: String, size: Int64, modified: Int64) -> (Page?, [Diagnostic])? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.size == size, entry.modified == modified else { return nil }
        return entry.result
    }

    func store(_ result: (Page?, [Diagnostic]), for path: String, size: Int64, modified: Int64) {
        lock.lock()
        entries[path] = Entry(size: size, modified: modified, result: result)
        lock.unlock()
    }

    /// Size and modification time (nanoseconds) of a file, or nil.
    static func stamp(_ path: String) -> (size: Int64, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
