/// A raster image as the site publishes it: the sizes and formats made of it, and its social card.
public struct PublishedImage: Codable, Sendable, Hashable {
    /// One file made of the image.
    public struct Variant: Codable, Sendable, Hashable {
        /// Where it is published: `/media/garden bench-960.webp`.
        public let sitePath: String
        public let width: Int
        public let height: Int
        public let format: ImageFormat

        public init(sitePath: String, width: Int, height: Int, format: ImageFormat) {
            self.sitePath = sitePath
            self.width = width
            self.height = height
            self.format = format
        }
    }

    /// The original's path, which serves the largest version in its own format.
    public let sitePath: String
    /// The size of the largest version (the original's, or the widest of `images.widths`).
    public let width: Int
    public let height: Int
    /// Its own format (JPEG for photos, PNG for drawings, WebP).
    public let format: ImageFormat
    /// Every width in WebP and in its own format, narrowest first.
    public let variants: [Variant]
    /// The 1200 × 630 social card, for an image a page names in `image:`.
    public let card: Variant?

    public init(sitePath: String, width: Int, height: Int, format: ImageFormat, variants: [Variant], card: Variant?) {
        self.sitePath = sitePath
        self.width = width
        self.height = height
        self.format = format
        self.variants = variants
        self.card = card
    }

    /// The variants in `format`, narrowest first.
    public func variants(in format: ImageFormat) -> [Variant] { variants.filter { $0.format == format } }
}
