import Foundation
import TendComponents

/// The practice's details in an imported contact block, compared with site.yml's: the page
/// shows site.yml's, so every number, address, handle or link that differs is reported.
public enum ContactComparison {
    public static func differences(between lines: [String], and practice: ComponentContext) -> [String] {
        var notes: [String] = []
        let known = Set([practice.phone, practice.text].compactMap { $0?.dialable })
        for line in lines {
            let lower = line.lowercased()
            for candidate in phoneCandidates(line) {
                guard let number = PhoneNumber(candidate), !known.contains(number.dialable) else { continue }
                let field = lower.contains("text") ? "practice.text" : "practice.phone"
                let current = (field == "practice.text" ? practice.text : practice.phone)?.display ?? "nothing"
                notes.append("the article gives the number \(candidate); site.yml's \(field) is \(current), which the page shows: correct one of them")
            }
            for email in words(line).filter({ $0.contains("@") && $0.contains(".") && !$0.hasPrefix("@") }) {
                let address = email.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()<>"))
                if address.lowercased() != practice.email?.lowercased() {
                    notes.append("the article gives the e-mail \(address); site.yml's practice.email is \(practice.email ?? "not set"), which the page shows")
                }
            }
            for handle in words(line).filter({ $0.hasPrefix("@") && $0.count > 1 }) {
                let name = handle.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()")).lowercased()
                if !(practice.instagram?.lowercased().contains(name) ?? false) {
                    notes.append("the article gives the handle \(handle); site.yml's practice.instagram is \(practice.instagram ?? "not set")")
                }
            }
            let siteLinks = ([practice.bookingURL, practice.instagram].compactMap { $0 } + practice.links.map(\.url)).map(normalised)
            for link in words(line).filter({ $0.hasPrefix("http") || $0.hasPrefix("www.") }) {
                let cleaned = link.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()<>"))
                if !siteLinks.contains(normalised(cleaned)) {
                    notes.append("the article links to \(cleaned), which site.yml does not list: add it under practice.links (or booking_url) to show it")
                }
            }
        }
        return notes
    }

    private static func words(_ line: String) -> [String] { line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) }

    /// Runs of digits, spaces, dots, dashes and brackets with ten or more digits: phone numbers as written.
    private static func phoneCandidates(_ line: String) -> [String] {
        var found: [String] = []
        var current = ""
        for character in line + " " {
            if character.isNumber || "()+-. ".contains(character), !(current.isEmpty && " .-)".contains(character)) {
                current.append(character)
            } else {
                if current.filter(\.isNumber).count >= 10 { found.append(current.trimmingCharacters(in: CharacterSet(charactersIn: " .-"))) }
                current = ""
            }
        }
        if current.filter(\.isNumber).count >= 10 { found.append(current.trimmingCharacters(in: CharacterSet(charactersIn: " .-"))) }
        return found
    }

    private static func normalised(_ url: String) -> String {
        var text = url.lowercased()
        for prefix in ["https://", "http://", "www."] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
