import Foundation
import TendContent
import TendCore
import TendTemplates

/// Cards rendered on first use and shared by every list of one build that shows them (the
/// search page, tag pages and related articles show the same card many times). Cards are not
/// kept between builds: HTML read back from a cache another machine may have written would be
/// published as it is.
final class CardCache: @unchecked Sendable {
    /// What rendering a card reads.
    private struct Inputs: Encodable {
        let templates: UInt64
        let rootPath: String
        let card: Digested<Card>
    }

    private let render: @Sendable (TemplateObject) -> String
    private let templates: UInt64
    private let rootPath: String
    private var cards: [UInt64: String] = [:]
    private let lock = NSLock()

    init(templates: UInt64, rootPath: String, render: @escaping @Sendable (TemplateObject) -> String) {
        self.templates = templates
        self.rootPath = rootPath
        self.render = render
    }

    private func key(of card: Digested<Card>) -> UInt64 { stableDigest(Inputs(templates: templates, rootPath: rootPath, card: card)) }

    /// The card's HTML, made from `view` (the card's values as the template sees them) when it is not known yet.
    func html(for card: Digested<Card>, view: TemplateObject) -> String {
        let key = key(of: card)
        if let html = lock.withLock({ cards[key] }) { return html }
        let html = render(view)
        lock.withLock { cards[key] = html }
        return html
    }
}
