/// One message for the person who wrote the content: where, what, and how to fix it.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, location, message, hint: hint)
    }

    public static func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, location, message, hint: hint)
    }

    /// `path:line:column: error: message`, then the hint on its own line.
    public var description: String {
        var text = "\(location.path):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Collects diagnostics so a build can report every problem in one pass.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }
    public mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(.error(location, message, hint: hint))
    }
    public mutating func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(.warning(location, message, hint: hint))
    }

    /// Sorted by file, line and column, duplicates removed: stable output for people and tests.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.sorted { ($0.location, $0.message) < ($1.location, $1.message) }.filter { seen.insert($0).inserted }
    }
}
