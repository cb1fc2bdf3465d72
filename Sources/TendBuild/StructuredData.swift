import Foundation
import TendCitations
import TendContent
import TendCore
import TendFrontMatter

/// schema.org JSON-LD for articles, exercises, the contact page and breadcrumbs.
struct StructuredData: Sendable {
    let site: SiteInputs
    private var links: SiteLinks { site.links }

    private var publisher: JSONValue {
        .object([("@type", .string("Organization")), ("name", .string(site.config.components.practiceName)), ("url", .string(links.baseURL))])
    }

    private func person(_ author: Page?) -> JSONValue? {
        guard let author else { return nil }
        var fields: [(String, JSONValue)] = [
            ("@type", .string("Person")), ("name", .string(author.matter.name ?? author.slug)), ("url", .string(links.absolute(author.url))),
        ]
        if let credentials = author.matter.credentials, !credentials.isEmpty {
            fields.append(("jobTitle", .string(credentials)))
            fields.append(
                (
                    "hasCredential",
                    .array(
                        credentials.split(separator: ",").map {
                            .object([("@type", .string("EducationalOccupationalCredential")), ("name", .string($0.trimmingCharacters(in: .whitespaces)))])
                        })
                ))
        }
        return .object(fields)
    }

    /// `MedicalWebPage` (or `Article`) for an article; `HowTo` for an exercise.
    func page(_ page: Page, author: Page?, reviewer: Page?) -> String {
        let url = links.absolute(page.url)
        var fields: [(String, JSONValue)] = [("@context", .string("https://schema.org"))]
        if page.kind == .exercise {
            fields.append(("@type", .string("HowTo")))
            fields.append(("name", .string(page.matter.title)))
            if let minutes = page.matter.durationMinutes { fields.append(("totalTime", .string("PT\(minutes)M"))) }
            fields.append(
                (
                    "step",
                    .array(
                        page.steps.enumerated().map { index, text in
                            .object([("@type", .string("HowToStep")), ("position", .number(index + 1)), ("text", .string(text))])
                        })
                ))
        } else {
            fields.append(("@type", .string(site.config.schemaType)))
            fields.append(("headline", .string(page.matter.title)))
        }
        fields.append(("description", .string(page.matter.summary ?? "")))
        fields.append(("url", .string(url)))
        fields.append(("inLanguage", .string(site.config.language)))
        if let author = person(author) { fields.append(("author", author)) }
        if let reviewer = person(reviewer) { fields.append(("reviewedBy", reviewer)) }
        if let reviewed = page.matter.reviewedOn { fields.append(("lastReviewed", .string(reviewed.description))) }
        if let date = page.matter.date { fields.append(("datePublished", .string(date.description))) }
        if let modified = page.matter.updated ?? page.matter.date { fields.append(("dateModified", .string(modified.description))) }
        fields.append(("publisher", publisher))
        if !page.references.isEmpty {
            fields.append(("citation", .array(page.references.map(citation))))
        }
        return JSONValue.object(fields).serialized
    }

    private func citation(_ reference: Reference) -> JSONValue {
        let type: String
        switch reference.type {
        case .article: type = "ScholarlyArticle"
        case .book: type = "Book"
        case .chapter: type = "Chapter"
        case .report: type = "Report"
        case .thesis: type = "Thesis"
        default: type = "CreativeWork"
        }
        var fields: [(String, JSONValue)] = [("@type", .string(type)), ("name", .string(reference.title.plain))]
        let names = reference.authors.map { name -> JSONValue in
            name.literal != nil
                ? .object([("@type", .string("Organization")), ("name", .string(name.surname))])
                : .object([("@type", .string("Person")), ("familyName", .string(name.surname)), ("givenName", .string(name.given))])
        }
        if !names.isEmpty { fields.append(("author", .array(names))) }
        if let year = reference.year { fields.append(("datePublished", .string(String(year)))) }
        if !reference.publisher.isEmpty { fields.append(("publisher", .object([("@type", .string("Organization")), ("name", .string(reference.publisher))]))) }
        if !reference.containerTitle.isEmpty {
            fields.append(("isPartOf", .object([("@type", .string("CreativeWork")), ("name", .string(reference.containerTitle.plain))])))
        }
        if !reference.doi.isEmpty { fields.append(("sameAs", .string("https://doi.org/" + APAStyle.bareDOI(reference.doi)))) }
        return .object(fields)
    }

    /// Home › Section › Page.
    func breadcrumbs(_ trail: [(name: String, path: String)]) -> String {
        JSONValue.object([
            ("@context", .string("https://schema.org")), ("@type", .string("BreadcrumbList")),
            (
                "itemListElement",
                .array(
                    trail.enumerated().map { index, step in
                        .object([
                            ("@type", .string("ListItem")), ("position", .number(index + 1)), ("name", .string(step.name)),
                            ("item", .string(links.absolute(step.path))),
                        ])
                    })
            ),
        ]).serialized
    }

    /// The practice, for the contact page.
    func practice() -> String {
        let context = site.config.components
        var fields: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")), ("@type", .string("MedicalBusiness")),
            ("name", .string(context.practiceName)), ("url", .string(links.baseURL)),
        ]
        if let phone = context.phone { fields.append(("telephone", .string(phone.dialable))) }
        if let email = context.email { fields.append(("email", .string(email))) }
        let sameAs = ([context.instagram].compactMap { $0 } + context.links.map(\.url)).map { JSONValue.string($0) }
        if !sameAs.isEmpty { fields.append(("sameAs", .array(sameAs))) }
        return JSONValue.object(fields).serialized
    }
}
