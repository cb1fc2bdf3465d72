import CVips
import Foundation
import TendCore

/// The raster formats Tend publishes. (AVIF is left out: Debian 12's libheif/aom encoder took
/// 1.5 s and 230 MB for one 1440-pixel image, against 0.04 s for JPEG and 0.1 s for WebP.)
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
    case jpeg, png, webp

    /// The file extension of a published file.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// The MIME type, for `<source type>`.
    public var mimeType: String { "image/" + rawValue }

    var vipsCode: Int32 {
        switch self {
        case .jpeg: return 0
        case .png: return 1
        case .webp: return 2
        }
    }
}

/// A raster image's header: its size as shown (EXIF orientation applied) and its format.
public struct ImageHeader: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// The format it is published in: its own (HEIC and GIF become JPEG or PNG).
    public let format: ImageFormat
    public let hasAlpha: Bool
}

/// Why an image could not be used, in words for the person who put it there.
public struct ImageError: Error, Sendable, Equatable {
    public let message: String
    public let hint: String
}

/// Decodes, turns upright, converts to sRGB, resizes and encodes raster images through libvips,
/// leaving out every piece of metadata (EXIF, GPS, XMP, IPTC, ICC). Bounded in pixels and
/// bytes, whatever the file says about itself.
public enum ImageProcessor {
    /// The largest image Tend decodes: 100 megapixels (a phone photo is 12 to 50).
    public static let maxPixels = 100_000_000
    /// Originals larger than this are refused (20 MB gets a warning from the build).
    public static let maxBytes = 80 * 1024 * 1024

    private static let started: Bool = tend_vips_start() == 0

    /// The header alone, or why the file is not an image Tend can publish.
    public static func header(of bytes: [UInt8]) throws(ImageError) -> ImageHeader {
        guard started else {
            throw ImageError(
                message: "the image library libvips could not be loaded", hint: "install it (Debian and Ubuntu: apt-get install libvips42), then build again")
        }
        guard bytes.count <= maxBytes else {
            throw ImageError(
                message: "the image is \(bytes.count >> 20) MB, more than Tend reads (\(maxBytes >> 20) MB)",
                hint: "export it smaller, at most 4000 pixels wide")
        }
        guard let sniffed = sniff(bytes) else {
            throw ImageError(
                message: "the file is not a JPEG, PNG, WebP, HEIC or GIF image",
                hint: "open it in an image editor and export it as JPEG (photos) or PNG (drawings)")
        }
        var width: Int32 = 0, height: Int32 = 0, orientation: Int32 = 1
        var loader = [CChar](repeating: 0, count: 128)
        let status = bytes.withUnsafeBytes { buffer in
            tend_vips_header(buffer.baseAddress, buffer.count, &width, &height, &orientation, &loader, loader.count)
        }
        guard status == 0 else { throw damaged() }
        guard width > 0, height > 0 else { throw damaged() }
        guard Int(width) * Int(height) <= maxPixels else {
            throw ImageError(
                message: "the image is \(width) × \(height) pixels, more than Tend decodes (\(maxPixels / 1_000_000) megapixels)",
                hint: "export it at most 6000 pixels on its longest side")
        }
        let turned = orientation >= 5 && orientation <= 8
        let format: ImageFormat = sniffed == .webp ? .webp : sniffed == .png || sniffed == .gif ? .png : .jpeg
        return ImageHeader(
            width: Int(turned ? height : width), height: Int(turned ? width : height), format: format, hasAlpha: sniffed == .png || sniffed == .gif)
    }

    /// One file to publish.
    public struct Encoded: Sendable {
        public let width: Int
        public let height: Int
        public let format: ImageFormat
        public let bytes: [UInt8]
    }

    /// The image at each of `widths` (never wider than the original) in each of `formats`, and
    /// an optional crop (`cover`: the social card's size and where to keep).
    public static func encode(
        _ bytes: [UInt8], widths: [Int], formats: [ImageFormat], quality: Int = 80, cover: (width: Int, height: Int, focus: Focus)? = nil
    ) throws(ImageError) -> (variants: [Encoded], cover: Encoded?) {
        let header = try header(of: bytes)
        let largest = widths.max() ?? header.width
        let decoded = bytes.withUnsafeBytes { buffer in tend_vips_decode(buffer.baseAddress, buffer.count, Int32(min(largest, header.width))) }
        guard let decoded else { throw damaged() }
        defer { tend_vips_unref(decoded) }
        var variants: [Encoded] = []
        let fitting = Set(widths.map { min($0, header.width) }).sorted()
        for width in fitting {
            guard let resized = tend_vips_resize(decoded, Int32(width), 0, 0) else { throw damaged() }
            defer { tend_vips_unref(resized) }
            for format in formats { variants.append(try save(resized, format: format, quality: quality)) }
        }
        var card: Encoded?
        if let cover {
            guard let cropped = tend_vips_resize(decoded, Int32(cover.width), Int32(cover.height), cover.focus.vipsInteresting) else { throw damaged() }
            defer { tend_vips_unref(cropped) }
            card = try save(cropped, format: .jpeg, quality: quality)
        }
        return (variants, card)
    }

    /// Where a crop keeps the picture.
    public enum Focus: String, Sendable, Codable, CaseIterable {
        case center, top, bottom, left, right

        var vipsInteresting: Int32 {
            switch self {
            case .center: return Int32(TEND_VIPS_INTERESTING_CENTRE)
            case .top, .left: return Int32(TEND_VIPS_INTERESTING_LOW)
            case .bottom, .right: return Int32(TEND_VIPS_INTERESTING_HIGH)
            }
        }
    }

    private static func save(_ image: OpaquePointer, format: ImageFormat, quality: Int) throws(ImageError) -> Encoded {
        var out: UnsafeMutableRawPointer?
        var length = 0
        guard tend_vips_save(image, format.vipsCode, Int32(quality), &out, &length) == 0, let out else {
            throw ImageError(message: "the image could not be written as \(format.rawValue.uppercased())", hint: lastError())
        }
        defer { tend_vips_free(out) }
        var bytes = [UInt8](UnsafeRawBufferPointer(start: out, count: length))
        if format == .webp { bytes = WebPMetadata.stripped(bytes) }
        return Encoded(width: Int(tend_vips_width(image)), height: Int(tend_vips_height(image)), format: format, bytes: bytes)
    }

    private enum Sniffed { case jpeg, png, webp, heic, gif }

    /// What the first bytes say the file is (the name's extension is not trusted).
    private static func sniff(_ bytes: [UInt8]) -> Sniffed? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("GIF8".utf8)) { return .gif }
        if starts(Array("ftyp".utf8), at: 4), bytes.count >= 12 {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1", "hevc", "heim", "heis"].contains(brand) { return .heic }
        }
        return nil
    }

    /// libvips' last error message, cleared.
    private static func lastError() -> String {
        var message = [CChar](repeating: 0, count: 512)
        tend_vips_error(&message, message.count)
        let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func damaged() -> ImageError {
        let detail = lastError().split(separator: "\n").first.map(String.init) ?? ""
        return ImageError(
            message: "the image is damaged or cut short" + (detail.isEmpty ? "" : " (\(detail))"),
            hint: "open it in an image editor and export it again, or copy it again from its source")
    }
}
