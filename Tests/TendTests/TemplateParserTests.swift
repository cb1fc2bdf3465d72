import Testing

@testable import TendTemplates

/// Parsing Mustache: standalone lines, names, and errors that say where and what to write.
@Suite struct TemplateParserTests {
    private func nodes(_ text: String) throws -> [TemplateNode] { try TemplateParser.parse(text).nodes }

    private func failure(_ text: String) -> String? {
        do {
            _ = try TemplateParser.parse(text)
            return nil
        } catch {
            return "\(error.line):\(error.column): \(error.message)"
        }
    }

    private func name(_ parts: String...) -> TemplateName { TemplateName(parts: parts, climbs: true) }

    @Test func textWithoutTagsIsOneNodePerLine() throws {
        #expect(try nodes("Hello\nworld") == [.text("Hello\n"), .text("world")])
        #expect(try nodes("a\r\nb { c } {d}") == [.text("a\r\n"), .text("b { c } {d}")])
        #expect(try nodes("") == [])
    }

    @Test func tagsAloneOnTheirLineLeaveNoBlankLine() throws {
        let parsed = try nodes("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n{{! a note }}\nend")
        #expect(
            parsed == [
                .text("<ul>\n"),
                .section(name("items"), [.text("  <li>"), .value(name("name"), escaped: true), .text("</li>\n")], inverted: false),
                .text("</ul>\n"), .text("end"),
            ])
        // A tag sharing its line with text keeps the line as it is.
        #expect(try nodes(" {{#a}}x{{/a}} \n") == [.text(" "), .section(name("a"), [.text("x")], inverted: false), .text(" \n")])
        // The last line may end without a line break.
        #expect(try nodes("x\n  {{! note }}") == [.text("x\n")])
    }

    @Test func partialsRememberTheIndentationOfTheirLine() throws {
        #expect(try nodes("  {{> partials/card }}\n") == [.text("  "), .partial("partials/card", indentation: "  ")])
        #expect(try nodes("<b>{{>card}}</b>") == [.text("<b>"), .partial("card", indentation: nil), .text("</b>")])
        #expect(TemplateParser.parseIncludes("{{>a}}\n  {{<b}}{{/b}}") == ["a 1:1", "b 2:3"])
        #expect(TemplateParser.parseIncludes("é日 {{>a}}\r\n\n{{>b}}{{>c}}") == ["a 1:4", "b 3:1", "c 3:7"])
        // Thousands of partials on one long line are located in one pass.
        let many = TemplateParser.parseIncludes(String(repeating: "{{>p}}", count: 50_000))
        #expect(many.count == 50_000 && many.last == "p 1:299995")
    }

    @Test func namesAndDelimiters() throws {
        #expect(
            try nodes("{{site.title}}{{{body_html}}}{{& raw }}{{.}}{{.name}}") == [
                .value(name("site", "title"), escaped: true), .value(name("body_html"), escaped: false), .value(name("raw"), escaped: false),
                .value(TemplateName(parts: [], climbs: true), escaped: true), .value(TemplateName(parts: ["name"], climbs: false), escaped: true),
            ])
        #expect(try nodes("{{=<% %>=}}<% a %>{{b}}<%={{ }}=%>{{c}}") == [.value(name("a"), escaped: true), .text("{{b}}"), .value(name("c"), escaped: true)])
        #expect(try nodes("{{% CONTENT_TYPE: TEXT }}{{x}}") == [.escaping(false), .value(name("x"), escaped: true)])
    }

    @Test func parentsKeepOnlyTheirBlocks() throws {
        let parsed = try nodes("{{<base}}\nignored\n{{$content}}\nHi\n{{/content}}\n{{/base}}\n")
        #expect(parsed == [.parent("base", indentation: "", blocks: ["content": [.text("Hi\n")]])])
        #expect(try nodes("{{$title}}Default{{/title}}") == [.block("title", [.text("Default")], indentation: "")])
    }

    @Test func errorsSayWhereAndWhat() {
        #expect(failure("<p>\n  {{#entry}}\n{{title}}") == "2:3: '{{#entry}}' is never closed")
        #expect(failure("{{#list}}\n{{/entry}}") == "2:1: '{{/entry}}' closes a section that is not open here; the open one is '{{#list}}'")
        #expect(failure("a {{/entry}}") == "1:3: '{{/entry}}' closes a section that was never opened")
        #expect(failure("{{title") == "1:1: the tag is not closed with '}}'")
        #expect(failure("x {{ }}") == "1:3: the tag '{{}}' has no name")
        #expect(failure("{{site title}}") == "1:1: '{{site title}}' holds more than one name")
        #expect(failure("é {{uppercase(title)}}") == "1:3: '{{uppercase(title)}}' calls a function; Tend's templates are plain Mustache and call none")
        #expect(failure("{{>*name}}") == "1:1: a partial's name must be written out: Tend does not look names of partials up ('*')")
        #expect(failure("{{% LANGUAGE: fr }}") == "1:1: '{{%LANGUAGE: fr}}' is not a setting Tend knows")
        #expect(failure("{{=<%>=}}") == "1:1: '{{=… …=}}' must give an opening and a closing delimiter, such as {{=<% %>=}}")
        #expect(failure("{{site..title}}") == "1:1: '{{site..title}}' is not a name: its dots must separate names, as in {{site.title}}")
        #expect(failure("{{<base}}{{#x}}{{/x}}{{/base}}") == "1:1: only block definitions ('{{$name}}…{{/name}}') may stand inside '{{<base}}'")
        #expect(failure("{{<base}}{{$a}}") == "1:10: '{{$a}}' is never closed")
    }

    /// Nesting is bounded (parsing and rendering recurse once a level): a hundred levels parse,
    /// the hundred-and-first is an error at its tag, however deep a template tries to go.
    @Test func nestingIsBounded() throws {
        func nested(_ depth: Int) -> String { String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth) }
        #expect(try nodes(nested(100)).count == 1)
        #expect(failure(nested(101)) == "1:601: sections are nested more than 100 deep here")
        #expect(failure(nested(200_000))?.hasPrefix("1:601: sections are nested") == true)
        #expect(failure(String(repeating: "{{<p}}", count: 101)) == "1:601: sections are nested more than 100 deep here")
    }

    /// Random text made of template-like pieces either parses or fails with a position inside
    /// the text; plain text without `{{` always comes back as it was; what parses renders.
    @Test func anyTextParsesOrFailsAtAPlaceInIt() {
        let pieces = ["{{", "}}", "{", "}", "#a", "/a", "^b", "!", ">p", "<q", "$c", "=", "%", " ", "\n", "\r\n", "x", "é", "&", ".", "{{=| |=}}", "|"]
        let view: TemplateObject = ["a": [["b": "<"], ["c": 1]], "b": true, "c": "&", "x": ""]
        fuzz(iterations: 3_000, seed: 7) { generator in
            let text = (0..<Int.random(in: 1...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            do throws(TemplateSyntaxError) {
                let parsed = try TemplateParser.parse(text)
                if !text.contains("{{") { #expect(parsed.nodes.map(\.plainText).joined() == text) }
                // The template may name itself as a partial: the library refuses that, so it is left out here.
                _ = TemplateRenderer.render(parsed.nodes, view: view, templates: [:])
            } catch {
                let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                #expect(error.line >= 1 && error.line <= lines.count, "\(text.debugDescription)")
                #expect(error.column >= 1, "\(text.debugDescription)")
            }
        }
    }
}

extension TemplateParser {
    /// The names of partials and parents in `text`, with where, for the tests.
    fileprivate static func parseIncludes(_ text: String) -> [String] {
        ((try? parse(text))?.includes ?? []).map { "\($0.name) \($0.line):\($0.column)" }
    }
}

extension TemplateNode {
    fileprivate var plainText: String {
        if case .text(let text) = self { return text }
        return "?"
    }
}
