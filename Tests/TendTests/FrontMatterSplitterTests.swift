import TendCore
import TendFrontMatter
import Testing

@Suite struct FrontMatterSplitterTests {
    @Test func splitsYAMLAndBodyWithLineNumbers() throws {
        let split = try FrontMatterSplitter.split("---\ntitle: A\n---\nBody\n")
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "Body\n")
        #expect(split.bodyFirstLine == 4)
        #expect(split.hasFrontMatter)
    }

    @Test func acceptsByteOrderMarkAndCRLF() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8), path: "a.md")
        let split = try FrontMatterSplitter.split(text)
        #expect(split.yaml == "title: A\n")
        #expect(split.body == "Body\n")
    }

    @Test func unclosedFrontMatterIsAnError() {
        #expect(throws: FrontMatterSplitter.Problem.unclosed) { try FrontMatterSplitter.split("---\ntitle: A\nBody\n") }
    }

    @Test func noFrontMatter() throws {
        #expect(try FrontMatterSplitter.split("# Hello\n").hasFrontMatter == false)
    }

    /// Property: joining any YAML and body with fences splits back into the same parts.
    @Test func roundTrip() throws {
        var random = SeededGenerator(seed: 7)
        let alphabet = ["a", "b", ":", " ", "\n", "-", "—", "é", "#", "\"", "'", "."]
        for _ in 0..<2_000 {
            var yaml = random.string(from: alphabet, maxLength: 40)
            var body = random.string(from: alphabet, maxLength: 60)
            // A line that is exactly '---' or '...' would close the block early; the property is about the rest.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).filter {
                $0.trimmingCharacters(in: .whitespaces) != "---" && $0.trimmingCharacters(in: .whitespaces) != "..."
            }
            yaml = lines.joined(separator: "\n")
            if !yaml.isEmpty && !yaml.hasSuffix("\n") { yaml += "\n" }
            if body.isEmpty { body = "x" }
            let split = try FrontMatterSplitter.split("---\n" + yaml + "---\n" + body)
            #expect(split.yaml == yaml)
            #expect(split.body == body)
        }
    }

    /// Fuzz: the splitter and the decoder never crash on arbitrary bytes.
    @Test func neverCrashes() {
        fuzz(iterations: 3_000, seed: 11) { random in
            let bytes = (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            guard let text = try? SourceText.decode(bytes, path: "x.md") else { return }
            if let split = try? FrontMatterSplitter.split("---\n" + text) {
                var diagnostics = Diagnostics()
                _ = FrontMatter.decode(yaml: split.yaml, kind: .article, path: "x.md", firstLine: 2, diagnostics: &diagnostics)
            }
        }
    }
}
