import Foundation
import TendCore

/// The preview server behind `tend serve`: static files from the built site, live reload over
/// server-sent events, and an error overlay. Loopback only unless asked otherwise; GET and HEAD
/// only; request heads bounded in size and time; a thread per connection, capped.
public final class DevServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: UInt16
        /// The folder served (the built site).
        public var root: String
        /// Extra names the Host header may carry (the bound host and loopback names are always allowed).
        public var extraAllowedHosts: Set<String> = []
        public var headTimeout: TimeInterval = 10
        public var idleTimeout: TimeInterval = 15
        public var maxConnections = 256
        /// Inject the live-reload script into HTML pages.
        public var liveReload = true

        public init(host: String = "127.0.0.1", port: UInt16 = 8000, root: String) {
            self.host = host
            self.port = port
            self.root = root
        }
    }

    public let configuration: Configuration
    /// The port actually bound (useful with port 0).
    public private(set) var port: UInt16 = 0
    private var listener: Int32 = -1
    private let events = EventChannel()
    private let files: StaticFiles
    private let connections = ConnectionCount()
    /// Set by `stop()`, read by every connection's thread.
    private let stopFlag = Mutex(false)
    private var stopped: Bool { stopFlag.withLock { $0 } }

    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        self.files = StaticFiles(root: configuration.root)
        signal(SIGPIPE, SIG_IGN)
        try bind()
    }

    /// Accepts connections on a background thread until `stop()`.
    public func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "tend-serve-accept"
        thread.start()
    }

    public func stop() {
        stopFlag.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        events.close()
    }

    /// Tells every open page to reload.
    public func reload() { events.publish(ServerEvent(name: "reload", data: "{}")) }

    /// Tells the pages showing `sitePath` (such as `/articles/x/`) that its file changed and
    /// nothing else did: they put the new page's body in place without reloading (no style
    /// sheet or script is fetched again, the reader's scroll position stays).
    public func showChangedPage(_ sitePath: String) { events.publish(ServerEvent(name: "page", data: Escape.json(sitePath))) }

    /// Shows a build error over every open page (the last good site stays served).
    public func showErrors(_ messages: [String]) {
        let json = "[" + messages.map(Escape.json).joined(separator: ",") + "]"
        events.publish(ServerEvent(name: "build-error", data: json))
    }

    private func bind() throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(configuration.host, String(configuration.port), &hints, &result) == 0, let info = result else {
            throw ServerError("cannot resolve the host '\(configuration.host)'")
        }
        defer { freeaddrinfo(result) }
        let socketFD = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard socketFD >= 0 else { throw ServerError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard Glibc.bind(socketFD, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            close(socketFD)
            throw ServerError("cannot listen on \(configuration.host):\(configuration.port): \(String(cString: strerror(errno)))")
        }
        guard listen(socketFD, 512) == 0 else {
            close(socketFD)
            throw ServerError("cannot listen: \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(socketFD, $0, &length) }
        }
        port =
            address.ss_family == sa_family_t(AF_INET6)
            ? withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
            : withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } }
        listener = socketFD
    }

    private func acceptLoop() {
        while !stopped {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if stopped { return }
                continue
            }
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            guard connections.enter(limit: configuration.maxConnections) else {
                _ = Self.send(client, Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
                close(client)
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                close(client)
                connections.leave()
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    /// Requests on one connection, kept alive until the client closes or stays idle too long.
    private func serve(_ client: Int32) {
        var buffer: [UInt8] = []
        var first = true
        while !stopped {
            let deadline = Date().addingTimeInterval(first ? configuration.headTimeout : configuration.idleTimeout)
            guard let (head, consumed) = readHead(client, buffer: &buffer, deadline: deadline) else { return }
            buffer.removeFirst(consumed)
            first = false
            let keepAlive = handle(head, on: client)
            guard keepAlive else { return }
        }
    }

    /// Reads until a full request head arrived; answers 400/431/408 itself and returns nil then.
    private func readHead(_ client: Int32, buffer: inout [UInt8], deadline: Date) -> (Result<HTTPRequestHead, HTTPRequestHead.Problem>, Int)? {
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            if let end = HTTPRequestHead.endOfHead(in: buffer) {
                do {
                    return (.success(try HTTPRequestHead.parse(buffer[0..<end])), end)
                } catch {
                    return (.failure(error), end)
                }
            }
            if buffer.count > HTTPRequestHead.maxHeaderBytes {
                respond(client, status: "431 Request Header Fields Too Large", body: "Request head too large.\n", keepAlive: false)
                return nil
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                if !buffer.isEmpty { respond(client, status: "408 Request Timeout", body: "Request timed out.\n", keepAlive: false) }
                return nil
            }
            var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 1000)))
            if ready < 0 { return nil }
            if ready == 0 { continue }
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Answers one request; returns whether the connection stays open.
    private func handle(_ parsed: Result<HTTPRequestHead, HTTPRequestHead.Problem>, on client: Int32) -> Bool {
        let head: HTTPRequestHead
        switch parsed {
        case .success(let value): head = value
        case .failure(.tooLarge):
            respond(client, status: "431 Request Header Fields Too Large", body: "Request head too large.\n", keepAlive: false)
            return false
        case .failure(.malformed):
            respond(client, status: "400 Bad Request", body: "Malformed request.\n", keepAlive: false)
            return false
        }
        let keepAlive = head.version == "HTTP/1.1" && head.headers["connection"]?.lowercased() != "close"
        guard head.method == "GET" || head.method == "HEAD" else {
            respond(client, status: "405 Method Not Allowed", extraHeaders: ["Allow: GET, HEAD"], body: "Only GET and HEAD are allowed.\n", keepAlive: false)
            return false
        }
        if let length = head.headers["content-length"], length != "0" {
            respond(client, status: "400 Bad Request", body: "Requests may not have a body.\n", keepAlive: false)
            return false
        }
        if head.headers["transfer-encoding"] != nil {
            respond(client, status: "400 Bad Request", body: "Requests may not have a body.\n", keepAlive: false)
            return false
        }
        guard isAllowedHost(head.headers["host"]) else {
            respond(client, status: "403 Forbidden", body: "This host name is not allowed.\n", keepAlive: false)
            return false
        }
        let isHead = head.method == "HEAD"
        switch head.target {
        case "/__tend/events":
            streamEvents(client)
            return false
        case "/__tend/live.js":
            respond(
                client, status: "200 OK", contentType: "text/javascript; charset=utf-8", body: LiveReloadScript.source, keepAlive: keepAlive, omitBody: isHead)
            return keepAlive
        default:
            break
        }
        switch files.resolve(head.target) {
        case .file(let path, let mimeType):
            serveFile(client, path: path, mimeType: mimeType, status: "200 OK", keepAlive: keepAlive, omitBody: isHead)
        case .redirect(let location):
            respond(client, status: "301 Moved Permanently", extraHeaders: ["Location: \(location)"], body: "", keepAlive: keepAlive, omitBody: isHead)
        case .forbidden:
            respond(client, status: "403 Forbidden", body: "Forbidden.\n", keepAlive: keepAlive, omitBody: isHead)
        case .notFound:
            // The nearest 404 page up the path (`/es/404.html` under `/es/`), as Cloudflare Pages serves it.
            if case .file(let path, let mimeType) = Self.notFoundPages(for: head.target).lazy.map(files.resolve).first(where: {
                if case .file = $0 { return true } else { return false }
            }) {
                serveFile(client, path: path, mimeType: mimeType, status: "404 Not Found", keepAlive: keepAlive, omitBody: isHead)
            } else {
                respond(client, status: "404 Not Found", body: "Not found.\n", keepAlive: keepAlive, omitBody: isHead)
            }
        }
        return keepAlive
    }

    private func isAllowedHost(_ header: String?) -> Bool {
        guard let header, !header.isEmpty else { return false }
        var name = header.lowercased()
        if name.hasPrefix("[") {
            name = String(name.prefix { $0 != "]" }) + "]"
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        let allowed: Set<String> = ["localhost", "127.0.0.1", "[::1]", configuration.host.lowercased()]
        return allowed.contains(name) || configuration.extraAllowedHosts.contains(name)
    }

    private func serveFile(_ client: Int32, path: String, mimeType: String, status: String, keepAlive: Bool, omitBody: Bool) {
        guard var data = FileManager.default.contents(atPath: path) else {
            respond(client, status: "404 Not Found", body: "Not found.\n", keepAlive: keepAlive, omitBody: omitBody)
            return
        }
        if configuration.liveReload, mimeType.hasPrefix("text/html"), let html = String(data: data, encoding: .utf8),
            let range = html.range(of: "</body>", options: .backwards)
        {
            data = Data(html.replacingCharacters(in: range, with: "<script src=\"/__tend/live.js\" defer></script>\n</body>").utf8)
        }
        respond(client, status: status, contentType: mimeType, body: data, keepAlive: keepAlive, omitBody: omitBody)
    }

    private func respond(
        _ client: Int32, status: String, contentType: String = "text/plain; charset=utf-8", extraHeaders: [String] = [],
        body: some DataProtocol, keepAlive: Bool, omitBody: Bool = false
    ) {
        var head = "HTTP/1.1 \(status)\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        head += "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        for header in extraHeaders { head += header + "\r\n" }
        var bytes = Array((head + "\r\n").utf8)
        if !omitBody { bytes.append(contentsOf: body) }
        _ = Self.send(client, bytes)
    }

    private func respond(
        _ client: Int32, status: String, contentType: String = "text/plain; charset=utf-8", extraHeaders: [String] = [], body: String, keepAlive: Bool,
        omitBody: Bool = false
    ) {
        respond(client, status: status, contentType: contentType, extraHeaders: extraHeaders, body: Array(body.utf8), keepAlive: keepAlive, omitBody: omitBody)
    }

    /// Server-sent events: a hello with the server's id, then each reload or error, and a comment
    /// every 15 seconds so closed connections are noticed.
    private func streamEvents(_ client: Int32) {
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\n"
        guard Self.send(client, Array(head.utf8)) else { return }
        var seen = events.generation
        var greeting = "retry: 1000\nevent: hello\ndata: \"\(events.serverID)\"\n\n"
        if let current = events.currentError { greeting += current.wireFormat }
        guard Self.send(client, Array(greeting.utf8)) else { return }
        while !stopped {
            if let (generation, event) = events.wait(after: seen, timeout: 15) {
                seen = generation
                guard Self.send(client, Array(event.wireFormat.utf8)) else { return }
            } else if events.isClosed {
                return
            } else {
                guard Self.send(client, Array(": keep-alive\n\n".utf8)) else { return }
            }
        }
    }

    @discardableResult
    static func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(client, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }
}

/// An error starting the server, with a message for the terminal.
public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// How many connections are open.
final class ConnectionCount: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    func enter(limit: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard count < limit else { return false }
        count += 1
        return true
    }

    func leave() {
        lock.lock()
        count -= 1
        lock.unlock()
    }
}

extension DevServer {
    /// `/es/articles/x/` → `/es/articles/404.html`, `/es/404.html`, `/404.html`.
    static func notFoundPages(for target: String) -> [String] {
        let path = target.prefix { $0 != "?" && $0 != "#" }
        var parts = path.split(separator: "/").map(String.init)
        if !path.hasSuffix("/") { parts = Array(parts.dropLast()) }
        return (0...parts.count).reversed().map { count in "/" + parts.prefix(count).map { $0 + "/" }.joined() + "404.html" }
    }
}
