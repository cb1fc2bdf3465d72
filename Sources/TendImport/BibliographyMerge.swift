import TendCitations

/// Imported references added to a BibTeX file: a work the file already has (same title and
/// year) is reused by its key; a new one gets a key the file does not use yet.
public struct BibliographyMerge: Sendable {
    /// The key each imported reference is cited by, in order.
    public let keys: [String]
    /// The file's new text; nil when nothing was added.
    public let text: String?
    /// How many entries were added.
    public let addedCount: Int

    public init(adding references: [ImportedReference], to existingText: String, path: String) {
        let existing = BibTeXParser.parse(existingText, path: path, titles: .asWritten).references
        var keys: [String] = []
        var additions: [String] = []
        var taken = Set(existing.map(\.key))
        for var reference in references {
            if let sameWork = existing.first(where: {
                $0.title.plain.lowercased() == reference.title.lowercased() && ($0.year.map(String.init) ?? "") == reference.year
            }) {
                keys.append(sameWork.key)
                continue
            }
            var key = reference.key
            var suffix = UnicodeScalar("a").value
            while taken.contains(key) {
                key = reference.key + String(UnicodeScalar(suffix)!)
                suffix += 1
            }
            reference.key = key
            taken.insert(key)
            keys.append(key)
            additions.append(reference.bibtex)
        }
        self.keys = keys
        addedCount = additions.count
        if additions.isEmpty {
            text = nil
        } else {
            let separator = existingText.isEmpty || existingText.hasSuffix("\n") ? "" : "\n"
            text = existingText + separator + additions.map { "\n" + $0 }.joined()
        }
    }
}
