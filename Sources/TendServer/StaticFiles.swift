import Foundation
import TendCore

/// Maps a request path to a file inside the site folder, refusing anything that could leave it.
public struct StaticFiles: Sendable {
    /// The real path of the folder being served.
    public let root: String

    public init(root: String) {
        self.root = (try? FileManager.default.destinationOfSymbolicLink(atPath: root)) ?? root
    }

    public enum Resolution: Equatable, Sendable {
        case file(path: String, mimeType: String)
        /// A folder asked for without its trailing slash.
        case redirect(location: String)
        case notFound
        case forbidden
    }

    /// Resolves a request target (`/articles/x/?q=1`): percent-decoded once, `..` and encoded
    /// separators refused, symbolic links followed only while they stay inside the root.
    public func resolve(_ target: String) -> Resolution {
        var path = target
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<query]) }
        guard path.hasPrefix("/"), let decoded = Self.percentDecodeOnce(path) else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments {
            if segment == ".." || segment == "." || segment.contains("\\") || segment.contains("\0") || segment.hasPrefix(".") {
                return .forbidden
            }
        }
        guard let realRoot = realPath(root) else { return .notFound }
        var candidate = realRoot + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            // Made from the clean segments: `//about` goes to `/about/`, never to another host.
            if !decoded.hasSuffix("/") { return .redirect(location: "/" + segments.map { Escape.urlPath(String($0)) }.joined(separator: "/") + "/") }
            candidate += "/index.html"
        }
        guard let real = realPath(candidate) else { return .notFound }
        let rootParts = realRoot.split(separator: "/"), realParts = real.split(separator: "/")
        guard realParts.count > rootParts.count, Array(realParts.prefix(rootParts.count)) == rootParts else { return .forbidden }
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else { return .notFound }
        return .file(path: real, mimeType: Self.mimeType(for: real))
    }

    /// Decodes `%XX` once; nil for a malformed escape or an encoded NUL.
    static func percentDecodeOnce(_ text: String) -> String? {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%") {
                guard index + 2 < source.count, let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16),
                    value != 0
                else { return nil }
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static let mimeTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8", "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon", "pdf": "application/pdf", "woff2": "font/woff2",
        "mp3": "audio/mpeg", "mp4": "video/mp4", "webm": "video/webm",
    ]

    static func mimeType(for path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "application/octet-stream" }
        return mimeTypes[name[name.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
