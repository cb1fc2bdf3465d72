import Foundation
import TendCache
import TendContent
import TendCore

/// Cards rendered on first use and shared by every list that shows them. With a cache store,
/// cards are kept between builds by the digest of what a card
/// reads (the card's values, the templates, the site's root path), so a title edit renders
/// one card, not the ten thousand on the search page.
final class CardCache: @unchecked Sendable {
    static let format = "tend-cards 3"

    /// What rendering a card reads.
    private struct Inputs: Encodable {
        let templates: UInt64
        let rootPath: String
        let card: Digested<Card>
    }

    private let render: @Sendable ([String: Any]) -> String
    private let templates: UInt64
    private let rootPath: String
    private let store: CacheStore?
    private var cards: [UInt64: String] = [:]
    private var loaded = false
    private var renderedAny = false
    /// Why the file was not used, for a note.
    private(set) var problem: String?
    private let lock = NSLock()

    init(templates: UInt64, rootPath: String, store: CacheStore?, render: @escaping @Sendable ([String: Any]) -> String) {
        self.templates = templates
        self.rootPath = rootPath
        self.store = store
        self.render = render
    }

    private func key(of card: Digested<Card>) -> UInt64 { stableDigest(Inputs(templates: templates, rootPath: rootPath, card: card)) }

    /// The card's HTML, made from `view` (the card's values as the template sees them) when it is not known yet.
    func html(for card: Digested<Card>, view: [String: Any]) -> String {
        let key = key(of: card)
        lock.lock()
        if !loaded { load() }
        if let html = cards[key] {
            lock.unlock()
            return html
        }
        lock.unlock()
        let html = render(view)
        lock.lock()
        cards[key] = html
        renderedAny = true
        lock.unlock()
        return html
    }

    /// Reads the file (the lock is held).
    private func load() {
        loaded = true
        guard let store else { return }
        do {
            cards =
                try store.read(.cards, format: Self.format) { reader in
                    var cards: [UInt64: String] = [:]
                    for _ in try reader.readArray({ reader in cards[try reader.readUInt64()] = try reader.readString() }) {}
                    return cards
                } ?? [:]
        } catch {
            problem = "the card cache in .tend-cache/ is damaged or from another version of Tend; cards are rendered again"
        }
    }

    /// Writes `cards` to the file, when this build rendered new ones.
    func save(keeping kept: [Digested<Card>]) {
        lock.lock()
        defer { lock.unlock() }
        guard let store, renderedAny else { return }
        var writer = ArchiveWriter(format: Self.format)
        let entries = kept.map(key(of:)).compactMap { key in cards[key].map { (key, $0) } }
        writer.write(entries) { writer, entry in
            writer.write(entry.0)
            writer.write(entry.1)
        }
        store.write(.cards, writer)
    }
}
