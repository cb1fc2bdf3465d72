import TendCore

/// What kind of source a file is; decides which front-matter fields it needs.
public enum ContentKind: String, Sendable, CaseIterable {
    case article, exercise, page, author

    /// The fields this kind accepts, in the order the contract lists them.
    public var knownFields: [String] {
        let common = [
            "title", "summary", "updated", "content_note", "draft", "slug", "layout", "bibliography", "safe_messaging", "quick_exit", "image", "image_alt",
            "image_focus", "aliases", "translation_key",
        ]
        switch self {
        case .article:
            return common + ["date", "author", "reviewed_by", "reviewed_on", "review_every", "tags", "consultation", "nocite"]
        case .exercise:
            return common + ["date", "author", "reviewed_by", "reviewed_on", "review_every", "tags", "consultation", "nocite", "duration_minutes"]
        case .page:
            return common + ["menu"]
        case .author:
            return ["name", "credentials", "role", "photo", "draft"]
        }
    }
}

/// Typed front matter of an article, exercise, page or author, with where each field was written.
public struct FrontMatter: Sendable {
    public var title: String = ""
    public var summary: String?
    public var date: CalendarDate?
    public var updated: CalendarDate?
    public var author: String?
    public var reviewedBy: String?
    public var reviewedOn: CalendarDate?
    /// Months between clinical reviews, overriding site.yml's `review_every`.
    public var reviewEvery: Int?
    /// `safe_messaging: reviewed`: a clinician has read the page's wording about suicide and self-harm.
    public var safeMessagingReviewed = false
    /// `quick_exit: false` drops the "Leave this site" control from this page (`true` keeps it).
    public var quickExit: Bool?
    /// The page's picture, under media/ (`media/bench.jpg` or `/media/bench.jpg`), with its description.
    public var image: String?
    public var imageAlt: String?
    /// Where the social card is cropped: center, top, bottom, left or right.
    public var imageFocus = "center"
    /// Old URLs of the page (`/2021/05/old-slug/`): each is published as a redirect to it.
    public var aliases: [String] = []
    /// Links translations whose paths differ (`translation_key`).
    public var translationKey: String?
    public var tags: [String] = []
    public var contentNote: String?
    public var draft = false
    public var slug: String?
    public var consultation: Bool?
    public var nocite: [String] = []
    public var durationMinutes: Int?
    public var menu: Int?
    public var layout: String?
    public var bibliography: [String] = []
    public var name: String?
    public var credentials: String?
    public var role: String?
    public var photo: String?
    /// Where each field's value starts, in the order the fields were written (a handful, so
    /// looked up by a scan rather than hashed).
    public var locations: [(field: String, location: SourceLocation)] = []
    /// Where the front matter starts.
    public var start: SourceLocation

    public init(start: SourceLocation) { self.start = start }

    /// The location of `field`, or the start of the front matter when it was not written.
    public func location(of field: String) -> SourceLocation { locations.first { $0.field == field }?.location ?? start }

    /// Decodes the YAML of one file; nil when it cannot be read at all. Missing or invalid
    /// fields are diagnostics; the result then still carries every field that was valid.
    public static func decode(
        yaml: String, kind: ContentKind, path: String, firstLine: Int, diagnostics: inout Diagnostics
    ) -> FrontMatter? {
        guard let fields = YAMLMapping.parse(yaml, path: path, firstLine: firstLine, diagnostics: &diagnostics) else {
            return nil
        }
        var matter = FrontMatter(start: SourceLocation(path: path, line: max(firstLine - 1, 1), column: 1))
        for (name, _) in fields.keys { if let location = fields[name]?.location { matter.locations.append((name, location)) } }
        fields.warnAboutUnknownKeys(known: kind.knownFields, &diagnostics)
        matter.read(fields, kind: kind, &diagnostics)
        return matter
    }

