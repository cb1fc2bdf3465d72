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

    /// True when `a` comes before `b` in an APA reference list.
    static func precedes(_ a: Reference, _ b: Reference) -> Bool {
        let keysA = authorKeys(a), keysB = authorKeys(b)
        for (nameA, nameB) in zip(keysA, keysB) where nameA != nameB {
            return nameA.compare(nameB) == .orderedAscending
        }
        if keysA.count != keysB.count { return keysA.count < keysB.count }
        // Same authors: no date first, then by year, then by title.
        let yearA = a.year ?? Int.min, yearB = b.year ?? Int.min
        if yearA != yearB { return yearA < yearB }
        let titleA = titleKey(a.title), titleB = titleKey(b.title)
        if titleA != titleB { return titleA < titleB }
        return a.key < b.key
    }

    /// `a`, `b`, ... for works with the same authors and year, in list order.
    static func yearSuffixes(_ sorted: [Reference]) -> [String: String] {
        var suffixes: [String: String] = [:]
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count, authorKeys(sorted[end]) == authorKeys(sorted[index]), sorted[end].year == sorted[index].year,
                !sorted[index].authors.isEmpty || !sorted[index].editors.isEmpty
            {
                end += 1
            }
            if end - index > 1 {
                for (offset, reference) in sorted[index..<end].enumerated() {
                    suffixes[reference.key] = letters(offset)
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
