import Foundation
import TendCore

/// `tend import FILE`: reads a `.txt`, `.docx`, `.odt`, `.html` or `.md` file with the reader
/// its bytes call for (a `.docx` renamed `.md` is still read as Word) and makes the draft.
public enum DocumentImport {
    /// The draft, the pictures to put in content/media/, and an old Markdown file's front matter.
    public struct Imported: Sendable {
        public var result: PlainTextImporter.Result
        public var media: [String: [UInt8]]
        public var title: String { result.title }
        public var date: String?
        public var tags: [String] = []
        public var draft = true
        public var slug: String?
        public var aliases: [String] = []
        public var authorName: String?
    }

    public struct Failure: Error, Sendable {
        public let message: String
    }

    public static func read(_ bytes: [UInt8], path: String) throws(Failure) -> Imported {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.split(separator: ".").dropLast().joined(separator: ".")
        let fallback = stem.isEmpty ? "Untitled" : stem.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let lower = name.lowercased()
        let isZip = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let writer = DocumentWriter()
        if isZip {
            let data = Data(bytes)
            do {
                let document = lower.hasSuffix(".odt") ? try ODTReader.read(data) : try DocxReader.read(data)
                return Imported(result: writer.write(document, fallbackTitle: fallback), media: document.media)
            } catch {
                if !lower.hasSuffix(".odt"), let document = try? ODTReader.read(data) {
                    return Imported(result: writer.write(document, fallbackTitle: fallback), media: document.media)
                }
                throw Failure(message: error.message)
            }
        }
        if bytes.starts(with: Array("%PDF".utf8)) {
            throw Failure(message: "PDF files cannot be imported: open it, copy the text into a .txt file (or save it from Word as .docx), and import that")
        }
        let text: String
        do { text = try SourceText.decode(bytes, path: path) } catch { throw Failure(message: error.message) }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || text.prefix(512).lowercased().contains("<html") {
            let folder = (path as NSString).deletingLastPathComponent
            let document = HTMLReader.read(text, folder: folder.isEmpty ? "." : folder)
            return Imported(result: writer.write(document, fallbackTitle: fallback), media: document.media)
        }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || text.hasPrefix("---\n") || text.hasPrefix("+++\n") {
            let (fields, body) = MarkdownImporter.read(text)
            var document = ImportedDocument()
            document.title = fields.title
            document.blocks = [.markdown(body.trimmingCharacters(in: .whitespacesAndNewlines))]
            var result = writer.write(document, fallbackTitle: fallback)
            if let summary = fields.summary { result.summary = summary }
            result.leftOut += fields.leftOut.map { "the front matter field \($0) was left out" }
            return Imported(
                result: result, media: [:], date: fields.date, tags: fields.tags, draft: fields.draft, slug: fields.slug, aliases: fields.aliases,
                authorName: fields.authorName)
        }
        return Imported(result: PlainTextImporter().convert(text), media: [:])
    }
}
