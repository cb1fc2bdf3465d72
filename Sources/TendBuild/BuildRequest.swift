import TendContent
import TendCore
import TendSite

/// What to build, from where, into where.
public struct BuildRequest: Sendable {
    /// The site's root folder (holding `content/` and `templates/`).
    public var siteRoot: String
    /// The output folder; `public/` in the site root by default.
    public var outputPath: String
    public var drafts = false
    public var future = false
    public var clock: BuildClock
    /// Told how far reading and writing pages have got (progress bars).
    public var progress: ProgressReporter?
    /// From this many pages on, rendered bodies wait on disk (in `.tend-cache/`) until written.
    public var bodiesOnDiskFrom = 2_000
    /// False for a command that exits right after the build: the site's pages are then left
    /// for the operating system to reclaim (freeing them one by one takes a tenth of a second
    /// on a 10,000-page site).
    public var releasesMemory = true
    /// Keeps what a preview server needs of each good build (see `BuildSession`).
    public var session: BuildSession?
    /// Do all work on one thread (parallel and serial builds must give the same bytes).
    public var serial = false
    /// Replaces `base_url` (the preview server serves the site from its own address).
    public var baseURLOverride: String?
    /// `tend check --strict`: an overdue clinical review is an error, not a warning.
    public var overdueReviewIsError = false

    public init(
        siteRoot: String, outputPath: String? = nil, drafts: Bool = false, future: Bool = false, clock: BuildClock = .system()
    ) {
        self.siteRoot = siteRoot
        self.outputPath = outputPath ?? siteRoot + "/public"
        self.drafts = drafts
        self.future = future
        self.clock = clock
    }
}

/// What a build did: its diagnostics, what it wrote, and how long each step took.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pagesWritten = 0
    /// How many published pages and author pages the site has.
    public var pagesChecked = 0
    public var filesWritten = 0
    /// How many files this build rendered, replaced or removed (the rest were as before).
    public var filesUpdated = 0
    /// Each step's name, seconds and processor seconds (all threads), in order.
    public var timings: [(step: String, seconds: Double, processorSeconds: Double)] = []
    /// True when nothing had changed since the last build, so nothing was rebuilt.
    public var unchanged = false
    /// Flesch–Kincaid grade of each published article, in site order (sorting them is left to
    /// whoever prints them: most builds never do).
    public var readability: [(path: String, grade: Double)] = []
    /// The grades by source path.
    public var readabilityByPath: [(path: String, grade: Double)] { readability.sorted { $0.path < $1.path } }
    /// `tend check`: every article's and exercise's author, reviewer, last and next review.
    public var reviewSchedule: [ReviewRow] = []

    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}
