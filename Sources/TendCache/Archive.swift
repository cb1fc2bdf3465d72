import TendCore

/// A compact binary form for Tend's caches: variable-length integers and length-prefixed UTF-8.
/// Written and read field by field, in the same order, by the type that owns the fields.
public struct ArchiveWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// A writer that starts with the format's name and the running build of Tend, which
    /// `ArchiveReader.checkFormat` checks.
    public init(format: String) {
        write(format)
        write(ToolIdentity.fingerprint)
    }

    public mutating func write(_ value: Int) {
        // Zig-zag, so small negative numbers stay short.
        var number = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while number >= 0x80 {
            bytes.append(UInt8(number & 0x7f) | 0x80)
            number >>= 7
        }
        bytes.append(UInt8(number))
    }

    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Appends bytes another writer wrote.
    public mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Appends the record's checksum trailer (what `CacheStore.write` stores after the bytes).
    mutating func appendTrailer(_ checksum: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift))) }
    }

    public mutating func write(_ value: Double) { write(value.bitPattern) }

    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { writeText(UnsafeRawBufferPointer($0)) }
    }

    /// Writes UTF-8 bytes as `write(_: String)` writes a string.
    public mutating func writeText(_ utf8: UnsafeRawBufferPointer) {
        write(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    public mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write(_ values: [String]) {
        write(values.count)
        for value in values { write(value) }
    }

    public mutating func write<Element>(_ values: [Element], each: (inout ArchiveWriter, Element) -> Void) {
        write(values.count)
        for value in values { each(&self, value) }
    }

    public mutating func write(_ location: SourceLocation) {
        write(location.path)
        write(location.line)
        write(location.column)
    }

    public mutating func write(_ date: CalendarDate?) {
        write(date?.description)
    }

    public mutating func write(_ diagnostic: Diagnostic) {
        write(diagnostic.severity.rawValue)
        write(diagnostic.location)
        write(diagnostic.message)
        write(diagnostic.hint)
    }
}

/// Reads what an `ArchiveWriter` wrote; every read throws `ArchiveReader.Damaged` past the end
/// or on a value that cannot be what was written, so a damaged cache is never trusted.
public struct ArchiveReader: @unchecked Sendable {
    public struct Damaged: Error {
        public init() {}
    }

    private let bytes: UnsafeRawBufferPointer
    /// What keeps `bytes` alive, when the reader may hand out text that points into them.
    private let owner: SharedBytes?
    public private(set) var offset: Int

    /// Reads `bytes` from `offset`; the buffer must outlive the reader.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) { self.init(bytes, owner: nil, offset: offset) }

    /// Reads the first `count` bytes of `shared`; deferred text points into them.
    public init(_ shared: SharedBytes, count: Int) { self.init(UnsafeRawBufferPointer(rebasing: shared.bytes[0..<count]), owner: shared) }

    private init(_ bytes: UnsafeRawBufferPointer, owner: SharedBytes?, offset: Int = 0) {
        self.bytes = bytes
        self.owner = owner
        self.offset = offset
    }

    /// Reads what `ArchiveWriter(format:)` wrote; `Damaged` for another format or build of Tend.
    public mutating func checkFormat(_ format: String) throws {
        guard try readString() == format, try readString() == ToolIdentity.fingerprint else { throw Damaged() }
    }

    /// Moves past `count` bytes.
    public mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        offset += count
    }

    /// A reader of `range` alone (for reading parts of one buffer in parallel).
    public func slice(_ range: Range<Int>) -> ArchiveReader {
        ArchiveReader(UnsafeRawBufferPointer(rebasing: bytes[range]), owner: owner)
    }

    public mutating func readInt() throws -> Int {
        var number: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            number |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        // Zig-zag back: the shift is on the unsigned value, so every Int comes back as written.
        return Int(Int64(bitPattern: number >> 1) ^ -Int64(bitPattern: number & 1))
    }

    public mutating func readUInt64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Damaged() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
        offset += 8
        return value
    }

    public mutating func readBool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    /// A path inside the output folder (`articles/x/index.html`): relative, with no empty, `.`
    /// or `..` part and no control character; anything else is `Damaged`, so a cache can never
    /// name a file outside the folder.
    public mutating func readRelativePath() throws -> String {
        let path = try readString()
        guard Self.isSafeRelativePath(path) else { throw Damaged() }
        return path
    }

    public static func isSafeRelativePath(_ path: String) -> Bool {
        // One pass over the bytes: each part between slashes must be non-empty and not `.` or `..`.
        var partLength = 0
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if partLength == 0 || partLength == dots && dots <= 2 { return false }
                partLength = 0
                dots = 0
                continue
            }
            if byte < 0x20 || byte == 0x7f || byte == UInt8(ascii: "\\") { return false }
            partLength += 1
            if byte == UInt8(ascii: ".") { dots += 1 }
        }
        return partLength > 0 && !(partLength == dots && dots <= 2)
    }

    public mutating func readString() throws -> String {
        let count = try readCount()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
        offset += count
        return text
    }

    /// A string written with `write(_: String)`, decoded only when read (at once when the
    /// reader's bytes are not shared).
    public mutating func readDeferredText() throws -> DeferredText {
        guard let owner else { return DeferredText(try readString()) }
        let count = try readCount()
        let start = bytes.baseAddress.map { owner.bytes.baseAddress!.distance(to: $0) + offset } ?? 0
        offset += count
        return DeferredText(owner, range: start..<start + count)
    }

    public mutating func readOptionalString() throws -> String? { try readBool() ? try readString() : nil }

    public mutating func readOptionalInt() throws -> Int? { try readBool() ? try readInt() : nil }

    public mutating func readStrings() throws -> [String] { try readArray { try $0.readString() } }

    public mutating func readArray<Element>(_ each: (inout ArchiveReader) throws -> Element) throws -> [Element] {
        let count = try readCount()
        var values: [Element] = []
        values.reserveCapacity(min(count, 4096))
        for _ in 0..<count { values.append(try each(&self)) }
        return values
    }

    public mutating func readLocation() throws -> SourceLocation {
        SourceLocation(path: try readString(), line: try readInt(), column: try readInt())
    }

    public mutating func readDate() throws -> CalendarDate? {
        guard let text = try readOptionalString() else { return nil }
        guard let date = CalendarDate(text) else { throw Damaged() }
        return date
    }

    public mutating func readDiagnostic() throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try readString()) else { throw Damaged() }
        return Diagnostic(severity, try readLocation(), try readString(), hint: try readOptionalString())
    }

    /// A count or length that fits in what is left of the bytes (every element takes a byte at least).
    public mutating func readCount() throws -> Int {
        let count = try readInt()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        return count
    }
}
