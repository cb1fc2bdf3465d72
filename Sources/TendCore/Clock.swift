import Foundation

/// Today's date for a build: injected so builds are reproducible (`SOURCE_DATE_EPOCH` honoured).
public struct BuildClock: Sendable {
    /// The date a build treats as today; future-dated pages are those after it.
    public let today: CalendarDate
    /// The build's moment in seconds since 1970, or nil when no fixed moment was given.
    public let fixedEpoch: Int64?

    public init(today: CalendarDate, fixedEpoch: Int64? = nil) {
        self.today = today
        self.fixedEpoch = fixedEpoch
    }

    /// The real clock, unless `SOURCE_DATE_EPOCH` fixes the moment.
    public static func system(environment: [String: String] = ProcessInfo.processInfo.environment) -> BuildClock {
        if let text = environment["SOURCE_DATE_EPOCH"], let epoch = Int64(text) {
            return BuildClock(today: CalendarDate(secondsSince1970: epoch), fixedEpoch: epoch)
        }
        return BuildClock(today: CalendarDate(secondsSince1970: Int64(Date().timeIntervalSince1970)))
    }
}
