import Testing

@testable import TendTemplates

/// Rendering typed views with Mustache's rules.
@Suite struct TemplateRendererTests {
    private func render(_ text: String, _ view: TemplateObject, partials: [String: String] = [:]) throws -> String {
        var templates: [String: [TemplateNode]] = [:]
        for (name, partial) in partials { templates[name] = try TemplateParser.parse(partial).nodes }
        return TemplateRenderer.render(try TemplateParser.parse(text).nodes, view: view, templates: templates)
    }

    @Test func valuesAreEscapedUnlessAskedNotTo() throws {
        let view: TemplateObject = ["name": "Tom & \"Jerry\" <'b'>", "count": 3, "shown": true]
        #expect(
            try render("{{name}}|{{{name}}}|{{&name}}", view) == "Tom &amp; &quot;Jerry&quot; &lt;&#39;b&#39;&gt;|Tom & \"Jerry\" <'b'>|Tom & \"Jerry\" <'b'>")
        #expect(try render("{{count}} {{shown}} [{{missing}}]", view) == "3 true []")
        #expect(try render("{{% CONTENT_TYPE: TEXT }}{{name}}", view) == "Tom & \"Jerry\" <'b'>")
        // A partial escapes again, whatever the template including it said.
        #expect(try render("{{% CONTENT_TYPE: TEXT }}{{name}} {{>p}}", ["name": "<"], partials: ["p": "{{name}}"]) == "< &lt;")
    }

    @Test func sectionsTestFlagsAndListsAndShowOtherValuesOnce() throws {
        let view: TemplateObject = [
            "items": ["a", "b"], "none": [], "no": false, "yes": true, "empty": "", "zero": 0,
            "person": ["name": "Ada", "role": "author"],
        ]
        #expect(try render("{{#items}}<{{.}}>{{/items}}{{#none}}x{{/none}}{{#no}}x{{/no}}{{#missing}}x{{/missing}}", view) == "<a><b>")
        #expect(try render("{{#yes}}y{{/yes}}{{#empty}}e{{/empty}}{{#zero}}{{.}}{{/zero}}{{#person}}{{name}}, {{role}}{{/person}}", view) == "ye0Ada, author")
        #expect(
            try render("{{^none}}1{{/none}}{{^no}}2{{/no}}{{^missing}}3{{/missing}}{{^items}}x{{/items}}{{^yes}}x{{/yes}}{{^empty}}x{{/empty}}", view) == "123")
    }

    @Test func namesAreLookedUpFromTheTopOfTheContextDown() throws {
        let view: TemplateObject = ["title": "Site", "site": ["title": "Tend"], "entry": ["name": "Repair"], "pages": [["title": "One"], ["name": "Two"]]]
        #expect(try render("{{#entry}}{{name}} on {{title}}{{/entry}}", view) == "Repair on Site")
        #expect(try render("{{#pages}}[{{title}}]{{/pages}}", view) == "[One][Site]")
        #expect(try render("{{site.title}} {{#entry}}{{site.title}}{{/entry}}", view) == "Tend Tend")
        // After the first part a dotted name looks only inside what it found; a leading dot does not climb.
        #expect(try render("{{#site}}[{{entry.name}}]{{/site}} [{{site.name}}] {{#entry}}[{{.title}}]{{/entry}}", view) == "[Repair] [] []")
    }

    @Test func partialsIndentEveryLineOfTheirStandaloneTag() throws {
        let partials = ["item": "<li>{{.}}</li>\n", "list": "<ul>\n{{#items}}\n  {{>item}}\n{{/items}}\n</ul>\n"]
        #expect(
            try render("<nav>\n  {{>list}}\n</nav>\n", ["items": ["a", "b"]], partials: partials)
                == "<nav>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</nav>\n")
        // An interpolated value is not indented inside.
        #expect(try render("  {{>p}}\n", ["text": "one\ntwo"], partials: ["p": "{{text}}\n|\n"]) == "  one\ntwo\n  |\n")
        // A missing partial renders nothing (the library reports it when templates load).
        #expect(try render("[{{>nowhere}}]", [:]) == "[]")
    }

    @Test func parentsFillBlocksOutermostFirst() throws {
        let partials = [
            "base": "<title>{{$title}}Site{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n",
            "article": "{{<base}}{{$title}}Article{{/title}}{{$content}}{{#entry}}{{name}}{{/entry}}{{/content}}{{/base}}",
        ]
        let view: TemplateObject = ["entry": ["name": "Repair"]]
        #expect(try render("{{<article}}{{/article}}", view, partials: partials) == "<title>Article</title>\n<main>\nRepair\n</main>\n")
        #expect(try render("{{<article}}{{$title}}Mine{{/title}}{{/article}}", view, partials: partials) == "<title>Mine</title>\n<main>\nRepair\n</main>\n")
        #expect(try render("{{<base}}{{/base}}", view, partials: partials) == "<title>Site</title>\n<main>\n\n</main>\n")
        // A block filled by a parent is rendered in the context where the block stands.
        let scoped = ["p": "{{#nested}}{{$b}}default{{/b}}{{/nested}}"]
        #expect(try render("{{<p}}{{$b}}{{fruit}}{{/b}}{{/p}}", ["fruit": "apple", "nested": ["fruit": "pear"]], partials: scoped) == "pear")
    }

    @Test func literalsMakeTheValuesTheySay() {
        let value: TemplateValue = ["a": [1, "two", true], "b": .text(orFalse: nil), "c": .objects([["d": 4]])]
        #expect(
            value
                == .object(["a": .list([.number(1), .text("two"), .flag(true)]), "b": .flag(false), "c": .list([.object(["d": .number(4)])])]))
        #expect(TemplateValue.text(orFalse: "x") == .text("x"))
    }
}
