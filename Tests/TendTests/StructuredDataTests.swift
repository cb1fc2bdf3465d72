import Foundation
import Testing

/// The search index and JSON-LD of the built fixture site parse, and escape what content says.
@Suite struct StructuredDataTests {
    @Test func searchIndexAndJSONLDParse() throws {
        let index = try JSONSerialization.jsonObject(with: FixtureOutput.files["search/index.json"]!) as! [[String: Any]]
        #expect(index.map { $0["title"] as! String }.contains("Beta"))
        let html = FixtureOutput.text("articles/alpha/index.html")
        var blocks: [[String: Any]] = []
        var rest = html[...]
        while let open = rest.range(of: "<script type=\"application/ld+json\">"),
            let close = rest.range(of: "</script>", range: open.upperBound..<rest.endIndex)
        {
            blocks.append(try JSONSerialization.jsonObject(with: Data(rest[open.upperBound..<close.lowerBound].utf8)) as! [String: Any])
            rest = rest[close.upperBound...]
        }
        #expect(blocks.count == 2)
        #expect(blocks[0]["@type"] as? String == "MedicalWebPage")
        #expect(blocks[0]["headline"] as? String == "Alpha & <Omega>: a \"quoted\" title")
        #expect((blocks[0]["citation"] as? [Any])?.count == 4)
        #expect((blocks[0]["author"] as? [String: Any])?["jobTitle"] as? String == "LCSW")
        #expect(blocks[1]["@type"] as? String == "BreadcrumbList")
        let exercise = FixtureOutput.text("exercises/box/index.html")
        #expect(exercise.contains("\"@type\":\"HowTo\""))
        #expect(exercise.contains("\"totalTime\":\"PT3M\""))
        #expect(exercise.contains("<li>Breathe in for 4 counts.</li>"))
    }
}
