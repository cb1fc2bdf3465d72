import TendCache
import TendCitations
import TendCore
import TendFrontMatter

/// How a processed page is kept in the page cache. The body is not part of it (a reused page's
/// body is made again from its source when needed); references are kept by key and looked up again in the bibliography.
extension Page {
    func archive(into writer: inout ArchiveWriter) {
        let path = sourcePath
        func write(_ location: SourceLocation, _ writer: inout ArchiveWriter) {
            writer.write(location.path == path ? "" : location.path)
            writer.write(location.line)
            writer.write(location.column)
        }
        writer.write(kind.rawValue)
        writer.write(sourcePath)
        writer.write(slug)
        matter.archive(into: &writer, writeLocation: write)
        writer.write(headings) { writer, heading in
            write(heading.location, &writer)
            writer.write(heading.level)
            writer.write(heading.id)
            writer.write(heading.text)
        }
        searchText.withUTF8 { writer.writeText($0) }
        writer.write(wordCount)
        writer.write(readabilityGrade != nil)
        if let readabilityGrade { writer.write(readabilityGrade) }
        writer.write(references.map(\.key))
        writer.write(usedComponents.sorted())
        writer.write(links) { writer, link in
            writer.write(link.url)
            writer.write(link.isImage)
            writer.write(link.altText)
            write(link.location, &writer)
        }
        writer.write(steps)
        writer.write(handles) { writer, handle in
            writer.write(handle.word)
            write(handle.location, &writer)
        }
    }

    /// Reads a page `archive(into:)` wrote; its references must all be in `bibliography`.
    static func unarchive(
        from reader: inout ArchiveReader, bibliography: Bibliography, sourceDigest: UInt64, body: (ContentKind, String) -> PageBody
    ) throws -> Page {
        guard let kind = ContentKind(rawValue: try reader.readString()) else { throw ArchiveReader.Damaged() }
        let sourcePath = try reader.readString()
        func read(_ reader: inout ArchiveReader) throws -> SourceLocation {
            let path = try reader.readString()
            return SourceLocation(path: path.isEmpty ? sourcePath : path, line: try reader.readInt(), column: try reader.readInt())
        }
        // The URL is made again from the slug, never taken from the cache.
        let slug = try reader.readString()
        guard slug == Slug.make(from: slug) else { throw ArchiveReader.Damaged() }
        let url = Page.routes(of: sourcePath).page(kind: kind, slug: slug)
        let matter = try FrontMatter.unarchive(from: &reader, readLocation: read)
        let headings = try reader.readArray { reader in
            Heading(location: try read(&reader), level: try reader.readInt(), id: try reader.readString(), text: try reader.readString())
        }
        let searchText = try reader.readDeferredText()
        let wordCount = try reader.readInt()
        let grade = try reader.readBool() ? try reader.readDouble() : nil
        let references = try reader.readStrings().map { key in
            guard let reference = bibliography[key] else { throw ArchiveReader.Damaged() }
            return reference
        }
        let usedComponents = Set(try reader.readStrings())
        let links = try reader.readArray { reader in
            LinkUse(url: try reader.readString(), isImage: try reader.readBool(), altText: try reader.readString(), location: try read(&reader))
        }
        let steps = try reader.readStrings()
        let handles = try reader.readArray { reader in (word: try reader.readString(), location: try read(&reader)) }
        return Page(
            kind: kind, sourcePath: sourcePath, slug: slug, url: url, matter: matter, body: body(kind, sourcePath), headings: headings,
            searchText: searchText, wordCount: wordCount, readabilityGrade: grade, references: references, usedComponents: usedComponents, links: links,
            steps: steps, handles: handles, sourceDigest: sourceDigest)
    }
}

extension FrontMatter {
    func archive(into writer: inout ArchiveWriter, writeLocation: (SourceLocation, inout ArchiveWriter) -> Void) {
        writeLocation(start, &writer)
        writer.write(title)
        writer.write(summary)
        writer.write(date)
        writer.write(updated)
        writer.write(author)
        writer.write(reviewedBy)
        writer.write(reviewedOn)
        writer.write(tags)
        writer.write(contentNote)
        writer.write(draft)
        writer.write(slug)
        writer.write(consultation.map { $0 ? 1 : 0 })
        writer.write(nocite)
        writer.write(durationMinutes)
        writer.write(menu)
        writer.write(layout)
        writer.write(bibliography)
        writer.write(name)
        writer.write(credentials)
        writer.write(role)
        writer.write(photo)
        writer.write(reviewEvery)
        writer.write(safeMessagingReviewed)
        writer.write(quickExit.map { $0 ? 1 : 0 })
        writer.write(image)
        writer.write(imageAlt)
        writer.write(imageFocus)
        writer.write(aliases)
        writer.write(translationKey)
        writer.write(locations) { writer, field in
            writer.write(field.field)
            writeLocation(field.location, &writer)
        }
    }

    static func unarchive(from reader: inout ArchiveReader, readLocation: (inout ArchiveReader) throws -> SourceLocation) throws -> FrontMatter {
        var matter = FrontMatter(start: try readLocation(&reader))
        matter.title = try reader.readString()
        matter.summary = try reader.readOptionalString()
        matter.date = try reader.readDate()
        matter.updated = try reader.readDate()
        matter.author = try reader.readOptionalString()
        matter.reviewedBy = try reader.readOptionalString()
        matter.reviewedOn = try reader.readDate()
        matter.tags = try reader.readStrings()
        matter.contentNote = try reader.readOptionalString()
        matter.draft = try reader.readBool()
        matter.slug = try reader.readOptionalString()
        matter.consultation = try reader.readOptionalInt().map { $0 == 1 }
        matter.nocite = try reader.readStrings()
        matter.durationMinutes = try reader.readOptionalInt()
        matter.menu = try reader.readOptionalInt()
        matter.layout = try reader.readOptionalString()
        matter.bibliography = try reader.readStrings()
        matter.name = try reader.readOptionalString()
        matter.credentials = try reader.readOptionalString()
        matter.role = try reader.readOptionalString()
        matter.photo = try reader.readOptionalString()
        matter.reviewEvery = try reader.readOptionalInt()
        matter.safeMessagingReviewed = try reader.readBool()
        matter.quickExit = try reader.readOptionalInt().map { $0 == 1 }
        matter.image = try reader.readOptionalString()
        matter.imageAlt = try reader.readOptionalString()
        matter.imageFocus = try reader.readString()
        matter.aliases = try reader.readStrings()
        matter.translationKey = try reader.readOptionalString()
        matter.locations = try reader.readArray { reader in (try reader.readString(), try readLocation(&reader)) }
        return matter
    }
}
