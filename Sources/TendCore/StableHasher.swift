/// A 64-bit hash that is the same on every run and machine (Swift's `Hasher` is seeded per
/// process): each piece is digested eight bytes at a time and folded into the state.
public struct StableHasher: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds `bytes` as one piece (pieces are kept apart: "ab", "c" differs from "a", "bc").
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        state = mix(state ^ Self.digest(bytes)) &+ 0x9e37_79b9_7f4a_7c15
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

    /// The state so far as a number, for combining digests.
    public var value: UInt64 { state }

    public mutating func combine(_ number: UInt64) {
        state = mix(state ^ mix(number ^ 0x2545_f491_4f6c_dd1d)) &+ 0x9e37_79b9_7f4a_7c15
    }
}

/// A digest of bytes given in parts, whose total length need not be known at the start (a cache
/// record written chunk by chunk): 32 bytes at a time across the parts, in four independent
/// lanes (so the processor works on four words at once: a record of tens of megabytes is checked
/// in a few milliseconds), the length folded in at the end. `StreamingDigest.of(bytes)` digests
/// bytes given at once the same way.
public struct StreamingDigest: Sendable {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f, 0x1656_67b1_9e37_79f9, 0x27d4_eb2f_1656_67c5)
    /// The bytes of a block not yet complete, and how many there are.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    private var count = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        var offset = 0
        // Complete the block a previous part left open.
        while pendingCount > 0 && offset < bytes.count {
            addPending(bytes[offset])
            offset += 1
            if pendingCount == 32 { absorbPending() }
        }
        while offset + 32 <= bytes.count {
            lanes.0 = mix(lanes.0 ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1 ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2 ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3 ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        while offset < bytes.count {
            addPending(bytes[offset])
            offset += 1
        }
    }

    public mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    public var value: UInt64 {
        // The open block's words go into their lanes as zero-padded words; then the lanes are folded.
        var lanes = self.lanes
        if pendingCount > 0 { lanes.0 = mix(lanes.0 ^ pending.0) }
        if pendingCount > 8 { lanes.1 = mix(lanes.1 ^ pending.1) }
        if pendingCount > 16 { lanes.2 = mix(lanes.2 ^ pending.2) }
        if pendingCount > 24 { lanes.3 = mix(lanes.3 ^ pending.3) }
        var state = mix(lanes.0 ^ UInt64(count))
        state = mix(state ^ lanes.1)
        state = mix(state ^ lanes.2)
        return mix(state ^ lanes.3 ^ 0xff51_afd7_ed55_8ccd)
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var digest = StreamingDigest()
        digest.update(bytes)
        return digest.value
    }

    private mutating func addPending(_ byte: UInt8) {
        let shifted = UInt64(byte) << UInt64((pendingCount % 8) * 8)
        switch pendingCount / 8 {
        case 0: pending.0 |= shifted
        case 1: pending.1 |= shifted
        case 2: pending.2 |= shifted
        default: pending.3 |= shifted
        }
        pendingCount += 1
    }

    private mutating func absorbPending() {
        lanes.0 = mix(lanes.0 ^ pending.0)
        lanes.1 = mix(lanes.1 ^ pending.1)
        lanes.2 = mix(lanes.2 ^ pending.2)
        lanes.3 = mix(lanes.3 ^ pending.3)
        pending = (0, 0, 0, 0)
        pendingCount = 0
    }

}

/// Murmur3's 64-bit finaliser: what both digests fold their words with.
private func mix(_ value: UInt64) -> UInt64 {
    var value = value &* 0xbf58_476d_1ce4_e5b9
    value ^= value >> 31
    value = value &* 0x94d0_49bb_1331_11eb
    return value ^ (value >> 29)
}
