import TendOutput

/// One file of the built site: where it goes and what it holds.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case text(String)
        /// A file copied as it is (media and theme assets).
        case copy(from: String)
    }

    /// Path inside the output folder, such as `articles/x/index.html`.
    public var path: String
    public var contents: Contents

    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }
}

extension SiteOutput {
    /// Writes or copies `file` into this output.
    func emit(_ file: OutputFile) throws {
        switch file.contents {
        case .text(let text): try write(text, to: file.path)
        case .copy(let source): try copy(from: source, to: file.path)
        }
    }
}
