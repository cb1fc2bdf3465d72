import TendCore
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Micro Hurts: A Guide", "micro-hurts-a-guide"), ("repair", "repair"), ("attachment styles", "attachment-styles"),
        ("Café & Crème", "cafe-and-creme"), ("--a--b--", "a-b"), ("Don’t panic", "dont-panic"), ("", ""), ("2026-03-05-notes", "2026-03-05-notes"),
        ("Straße", "strasse"), ("a-", "a"), ("-a", "a"),
    ])
    func slugs(text: String, slug: String) {
        #expect(Slug.make(from: text) == slug)
    }

    /// A slug is its own slug (the fast path), and whatever is made is a valid slug.
    @Test func makingASlugAgainChangesNothing() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcz09-- AZ'’é&_.ß")
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let slug = Slug.make(from: text)
            #expect(Slug.make(from: slug) == slug, "\(text)")
            #expect(slug.isEmpty || Slug.problem(with: slug) == nil, "\(text)")
        }
    }
}
