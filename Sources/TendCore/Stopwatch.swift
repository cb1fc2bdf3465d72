import Dispatch

/// Elapsed time on the monotonic clock, for the timings `--verbose` prints (never for what a
/// build decides).
public struct Stopwatch: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
