import TendComponents
import TendCore
import Testing

@Suite struct ShortcodeTests {
    @Test func parsesNamesAndAttributes() throws {
        let shortcode = try ShortcodeParser.parse(#"{{< consultation headline="Talk \"now\"" cycles=4 >}}"#).get()
        #expect(shortcode.name == "consultation")
        #expect(shortcode.attributes.map(\.value) == ["Talk \"now\"", "4"])
        #expect(try ShortcodeParser.parse("{{< /callout >}}").get().isClosing)
    }

    @Test(arguments: [
        (#"{{< consultation headline="x >}}"#, "the value of 'headline' must be in double quotes (a number may stand alone)"),
        ("{{< consultation", "the component 'consultation' is not closed with '>}}'"),
        ("{{< >}}", "a component needs a name, as in {{< consultation >}}"),
        (#"{{< callout kind="a" kind="b" >}}"#, "the attribute 'kind' is given twice"),
        ("{{< crisis >}} trailing", "a component must stand alone on its line; move the text after '>}}' to the next line"),
        ("{{< callout kind >}}", "the attribute 'kind' needs a value, as in kind=\"...\""),
    ])
    func malformedLines(_ line: String, _ message: String) {
        guard case .failure(let failure) = ShortcodeParser.parse(Substring(line)) else {
            Issue.record("parsed: \(line)")
            return
        }
        #expect(failure.message == message)
    }

    /// Property: parsing never crashes, and no attribute value can break out of its HTML context.
    @Test func neverCrashesAndValuesStayEscaped() {
        let alphabet = ["{{<", ">}}", "\"", "\\", "=", " ", "a", "headline", "<script>", "'", "&", "/", "4", "\u{E000}"]
        var context = ComponentContext()
        context.practiceName = "P"
        fuzz(iterations: 10_000, seed: 9) { random in
            let line = random.string(from: alphabet, maxLength: 24)
            guard case .success(let shortcode) = ShortcodeParser.parse(Substring(line)) else { return }
            for attribute in shortcode.attributes {
                let html = ComponentHTML.consultation(context, headline: attribute.value, body: attribute.value)
                #expect(!html.contains("<script>"))
                #expect(!html.contains("\"\"\""))
            }
        }
    }
}
