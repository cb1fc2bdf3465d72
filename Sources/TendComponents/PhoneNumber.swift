import Foundation

/// A telephone number as written, with the form used in `tel:` and `sms:` links.
public struct PhoneNumber: Hashable, Sendable {
    /// As the practice wrote it: `(310) 555-0142`.
    public let display: String
    /// E.164 (`+13105550142`), or the digits of a short code (`988`).
    public let dialable: String

    /// Parses North American numbers (10 digits, or 11 starting with 1), international numbers
    /// starting with `+` (8-15 digits), and, when `allowShortCode`, 3-6 digit service numbers.
    public init?(_ text: String, allowShortCode: Bool = false) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = ""
        for (offset, character) in trimmed.enumerated() {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == "+" && offset == 0 {
                continue
            } else if !" ().-/".contains(character) {
                return nil
            }
        }
        display = trimmed
        if trimmed.hasPrefix("+") {
            guard (8...15).contains(digits.count), digits.first != "0" else { return nil }
            dialable = "+" + digits
        } else if digits.count == 10, digits.first != "0", digits.first != "1" {
            dialable = "+1" + digits
        } else if digits.count == 11, digits.first == "1" {
            dialable = "+" + digits
        } else if allowShortCode, (3...6).contains(digits.count), digits == trimmed {
            dialable = digits
        } else {
            return nil
        }
    }
}
