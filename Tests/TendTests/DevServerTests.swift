import Foundation
import Testing

@testable import TendServer

/// A raw HTTP exchange over loopback, so tests can send what a browser never would.
func exchange(port: UInt16, _ request: String, readFor seconds: Double = 2) -> String {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return "" }
    _ = DevServer.send(fd, Array(request.utf8))
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 100) > 0 else { continue }
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        received.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: received, as: UTF8.self)
}

/// Text handed from a helper thread to the test.
final class Box: @unchecked Sendable {
    var text = ""
}

@Suite(.serialized) struct DevServerTests {
    let site = TemporaryDirectory()
    let outside = TemporaryDirectory()
    let server: DevServer

    init() throws {
        site.write([
            "index.html": "<html><body><p>Home</p></body></html>",
            "articles/a/index.html": "<html><body><p>A</p></body></html>",
            "404.html": "<html><body>Missing</body></html>",
            "style.css": "p{}",
        ])
        outside.write(["secret.txt": "secret"])
        try FileManager.default.createSymbolicLink(atPath: site.path + "/escape.txt", withDestinationPath: outside.path + "/secret.txt")
        var configuration = DevServer.Configuration(host: "127.0.0.1", port: 0, root: site.path)
        configuration.headTimeout = 1
        server = try DevServer(configuration)
        server.start()
    }

