import Foundation

/// Hugo shortcodes and Jekyll/Eleventy Liquid tags in imported Markdown: the common ones become
/// Markdown or Tend components (figure, youtube, vimeo, gist, notice/callout/alert, highlight,
/// post_url, include, raw), every other one is taken out with a line in the report.
enum Shortcodes {
    struct Converted {
        var text: String
        var notes: [String]
    }

    static func convert(_ text: String, file: String, lineOffset: Int) -> Converted {
        var out: [String] = []
        var notes: [String] = []
        var inFence = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = lineOffset + index + 1
            var line = String(line)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // A fence opens a line; "```code```" on one line is a code span.
            if (trimmed.hasPrefix("```") && !trimmed.dropFirst(3).contains("```")) || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                out.append(line)
                continue
            }
            if inFence {
                out.append(line)
                continue
            }
            line = line.replacingOccurrences(of: "{{ site.baseurl }}", with: "").replacingOccurrences(of: "{{site.baseurl}}", with: "")
                .replacingOccurrences(of: "{{ site.url }}", with: "").replacingOccurrences(of: "{{ .Site.BaseURL }}", with: "")
            var result = ""
            var rest = line[...]
            while let open = nextTag(in: rest) {
                result += rest[..<open.range.lowerBound]
                rest = rest[open.range.upperBound...]
                let (replacement, note) = translate(open.name, open.arguments, closing: open.closing)
                if let note { notes.append("\(file):\(number): \(note)") }
                result += replacement
            }
            result += rest
            result = inlineHTML(result)
            // A line that held only a removed tag goes.
            if result.trimmingCharacters(in: .whitespaces).isEmpty && !trimmed.isEmpty { continue }
            out.append(result)
        }
        return Converted(text: out.joined(separator: "\n"), notes: notes)
    }

    /// The inline HTML Markdown can say: `<b>`/`<strong>`, `<i>`/`<em>`, `<a href>`, `<br>`.
    static func inlineHTML(_ line: String) -> String {
        guard line.contains("<") else { return line }
        var text = line
        let replacements: [(String, String)] = [
            (#"<\s*(b|strong)\s*>(.*?)<\s*/\s*(b|strong)\s*>"#, "**$2**"), (#"<\s*(i|em)\s*>(.*?)<\s*/\s*(i|em)\s*>"#, "*$2*"),
            (#"<\s*a\s+[^>]*href\s*=\s*["']([^"']+)["'][^>]*>(.*?)<\s*/\s*a\s*>"#, "[$2]($1)"), (#"<\s*br\s*/?\s*>"#, " "),
            (#"</?\s*(p|span|div|center|font)(\s[^>]*)?>"#, ""),
        ]
        for (pattern, template) in replacements {
            text = text.replacingOccurrences(of: pattern, with: template, options: [.regularExpression, .caseInsensitive])
        }
        return text
    }

    private struct Tag {
        let range: Range<Substring.Index>
        let name: String
        let arguments: [String: String]
        let closing: Bool
    }

    /// The next `{{< … >}}`, `{{% … %}}` or `{% … %}`.
    private static func nextTag(in text: Substring) -> Tag? {
        let openers: [(String, String)] = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}")]
        var best: (Range<Substring.Index>, String)?
        for (open, close) in openers {
            guard let start = text.range(of: open), let end = text[start.upperBound...].range(of: close) else { continue }
            if best == nil || start.lowerBound < best!.0.lowerBound { best = (start.lowerBound..<end.upperBound, open) }
        }
        guard let (range, open) = best else { return nil }
        var inner = text[range].dropFirst(open.count).dropLast(open == "{%" ? 2 : 3).trimmingCharacters(in: CharacterSet(charactersIn: " -"))
        let closing = inner.hasPrefix("/")
        if closing { inner = String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let name = String(inner.prefix { !$0.isWhitespace }).lowercased()
        return Tag(range: range, name: name, arguments: arguments(String(inner.dropFirst(name.count))), closing: closing)
    }

    /// `src="a" alt='b' ID`: named values, and positional ones as "0", "1"….
    private static func arguments(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        var position = 0
        var rest = text[...]
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            let key = rest.prefix { !$0.isWhitespace && $0 != "=" }
            if rest.dropFirst(key.count).first == "=" {
                rest = rest.dropFirst(key.count + 1)
                values[String(key)] = take(&rest)
            } else {
                values[String(position)] = take(&rest)
                position += 1
            }
        }
        return values
    }

    private static func take(_ rest: inout Substring) -> String {
        if let quote = rest.first, quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            let value = rest.prefix { $0 != quote }
            rest = rest.dropFirst(value.count + 1)
            return String(value)
        }
        let value = rest.prefix { !$0.isWhitespace }
        rest = rest.dropFirst(value.count)
        return String(value)
    }

    /// The Markdown for one tag, and a note when something was left out.
    private static func translate(_ name: String, _ arguments: [String: String], closing: Bool) -> (String, String?) {
        let first = arguments["0"] ?? arguments["id"] ?? ""
        switch name {
        case "figure", "img", "image":
            if closing { return ("", nil) }
            let source = arguments["src"] ?? first
            let alt = arguments["alt"] ?? arguments["caption"] ?? arguments["title"] ?? ""
            let note = alt.isEmpty ? "the figure \(source) has no description: write its alt text" : nil
            return ("![\(alt.isEmpty ? "Describe this picture" : alt)](\(source))", note)
        case "youtube":
            return closing
                ? ("", nil)
                : (
                    "[Watch the video on YouTube](https://www.youtube.com/watch?v=\(first))",
                    "a YouTube video became a link (Tend embeds nothing from other sites)"
                )
        case "vimeo":
            return closing
                ? ("", nil) : ("[Watch the video on Vimeo](https://vimeo.com/\(first))", "a Vimeo video became a link (Tend embeds nothing from other sites)")
        case "gist":
            let user = first, id = arguments["1"] ?? ""
            return closing ? ("", nil) : ("[See the code on GitHub](https://gist.github.com/\(user)/\(id))", "a gist became a link")
        case "notice", "callout", "alert", "admonition", "note", "tip", "warning", "info", "important":
            if closing { return ("{{< /callout >}}", nil) }
            let written = (arguments["type"] ?? arguments["kind"] ?? (name == "notice" || name == "callout" || name == "alert" ? first : name)).lowercased()
            let kind =
                ["warning", "danger", "caution", "error"].contains(written)
                ? "warning" : ["tip", "success", "hint"].contains(written) ? "tip" : written == "important" ? "important" : "note"
            let title = arguments["title"].map { " title=\"\($0.replacingOccurrences(of: "\"", with: "'"))\"" } ?? ""
            return ("{{< callout kind=\"\(kind)\"\(title) >}}", nil)
        case "highlight":
            return closing ? ("```", nil) : ("```" + first, nil)
        case "endhighlight":
            return ("```", nil)
        case "raw", "endraw", "comment", "endcomment":
            return ("", nil)
        case "post_url":
            let slug = first.count > 11 && first.dropFirst(10).first == "-" ? String(first.dropFirst(11)) : first
            return ("/articles/\(slug)/", nil)
        case "ref", "relref":
            let target = ((first as NSString).lastPathComponent as NSString).deletingPathExtension
            return ("/articles/\(target)/", "a link to '\(first)' was pointed at /articles/\(target)/: check it")
        case "include", "include_relative", "partial":
            return ("", "the include '\(first)' was left out (Tend has no includes in content): copy its text in if readers need it")
        default:
            return ("", "the \(closing ? "closing " : "")tag '\(name)' was left out: Tend has no equivalent")
        }
    }
}
