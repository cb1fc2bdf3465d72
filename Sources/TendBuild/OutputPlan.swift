/// Which files of the site must be made again: those whose dependency key differs from the
/// last build's, and those the site no longer has.
struct OutputPlan {
    /// Every output file's key.
    let keys: [String: UInt64]
    let stale: [RenderJob]
    let removed: [String]

    /// Compares `jobs` with the last build's keys (nil when there is no trusted last build).
    init(jobs: [RenderJob], previous: [String: UInt64]?) {
        var keys: [String: UInt64] = [:]
        keys.reserveCapacity(jobs.count)
        for job in jobs { for path in job.paths { keys[path] = job.key } }
        self.keys = keys
        guard let previous else {
            stale = jobs
            removed = []
            isSmall = false
            return
        }
        stale = jobs.filter { job in job.paths.contains { previous[$0] != job.key } }
        removed = previous.keys.filter { keys[$0] == nil }.sorted()
        isSmall = stale.count + removed.count <= max(64, jobs.count / 20)
    }

    /// Few enough changes to update the previous site in place rather than build a new one.
    let isSmall: Bool
}
