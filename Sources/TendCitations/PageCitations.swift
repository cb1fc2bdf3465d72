import TendCore

/// The citations of one page: the works it cites, their APA order and year suffixes, the HTML of
/// each in-text citation and of the reference list.
public final class PageCitations {
    /// The works in the page's reference list, in APA order.
    public let references: [Reference]
    private let suffixes: [String: String]
    private let order: [String: Int]
    private var counts: [String: Int] = [:]
    private let authorKeys: [String: [String]]
    private let formatted: [String: FormattedReference]
    /// Works whose in-text author differs from the default on this page (APA 8.18 and 8.20):
    /// how many names to write before `et al.`, and whether the first author's initials go first.
    private let disambiguated: [String: (shown: Int?, initials: Bool)]
    /// The language of the page's citations and list.
    private let terms: APATerms

    /// `cited` are the keys cited in the text (all known); `nocite` adds works listed without a
    /// citation (`*`: all); `terms` are APA's words in the page's language.
    public init(bibliography: Bibliography, cited: [String], nocite: [String], terms: APATerms = .english) {
        var keys = Set(cited)
        if nocite.contains("*") {
            keys.formUnion(bibliography.keys)
        } else {
            keys.formUnion(nocite.filter { bibliography[$0] != nil })
        }
        let sorted = APASorting.sorted(keys, in: bibliography)
        references = sorted.compactMap { bibliography[$0.key] }
        suffixes = APASorting.yearSuffixes(sorted)
        order = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.key, $0) })
        authorKeys = Dictionary(uniqueKeysWithValues: sorted.map { ($0.key, $0.authors) })
        // The bibliography formats every entry once, in English; another language formats its own.
        formatted = terms == .english ? bibliography.formatted : [:]
        self.terms = terms
        disambiguated = Self.disambiguate(references, formatted: bibliography.formatted, terms: terms)
    }

    /// APA 8.20: first authors who share a surname but are different people get their initials.
    /// APA 8.18: works whose `et al.` citations would read the same (same first names, same year)
    /// get as many names as it takes to tell them apart; when only one would be left, all.
    private static func disambiguate(_ references: [Reference], formatted: [String: FormattedReference], terms: APATerms) -> [String: (
        shown: Int?, initials: Bool
    )] {
        let surnames = references.map { formatted[$0.key]?.foldedSurnames ?? $0.leadNames.map { APANames.folded($0.surname) } }
        var result: [String: (shown: Int?, initials: Bool)] = [:]
        for (index, reference) in references.enumerated() {
            guard let first = surnames[index].first else { continue }
            // The other works on the page whose first author has the same surname.
            let group = references.indices.filter { $0 != index && surnames[$0].first == first }
            guard !group.isEmpty else { continue }
            let names = reference.leadNames
            let initials =
                names[0].literal == nil
                && group.contains { other in
                    let otherFirst = references[other].leadNames[0]
                    return otherFirst.literal == nil && APANames.initials(otherFirst.given) != APANames.initials(names[0].given)
                }
            var shown: Int?
            if names.count >= 3 || reference.authorsContinue {
                let year = formatted[reference.key]?.yearLabel ?? APAStyle.yearLabel(reference, suffix: "", terms: terms)
                var needed = 1
                for other in group {
                    let otherReference = references[other]
                    guard otherReference.leadNames.count >= 3 || otherReference.authorsContinue,
                        (formatted[otherReference.key]?.yearLabel ?? APAStyle.yearLabel(otherReference, suffix: "", terms: terms)) == year
                    else { continue }
                    // The same list of authors is told apart by year letters instead.
                    guard surnames[other] != surnames[index] || otherReference.authorsContinue != reference.authorsContinue else { continue }
                    let common = zip(surnames[index], surnames[other]).prefix { $0 == $1 }.count
                    needed = max(needed, common + 1)
                }
                if needed > 1 { shown = needed >= names.count - 1 ? names.count : needed }
            }
            if shown != nil || initials { result[reference.key] = (shown, initials) }
        }
        return result
    }

    private func author(_ reference: Reference, narrative: Bool) -> String {
        if let special = disambiguated[reference.key] {
            return APAStyle.inTextAuthor(reference, narrative: narrative, shown: special.shown, initials: special.initials, terms: terms)
        }
        let cached = narrative ? formatted[reference.key]?.narrativeAuthor : formatted[reference.key]?.parentheticalAuthor
        return cached ?? APAStyle.inTextAuthor(reference, narrative: narrative, terms: terms)
    }

    /// The year label a work carries on this page (`2015`, `1994a`, `n.d.`).
    public func year(of reference: Reference) -> String {
        APAStyle.yearLabel(reference, suffix: suffixes[reference.key] ?? "", terms: terms)
    }

    /// A work's reference-list entry as it reads on this page (HTML).
    public func entryHTML(_ reference: Reference) -> String {
        if let suffix = suffixes[reference.key] { return APAStyle.entry(reference, yearSuffix: suffix, terms: terms) }
        return formatted[reference.key]?.entry ?? APAStyle.entry(reference, terms: terms)
    }

    /// The HTML of one citation. Every item links to its entry; `sentenceInitial` capitalises a
    /// narrative citation's leading particle (`Van der Kolk (2014)`).
    public func render(_ citation: Citation, sentenceInitial: Bool = false) -> String {
        let items = citation.items.filter { order[$0.key] != nil }
        if citation.isNarrative, let item = items.first, let reference = lookup(item.key) {
            var author = self.author(reference, narrative: true)
            if sentenceInitial, let first = author.first, first.isLowercase {
                author = first.uppercased() + author.dropFirst()
            }
            let locator = item.suffix.isEmpty ? "" : ", " + Self.locator(item.suffix, terms: terms)
            return "<a class=\"citation\" href=\"#\(anchor(item.key))\" id=\"\(nextCitationID(item.key))\">\(author) (\(year(of: reference))\(locator))</a>"
        }
        let sorted = items.sorted { (order[$0.key] ?? 0) < (order[$1.key] ?? 0) }
        var parts: [String] = []
        var previousAuthors: [String]? = nil
        for item in sorted {
            guard let reference = lookup(item.key) else { continue }
            let authors = authorKeys[reference.key] ?? []
            let link = { (text: String) in "<a href=\"#\(self.anchor(item.key))\" id=\"\(self.nextCitationID(item.key))\">\(text)</a>" }
            var text = item.prefix.isEmpty ? "" : Escape.html(item.prefix) + " "
            let mergesWithPrevious = previousAuthors == authors && item.prefix.isEmpty && !item.suppressAuthor
            if item.suppressAuthor || mergesWithPrevious {
                text += link(year(of: reference))
            } else {
                let author = self.author(reference, narrative: false)
                // American punctuation: the comma goes inside closing quotation marks.
                let separated = author.hasSuffix("”") ? author.dropLast() + ",” " : author + ", "
                text += link(separated + year(of: reference))
            }
            if !item.suffix.isEmpty { text += ", " + Self.locator(item.suffix, terms: terms) }
            if mergesWithPrevious, !parts.isEmpty {
                parts[parts.count - 1] += ", " + text
            } else {
                parts.append(text)
            }
            previousAuthors = authors
        }
        return "<span class=\"citation\">(\(parts.joined(separator: "; ")))</span>"
    }

    /// The reference list: one entry per work, a link back to its first citation.
    public func referenceListHTML() -> String {
        guard !references.isEmpty else { return "" }
        var html = "<ul class=\"references\">\n"
        for reference in references {
            html += "<li id=\"\(anchor(reference.key))\">\(entryHTML(reference))"
            if counts[reference.key] != nil {
                html += " <a class=\"backlink\" href=\"#cite-\(Escape.html(reference.key))-1\" aria-label=\"\(Escape.html(terms.backToCitation))\">↩︎</a>"
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }

    private func lookup(_ key: String) -> Reference? {
        guard let index = order[key] else { return nil }
        return references[index]
    }

    private func anchor(_ key: String) -> String { "ref-" + Escape.html(key) }

    private func nextCitationID(_ key: String) -> String {
        let count = (counts[key] ?? 0) + 1
        counts[key] = count
        return "cite-\(Escape.html(key))-\(count)"
    }

    /// A locator as APA writes it: `33` → `p. 33`; `33-35`, `pages 33–35` → `pp. 33–35`;
    /// `paragraph 4`, `¶ 4` → `para. 4`; `chapter 2` → `Chapter 2`; `table 1` → `Table 1`; others as written.
    static func locator(_ suffix: String, terms: APATerms = .english) -> String {
        Escape.html(APALocator.spell(suffix, terms: terms))
    }
}
