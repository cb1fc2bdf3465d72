import Foundation
import TendCache
import TendContent
import TendCore
import TendImages

/// The site's raster images, published through TendImages: each decoded once, resized to
/// `images.widths` in WebP and its own format without metadata, cached in `.tend-cache/images`
/// by content and settings (a build where no image changed reads no image), on every core.
struct ImageLibrary: Sendable {
    /// What one image became: how it is published, and where its files wait in the cache.
    struct Entry: Sendable {
        let image: PublishedImage
        /// Output path (without the leading `/`) → the cached file holding it.
        let files: [(output: String, cached: String)]
    }

    /// By the original's site path (`/media/garden bench.jpg`).
    let entries: [String: Entry]

    /// The extensions of the raster files Tend processes; everything else in media/ is copied.
    static let rasterExtensions: Set<String> = ["jpg", "jpeg", "png", "webp", "heic", "heif"]
    /// Bumped when processing changes, so cached results of an older Tend are made again.
    static let processingVersion = 1
    /// Originals above this size are processed, with a warning that phones would have fetched them.
    static let largeOriginal = 20 * 1024 * 1024

    static func isRaster(_ path: String) -> Bool {
        rasterExtensions.contains(path.split(separator: ".").last.map { $0.lowercased() } ?? "")
    }

    /// Processes `files` (content/media's raster files); `cards` says which need a social card
    /// and where to crop it. Only images whose bytes or settings changed are decoded.
    static func build(
        files: [SourceFile], cards: [String: ImageProcessor.Focus], widths: [Int], cache: CacheStore, fileSystem: FileSystem, serial: Bool,
        progress: ProgressReporter?
    ) -> (ImageLibrary, [Diagnostic]) {
        let folder = cache.folder + "/images"
        try? fileSystem.createDirectory(cache.folder)
        try? fileSystem.createDirectory(folder)
        let index = ImageIndex.read(folder: folder, fileSystem: fileSystem)
        progress?.begin("Processing images", total: files.count)
        let results = parallelMap(files, serial: serial) { file -> (String, Result<(Entry, ImageIndex.Item), DiagnosticError>) in
            defer { progress?.advance() }
            let sitePath = Routes.mediaPath(of: file.relativePath)
            return (
                sitePath,
                Result { () throws(DiagnosticError) in
                    try process(file, sitePath: sitePath, focus: cards[sitePath], widths: widths, folder: folder, index: index, fileSystem: fileSystem)
                }
            )
        }
        var entries: [String: Entry] = [:]
        var items: [String: ImageIndex.Item] = [:]
        var diagnostics: [Diagnostic] = []
        for (sitePath, result) in results {
            switch result {
            case .success(let (entry, item)):
                entries[sitePath] = entry
                items[sitePath] = item
            case .failure(let error):
                diagnostics += error.diagnostics
            }
        }
        for file in files where (file.status?.size ?? 0) > largeOriginal {
            diagnostics.append(
                .warning(
                    SourceLocation(path: file.relativePath),
                    "the image is \((file.status?.size ?? 0) >> 20) MB; readers get the smaller sizes Tend makes, but the site's files grow with it",
                    hint: "export it at most 4000 pixels wide (a phone photo of 3 to 5 MB is plenty)"))
        }
        ImageIndex(items: items).write(folder: folder, fileSystem: fileSystem)
        return (ImageLibrary(entries: entries), diagnostics)
    }

