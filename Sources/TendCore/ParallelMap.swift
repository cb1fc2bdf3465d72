import Dispatch

/// `transform` applied to every element on all cores; results in input order.
public func parallelMap<Element: Sendable, Result>(_ items: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    return [Result](unsafeUninitializedCapacity: items.count) { buffer, initialized in
        nonisolated(unsafe) let base = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            (base + index).initialize(to: transform(items[index]))
        }
        initialized = items.count
    }
}
