import TendCore

/// A page's rendered body: in memory, in a scratch file (large sites keep bodies there until
/// their page is written), or made from the source when first asked for (pages taken from the
/// page cache: most are never rendered again) and kept from then on.
public struct PageBody: Sendable {
    private enum Storage: Sendable {
        case inline(String)
        case stored(ScratchFile, offset: Int, length: Int)
        case deferred(DeferredBody)
    }

    private var storage: Storage

    public init(_ html: String) { storage = .inline(html) }

    /// A body made by `render` the first time it is asked for.
    init(deferred render: @escaping @Sendable () -> String) { storage = .deferred(DeferredBody(render)) }

    public var html: String {
        switch storage {
        case .inline(let html): return html
        case .stored(let file, let offset, let length): return String(decoding: file.read(offset: offset, length: length), as: UTF8.self)
        case .deferred(let body): return body.html
        }
    }

    /// Moves the body into `file` (kept in memory if writing fails).
    mutating func move(to file: ScratchFile) {
        guard case .inline(var html) = storage else { return }
        let stored = html.withUTF8 { bytes in file.append(UnsafeRawBufferPointer(bytes)).map { ($0, bytes.count) } }
        if let (offset, length) = stored { storage = .stored(file, offset: offset, length: length) }
    }
}

/// A body rendered once, on first use, by whichever thread asks first.
private final class DeferredBody: Sendable {
    private let render: @Sendable () -> String
    private let made = Mutex<String?>(nil)

    init(_ render: @escaping @Sendable () -> String) { self.render = render }

    var html: String {
        made.withLock { made in
            if let made { return made }
            let html = render()
            made = html
            return html
        }
    }
}
