import TendContent
import TendCore
import TendSite

/// The JSON the search page's script reads: per page its title, summary, tags, headings and the
/// distinct words of its body (enough for prefix matching, far smaller than the text).
enum SearchIndex {
    static func json(_ pages: [Page], links: SiteLinks) -> String {
        var out = "[\n"
        for (index, page) in pages.enumerated() {
            if index > 0 { out += ",\n" }
            let fields: [(String, JSONValue)] = [
                ("url", .string(links.path(page.url))),
                ("title", .string(page.matter.title)),
                ("summary", .string(page.matter.summary ?? "")),
                ("kind", .string(page.kind.rawValue)),
                ("tags", .array(page.matter.tags.map { .string($0) })),
                ("headings", .array(page.headings.filter { $0.id != "references" }.map { .string($0.text) })),
                ("words", .string(page.searchWords)),
            ]
            out += JSONValue.object(fields).serialized
        }
        return out + "\n]\n"
    }
}
