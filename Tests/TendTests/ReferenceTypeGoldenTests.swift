import Foundation
import TendCitations
import TendCore
import Testing

/// Every reference type, as Zotero exports it through Better BibLaTeX and as CSL-JSON, against
/// golden reference lists (`Tests/Fixtures/golden/citations`; `RECORD_GOLDENS=1` rewrites them:
/// read the diff first).
@Suite struct ReferenceTypeGoldenTests {
    @Test(arguments: ["better-biblatex.bib", "zotero-csl.json"])
    func referenceListMatchesTheGoldenFile(_ name: String) throws {
        let text = try String(contentsOfFile: Fixtures.root + "/citations/" + name, encoding: .utf8)
        var bibliography = Bibliography()
        let diagnostics = bibliography.add(text: text, path: "content/" + name)
        #expect(diagnostics.allSatisfy { $0.severity != .error }, "\(diagnostics)")
        let citations = PageCitations(bibliography: bibliography, cited: [], nocite: ["*"])
        var golden = ""
        for reference in citations.references {
            let html = citations.entryHTML(reference)
            golden += "\(reference.key): \(visibleText(html))\n    \(html)\n"
            // Nothing of TeX or of CSL's markup is left on the page.
            let visible = visibleText(html)
            #expect(!visible.contains { "\\{}$`".contains($0) }, "\(reference.key): \(visible)")
            #expect(!visible.contains("<i>") && !visible.contains("<span"), "\(reference.key): \(visible)")
        }
        for diagnostic in diagnostics { golden += "\(diagnostic.description)\n" }
        GoldenFiles.compare([name + ".txt": Data(golden.utf8)], expected: Fixtures.root + "/golden/citations/" + name)
    }
}
