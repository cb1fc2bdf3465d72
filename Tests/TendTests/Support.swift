import Foundation
import TendBuild
import TendCore
import TendTemplates

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Paths and helpers shared by the tests.
enum Fixtures {
    /// `Tests/Fixtures`.
    static let root: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    /// The repository root (the sample site).
    static let repository: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// A fixed clock: builds in tests never depend on today's date.
    static let clock = BuildClock(today: CalendarDate("2026-11-01")!, fixedEpoch: 1_793_491_200)
}

/// A temporary folder removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "tend-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `files` (relative path → text) below the folder.
    func write(_ files: [String: String]) {
        for (relative, text) in files {
            let url = URL(fileURLWithPath: path + "/" + relative)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }
}

/// A small valid site that tests change one file of.
enum MinimalSite {
    static let siteYML = """
        title: Test Practice
        base_url: https://www.example.org/
        practice:
          name: Test Practice
          phone: "(310) 555-0142"
          email: hello@example.org
        bibliography: [references.bib]

        """

    static let bibliography = """
        @book{gottman2015,
          author = {Gottman, John M. and Silver, Nan},
          title = {The seven principles for making marriage work},
          publisher = {Harmony Books},
          year = {2015}
        }

        """

    static let author = "---\nname: Ada Author\ncredentials: LMFT\n---\nAda writes.\n"

    static func article(_ frontMatter: String = "", body: String = "Some text.") -> String {
        "---\ntitle: An article\nsummary: A summary.\ndate: 2026-01-05\nauthor: ada\n\(frontMatter)---\n\(body)\n"
    }

    static func files(article: String = article()) -> [String: String] {
        [
            "content/site.yml": siteYML, "content/references.bib": bibliography,
            "content/authors/ada.md": author, "content/articles/first.md": article,
        ]
    }

    /// Builds `files` into a temporary site; returns the report and the folder.
    static func build(_ files: [String: String], writes: Bool = true) -> (BuildReport, TemporaryDirectory) {
        let directory = TemporaryDirectory()
        directory.write(files)
        let request = BuildRequest(siteRoot: directory.path, clock: Fixtures.clock)
        let report = writes ? SiteBuilder.build(request) : SiteBuilder.validate(request)
        return (report, directory)
    }

    /// The diagnostics of a build as printed, one per line.
    static func messages(_ report: BuildReport, severity: Diagnostic.Severity = .error) -> [String] {
        report.diagnostics.filter { $0.severity == severity }.map { "\($0.location.path):\($0.location.line):\($0.location.column): \($0.message)" }
    }
}

/// Reads every file below a folder: relative path → bytes.
func readTree(_ root: String) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
    for case let relative as String in enumerator {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = FileManager.default.contents(atPath: root + "/" + relative)
        }
    }
    return files
}

/// A deterministic pseudo-random generator for property tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random string drawn from `alphabet`, up to `maxLength` characters.
    mutating func string(from alphabet: [String], maxLength: Int) -> String {
        let length = Int.random(in: 0...maxLength, using: &self)
        return (0..<length).map { _ in alphabet.randomElement(using: &self)! }.joined()
    }
}

/// Runs `body` with a fresh seed `iterations` times, or, when `TEND_FUZZ_SECONDS` is set, again
/// and again for that many seconds (the long fuzzing runs before a release). Returns the count.
@discardableResult
func fuzz(iterations: Int, seed: UInt64, _ body: (inout SeededGenerator) -> Void) -> Int {
    var random = SeededGenerator(seed: seed)
    if let text = ProcessInfo.processInfo.environment["TEND_FUZZ_SECONDS"], let seconds = Double(text) {
        let deadline = Date().addingTimeInterval(seconds)
        var count = 0
        while Date() < deadline {
            for _ in 0..<100 { body(&random) }
            count += 100
        }
        print("fuzzed \(count) inputs (seed \(seed))")
        return count
    }
    for _ in 0..<iterations { body(&random) }
    return iterations
}

/// A site in a `MemoryFileSystem`, with the built-in theme at its real path: whole-site tests
/// that are not about the disk build here, each in its own file system.
struct MemorySite {
    let fileSystem = MemoryFileSystem()
    let root = "/site"

    /// The site with the files of a folder on disk (`content/` and `templates/` below it).
    init(copying folder: String? = nil, files: [String: String] = [:]) {
        if let theme = TemplateLibrary.builtInDirectory { Self.copy(theme, to: theme, into: fileSystem) }
        try! fileSystem.createDirectories(root)
        if let folder {
            for name in ["content", "templates"] { Self.copy(folder + "/" + name, to: root + "/" + name, into: fileSystem) }
        }
        write(files)
    }

