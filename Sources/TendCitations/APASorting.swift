import Foundation

/// APA 7's reference-list order and the `a`/`b` year suffixes it implies.
enum APASorting {
    /// The names that stand first in an entry, as sort keys; for a work without an author, its title.
    static func authorKeys(_ reference: Reference) -> [String] {
        let names = reference.leadNames
        if !names.isEmpty { return names.map(APANames.sortKey) + (reference.authorsContinue ? ["\u{10FFFF}"] : []) }
        return [titleKey(reference.title.plain)]
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
        /// False for a work without author or editor (sorted by its title, never given letters).
        let hasNames: Bool

        init(_ reference: Reference) {
            authors = authorKeys(reference)
            hasNames = !reference.leadNames.isEmpty
            // No date first, then by year, then in press (APA 9.47).
            year = reference.status == .inPress ? Int.max : reference.year ?? Int.min
            title = titleKey(reference.title.plain)
            key = reference.key
        }

        /// True when this entry comes first in an APA reference list: by author names (a
        /// one-author work before multi-author works that start with the same author), then
        /// no date before dates, then year, in press last, then title.
        func precedes(_ other: SortKey) -> Bool {
            for (nameA, nameB) in zip(authors, other.authors) where nameA != nameB { return nameA < nameB }
            if authors.count != other.authors.count { return authors.count < other.authors.count }
            if year != other.year { return year < other.year }
            if title != other.title { return title < other.title }
            return key < other.key
        }
    }

    /// The sort keys of `keys`' references, in APA order (keys are sorted, not the references,
    /// which are large to copy).
    static func sorted(_ keys: some Sequence<String>, in bibliography: Bibliography) -> [SortKey] {
        keys.compactMap { key in bibliography.sortKeys[key] ?? bibliography[key].map(SortKey.init) }.sorted { $0.precedes($1) }
    }

    /// `a`, `b`, ... for works with the same authors and year, in list order.
    static func yearSuffixes(_ sorted: [SortKey]) -> [String: String] {
        var suffixes: [String: String] = [:]
        var index = 0
        while index < sorted.count {
            let first = sorted[index]
            var end = index + 1
            while end < sorted.count, sorted[end].year == first.year, sorted[end].authors == first.authors, first.hasNames {
                end += 1
            }
            if end - index > 1 {
                for (offset, entry) in sorted[index..<end].enumerated() {
                    suffixes[entry.key] = letters(offset)
                }
            }
            index = end
        }
        return suffixes
    }

    /// `a` … `z`, then `aa`, `ab`, … `zz`, `aaa`: as many letters as it takes, without limit.
    static func letters(_ number: Int) -> String {
        var remaining = number
        var text: [Character] = []
        repeat {
            text.append(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(remaining % 26))))
            remaining = remaining / 26 - 1
        } while remaining >= 0
        return String(text.reversed())
    }
}
