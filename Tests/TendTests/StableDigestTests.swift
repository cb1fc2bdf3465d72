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
        #expect(stableDigest([digested]) == stableDigest([digested.digest]))
        #expect(stableDigest(Addressed("anything", address: 42)) == stableDigest(UInt64(42)))
    }
}
