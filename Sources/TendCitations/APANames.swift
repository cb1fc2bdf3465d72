import Foundation

/// How APA 7 writes names: `Gottman, J. M.` in the list, `Gottman` in the text.
enum APANames {
    /// `J. M.` from `John Mordecai`; `J.-P.` from `Jean-Paul`; initials already written stay.
    static func initials(_ given: String) -> String {
        given.split(separator: " ").map { word -> String in
            word.split(separator: "-", omittingEmptySubsequences: true).map { part -> String in
                let letters = part.filter { $0 != "." }
                guard let first = letters.first else { return "" }
                // "J.M." written without spaces: each letter is an initial.
                if part.contains("."), letters.allSatisfy({ $0.isUppercase }), letters.count > 1 {
                    return letters.map { "\($0)." }.joined(separator: " ")
                }
                return "\(first)."
            }.joined(separator: "-")
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `van der Kolk, B. A.`, `King, M. L., Jr.`, or an organisation's name.
    static func inverted(_ name: PersonName) -> String {
        if let literal = name.literal { return literal }
        var text = name.surname
        let initials = initials(name.given)
        if !initials.isEmpty { text += ", " + initials }
        if !name.suffix.isEmpty { text += ", " + name.suffix }
        return text
    }

    /// `B. A. van der Kolk`, for editors inside "In ... (Eds.)".
    static func direct(_ name: PersonName) -> String {
        if let literal = name.literal { return literal }
        let initials = initials(name.given)
        var text = initials.isEmpty ? name.surname : initials + " " + name.surname
        if !name.suffix.isEmpty { text += ", " + name.suffix }
        return text
    }

    /// The reference-list author part: `A, B., & C, D.`; 21 or more: the first 19, `. . .`, the last.
    static func referenceList(_ names: [PersonName]) -> String {
        let written = names.map(inverted)
        switch written.count {
        case 0: return ""
        case 1: return written[0]
        case 2: return "\(written[0]), & \(written[1])"
        case 3...20: return written.dropLast().joined(separator: ", ") + ", & " + written.last!
        default: return written.prefix(19).joined(separator: ", ") + ", . . . " + written.last!
        }
    }

    /// The in-text author part: one or two surnames, or the first with `et al.`
    static func inText(_ names: [PersonName], narrative: Bool) -> String {
        let surnames = names.map(\.surname)
        switch surnames.count {
        case 0: return ""
        case 1: return surnames[0]
        case 2: return "\(surnames[0]) \(narrative ? "and" : "&") \(surnames[1])"
        default: return "\(surnames[0]) et al."
        }
    }

    /// Editors inside a chapter reference: `P. Mensah (Ed.)`, `A. B & C. D (Eds.)`.
    static func editorsDirect(_ names: [PersonName]) -> String {
        let written = names.map(direct)
        let list: String
        switch written.count {
        case 0: return ""
        case 1: list = written[0]
        case 2: list = "\(written[0]) & \(written[1])"
        default: list = written.dropLast().joined(separator: ", ") + ", & " + written.last!
        }
        return list + (names.count == 1 ? " (Ed.)" : " (Eds.)")
    }

    /// Sort key for one name: surname as written (particle included), then initials; accents folded.
    static func sortKey(_ name: PersonName) -> String {
        let base = name.literal ?? (name.surname + " " + initials(name.given))
        return base.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
