import Foundation

/// The request line and headers of one HTTP/1.1 request, parsed with hard limits.
struct HTTPRequestHead: Equatable {
    var method: String
    var target: String
    var version: String
    /// Header names lower-cased.
    var headers: [String: String]

    static let maxRequestLine = 8_192
    static let maxHeaderBytes = 16_384
    static let maxHeaders = 100
    /// Headers a request may carry once only.
    static let singleHeaders: Set<String> = ["host", "content-length", "transfer-encoding"]

    enum Problem: Error, Equatable {
        case tooLarge
        case malformed
    }

    /// Parses `bytes` up to and including the blank line that ends the head.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(Problem) -> HTTPRequestHead {
        guard bytes.count <= maxHeaderBytes else { throw .tooLarge }
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                var line = bytes[start..<index]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                if line.isEmpty { break }
                lines.append(line)
                start = index + 1
            }
            index += 1
        }
        guard let requestLine = lines.first else { throw .malformed }
        guard requestLine.count <= maxRequestLine else { throw .tooLarge }
        guard lines.count - 1 <= maxHeaders else { throw .tooLarge }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } }) else { throw .malformed }
        var head = HTTPRequestHead(
            method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
            version: String(decoding: parts[2], as: UTF8.self), headers: [:])
        guard head.version == "HTTP/1.1" || head.version == "HTTP/1.0" else { throw .malformed }
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { throw .malformed }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            guard name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .malformed }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            // Two of these would let a proxy and this server read different requests (RFC 9112 6.3, 3.2).
            if head.headers[name] != nil, Self.singleHeaders.contains(name) { throw .malformed }
            head.headers[name] = value
        }
        return head
    }

    /// Index just past the blank line that ends the head, or nil when it has not arrived yet.
    static func endOfHead(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 1..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            if bytes[index - 1] == UInt8(ascii: "\n") { return index + 1 }
            if index >= 3, bytes[index - 1] == UInt8(ascii: "\r"), bytes[index - 2] == UInt8(ascii: "\n") { return index + 1 }
        }
        return nil
    }
}
