import TendContent
import TendCore

/// What a list shows of a page, and nothing else: lists, tag pages, the search page, the home
/// page and related articles take cards, so a body edit changes no list.
struct Card: Encodable, Sendable {
    let title: String
    /// The page's site path.
    let url: String
    let summary: String
    let readingMinutes: Int
    let date: CalendarDate?
    /// The author's name when the page names an author the site has ("" for one without a name).
    let authorName: String?
    let contentNote: String?
    let durationMinutes: Int?

    init(_ page: Page, author: Page?, wordsPerMinute: Int = 200) {
        title = page.matter.title
        url = page.url
        summary = page.matter.summary ?? ""
        readingMinutes = page.readingMinutes(wordsPerMinute: wordsPerMinute)
        date = page.matter.date
        authorName = author.map { $0.matter.name ?? "" }
        contentNote = page.matter.contentNote
        durationMinutes = page.matter.durationMinutes
    }
}
