/// A 64-bit hash that is the same on every run and machine (Swift's `Hasher` is seeded per
/// process): each piece is digested eight bytes at a time and folded into the state.
public struct StableHasher: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds `bytes` as one piece (pieces are kept apart: "ab", "c" differs from "a", "bc").
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        state = Self.mix(state ^ Self.digest(bytes)) &+ 0x9e37_79b9_7f4a_7c15
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }
}

extension StableHasher {
    /// A 64-bit digest of `bytes`, read eight bytes at a time.
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
        state = Self.mix(state ^ Self.mix(number ^ 0x2545_f491_4f6c_dd1d)) &+ 0x9e37_79b9_7f4a_7c15
    }
}

/// A digest of bytes given in parts, whose total length need not be known at the start (a cache
/// record written chunk by chunk): eight bytes at a time across the parts, the length folded in
/// at the end. `StreamingDigest.of(bytes)` digests bytes given at once the same way.
public struct StreamingDigest: Sendable {
    private var state: UInt64 = 0x9e37_79b9_7f4a_7c15
    private var carry: UInt64 = 0
    private var carried = 0
    private var count = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var offset = 0
        // Fill the word a previous part left open.
        while carried > 0 && offset < bytes.count {
            carry |= UInt64(bytes[offset]) << UInt64(carried * 8)
            carried += 1
            offset += 1
            if carried == 8 {
                state = Self.mix(state ^ carry)
                carry = 0
                carried = 0
            }
        }
        while offset + 8 <= bytes.count {
            state = Self.mix(state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        while offset < bytes.count {
            carry |= UInt64(bytes[offset]) << UInt64(carried * 8)
            carried += 1
            offset += 1
        }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    public var value: UInt64 { Self.mix(Self.mix(state ^ carry) ^ UInt64(count) ^ 0xff51_afd7_ed55_8ccd) }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var digest = StreamingDigest()
        digest.update(bytes)
        return digest.value
    }

    /// Murmur3's 64-bit finaliser.
    private static func mix(_ value: UInt64) -> UInt64 {
        var value = value &* 0xbf58_476d_1ce4_e5b9
        value ^= value >> 31
        value = value &* 0x94d0_49bb_1331_11eb
        return value ^ (value >> 29)
    }
}
