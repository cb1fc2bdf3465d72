import Dispatch

/// `transform` applied to every element on all cores (or in order on this thread when
/// `serial`); results in input order either way.
public func parallelMap<Element: Sendable, Result>(_ items: [Element], serial: Bool = false, _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard items.count > 1, !serial else { return items.map(transform) }
    return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialized in
        nonisolated(unsafe) let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            (base + index).initialize(to: transform(items[index]))
        }
        initialized = items.count
    }
}

/// `transform` of every element, on all cores in chunks of `chunkSize` (for work too small an
/// element to be a task of its own, such as a page's share); results in input order.
public func parallelMap<Element: Sendable, Result>(_ items: [Element], chunkSize: Int, serial: Bool = false, _ transform: @Sendable (Element) -> Result)
    -> [Result]
{
    parallelMap(items.chunked(by: chunkSize), serial: serial) { $0.map(transform) }.flatMap { $0 }
}

extension Array {
    /// Consecutive slices of `size` elements (the last may be shorter).
    public func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// `first` and `second` at once, on two cores where there are two; both results.
public func concurrently<First, Second>(_ first: @Sendable () -> First, _ second: @Sendable () -> Second) -> (First, Second) {
    var results: (First?, Second?) = (nil, nil)
    withUnsafeMutablePointer(to: &results) { pointer in
        nonisolated(unsafe) let results = pointer
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { results.pointee.0 = first() } else { results.pointee.1 = second() }
        }
    }
    return (results.0!, results.1!)
}
