import Foundation

/// Dates as bibliographies write them.
enum FieldDates {
    /// BibLaTeX's ISO 8601 and EDTF dates: `2020`, `2020-05-03`, `2020-05-03T20:26:06`, seasons
    /// (`2012-22`), ranges (`2019-05-23/2019-05-26`, `2019/2020`), unknown digits (`199u`).
    static func iso(_ text: String) -> ReferenceDate? {
        let halves = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map { String($0) }
        func parts(_ text: String) -> [Int]? {
            let day = text.split(separator: "T").first.map(String.init) ?? text
            let pieces = day.trimmingCharacters(in: CharacterSet(charactersIn: " ?~%[]")).split(separator: "-")
            guard let yearText = pieces.first, yearText.count >= 3, yearText.allSatisfy({ $0.isNumber || $0 == "u" || $0 == "X" }) else { return nil }
            guard let year = Int(yearText.prefix { $0.isNumber }.padding(toLength: 4, withPad: "0", startingAt: 0)), year > 0 else { return nil }
            return [year] + pieces.dropFirst().prefix(2).map { Int($0) ?? 0 }
        }
        guard let start = parts(halves[0]) else { return nil }
        var month = start.count > 1 ? start[1] : nil
        var season: Int?
        if let value = month, (21...24).contains(value) {
            season = value - 20
            month = nil
        }
        var date = ReferenceDate(year: start[0], month: month, day: start.count > 2 ? start[2] : nil, season: season)
        if halves.count == 2, halves[1].isEmpty || halves[1] == ".." {
            date.ongoing = true
        } else if halves.count == 2, let end = parts(halves[1]) {
            let endMonth = end.count > 1 && (1...12).contains(end[1]) ? end[1] : nil
            date.end = ReferenceDate.EndDate(year: end[0], month: endMonth, day: endMonth == nil ? nil : end.count > 2 ? end[2] : nil)
        }
        return date
    }
}
