import TendCache
import TendCore
import TendOutput

/// Puts rendered files in place: in the previous site for small changes, or as a whole new
/// site swapped in.
enum SiteWriter {
    struct OutputProblem: Error {
        let message: String
    }

    /// A small change: the stale jobs' files replace their old versions in place, and files the
    /// site no longer has are removed.
    static func update(_ output: InPlaceOutput, with plan: RenderPlan, jobs: [RenderJob], removing removed: [String], cache: CacheStore) throws {
        do {
            _ = try plan.run(jobs, emit: output.emit)
            for path in removed { output.remove(path) }
            // From here on the output changes file by file: until the new state is saved, the
            // next build starts from scratch.
            BuildCache.invalidate(cache)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// A whole new site in a staging folder, swapped in at once: unchanged files are linked from
    /// the previous site, the rest rendered. Returns the number of files rendered.
    static func replace(
        _ outputPath: String, with plan: RenderPlan, jobs: [RenderJob], outputPlan: OutputPlan, cache: CacheStore
    ) throws -> Int {
        let staging: StagedOutput
        do {
            staging = try StagedOutput(outputPath: outputPath, cache: cache)
        } catch {
            throw OutputProblem(message: "could not prepare the output folder: \(error)")
        }
        do {
            let stale = Set(outputPlan.stale.flatMap(\.paths))
            let rendered = parallelMap(jobs.chunked(by: 256)) { chunk in
                chunk.filter { job in job.paths.contains(where: stale.contains) || !job.paths.allSatisfy(staging.keep) }
            }.flatMap { $0 }
            _ = try plan.run(rendered, emit: staging.emit)
            try staging.commit()
            return rendered.count
        } catch {
            staging.discard()
            throw error
        }
    }
}
