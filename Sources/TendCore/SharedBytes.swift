/// A file's bytes that stay valid for as long as this value lives (a mapping of the file, or a
/// copy where the system cannot map), so values decoded from them can point into them instead
/// of copying.
public final class SharedBytes: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer
    private let release: () -> Void

    /// Bytes at `bytes` that `release` gives back when the last user is gone.
    public init(_ bytes: UnsafeRawBufferPointer, release: @escaping () -> Void) {
        self.bytes = bytes
        self.release = release
    }

    /// A copy of `array`.
    public convenience init(copying array: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(array.count, 1), alignment: 16)
        array.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.init(UnsafeRawBufferPointer(start: buffer.baseAddress, count: array.count)) { buffer.deallocate() }
    }

    deinit { release() }
}

/// UTF-8 text that is decoded into a `String` only when read: a page cache holds thousands of
/// pages' search words, and a build that changed one page reads a few of them.
public struct DeferredText: Sendable {
    private enum Storage: Sendable {
        case text(String)
        case bytes(SharedBytes, Range<Int>)
    }

    private let storage: Storage

    public init(_ text: String) { storage = .text(text) }

    /// The bytes at `range` of `owner`.
    public init(_ owner: SharedBytes, range: Range<Int>) { storage = .bytes(owner, range) }

    public var string: String {
        switch storage {
        case .text(let text): return text
        case .bytes(let owner, let range): return String(decoding: UnsafeRawBufferPointer(rebasing: owner.bytes[range]), as: UTF8.self)
        }
    }

    /// Calls `body` with the text's UTF-8 bytes, without decoding them.
    public func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(var text): return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case .bytes(let owner, let range): return try body(UnsafeRawBufferPointer(rebasing: owner.bytes[range]))
        }
    }
}
