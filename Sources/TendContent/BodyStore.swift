import Foundation

/// Rendered page bodies kept on disk instead of in memory while a large site builds: an
/// append-only file in `.tend-cache/` that is unlinked as soon as it is open, so it vanishes
/// with the process. Reads go through the operating system's page cache.
public final class BodyStore: @unchecked Sendable {
    private let descriptor: Int32
    private var end: Int = 0
    private let lock = NSLock()

    /// Nil when no file can be made there (the build then keeps bodies in memory).
    public init?(folder: String) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/bodies-\(getpid())-\(UUID().uuidString)"
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        unlink(path)
    }

    deinit { close(descriptor) }

    /// Stores `text`; nil when the write failed.
    func append(_ text: String) -> (offset: Int, length: Int)? {
        var text = text
        return text.withUTF8 { bytes -> (Int, Int)? in
            lock.lock()
            let offset = end
            end += bytes.count
            lock.unlock()
            var written = 0
            while written < bytes.count {
                let count = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
                if count <= 0 { return nil }
                written += count
            }
            return (offset, bytes.count)
        }
    }

    func read(offset: Int, length: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + filled, length - filled, off_t(offset + filled)) }
            if count <= 0 { break }
            filled += count
        }
        return String(decoding: bytes[0..<filled], as: UTF8.self)
    }
}

/// A page's rendered body: in memory, in a `BodyStore`, or made again from the source when
/// needed (pages taken from the page cache: most are never rendered again).
public struct PageBody: Sendable {
    private enum Storage: Sendable {
        case inline(String)
        case stored(BodyStore, offset: Int, length: Int)
        case deferred(@Sendable () -> String)
    }

    private var storage: Storage

    public init(_ html: String) { storage = .inline(html) }

    /// A body rendered again by `render` each time it is asked for.
    init(deferred render: @escaping @Sendable () -> String) { storage = .deferred(render) }

    public var html: String {
        switch storage {
        case .inline(let html): return html
        case .stored(let store, let offset, let length): return store.read(offset: offset, length: length)
        case .deferred(let render): return render()
        }
    }

    /// Moves the body into `store` (kept in memory if writing fails).
    mutating func move(to store: BodyStore) {
        guard case .inline(let html) = storage, let (offset, length) = store.append(html) else { return }
        storage = .stored(store, offset: offset, length: length)
    }
}
