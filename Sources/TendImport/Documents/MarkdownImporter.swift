import Foundation

/// A Markdown file from another site (Hugo, Jekyll, Eleventy, Obsidian…): its front matter,
/// YAML between `---` or TOML between `+++`, mapped to Tend's fields, never pasted into the body.
enum MarkdownImporter {
    /// Fields of the old front matter, mapped.
    struct Fields {
        var title: String?
        var summary: String?
        var date: String?
        var tags: [String] = []
        var draft = false
        var slug: String?
        var aliases: [String] = []
        var authorName: String?
        /// A page's place in the main navigation (Hugo's `weight` with `menu`).
        var menuOrder: Int?
        /// Fields that have no place in Tend, for the report.
        var leftOut: [String] = []
    }

    static func read(_ text: String) -> (fields: Fields, body: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Front matter that lost its opening line (`title: …` … `---`): read as front matter too.
        if let first = lines.first, first.range(of: #"^[A-Za-z_]+:\s"#, options: .regularExpression) != nil,
            let close = lines.prefix(25).firstIndex(of: "---"), lines[..<close].allSatisfy({ $0.contains(":") || $0.hasPrefix(" ") || $0.hasPrefix("-") })
        {
            lines.insert("---", at: 0)
            _ = close
        }
        guard let fence = lines.first?.trimmingCharacters(in: .whitespaces), fence == "---" || fence == "+++",
            let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == fence })
        else { return (Fields(), text) }
        let header = Array(lines[1..<close])
        let values = fence == "+++" ? toml(header) : yaml(header)
        var fields = Fields()
        for (key, value) in values {
            switch key.lowercased() {
            case "title": fields.title = value.first
            case "description", "excerpt", "summary", "subtitle": fields.summary = fields.summary ?? value.first
            case "date", "publishdate", "pubdate": fields.date = fields.date ?? value.first.map { String($0.prefix(10)) }
            case "tags", "categories", "keywords", "topics": fields.tags += value
            case "draft": fields.draft = value.first?.lowercased() == "true"
            case "published": fields.draft = value.first?.lowercased() == "false"
            case "slug": fields.slug = value.first
            case "aliases", "redirect_from", "permalink", "url": fields.aliases += value
            case "author", "authors": fields.authorName = value.first
            case "weight", "nav_order", "order":
                fields.menuOrder = value.first.flatMap { Int($0) }
            case "menu":
                fields.menuOrder = fields.menuOrder ?? 10
            case "layout", "type", "lastmod", "toc", "comments", "image", "featured_image", "share":
                fields.leftOut.append("'\(key)' (Tend sets this itself or has its own field: see CONTENT-FORMAT)")
            default: fields.leftOut.append("'\(key)'")
            }
        }
        return (fields, lines[(close + 1)...].joined(separator: "\n"))
    }

    /// `key: value`, `key: [a, b]` and `- item` lists, as simple front matter writes them.
    private static func yaml(_ lines: [String]) -> [(String, [String])] {
        var values: [(String, [String])] = []
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") || line.hasPrefix("-") {
                let item = line.trimmingCharacters(in: .whitespaces)
                if item.hasPrefix("- "), !values.isEmpty { values[values.count - 1].1.append(unquote(String(item.dropFirst(2)))) }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            values.append((key, list(String(line[line.index(after: colon)...]))))
        }
        return values
    }

    /// `key = "value"`, `key = ["a", "b"]`, `key = 2021-07-08T00:00:00Z`, `[tables]` left out.
    private static func toml(_ lines: [String]) -> [(String, [String])] {
        var values: [(String, [String])] = []
        var table = ""
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") && !trimmed.contains("=") {
                table = trimmed
                continue
            }
            guard table.isEmpty, let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") else { continue }
            let key = String(trimmed[..<equals]).trimmingCharacters(in: .whitespaces)
            values.append((unquote(key), list(String(trimmed[trimmed.index(after: equals)...]))))
        }
        return values
    }

    /// A scalar or a `[a, "b"]` list, unquoted.
    private static func list(_ value: String) -> [String] {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [] }
        if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
            return trimmed.dropFirst().dropLast().split(separator: ",").map { unquote(String($0)) }.filter { !$0.isEmpty }
        }
        return [unquote(trimmed)]
    }

    private static func unquote(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first { return String(trimmed.dropFirst().dropLast()) }
        return trimmed
    }
}
