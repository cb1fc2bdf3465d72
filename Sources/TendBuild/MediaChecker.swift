import TendContent
import TendCore
import TendImages
import TendSite

/// Images as a build must find them: every image a page, its front matter or an author's photo
/// names exists in media/; every SVG holds nothing that runs or reaches out; in `tend check`,
/// every raster image reads as the image its name says.
struct MediaChecker {
    let graph: SiteGraph
    let fileSystem: FileSystem

    func problems(readingRasterHeaders: Bool = false) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let media = Set(graph.content.media.map { Routes.mediaPath(of: $0.relativePath) })
        func exists(_ url: String) -> Bool { URLPolicy.scheme(of: url) != nil || media.contains(ImageMarkup.sitePath(ofLink: url)) }
        for page in graph.publishedPages + graph.authors.values.sorted(by: { $0.url < $1.url }) {
            for link in page.links where link.isImage && !exists(link.url) {
                diagnostics.append(
                    .error(link.location, "the image '\(link.url)' does not exist", hint: "put the file in content/media/ and link it as /media/<name>"))
            }
            if let image = page.matter.image, !media.contains(image) {
                diagnostics.append(
                    .error(
                        page.matter.location(of: "image"), "the image '\(image)' does not exist",
                        hint: "put the file in content/media/ and name it as media/<name>"))
            }
            if let photo = page.matter.photo, !exists("/" + photo.drop { $0 == "/" }) {
                diagnostics.append(
                    .error(
                        page.matter.location(of: "photo"), "the photo '\(photo)' does not exist",
                        hint: "put the file in content/media/ and write photo: media/<name>"))
            }
        }
        for file in graph.content.media {
            let location = SourceLocation(path: file.relativePath)
            if file.relativePath.lowercased().hasSuffix(".svg") {
                guard let bytes = try? fileSystem.contents(of: file.absolutePath) else { continue }
                if let problem = SVGPolicy.problem(in: bytes) {
                    diagnostics.append(
                        .error(
                            location, "the SVG is not published: \(problem)", hint: "export it again without scripts, links or embedded photos, or use a PNG"))
                }
            } else if readingRasterHeaders, ImageLibrary.isRaster(file.relativePath) {
                guard (file.status?.size ?? 0) <= Int64(ImageProcessor.maxBytes) else {
                    diagnostics.append(.error(location, "the image is larger than Tend reads (\(ImageProcessor.maxBytes >> 20) MB)", hint: "export it smaller"))
                    continue
                }
                guard let bytes = try? fileSystem.contents(of: file.absolutePath) else { continue }
                do { _ = try ImageProcessor.header(of: bytes) } catch { diagnostics.append(.error(location, error.message, hint: error.hint)) }
            }
        }
        return diagnostics
    }
}