    private static func copy(_ source: String, to destination: String, into fileSystem: MemoryFileSystem) {
        let resolved =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: source)).map {
                $0.hasPrefix("/") ? $0 : (source as NSString).deletingLastPathComponent + "/" + $0
            } ?? source
        guard let enumerator = FileManager.default.enumerator(atPath: resolved) else { return }
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: resolved + "/" + relative)
            else { continue }
            let path = destination + "/" + relative
            try! fileSystem.createDirectories((path as NSString).deletingLastPathComponent)
            try! fileSystem.write(Array(data), to: path)
        }
    }

    /// Writes `files` (path relative to the site → text).
    func write(_ files: [String: String]) {
        fileSystem.add(Dictionary(uniqueKeysWithValues: files.map { (root + "/" + $0.key, $0.value) }))
    }

    func remove(_ relative: String) { try? fileSystem.remove(root + "/" + relative) }

    func request(output: String? = nil) -> BuildRequest {
        BuildRequest(siteRoot: root, outputPath: output.map { root + "/" + $0 }, clock: Fixtures.clock)
    }

    func build(_ request: BuildRequest? = nil) -> BuildReport { SiteBuilder.build(request ?? self.request(), fileSystem: fileSystem) }

    /// Every file below `folder` of the site: relative path → bytes.
    func tree(_ folder: String = "public") -> [String: Data] {
        var files: [String: Data] = [:]
        var pending = [""]
        let base = root + "/" + folder
        while let relative = pending.popLast() {
            for entry in (try? fileSystem.entries(of: relative.isEmpty ? base : base + "/" + relative)) ?? [] {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .directory: pending.append(child)
                case .file: files[child] = Data((try? fileSystem.contents(of: base + "/" + child)) ?? [])
                default: continue
                }
            }
        }
        return files
    }

    func read(_ relative: String) -> String? {
        (try? fileSystem.contents(of: root + "/" + relative)).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension MinimalSite {
    /// The errors of building the minimal site with `article` as its article, as printed.
    static func errors(article: String) -> [String] { messages(build(files(article: article)).0) }

    /// The errors of building the minimal site with `files` added or replaced, as printed.
    static func errors(_ changed: [String: String]) -> [String] {
        var all = files()
        for (path, text) in changed { all[path] = text }
        return messages(build(all).0)
    }

    /// Builds the minimal site with an article of this body and front matter, and extra files.
    static func build(article body: String, frontMatter: String = "", extra: [String: String] = [:]) -> (BuildReport, TemporaryDirectory) {
        var all = files(article: article(frontMatter, body: body))
        for (path, text) in extra { all[path] = text }
        return build(all)
    }
}

/// The fixture site `sites/basic`, built once in memory: its files, read-only, for tests of
/// what the output says.
enum FixtureOutput {
    static let files: [String: Data] = {
        let site = MemorySite(copying: Fixtures.root + "/sites/basic")
        _ = site.build()
        return site.tree()
    }()

    static func text(_ path: String) -> String { String(decoding: files[path] ?? Data(), as: UTF8.self) }

    /// Element names in document order, from Foundation's XML parser.
    final class ElementCollector: NSObject, XMLParserDelegate {
        var names: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            names.append(name)
        }
    }

    /// The element names of an XML file of the output; nil when it is not well-formed.
    static func elements(_ path: String) -> [String]? {
        let parser = XMLParser(data: files[path] ?? Data())
        let collector = ElementCollector()
        parser.delegate = collector
        return parser.parse() ? collector.names : nil
    }
}

/// The metadata blocks an image file carries, read from its structure (a byte search would find
/// "GPS" by chance in compressed data): JPEG APP1/APP2/APP13 segments (EXIF, XMP, ICC, IPTC),
/// WebP EXIF/XMP/ICCP chunks, PNG eXIf/tEXt/iTXt/zTXt/iCCP chunks.
func metadataBlocks(_ bytes: [UInt8]) -> [String] {
    func bigEndian(_ offset: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) } }
    var found: [String] = []
    if bytes.starts(with: [0xFF, 0xD8]) {
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            if marker == 0xDA { break }
            if [0xE1, 0xE2, 0xED].contains(marker) { found.append(String(format: "APP%d", Int(marker) - 0xE0)) }
            offset += 2 + bigEndian(offset + 2, 2)
        }
    } else if bytes.starts(with: Array("RIFF".utf8)) {
        var offset = 12
        while offset + 8 <= bytes.count {
            let kind = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            if ["EXIF", "XMP ", "ICCP"].contains(kind) { found.append(kind) }
            offset += 8 + size + (size & 1)
        }
    } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
        var offset = 8
        while offset + 8 <= bytes.count {
            let size = bigEndian(offset, 4)
            let kind = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if ["eXIf", "tEXt", "iTXt", "zTXt", "iCCP"].contains(kind) { found.append(kind) }
            offset += 12 + size
        }
    }
    return found
}
