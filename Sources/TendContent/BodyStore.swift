import Foundation

/// Rendered page bodies kept on disk instead of in memory: an append-only file in
/// `.tend-cache/`. A temporary store is unlinked as soon as it is open, so it vanishes with the
/// process; a kept store holds the bodies the page cache points at for the next build.
/// Reads go through the operating system's page cache.
public final class BodyStore: @unchecked Sendable {
    /// The file's name in its folder (`bodies-<id>`).
    public let name: String
    private let descriptor: Int32
    private var end: Int = 0
    private let lock = NSLock()

    /// A new, empty store in `folder`; nil when no file can be made there (the build then keeps
    /// bodies in memory).
    public init?(folder: String, keep: Bool) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        name = "bodies-\(UUID().uuidString)"
        let path = folder + "/" + name
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        if !keep { unlink(path) }
    }

    /// An existing store, for reading; nil when the file is gone.
    init?(reading folder: String, name: String) {
        self.name = name
        descriptor = open(folder + "/" + name, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        end = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The size of the file: a stored body must end within it.
    var size: Int {
        lock.lock()
        defer { lock.unlock() }
        return end
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

/// A page's rendered body: in memory, or in a `BodyStore`.
public struct PageBody: Sendable {
    private enum Storage: Sendable {
        case inline(String)
        case stored(BodyStore, offset: Int, length: Int)
    }

    private var storage: Storage

    public init(_ html: String) { storage = .inline(html) }

    public var html: String {
        switch storage {
        case .inline(let html): return html
        case .stored(let store, let offset, let length): return store.read(offset: offset, length: length)
        }
    }

    init(store: BodyStore, offset: Int, length: Int) { storage = .stored(store, offset: offset, length: length) }

    /// Where the body is stored, or nil while it is in memory.
    var place: (store: BodyStore, offset: Int, length: Int)? {
        guard case .stored(let store, let offset, let length) = storage else { return nil }
        return (store, offset, length)
    }

    /// Moves the body into `store` (kept in memory if writing fails).
    mutating func move(to store: BodyStore) {
        guard case .inline(let html) = storage, let (offset, length) = store.append(html) else { return }
        storage = .stored(store, offset: offset, length: length)
    }
}
