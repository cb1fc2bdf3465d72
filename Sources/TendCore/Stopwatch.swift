import Dispatch
import Foundation

/// Elapsed time on the monotonic clock, and the processor time the process spent meanwhile
/// (all its threads, user and system), for the timings `--verbose` prints (never for what a
/// build decides). Processor time over elapsed time says how many cores a step kept busy.
public struct Stopwatch: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let startCPU = Self.processorSeconds()

    public init() {}

    public var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    public var processorSeconds: Double { Self.processorSeconds() - startCPU }

    private static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
