import TendCore
import Testing

@Suite struct StableDigestTests {
    private struct Item: Encodable {
        var title: String
        var count: Int
        var note: String?
        var tags: [String]
    }

    private struct Outer: Encodable {
        var items: [Item]
        var nested: [[Int]]
    }

    @Test func equalValuesHaveEqualDigestsAndEveryFieldCounts() {
        let item = Item(title: "A", count: 1, note: nil, tags: ["x"])
        #expect(stableDigest(item) == stableDigest(item))
        let variants = [
            Item(title: "B", count: 1, note: nil, tags: ["x"]), Item(title: "A", count: 2, note: nil, tags: ["x"]),
            Item(title: "A", count: 1, note: "", tags: ["x"]), Item(title: "A", count: 1, note: nil, tags: []),
            Item(title: "A", count: 1, note: nil, tags: ["x", ""]),
        ]
        let digests = Set(([item] + variants).map(stableDigest))
        #expect(digests.count == variants.count + 1)
    }

    private enum Choice: Encodable {
        case first(Int), second(Int)
    }

    private struct Pair: Encodable {
        var a: String?
        var b: String?
    }

    /// Which case and which field is nil cannot be mistaken.
    @Test func casesAndNilsAreTold() {
        #expect(stableDigest(Choice.first(1)) != stableDigest(Choice.second(1)))
        #expect(stableDigest(Pair(a: nil, b: "x")) != stableDigest(Pair(a: "x", b: nil)))
        #expect(stableDigest(Pair(a: nil, b: nil)) != stableDigest(Pair(a: "", b: nil)))
    }

    @Test func structureIsPartOfTheDigest() {
        #expect(stableDigest(Outer(items: [], nested: [[1], [2]])) != stableDigest(Outer(items: [], nested: [[1, 2]])))
        #expect(stableDigest(["ab", "c"]) != stableDigest(["a", "bc"]))
    }

    /// The digest is the same on every run: a fixed value, not Swift's seeded `Hasher`.
    @Test func digestIsStableAcrossRuns() {
        #expect(stableDigest("fixed") == 11_231_408_252_614_321_823)
    }

    @Test func digestedAndAddressedValuesEncodeTheirDigest() {
        let digested = Digested(Item(title: "A", count: 1, note: nil, tags: []))
        #expect(digested.digest == stableDigest(digested.value))
        #expect(stableDigest([digested]) == stableDigest([Digested(Item(title: "A", count: 1, note: nil, tags: []))]))
        #expect(stableDigest([digested]) != stableDigest([Digested(Item(title: "B", count: 1, note: nil, tags: []))]))
        // An addressed value is its address: what it holds is not looked at again.
        #expect(stableDigest(Addressed("anything", address: 42)) == stableDigest(Addressed("else", address: 42)))
        #expect(stableDigest(Addressed("anything", address: 42)) != stableDigest(Addressed("anything", address: 43)))
    }
}

@Suite struct StreamingDigestTests {
    /// Property: however the bytes are split into parts, the digest is the same as of the whole.
    @Test func partsGiveTheDigestOfTheWhole() {
        fuzz(iterations: 500, seed: 7) { random in
            let bytes = (0..<Int.random(in: 0...700, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let whole = bytes.withUnsafeBytes(StreamingDigest.of)
            var digest = StreamingDigest()
            var offset = 0
            while offset < bytes.count {
                let length = min(Int.random(in: 0...20, using: &random), bytes.count - offset)
                digest.update(Array(bytes[offset..<offset + length]))
                offset += length
            }
            #expect(digest.value == whole)
        }
        #expect(StreamingDigest.of(UnsafeRawBufferPointer(start: nil, count: 0)) != [UInt8(0)].withUnsafeBytes(StreamingDigest.of))
    }
}
