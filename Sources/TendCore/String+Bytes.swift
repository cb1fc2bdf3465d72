#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// True when the UTF-8 text holds `byte` (memchr over contiguous storage: far faster than
    /// iterating the UTF-8 view, which pages are scanned with many times).
    public func containsByte(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, Int32(byte), bytes.count) != nil } ?? false }
    }
}
