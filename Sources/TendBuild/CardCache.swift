import Foundation
import TendContent
import TendCore

/// Cards rendered on first use and shared by every list that shows them. With a file (the
/// site's `.tend-cache/cards`), cards are kept between builds by a digest of everything a card
/// shows (the page's listing digest and the site key: templates, settings, authors), so a
/// title edit renders one card, not the ten thousand on the search page.
final class CardCache: @unchecked Sendable {
    static let magic = "tend-cards 1"

    private let render: @Sendable (Page) -> String
    private let siteKey: UInt64
    private let file: String?
    private var cards: [UInt64: String] = [:]
    private var loaded = false
    private var renderedAny = false
    /// Why the file was not used, for a note.
    private(set) var problem: String?
    private let lock = NSLock()

    init(siteKey: UInt64, file: String?, render: @escaping @Sendable (Page) -> String) {
        self.siteKey = siteKey
        self.file = file
        self.render = render
    }

    private func key(of page: Page) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(siteKey)
        hasher.combine(page.listingDigest)
        return hasher.value
    }

    func html(for page: Page) -> String {
        let key = key(of: page)
        lock.lock()
        if !loaded { load() }
        if let html = cards[key] {
            lock.unlock()
            return html
        }
        lock.unlock()
        let html = render(page)
        lock.lock()
        cards[key] = html
        renderedAny = true
        lock.unlock()
        return html
    }

    /// Reads the file (the lock is held).
    private func load() {
        loaded = true
        guard let file else { return }
        do {
            cards =
                try ArchiveReader.withSavedFile(file) { reader in
                    try reader.checkFormat(Self.magic)
                    var cards: [UInt64: String] = [:]
                    for _ in 0..<(try reader.readInt()) { cards[try reader.readUInt64()] = try reader.readString() }
                    return cards
                } ?? [:]
        } catch {
            problem = "the card cache in .tend-cache/ is damaged or from another version of Tend; cards are rendered again"
        }
    }

    /// Writes the cards of `pages` to the file, when this build rendered new ones.
    func save(keeping pages: [Page]) {
        lock.lock()
        defer { lock.unlock() }
        guard let file, renderedAny else { return }
        var writer = ArchiveWriter(format: Self.magic)
        let kept = pages.map(key(of:)).compactMap { key in cards[key].map { (key, $0) } }
        writer.write(kept.count)
        for (key, html) in kept {
            writer.write(key)
            writer.write(html)
        }
        writer.save(to: file)
    }
}
