#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// True when the UTF-8 text holds `byte` (memchr over contiguous storage: far faster than
    /// iterating the UTF-8 view, which pages are scanned with many times).
    public func containsByte(_ byte: UInt8) -> Bool { containsByte(byte) { _, _ in true } }
}

extension String {
    /// True when `found` holds at some index of `byte` in the UTF-8 text, given the text's bytes
    /// (each index found with memchr, so text without the byte costs next to nothing).
    public func containsByte(_ byte: UInt8, where found: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index < bytes.count, let hit = memchr(base + index, Int32(byte), bytes.count - index) {
                let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if found(bytes, position) { return true }
                index = position + 1
            }
            return false
        }
    }

    /// True when every byte of the UTF-8 text is ASCII (checked eight bytes at a time).
    public var isASCII: Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
            var index = 0
            var high: UInt64 = 0
            while index + 8 <= bytes.count {
                high |= base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < bytes.count {
                high |= UInt64(bytes[index])
                index += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }
}
