import TendContent
import TendCore
import TendSite

/// The JSON the search page's script reads: per page its title, summary, tags, headings and the
/// distinct words of its body (enough for prefix matching, far smaller than the text).
/// Large sites split the index into shards of about a thousand pages, each page in the shard
/// its URL hashes to: an edit rewrites one shard, and browsers fetch the shards in parallel.
enum SearchIndex {
    static let pagesPerShard = 1_000

    /// The index files and the pages in each, in site order.
    /// `folder` is the search page's (`search/`, `es/search/`).
    static func shards(_ pages: [Page], folder: String = "search/") -> [(path: String, pages: [Page])] {
        let count = max(1, (pages.count + pagesPerShard - 1) / pagesPerShard)
        guard count > 1 else { return [(folder + "index.json", pages)] }
        var shards = [[Page]](repeating: [], count: count)
        for page in pages {
            var hasher = StableHasher()
            hasher.combine(page.url)
            shards[Int(hasher.value % UInt64(count))].append(page)
        }
        return shards.enumerated().map { (folder + "index-\($0.offset + 1).json", $0.element) }
    }

    /// The crisis page, as the index lists it (first, in the first shard): found by what a
    /// reader in distress types.
    struct CrisisEntry: Encodable, Sendable {
        let path: String
        let title: String
        let summary: String
        let words: String
    }

    static func json(_ pages: [Page], links: SiteLinks, crisis: CrisisEntry? = nil) -> String {
        let parts = parallelMap(pages.chunked(by: 256)) { chunk in
            chunk.map { page in
                JSONValue.object([
                    ("url", .string(links.path(page.url))),
                    ("title", .string(page.matter.title)),
                    ("summary", .string(page.matter.summary ?? "")),
                    ("kind", .string(page.kind.rawValue)),
                    ("tags", .array(page.matter.tags.map { .string($0) })),
                    ("headings", .array(page.headings.filter { $0.id != "references" }.map { .string($0.text) })),
                    ("words", .string(page.searchWords)),
                    ("note", .string(page.matter.contentNote ?? "")),
                ]).serialized
            }.joined(separator: ",\n")
        }
        let crisisPart = crisis.map { entry in
            JSONValue.object([
                ("url", .string(links.path(entry.path))), ("title", .string(entry.title)), ("summary", .string(entry.summary)),
                ("kind", .string("crisis")), ("tags", .array([])), ("headings", .array([])), ("words", .string(entry.words)), ("note", .string("")),
            ]).serialized
        }
        return "[\n" + ([crisisPart].compactMap { $0 } + parts.filter { !$0.isEmpty }).joined(separator: ",\n") + "\n]\n"
    }
}

/// One file of the search index.
struct SearchIndexInputs: RenderInputs {
    let site: SiteInputs
    let path: String
    let pages: [Addressed<Page>]
    let crisis: SearchIndex.CrisisEntry?

    func render(_ context: RenderContext) throws -> [OutputFile] {
        [OutputFile(path: path, contents: .text(SearchIndex.json(pages.map(\.value), links: site.links, crisis: crisis)))]
    }
}
