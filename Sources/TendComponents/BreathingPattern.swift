/// A paced-breathing rhythm: in, hold, out, hold, in counts (`4-7-8`, `4-4-4-4`).
public struct BreathingPattern: Equatable, Sendable {
    public struct Phase: Equatable, Sendable {
        public enum Step: String, Sendable {
            case breatheIn = "breathe_in"
            case hold
            case breatheOut = "breathe_out"
        }

        public var step: Step
        public var counts: Int
    }

    public let phases: [Phase]
    public let text: String

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...4).contains(parts.count), parts.allSatisfy({ $0 != nil && (1...20).contains($0!) }) else { return nil }
        let counts = parts.map { $0! }
        let steps: [Phase.Step]
        switch counts.count {
        case 2: steps = [.breatheIn, .breatheOut]
        case 3: steps = [.breatheIn, .hold, .breatheOut]
        default: steps = [.breatheIn, .hold, .breatheOut, .hold]
        }
        phases = zip(steps, counts).map { Phase(step: $0, counts: $1) }
        self.text = text
    }
}
