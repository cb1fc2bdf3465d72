import Foundation

/// One server-sent event.
struct ServerEvent: Sendable {
    var name: String
    var data: String
    var wireFormat: String { "event: \(name)\ndata: \(data)\n\n" }
}

/// The latest event for every listening page; each listener waits for a newer generation.
final class EventChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var latest: ServerEvent?
    private(set) var generation = 0
    private(set) var isClosed = false
    /// Changes every time the server starts, so pages reload after a restart.
    let serverID = UUID().uuidString

    /// The error shown now, if the last build failed.
    var currentError: ServerEvent? {
        condition.lock()
        defer { condition.unlock() }
        return latest?.name == "build-error" ? latest : nil
    }

    func publish(_ event: ServerEvent) {
        condition.lock()
        latest = event
        generation += 1
        condition.broadcast()
        condition.unlock()
    }

    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The newest event after `seen`, or nil after `timeout` seconds (or when closed).
    func wait(after seen: Int, timeout: TimeInterval) -> (Int, ServerEvent)? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while generation <= seen && !isClosed {
            if !condition.wait(until: deadline) { break }
        }
        guard generation > seen, let latest else { return nil }
        return (generation, latest)
    }
}