    private func get(_ target: String, method: String = "GET", host: String = "127.0.0.1") -> String {
        exchange(port: server.port, "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
    }

    @Test func servesPagesWithTheLiveReloadScript() {
        let response = get("/articles/a/")
        #expect(response.hasPrefix("HTTP/1.1 200 OK"))
        #expect(response.contains("Content-Type: text/html; charset=utf-8"))
        #expect(response.contains("X-Content-Type-Options: nosniff"))
        #expect(response.contains("<script src=\"/__tend/live.js\" defer></script>\n</body>"))
        #expect(get("/style.css").contains("Content-Type: text/css; charset=utf-8"))
        let head = get("/articles/a/", method: "HEAD")
        #expect(head.hasPrefix("HTTP/1.1 200 OK") && !head.contains("<p>A</p>"))
        server.stop()
    }

    @Test func refusesWhatCouldLeaveTheSite() {
        #expect(get("/../etc/passwd").hasPrefix("HTTP/1.1 403"))
        #expect(get("/%2e%2e/%2e%2e/etc/passwd").hasPrefix("HTTP/1.1 403"))
        #expect(get("/articles/..%2f..%2fetc/passwd").hasPrefix("HTTP/1.1 403"))
        #expect(get("/escape.txt").hasPrefix("HTTP/1.1 403"))
        #expect(get("/a%00b").hasPrefix("HTTP/1.1 403"))
        #expect(get("/", host: "attacker.example").hasPrefix("HTTP/1.1 403"))
        #expect(get("/", method: "POST").hasPrefix("HTTP/1.1 405"))
        #expect(get("/", method: "DELETE").contains("Allow: GET, HEAD"))
        server.stop()
    }

    @Test func foldersRedirectAndMissingPagesGet404() {
        #expect(get("/articles/a").contains("Location: /articles/a/"))
        // A redirect never names another host, however the path is written.
        #expect(get("//articles/a").contains("Location: /articles/a/\r\n"))
        #expect(get("//articles//a").contains("Location: /articles/a/\r\n"))
        let missing = get("/nope/")
        #expect(missing.hasPrefix("HTTP/1.1 404") && missing.contains("Missing"))
        #expect(get("/articles/").hasPrefix("HTTP/1.1 404"))
        server.stop()
    }

    @Test func boundsRequestHeadsAndSlowClients() {
        let huge = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
        #expect(exchange(port: server.port, huge).hasPrefix("HTTP/1.1 431"))
        #expect(exchange(port: server.port, "NONSENSE\r\n\r\n").hasPrefix("HTTP/1.1 400"))
        // Two Content-Length or two Host headers could make a proxy and this server read different requests.
        for twice in ["Content-Length: 0\r\nContent-Length: 5", "Host: 127.0.0.1\r\nHost: attacker.example", "Transfer-Encoding: x\r\nTransfer-Encoding: y"] {
            let response = exchange(port: server.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\(twice)\r\n\r\n")
            #expect(response.hasPrefix("HTTP/1.1 400"), "\(twice)")
            #expect(response.components(separatedBy: "HTTP/1.1").count == 2, "one response only")
        }
        // A client that never finishes its head is cut off, and others are served meanwhile.
        let start = Date()
        let port = server.port
        let slow = Thread { _ = exchange(port: port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", readFor: 3) }
        slow.start()
        #expect(get("/").hasPrefix("HTTP/1.1 200"))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(exchange(port: server.port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", readFor: 2.5).hasPrefix("HTTP/1.1 408"))
        server.stop()
    }

    @Test func eventsReloadShowAChangedPageAndEscapedErrors() {
        let port = server.port
        let received = Box()
        let listener = Thread { received.text = exchange(port: port, "GET /__tend/events HTTP/1.1\r\nHost: localhost:1\r\n\r\n", readFor: 1.5) }
        listener.start()
        Thread.sleep(forTimeInterval: 0.4)
        server.showErrors(["content/a.md:1:1: error: <script>alert(1)</script>"])
        Thread.sleep(forTimeInterval: 0.2)
        server.reload()
        Thread.sleep(forTimeInterval: 0.2)
        server.showChangedPage("/articles/x/")
        Thread.sleep(forTimeInterval: 1.3)
        let stream = received.text
        #expect(stream.contains("Content-Type: text/event-stream"))
        #expect(stream.contains("event: hello"))
        #expect(stream.contains("event: build-error\ndata: [\"content/a.md:1:1: error: \\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"]"))
        #expect(stream.contains("event: reload"))
        #expect(stream.contains("event: page\ndata: \"/articles/x/\""))
        #expect(get("/__tend/live.js").contains("textContent"))
        server.stop()
    }
}

@Suite struct HTTPRequestHeadFuzzTests {
    /// Random request heads: parsing returns or refuses, never traps.
    @Test func neverCrashesOnRequestHeads() {
        let alphabet = ["GET", " ", "/", "HTTP/1.1", "\r\n", "\n", "Host", ":", "127.0.0.1", "Content-Length", "0", "5", "\u{0}", "\u{7f}", "é", "%2e", "x"]
        fuzz(iterations: 5_000, seed: 23) { random in
            let bytes = Array(random.string(from: alphabet, maxLength: 40).utf8)
            _ = try? HTTPRequestHead.parse(bytes[...])
            _ = HTTPRequestHead.endOfHead(in: bytes)
            _ = StaticFiles.percentDecodeOnce(String(decoding: bytes, as: UTF8.self))
        }
    }
}

@Suite struct FileWatcherTests {
    /// A link out of the site is not followed: the watcher watches the site's folders only.
    @Test func linksOutOfTheSiteAreNotWatched() throws {
        let outside = TemporaryDirectory()
        outside.write(Dictionary(uniqueKeysWithValues: (0..<50).map { ("d\($0)/f.txt", "x") }))
        let site = TemporaryDirectory()
        site.write(["content/articles/a.md": "x", "content/media/p.png": "p"])
        try FileManager.default.createSymbolicLink(atPath: site.path + "/content/media/elsewhere", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/content/media/up", withDestinationPath: site.path)
        let watcher = try FileWatcher(directories: [site.path + "/content"])
        #expect(watcher.watchCount == 3)
    }
}

@Suite struct NotFoundPageTests {
    /// A missing page is answered by the nearest 404 page up its path: a Spanish reader gets the Spanish one.
    @Test func nearestNotFoundPageFirst() {
        #expect(
            DevServer.notFoundPages(for: "/es/articles/nothing/") == ["/es/articles/nothing/404.html", "/es/articles/404.html", "/es/404.html", "/404.html"])
        #expect(DevServer.notFoundPages(for: "/es/missing.png?x=1") == ["/es/404.html", "/404.html"])
        #expect(DevServer.notFoundPages(for: "/") == ["/404.html"])
    }
}
