/// The stable digest of an `Encodable` value: every value its `encode(to:)` writes, in order,
/// with marks where containers open and where a value is nil, folded into a `StableHasher`.
/// With the compiler's synthesised conformance every stored property takes part, so a field
/// added to a type is in its digest without a second list to keep in step. Field names are left
/// out (a type writes its fields in one order, so the order says which is which), and so is the
/// type: digests are compared between values of one type, such as two builds' inputs of a file.
public func stableDigest(_ value: some Encodable) -> UInt64 {
    let encoder = DigestEncoder()
    // The digest encoder never throws; a value's own `encode(to:)` could.
    try? value.encode(to: encoder)
    return encoder.sink.hasher.value
}

/// A value whose digest was computed once, when it was made: encoded as that digest, so a value
/// shared by thousands of render jobs is hashed once, not once a job.
public final class Digested<Value: Encodable & Sendable>: Encodable, Sendable {
    public let value: Value
    public let digest: UInt64

    public init(_ value: Value) {
        self.value = value
        digest = stableDigest(value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digest)
    }
}

/// A value that is a pure function of some bytes (a page of its source file, the settings of
/// `site.yml`): encoded as the digest of those bytes, its address.
public struct Addressed<Value: Sendable>: Encodable, Sendable {
    public let value: Value
    public let address: UInt64

    public init(_ value: Value, address: UInt64) {
        self.value = value
        self.address = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(address)
    }
}

private protocol UnorderedCollection {}
extension Dictionary: UnorderedCollection {}
extension Set: UnorderedCollection {}

private final class DigestSink {
    var hasher = StableHasher()

    func combine(_ text: String) { hasher.combine(text) }
    func combine(_ number: UInt64) { hasher.combine(number) }
    /// Marks where a nested container starts or a nil stands, so `[[a], b]` differs from `[a, [b]]`.
    func mark(_ tag: UInt64) { hasher.combine(tag &* 0x9e37_79b9_7f4a_7c15) }
}

private struct DigestEncoder: Encoder {
    var sink = DigestSink()
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.mark(1)
        return KeyedEncodingContainer(KeyedDigestContainer<Key>(sink: sink))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.mark(2)
        return UnkeyedDigestContainer(sink: sink)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleDigestContainer(sink: sink) }
}

/// The scalar writes every container shares.
private protocol DigestWriting {
    var sink: DigestSink { get }
}

extension DigestWriting {
    func write(_ value: Bool) { sink.combine(value ? 1 : 2) }
    func write(_ value: String) { sink.combine(value) }
    func write(_ value: Double) { sink.combine(value.bitPattern) }
    func write(_ value: some BinaryInteger) { sink.combine(UInt64(truncatingIfNeeded: value)) }
    func writeValue(_ value: some Encodable) throws {
        // Dictionaries and sets encode in an order that differs between runs.
        assert(!(value is any UnorderedCollection), "a digested value holds a dictionary or set: use a sorted array")
        // Scalars come back through a single-value container: no dynamic casts on this path.
        try value.encode(to: DigestEncoder(sink: sink))
    }
}

private struct KeyedDigestContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, DigestWriting {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []

    /// A field's key is not digested (see `stableDigest`); the key of a nested container is,
    /// for that is how an enum writes which case it is.
    private func key(_ key: Key) {}
    private func nestedKey(_ key: Key) { sink.combine(key.stringValue) }

    mutating func encodeNil(forKey key: Key) { self.key(key); sink.mark(0) }
    mutating func encode(_ value: Bool, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: String, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: Double, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: Float, forKey key: Key) { self.key(key); write(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: Int8, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: Int16, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: Int32, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: Int64, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: UInt, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) { self.key(key); write(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) { self.key(key); write(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { self.key(key); try writeValue(value) }
    // An absent optional is written as nil (the protocol's default writes nothing), so
    // `{a: nil, b: "x"}` differs from `{a: "x", b: nil}`.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) { if let value { encode(value, forKey: key) } else { encodeNil(forKey: key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        nestedKey(key)
        sink.mark(1)
        return KeyedEncodingContainer(KeyedDigestContainer<NestedKey>(sink: sink))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        nestedKey(key)
        sink.mark(2)
        return UnkeyedDigestContainer(sink: sink)
    }

    mutating func superEncoder() -> any Encoder { DigestEncoder(sink: sink) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { nestedKey(key); return DigestEncoder(sink: sink) }
}

private struct UnkeyedDigestContainer: UnkeyedEncodingContainer, DigestWriting {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []
    var count = 0

    mutating func encodeNil() { count += 1; sink.mark(0) }
    mutating func encode(_ value: Bool) { count += 1; write(value) }
    mutating func encode(_ value: String) { count += 1; write(value) }
    mutating func encode(_ value: Double) { count += 1; write(value) }
    mutating func encode(_ value: Float) { count += 1; write(Double(value)) }
    mutating func encode(_ value: Int) { count += 1; write(value) }
    mutating func encode(_ value: Int8) { count += 1; write(value) }
    mutating func encode(_ value: Int16) { count += 1; write(value) }
    mutating func encode(_ value: Int32) { count += 1; write(value) }
    mutating func encode(_ value: Int64) { count += 1; write(value) }
    mutating func encode(_ value: UInt) { count += 1; write(value) }
    mutating func encode(_ value: UInt8) { count += 1; write(value) }
    mutating func encode(_ value: UInt16) { count += 1; write(value) }
    mutating func encode(_ value: UInt32) { count += 1; write(value) }
    mutating func encode(_ value: UInt64) { count += 1; write(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { count += 1; try writeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        sink.mark(1)
        return KeyedEncodingContainer(KeyedDigestContainer<NestedKey>(sink: sink))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        sink.mark(2)
        return UnkeyedDigestContainer(sink: sink)
    }

    mutating func superEncoder() -> any Encoder { DigestEncoder(sink: sink) }
}

private struct SingleDigestContainer: SingleValueEncodingContainer, DigestWriting {
    let sink: DigestSink
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() { sink.mark(0) }
    mutating func encode(_ value: Bool) { write(value) }
    mutating func encode(_ value: String) { write(value) }
    mutating func encode(_ value: Double) { write(value) }
    mutating func encode(_ value: Float) { write(Double(value)) }
    mutating func encode(_ value: Int) { write(value) }
    mutating func encode(_ value: Int8) { write(value) }
    mutating func encode(_ value: Int16) { write(value) }
    mutating func encode(_ value: Int32) { write(value) }
    mutating func encode(_ value: Int64) { write(value) }
    mutating func encode(_ value: UInt) { write(value) }
    mutating func encode(_ value: UInt8) { write(value) }
    mutating func encode(_ value: UInt16) { write(value) }
    mutating func encode(_ value: UInt32) { write(value) }
    mutating func encode(_ value: UInt64) { write(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writeValue(value) }
}
