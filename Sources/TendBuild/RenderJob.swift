import TendContent
import TendCore

/// What one render job reads, all of it: the job's key is the digest of this value, so a field
/// the render starts to read is a field of its inputs, and in its key, by construction.
protocol RenderInputs: Encodable, Sendable {
    /// Renders the job's files from the inputs alone.
    func render(_ context: RenderContext) throws -> [OutputFile]
}

/// What render functions share besides their inputs: memos of pure functions of the site's
/// inputs, never the site graph.
struct RenderContext: Sendable {
    let views: ViewBuilder
}

/// One unit of rendering: the files it writes, its inputs' digest, and the render.
struct RenderJob: Sendable {
    let paths: [String]
    let key: UInt64
    let render: @Sendable () throws -> [OutputFile]

    init(paths: [String], inputs: some RenderInputs, context: RenderContext) {
        self.paths = paths
        key = stableDigest(inputs)
        render = { try inputs.render(context) }
    }

    /// A job writing the page at a site path (`/articles/x/` → `articles/x/index.html`).
    init(sitePath: String, inputs: some RenderInputs, context: RenderContext) {
        self.init(paths: [Routes.file(for: sitePath)], inputs: inputs, context: context)
    }
}

/// A template rendering problem (a template the site needs is missing).
struct MissingTemplate: Error {
    let name: String
}
