import Foundation
import TendBuild
import TendCore
import Testing

/// The `tend` executable next to this test bundle (`swift build` puts it there).
let tendExecutable: String? = {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let candidates = [runner.deletingLastPathComponent().appendingPathComponent("tend").path, Fixtures.repository + "/.build/debug/tend"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Output is replaced whole or file by file, and a build killed or failing at any moment leaves a whole site.
@Suite struct SiteWriterTests {
    @Test func unwritableOutputIsAnErrorAndNothingIsLost() throws {
        let (_, site) = MinimalSite.build(MinimalSite.files())
        let before = readTree(site.path + "/public")
        site.write(["blocker": "a file where a folder should be"])
        let report = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: site.path + "/blocker/public", clock: Fixtures.clock))
        #expect(!report.succeeded)
        #expect(readTree(site.path + "/public") == before)
    }

    /// `kill -9` at any moment of a build leaves either the old or the new complete site.
    @Test(.enabled(if: tendExecutable != nil, "needs the tend executable: run swift build first"))
    func killedBuildsLeaveAWholeSite() throws {
        var files = MinimalSite.files()
        for index in 0..<300 {
            files["content/articles/a\(index).md"] = MinimalSite.article("tags: [t\(index % 7)]\n", body: String(repeating: "Some words here. ", count: 200))
        }
        let (first, site) = MinimalSite.build(files)
        #expect(first.succeeded)
        let old = readTree(site.path + "/public")
        site.write(["content/articles/first.md": MinimalSite.article(body: "A new version.")])
        let expectedNew = TemporaryDirectory()
        _ = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: expectedNew.path + "/public", clock: Fixtures.clock))
        let new = readTree(expectedNew.path + "/public")
        #expect(old != new)
        var random = SeededGenerator(seed: 31)
        for _ in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tendExecutable!)
            process.arguments = ["build", "--site", site.path, "--quiet"]
            process.environment = ["SOURCE_DATE_EPOCH": String(Fixtures.clock.fixedEpoch!)]
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.4, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = readTree(site.path + "/public")
            #expect(now == old || now == new, "public/ is neither the old nor the new site")
            try? FileManager.default.removeItem(atPath: site.path + "/.tend-cache")
        }
    }

    /// `kill -9` during a build that updates `public/` in place: the next build leaves the
    /// complete new site, whatever moment the kill hit.
    @Test(.enabled(if: tendExecutable != nil, "needs the tend executable: run swift build first"))
    func killedInPlaceUpdatesAreRepairedByTheNextBuild() throws {
        var files = MinimalSite.files()
        for index in 0..<300 {
            files["content/articles/a\(index).md"] = MinimalSite.article("tags: [t\(index % 7)]\n", body: String(repeating: "Some words here. ", count: 200))
        }
        let site = TemporaryDirectory()
        site.write(files)
        func runTend() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tendExecutable!)
            process.arguments = ["build", "--site", site.path, "--quiet"]
            process.environment = ["SOURCE_DATE_EPOCH": String(Fixtures.clock.fixedEpoch!)]
            try process.run()
            return process
        }
        let first = try runTend()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        var random = SeededGenerator(seed: 7)
        for round in 0..<5 {
            site.write(["content/articles/a\(round).md": MinimalSite.article(body: "Version \(round) of this article.")])
            let killed = try runTend()
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.3, using: &random))
            kill(killed.processIdentifier, SIGKILL)
            killed.waitUntilExit()
            let next = try runTend()
            next.waitUntilExit()
            let expected = TemporaryDirectory()
            _ = SiteBuilder.build(BuildRequest(siteRoot: site.path, outputPath: expected.path + "/public", clock: Fixtures.clock))
            #expect(readTree(site.path + "/public") == readTree(expected.path + "/public"), "round \(round)")
        }
    }
}

/// Tend replaces only folders it made: `--output .git` or a folder of someone's files is refused.
@Suite struct OutputMarkerTests {
    @Test func aFolderOfOtherFilesIsNeverReplaced() {
        let site = MemorySite(files: MinimalSite.files())
        site.write([".git/HEAD": "ref: refs/heads/main\n", ".git/objects/ab/cd": "x", "notes/todo.txt": "keep"])
        for output in [".git", "notes"] {
            let report = site.build(site.request(output: output))
            #expect(
                MinimalSite.messages(report).first?.hasSuffix(
                    ": the output folder holds files Tend did not make (\(output == ".git" ? "HEAD, objects" : "todo.txt")); Tend would replace them")
                    == true, "\(MinimalSite.messages(report))")
        }
        #expect(site.read(".git/HEAD") == "ref: refs/heads/main\n" && site.read("notes/todo.txt") == "keep")
    }

    @Test func emptyMarkedAndOlderTendFoldersAreReplaced() {
        let site = MemorySite(files: MinimalSite.files())
        site.write(["older/404.html": "x", "older/feed.xml": "x", "older/sitemap.xml": "x", "older/stale.html": "x", "kept/.gitkeep": ""])
        try! site.fileSystem.createDirectories(site.root + "/empty")
        for output in ["empty", "older", "fresh", "kept"] {
            #expect(site.build(site.request(output: output)).succeeded, "\(output)")
            #expect(site.read(output + "/.tend-output") != nil)
            #expect(site.build(site.request(output: output)).succeeded, "\(output) again")
        }
        #expect(site.read("older/stale.html") == nil)
    }
}
