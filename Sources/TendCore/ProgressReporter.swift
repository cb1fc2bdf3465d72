import Foundation

/// Counts work done by many threads and tells an observer now and then (at most every 1%).
public final class ProgressReporter: @unchecked Sendable {
    /// Called with the step's name, the items done and the total.
    public typealias Observer = @Sendable (_ step: String, _ done: Int, _ total: Int) -> Void

    private let observer: Observer
    private let lock = NSLock()
    private var step = ""
    private var done = 0
    private var total = 0
    private var lastReported = -1

    public init(_ observer: @escaping Observer) { self.observer = observer }

    public func begin(_ step: String, total: Int) {
        lock.lock()
        self.step = step
        self.total = total
        done = 0
        lastReported = -1
        lock.unlock()
        observer(step, 0, total)
    }

    public func advance() {
        lock.lock()
        done += 1
        let current = done, total = self.total, step = self.step
        let percent = total > 0 ? current * 100 / total : 100
        let shouldReport = percent != lastReported
        if shouldReport { lastReported = percent }
        lock.unlock()
        if shouldReport { observer(step, current, total) }
    }
}
