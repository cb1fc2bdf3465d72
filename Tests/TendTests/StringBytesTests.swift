import TendCore
import Testing

/// The byte scans pages are read with agree with a plain reading of the UTF-8 view.
@Suite struct StringBytesTests {
    @Test func scansAgreeWithThePlainReading() {
        let pieces = ["a", "[", "!", "{", "<", "é", "—", " ", "\n", "x!", "{{", "日本"]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            #expect(text.isASCII == bytes.allSatisfy { $0 < 0x80 })
            #expect(text.containsByte(UInt8(ascii: "<")) == bytes.contains(UInt8(ascii: "<")))
            let image = bytes.indices.contains { $0 > 0 && bytes[$0] == UInt8(ascii: "[") && bytes[$0 - 1] == UInt8(ascii: "!") }
            #expect(text.containsByte(UInt8(ascii: "[")) { bytes, index in index > 0 && bytes[index - 1] == UInt8(ascii: "!") } == image)
        }
        #expect("".isASCII)
        #expect(!"".containsByte(UInt8(ascii: "[")) { _, _ in true })
    }
}
