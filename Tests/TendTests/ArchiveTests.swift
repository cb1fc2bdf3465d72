import TendCache
import TendCore
import Testing

@Suite struct ArchiveTests {
    @Test func everyValueComesBackAsWritten() throws {
        var writer = ArchiveWriter(format: "test 1")
        let numbers = [0, 1, -1, 63, -64, 64, 300, -300, Int.max, Int.min, Int(Int32.max), -123_456_789]
        for number in numbers { writer.write(number) }
        writer.write(UInt64.max)
        writer.write(true)
        writer.write(2.5)
        writer.write("héllo, wörld")
        writer.write(nil as String?)
        writer.write(7 as Int?)
        writer.write(["a", "", "ç"])
        writer.write(SourceLocation(path: "content/a.md", line: 3, column: 9))
        writer.write(CalendarDate("2026-02-28"))
        writer.write(Diagnostic.error(SourceLocation(path: "x", line: 1, column: 2), "message", hint: "hint"))
        writer.write("articles/x/index.html")
        try writer.bytes.withUnsafeBytes { bytes in
            var reader = ArchiveReader(bytes)
            try reader.checkFormat("test 1")
            for number in numbers { #expect(try reader.readInt() == number) }
            #expect(try reader.readUInt64() == UInt64.max)
            #expect(try reader.readBool())
            #expect(try reader.readDouble() == 2.5)
            #expect(try reader.readString() == "héllo, wörld")
            #expect(try reader.readOptionalString() == nil)
            #expect(try reader.readOptionalInt() == 7)
            #expect(try reader.readStrings() == ["a", "", "ç"])
            #expect(try reader.readLocation() == SourceLocation(path: "content/a.md", line: 3, column: 9))
            #expect(try reader.readDate() == CalendarDate("2026-02-28"))
            let diagnostic = try reader.readDiagnostic()
            #expect(diagnostic.severity == .error && diagnostic.message == "message" && diagnostic.hint == "hint")
            #expect(diagnostic.location == SourceLocation(path: "x", line: 1, column: 2))
            #expect(try reader.readRelativePath() == "articles/x/index.html")
            #expect(throws: ArchiveReader.Damaged.self) { try reader.readInt() }
        }
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.", "a\\b", "a\u{0}b", "a\nb", "a\u{7f}"])
    func pathsThatCouldLeaveTheOutputAreDamaged(path: String) {
        var writer = ArchiveWriter()
        writer.write(path)
        writer.bytes.withUnsafeBytes { bytes in
            var reader = ArchiveReader(bytes)
            #expect(throws: ArchiveReader.Damaged.self) { try reader.readRelativePath() }
        }
    }

    @Test func countsBeyondTheBytesAreDamaged() {
        for count in [-1, 5, Int.max, Int.min] {
            var writer = ArchiveWriter()
            writer.write(count)
            writer.write("abc")
            writer.bytes.withUnsafeBytes { bytes in
                var reader = ArchiveReader(bytes)
                #expect(throws: ArchiveReader.Damaged.self) { try reader.readArray { try $0.readString() } }
            }
        }
    }

    /// Random bytes never trap a reader: every read either returns or throws `Damaged`.
    @Test func randomBytesNeverTrap() {
        fuzz(iterations: 3_000, seed: 41) { random in
            let bytes = (0..<Int.random(in: 0..<64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes.withUnsafeBytes { buffer in
                var reader = ArchiveReader(buffer)
                for _ in 0..<8 {
                    switch Int.random(in: 0..<7, using: &random) {
                    case 0: _ = try? reader.readInt()
                    case 1: _ = try? reader.readString()
                    case 2: _ = try? reader.readStrings()
                    case 3: _ = try? reader.readDiagnostic()
                    case 4: _ = try? reader.readRelativePath()
                    case 5: _ = try? reader.readDate()
                    default: _ = try? reader.skip(Int.random(in: -5...50, using: &random))
                    }
                }
            }
        }
    }
}
