import Foundation

/// APA 7's reference-list order and the `a`/`b` year suffixes it implies.
enum APASorting {
    /// The names that stand first in an entry, as sort keys; for a work without an author, its title.
    static func authorKeys(_ reference: Reference) -> [String] {
        let names = reference.authors.isEmpty ? reference.editors : reference.authors
        if !names.isEmpty { return names.map(APANames.sortKey) }
        return [titleKey(reference.title)]
    }

    /// A title without a leading article, folded for comparison.
    static func titleKey(_ title: String) -> String {
        var text = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        for article in ["a ", "an ", "the "] where text.hasPrefix(article) {
            text.removeFirst(article.count)
            break
        }
        return text.filter { $0.isLetter || $0.isNumber || $0 == " " }
    }

    /// What APA sorts a reference by, computed once per reference.
    struct SortKey {
        let authors: [String]
        let year: Int
        let title: String
        let key: String

        init(_ reference: Reference) {
            authors = authorKeys(reference)
            year = reference.year ?? Int.min
            title = titleKey(reference.title)
            key = reference.key
        }

        /// True when this entry comes first in an APA reference list: by author names (a
        /// one-author work before multi-author works that start with the same author), then
        /// no date before dates, then year, then title.
        func precedes(_ other: SortKey) -> Bool {
            for (nameA, nameB) in zip(authors, other.authors) where nameA != nameB { return nameA < nameB }
            if authors.count != other.authors.count { return authors.count < other.authors.count }
            if year != other.year { return year < other.year }
            if title != other.title { return title < other.title }
            return key < other.key
        }
    }

    /// References in APA order, with their sort keys.
    static func sorted(_ references: [Reference], keys: [String: SortKey]) -> [(Reference, SortKey)] {
        references.map { ($0, keys[$0.key] ?? SortKey($0)) }.sorted { $0.1.precedes($1.1) }
    }

    /// `a`, `b`, ... for works with the same authors and year, in list order.
    static func yearSuffixes(_ sorted: [(Reference, SortKey)]) -> [String: String] {
        var suffixes: [String: String] = [:]
        var index = 0
        while index < sorted.count {
            let (first, firstKey) = sorted[index]
            var end = index + 1
            while end < sorted.count, sorted[end].1.year == firstKey.year, sorted[end].1.authors == firstKey.authors,
                !first.authors.isEmpty || !first.editors.isEmpty
            {
                end += 1
            }
            if end - index > 1 {
                for (offset, entry) in sorted[index..<end].enumerated() {
                    suffixes[entry.0.key] = letters(offset)
                }
            }
            index = end
        }
        return suffixes
    }

    private static func letters(_ number: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        return number < 26 ? String(alphabet[number]) : String(alphabet[number / 26 - 1]) + String(alphabet[number % 26])
    }
}