    /// Why an old URL cannot be redirected: it must be a path of this site.
    static func aliasProblem(_ alias: String) -> String? {
        let path = alias.trimmingSpaces
        if path.isEmpty { return "is empty" }
        if path.contains("://") || path.hasPrefix("//") { return "is a full address; only paths of this site can be redirected" }
        if path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) { return "may not contain '.' or '..' parts" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" || $0 == "?" || $0 == "#" }) {
            return "may not contain quotes, angle brackets, '?', '#' or control characters"
        }
        return nil
    }

    /// `old-slug` → `/old-slug/`; `/2021/05/old.html` stays a file path.
    static func normalizedAlias(_ alias: String) -> String {
        var path = alias.trimmingSpaces
        if !path.hasPrefix("/") { path = "/" + path }
        let last = path.split(separator: "/").last ?? ""
        if !path.hasSuffix("/"), !last.contains(".") { path += "/" }
        return path
    }

    private mutating func read(_ fields: YAMLMapping, kind: ContentKind, _ d: inout Diagnostics) {
        let needsDate = kind == .article
        let needsAuthor = kind == .article
        let needsSummary = kind == .article || kind == .exercise
        if kind == .author {
            name = fields.require("name", &d, example: "Dr. Jane Doe")?.string(&d)
            credentials = fields["credentials"]?.string(&d)
            role = fields["role"]?.string(&d)
            photo = fields["photo"]?.string(&d)
            draft = fields["draft"]?.bool(&d) ?? false
            return
        }
        title = fields.require("title", &d, example: "A clear, specific title")?.string(&d) ?? ""
        summary = (needsSummary ? fields.require("summary", &d, example: "One or two sentences on what readers will learn.") : fields["summary"])?.string(&d)
        date = (needsDate ? fields.require("date", &d, example: "2026-03-14") : fields["date"])?.date(&d)
        updated = fields["updated"]?.date(&d)
        author = (needsAuthor ? fields.require("author", &d, example: "the file name of an author in content/authors/, without .md") : fields["author"])?
            .string(&d)
        reviewedBy = fields["reviewed_by"]?.string(&d)
        reviewedOn = fields["reviewed_on"]?.date(&d)
        if let value = fields["review_every"], let months = value.int(&d) {
            if (1...120).contains(months) {
                reviewEvery = months
            } else {
                d.error(value.location, "'review_every' must be a number of months from 1 to 120, not \(months)", hint: "for example: review_every: 12")
            }
        }
        if let value = fields["safe_messaging"], let text = value.string(&d) {
            if text == "reviewed" {
                safeMessagingReviewed = true
            } else {
                d.error(
                    value.location, "'safe_messaging' can only be 'reviewed', not '\(text)'",
                    hint: "write safe_messaging: reviewed once a clinician has read the page's wording about suicide and self-harm")
            }
        }
        quickExit = fields["quick_exit"]?.bool(&d)
        translationKey = fields["translation_key"]?.string(&d)
        if let value = fields["aliases"] {
            let written = value.isScalar ? [value.string(&d)].compactMap { $0 } : value.stringList(&d) ?? []
            for alias in written {
                if let problem = Self.aliasProblem(alias) {
                    d.error(value.location, "the alias '\(alias)' \(problem)", hint: "write the old address as a path on this site, such as /2021/05/old-slug/")
                } else {
                    aliases.append(Self.normalizedAlias(alias))
                }
            }
        }
        if let value = fields["image"], let path = value.string(&d) {
            let trimmed = String(path.drop { $0 == "/" })
            if trimmed.hasPrefix("media/"), !trimmed.contains("..") {
                image = "/" + trimmed
            } else {
                d.error(
                    value.location, "'image' must be a file under media/, not '\(path)'",
                    hint: "put the picture in content/media/ and write image: media/<name>")
            }
        }
        imageAlt = fields["image_alt"]?.string(&d)
        if image != nil, imageAlt?.trimmingSpaces.isEmpty ?? true {
            d.error(
                location(of: imageAlt == nil ? "image" : "image_alt"), "'image_alt' is required with 'image'",
                hint: "describe the picture for people who cannot see it: image_alt: Two people talking on a park bench")
        }
        if let value = fields["image_focus"], let focus = value.string(&d) {
            if ["center", "top", "bottom", "left", "right"].contains(focus) {
                imageFocus = focus
            } else {
                d.error(value.location, "'image_focus' must be center, top, bottom, left or right, not '\(focus)'")
            }
        }
        tags = fields["tags"]?.stringList(&d) ?? []
        contentNote = fields["content_note"]?.string(&d)
        draft = fields["draft"]?.bool(&d) ?? false
        slug = fields["slug"]?.string(&d)
        consultation = fields["consultation"]?.bool(&d)
        nocite = fields["nocite"]?.stringList(&d) ?? []
        if kind == .exercise {
            durationMinutes = fields.require("duration_minutes", &d, example: "5")?.int(&d)
        }
        if let value = fields["menu"] { menu = value.int(&d) }
        layout = fields["layout"]?.string(&d)
        if let value = fields["bibliography"] {
            bibliography = value.isScalar ? [value.string(&d)].compactMap { $0 } : value.stringList(&d) ?? []
        }
        if let slug, let problem = Slug.problem(with: slug) {
            d.error(
                location(of: "slug"), "invalid slug: \(problem)",
                hint: "for example: slug: \(Slug.make(from: slug).isEmpty ? "my-article" : Slug.make(from: slug))")
            self.slug = nil
        }
        if let layout, let problem = Slug.problem(with: layout) {
            d.error(location(of: "layout"), "invalid layout name: \(problem)", hint: "layouts are template names such as 'contact'")
            self.layout = nil
        }
        if let minutes = durationMinutes, minutes <= 0 || minutes > 600 {
            d.error(location(of: "duration_minutes"), "'duration_minutes' must be between 1 and 600, not \(minutes)")
            durationMinutes = nil
        }
    }
}
