/// A paced-breathing rhythm: in, hold, out, hold, in counts (`4-7-8`, `4-4-4-4`).
public struct BreathingPattern: Equatable, Sendable {
    public struct Phase: Equatable, Sendable {
        public var name: String
        public var counts: Int
    }

    public let phases: [Phase]
    public let text: String

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...4).contains(parts.count), parts.allSatisfy({ $0 != nil && (1...20).contains($0!) }) else { return nil }
        let counts = parts.map { $0! }
        let names: [String]
        switch counts.count {
        case 2: names = ["Breathe in", "Breathe out"]
        case 3: names = ["Breathe in", "Hold", "Breathe out"]
        default: names = ["Breathe in", "Hold", "Breathe out", "Hold"]
        }
        phases = zip(names, counts).map { Phase(name: $0, counts: $1) }
        self.text = text
    }
}
