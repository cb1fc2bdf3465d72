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

    /// The reference-list author part: `A, B., & C, D.`; 21 or more: the first 19, `. . .`, the
    /// last; a list known to go on ends in `et al.` `role` follows each name: ` (Director)`.
    static func referenceList(_ names: [PersonName], continues: Bool, role: String, and: String = "&") -> String {
        let written = names.map { inverted($0) + role }
        if continues { return written.prefix(19).joined(separator: ", ") + ", et al." }
        switch written.count {
        case 0: return ""
        case 1: return written[0]
        case 2: return "\(written[0]), \(and) \(written[1])"
        case 3...20: return written.dropLast().joined(separator: ", ") + ", \(and) " + written.last!
        default: return written.prefix(19).joined(separator: ", ") + ", . . . " + written.last!
        }
    }

    /// The in-text author part: one or two surnames, or the first with `et al.`; `shown` names
    /// before `et al.` when more are needed to tell works apart (APA 8.18), and the first
    /// author's initials when two first authors share a surname (APA 8.20).
    /// `and` joins the last two names (`&` in parentheses, `and` in a sentence, `y` in Spanish).
    static func inText(
        _ names: [PersonName], continues: Bool, narrative: Bool, shown: Int? = nil, initials withInitials: Bool = false, and: String? = nil
    ) -> String {
        var surnames = names.map(\.surname)
        guard !surnames.isEmpty else { return "" }
        if withInitials, names[0].literal == nil {
            let letters = initials(names[0].given)
            if !letters.isEmpty { surnames[0] = letters + " " + surnames[0] }
        }
        let and = and ?? (narrative ? "and" : "&")
        let total = surnames.count
        let count = min(shown ?? (total >= 3 || continues ? 1 : total), total)
        if count < total || continues {
            return surnames.prefix(count).joined(separator: ", ") + (count == 1 ? " et al." : ", et al.")
        }
        switch total {
        case 1: return surnames[0]
        case 2: return "\(surnames[0]) \(and) \(surnames[1])"
        default: return surnames.dropLast().joined(separator: ", ") + ", \(and) " + surnames.last!
        }
    }

    /// Names in direct order for editors and translators: `P. Mensah`, `A. B & C. D`, `A, B, & C`.
    static func directList(_ names: [PersonName], and: String = "&") -> String {
        let written = names.map(direct)
        switch written.count {
        case 0: return ""
        case 1: return written[0]
        case 2: return "\(written[0]) \(and) \(written[1])"
        default: return written.dropLast().joined(separator: ", ") + ", \(and) " + written.last!
        }
    }

    /// Sort key for one name: surname as written (particle included), then initials; accents folded.
    static func sortKey(_ name: PersonName) -> String {
        let base = name.literal ?? (name.surname + " " + initials(name.given))
        return base.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}

extension APANames {
    /// A surname folded for comparison: case and accents ignored.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
