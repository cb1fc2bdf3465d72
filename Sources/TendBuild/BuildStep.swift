import TendCore

/// One named step of a pipeline: what it does to the context the pipeline carries.
/// A step ends the pipeline by setting the context's `isFinished`.
struct BuildStep<Context: PipelineContext>: Sendable {
    let name: String
    let run: @Sendable (inout Context) throws -> Void

    init(_ name: String, _ run: @escaping @Sendable (inout Context) throws -> Void) {
        self.name = name
        self.run = run
    }
}

/// What a pipeline carries from step to step.
protocol PipelineContext {
    /// True once a step decided that nothing more is to be done (or can be).
    var isFinished: Bool { get }
    /// Records that `step` took `seconds`, and the process `processorSeconds` of processor time.
    mutating func record(_ step: String, seconds: Double, processorSeconds: Double)
    /// Turns an error a step threw into what the user is told.
    mutating func fail(_ step: String, _ error: any Error)
}

/// Steps run in order, each timed, until one finishes the pipeline.
struct Pipeline<Context: PipelineContext>: Sendable {
    let steps: [BuildStep<Context>]

    init(_ steps: [BuildStep<Context>]) { self.steps = steps }

    func run(_ context: inout Context) {
        for step in steps {
            if context.isFinished { break }
            let stopwatch = Stopwatch()
            do {
                try step.run(&context)
            } catch {
                context.fail(step.name, error)
            }
            context.record(step.name, seconds: stopwatch.seconds, processorSeconds: stopwatch.processorSeconds)
        }
    }
}
