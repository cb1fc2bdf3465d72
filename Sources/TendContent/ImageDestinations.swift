import TendCore

/// `![A bench](/media/garden bench.jpg)` is not an image in CommonMark (a destination may not
/// hold a space), and would stay on the page as text: such a destination is written
/// `<…>`, as CommonMark allows, before the Markdown is parsed.
enum ImageDestinations {
    static func bracketingSpaces(_ text: String) -> String {
        guard mayHoldImage(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let bang = rest.range(of: "![") {
            out += rest[..<bang.lowerBound]
            rest = rest[bang.lowerBound...]
            guard let close = rest.range(of: "]("), !rest[..<close.lowerBound].contains("\n"),
                let end = rest[close.upperBound...].firstIndex(where: { $0 == ")" || $0 == "\n" }), rest[end] == ")"
            else {
                out += rest.prefix(2)
                rest = rest.dropFirst(2)
                continue
            }
            let destination = rest[close.upperBound..<end]
            let trimmed = String(destination).trimmingSpaces
            // A space inside the address (not before a "title"), no angle brackets: an image file name with spaces.
            let hasTitle = trimmed.hasSuffix("\"") || trimmed.hasSuffix("'")
            if trimmed.contains(" "), !hasTitle, !trimmed.hasPrefix("<"), isImageFile(trimmed) {
                out += rest[..<close.upperBound] + "<" + trimmed + ">)"
            } else {
                out += rest[...end]
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// A byte scan for `![` (most pages have no image; Foundation's search costs more than the page).
    private static func mayHoldImage(_ text: String) -> Bool {
        text.containsByte(UInt8(ascii: "[")) { bytes, index in index > 0 && bytes[index - 1] == UInt8(ascii: "!") }
    }

    private static func isImageFile(_ path: String) -> Bool {
        let name = path.lowercased()
        return [".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".svg"].contains { name.hasSuffix($0) }
    }
}
