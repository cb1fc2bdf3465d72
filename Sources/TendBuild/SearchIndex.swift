import TendContent
import TendCore
import TendSite

/// The JSON the search page's script reads: per page its title, summary, tags, headings and the
/// distinct words of its body (enough for prefix matching, far smaller than the text).
enum SearchIndex {
    static func json(_ pages: [Page], links: SiteLinks) -> String {
        let chunks = stride(from: 0, to: pages.count, by: 256).map { pages[$0..<min($0 + 256, pages.count)] }
        let parts = parallelMap(chunks) { chunk in
            chunk.map { page in
                JSONValue.object([
                    ("url", .string(links.path(page.url))),
                    ("title", .string(page.matter.title)),
                    ("summary", .string(page.matter.summary ?? "")),
                    ("kind", .string(page.kind.rawValue)),
                    ("tags", .array(page.matter.tags.map { .string($0) })),
                    ("headings", .array(page.headings.filter { $0.id != "references" }.map { .string($0.text) })),
                    ("words", .string(page.searchWords)),
                ]).serialized
            }.joined(separator: ",\n")
        }
        return "[\n" + parts.joined(separator: ",\n") + "\n]\n"
    }
}