    /// One image: from the cache when its bytes (by their digest) and the settings are known.
    private static func process(
        _ file: SourceFile, sitePath: String, focus: ImageProcessor.Focus?, widths: [Int], folder: String, index: ImageIndex, fileSystem: FileSystem
    ) throws(DiagnosticError) -> (Entry, ImageIndex.Item) {
        let location = SourceLocation(path: file.relativePath)
        let stamp = file.status?.stamp ?? ""
        var bytes: [UInt8]?
        let contentDigest: UInt64
        if let known = index.items[sitePath], known.stamp == stamp, !stamp.isEmpty {
            contentDigest = known.content
        } else {
            do {
                bytes = try fileSystem.contents(of: file.absolutePath)
            } catch {
                throw DiagnosticError([.error(location, "the image could not be read", hint: "check that the file is readable")])
            }
            contentDigest = StableHasher.digest(bytes!)
        }
        var hasher = StableHasher()
        hasher.combine(UInt64(processingVersion))
        hasher.combine(contentDigest)
        for width in widths { hasher.combine(UInt64(width)) }
        hasher.combine(focus?.rawValue ?? "-")
        let key = String(hasher.value, radix: 16)
        let item = ImageIndex.Item(stamp: stamp, content: contentDigest)
        let keyFolder = folder + "/" + key
        if let image = ImageManifest.read(folder: keyFolder, sitePath: sitePath, fileSystem: fileSystem) {
            return (entry(image, keyFolder: keyFolder), item)
        }
        if bytes == nil {
            do { bytes = try fileSystem.contents(of: file.absolutePath) } catch {
                throw DiagnosticError([.error(location, "the image could not be read", hint: "check that the file is readable")])
            }
        }
        let header: ImageHeader
        let encoded: (variants: [ImageProcessor.Encoded], cover: ImageProcessor.Encoded?)
        do {
            header = try ImageProcessor.header(of: bytes!)
            encoded = try ImageProcessor.encode(bytes!, widths: widths, formats: [.webp, header.format], cover: focus.map { (1200, 630, $0) })
        } catch {
            throw DiagnosticError([.error(location, error.message, hint: error.hint)])
        }
        try? fileSystem.createDirectory(keyFolder)
        var variants: [PublishedImage.Variant] = []
        let stem = sitePath.split(separator: ".").dropLast().joined(separator: ".")
        for variant in encoded.variants {
            let name = "\(variant.width).\(variant.format.fileExtension)"
            try write(variant.bytes, to: keyFolder + "/" + name, location: location, fileSystem: fileSystem)
            variants.append(
                .init(
                    sitePath: "\(stem)-\(variant.width).\(variant.format.fileExtension)", width: variant.width, height: variant.height, format: variant.format))
        }
        var card: PublishedImage.Variant?
        if let cover = encoded.cover {
            try write(cover.bytes, to: keyFolder + "/card.jpg", location: location, fileSystem: fileSystem)
            card = .init(sitePath: "\(stem)-card.jpg", width: cover.width, height: cover.height, format: .jpeg)
        }
        let largest = variants.filter { $0.format == header.format }.max { $0.width < $1.width }
        let image = PublishedImage(
            sitePath: sitePath, width: largest?.width ?? header.width, height: largest?.height ?? header.height, format: header.format, variants: variants,
            card: card)
        ImageManifest.write(image, folder: keyFolder, fileSystem: fileSystem)
        return (entry(image, keyFolder: keyFolder), item)
    }

    private static func write(_ bytes: [UInt8], to path: String, location: SourceLocation, fileSystem: FileSystem) throws(DiagnosticError) {
        do { try fileSystem.write(bytes, to: path) } catch {
            throw DiagnosticError([.error(location, "the processed image could not be saved in .tend-cache/images", hint: "check the free disk space")])
        }
    }

    /// The output files of an image: its variants, its card, and the original's path (the
    /// largest version in its own format).
    private static func entry(_ image: PublishedImage, keyFolder: String) -> Entry {
        func cached(_ variant: PublishedImage.Variant, _ name: String) -> (String, String) { (String(variant.sitePath.dropFirst()), keyFolder + "/" + name) }
        var files = image.variants.map { cached($0, "\($0.width).\($0.format.fileExtension)") }
        if let card = image.card { files.append(cached(card, "card.jpg")) }
        if let largest = image.variants(in: image.format).last {
            files.append((String(image.sitePath.dropFirst()), keyFolder + "/\(largest.width).\(largest.format.fileExtension)"))
        }
        return Entry(image: image, files: files)
    }
}

/// Diagnostics thrown out of a typed-throws closure.
struct DiagnosticError: Error {
    let diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// What the last build knew of each image: its file's stamp and its bytes' digest, so an
/// unchanged file is not read again.
struct ImageIndex: Codable, Sendable {
    struct Item: Codable, Sendable {
        let stamp: String
        let content: UInt64
    }

    var items: [String: Item] = [:]

    static func read(folder: String, fileSystem: FileSystem) -> ImageIndex {
        guard let bytes = try? fileSystem.contents(of: folder + "/index.json"),
            let index = try? JSONDecoder().decode(ImageIndex.self, from: Data(bytes))
        else { return ImageIndex() }
        return index
    }

    func write(folder: String, fileSystem: FileSystem) {
        guard let data = try? JSONEncoder().encode(self) else { return }
        _ = fileSystem.writeAtomically(Array(data), to: folder + "/index.json")
    }
}

/// The manifest kept with an image's cached files; read back, it is checked against the files
/// (a damaged or hand-made one means processing again).
enum ImageManifest {
    static func read(folder: String, sitePath: String, fileSystem: FileSystem) -> PublishedImage? {
        guard let bytes = try? fileSystem.contents(of: folder + "/manifest.json"),
            let image = try? JSONDecoder().decode(PublishedImage.self, from: Data(bytes)),
            image.sitePath == sitePath, !image.variants.isEmpty,
            image.variants.allSatisfy({ $0.width > 0 && $0.height > 0 && fileSystem.kind(of: folder + "/\($0.width).\($0.format.fileExtension)") == .file })
        else { return nil }
        return image
    }

    static func write(_ image: PublishedImage, folder: String, fileSystem: FileSystem) {
        guard let data = try? JSONEncoder().encode(image) else { return }
        _ = fileSystem.writeAtomically(Array(data), to: folder + "/manifest.json")
    }
}
