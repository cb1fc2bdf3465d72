// Citation benchmark: 10,000 pages with 5 citations each against a 1,000-entry bibliography.
// Prints the time to parse the bibliography and to format every page's citations and
// reference list. Run with: swift run -c release tend-citation-bench
import Foundation
import TendCitations

let entries = 1_000, pages = 10_000, citationsPerPage = 5
var bibtex = ""
for index in 0..<entries {
    let authors = (0..<(index % 6 + 1)).map { "Author\(index)x\($0), Given M." }.joined(separator: " and ")
    switch index % 3 {
    case 0:
        bibtex +=
            "@article{key\(index), author = {\(authors)}, title = {Study number \(index) of stress}, journal = {Journal of Examples}, volume = {\(index % 40)}, number = {2}, pages = {10--\(20 + index % 9)}, year = {\(1980 + index % 45)}, doi = {10.5555/x.\(index)}}\n"
    case 1:
        bibtex +=
            "@book{key\(index), author = {\(authors)}, title = {A book about repair, part \(index)}, publisher = {Example Press}, edition = {2}, year = {\(1980 + index % 45)}}\n"
    default:
        bibtex +=
            "@incollection{key\(index), author = {\(authors)}, title = {Chapter \(index)}, booktitle = {Handbook}, editor = {Editor, Ed}, publisher = {Example Press}, pages = {1--9}, year = {\(1980 + index % 45)}}\n"
    }
}
var clock = ContinuousClock.now
var bibliography = Bibliography()
let problems = bibliography.add(text: bibtex, path: "bench.bib")
precondition(problems.isEmpty, "\(problems)")
let parseTime = ContinuousClock.now - clock

let texts = (0..<pages).map { page in
    (0..<citationsPerPage).map { "Some prose before a citation [see @key\((page * 7 + $0 * 131) % entries), p. \($0 + 1)] and after." }.joined(separator: " ")
}
clock = ContinuousClock.now
var bytes = 0
for text in texts {
    let scan = CitationScanner.scan(text) { bibliography[$0] != nil }
    let citations = PageCitations(bibliography: bibliography, cited: scan.matches.flatMap { $0.citation.items.map(\.key) }, nocite: [])
    for match in scan.matches { bytes += citations.render(match.citation).utf8.count }
    bytes += citations.referenceListHTML().utf8.count
}
let formatTime = ContinuousClock.now - clock
func milliseconds(_ duration: Duration) -> String {
    String(format: "%.1f ms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
}
print("bibliography: \(entries) BibTeX entries parsed in \(milliseconds(parseTime))")
print(
    "citations: \(pages) pages × \(citationsPerPage) citations formatted (in-text and reference lists, \(bytes / 1024) KiB of HTML) in \(milliseconds(formatTime))"
)
print(String(format: "per page: %.1f µs", (Double(formatTime.components.seconds) * 1e6 + Double(formatTime.components.attoseconds) / 1e12) / Double(pages)))
