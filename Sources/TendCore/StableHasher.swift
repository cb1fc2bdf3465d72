/// FNV-1a, 64 bits: a hash that is the same on every run and machine (Swift's `Hasher` is seeded per process).
public struct StableHasher: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x100_0000_01b3
        }
        state ^= 0xff
        state &*= 0x100_0000_01b3
    }

    public mutating func combine(_ text: String) { combine(text.utf8) }
}

extension StableHasher {
    /// A 64-bit digest of `bytes`, eight bytes at a time: for file contents, where FNV's
    /// byte-by-byte loop would be the slow part.
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var state: UInt64 = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            state = mix(state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << UInt64((index - offset) * 8) }
        return mix(mix(state ^ tail) ^ 0xff51_afd7_ed55_8ccd)
    }

    public static func digest(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(digest) }

    /// Murmur3's 64-bit finaliser.
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value &* 0xbf58_476d_1ce4_e5b9
        value ^= value >> 31
        value = value &* 0x94d0_49bb_1331_11eb
        return value ^ (value >> 29)
    }

    /// The state so far as a number, for combining digests.
    public var value: UInt64 { state }

    public mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine($0) }
    }
}
