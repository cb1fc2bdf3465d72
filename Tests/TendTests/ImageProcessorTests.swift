import Foundation
import Testing

@testable import TendImages

/// Images through libvips: sizes, orientation, metadata stripped, and hostile files refused in
/// bounded time and memory.
@Suite struct ImageProcessorTests {
    private func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/images/" + name)))
    }

    private func carriesMetadata(_ bytes: [UInt8]) -> Bool { !metadataBlocks(bytes).isEmpty }

    @Test func photosComeOutAtEachWidthWithoutMetadata() throws {
        let original = try fixture("garden bench.jpg")
        let originalCarries = carriesMetadata(original)
        #expect(originalCarries)
        let (variants, _) = try ImageProcessor.encode(original, widths: [480, 960, 1440, 2400], formats: [.webp, .jpeg])
        // 1440 and 2400 are wider than the 1600-pixel original: one 1600 version, never enlarged.
        #expect(
            variants.map { "\($0.width)x\($0.height).\($0.format.rawValue)" } == [
                "480x360.webp", "480x360.jpeg", "960x720.webp", "960x720.jpeg", "1440x1080.webp", "1440x1080.jpeg", "1600x1200.webp", "1600x1200.jpeg",
            ])
        for variant in variants {
            let carries = carriesMetadata(variant.bytes)
            #expect(!carries, "\(variant.width) \(variant.format)")
        }
        let header = try ImageProcessor.header(of: variants[2].bytes)
        #expect(header.width == 960 && header.height == 720 && header.format == .webp)
    }

    @Test func orientationIsApplied() throws {
        let rotated = try fixture("rotated.jpg")
        // Stored 1200 × 900 with EXIF orientation 6 (turn 90°): shown 900 × 1200.
        #expect(try ImageProcessor.header(of: rotated) == ImageHeader(width: 900, height: 1200, format: .jpeg, hasAlpha: false))
        let (variants, _) = try ImageProcessor.encode(rotated, widths: [480], formats: [.jpeg])
        #expect(variants.first.map { "\($0.width)x\($0.height)" } == "480x640")
    }

    @Test func drawingsKeepTheirTransparencyAsPNG() throws {
        let drawing = try fixture("drawing.png")
        #expect(try ImageProcessor.header(of: drawing).format == .png)
        let (variants, _) = try ImageProcessor.encode(drawing, widths: [480], formats: [.webp, .png])
        #expect(variants.map(\.format) == [.webp, .png])
        #expect(metadataBlocks(try fixture("drawing.png")) == ["tEXt"])
        #expect(metadataBlocks(variants[1].bytes).isEmpty)
    }

    @Test func socialCardsAreCroppedToSize() throws {
        let (_, card) = try ImageProcessor.encode(try fixture("rotated.jpg"), widths: [480], formats: [.jpeg], cover: (1200, 630, .top))
        #expect(card.map { "\($0.width)x\($0.height)" } == "1200x630")
    }

    @Test(arguments: [
        ("bomb.png", "the image is 30000 × 30000 pixels, more than Tend decodes (100 megapixels)"),
        ("not-an-image.jpg", "the file is not a JPEG, PNG, WebP, HEIC or GIF image"),
    ])
    func hostileFilesAreRefusedFromTheirHeader(_ name: String, _ message: String) throws {
        let clock = ContinuousClock.now
        #expect(throws: ImageError.self) { try ImageProcessor.header(of: try fixture(name)) }
        do {
            _ = try ImageProcessor.encode(try fixture(name), widths: [480], formats: [.jpeg])
            Issue.record("\(name) was accepted")
        } catch let error as ImageError {
            #expect(error.message == message)
        }
        #expect(ContinuousClock.now - clock < .seconds(2))
    }

    @Test func aTruncatedPhotoIsAnError() throws {
        do {
            _ = try ImageProcessor.encode(try fixture("truncated.jpg"), widths: [480], formats: [.jpeg])
            Issue.record("the truncated file was accepted")
        } catch let error as ImageError {
            #expect(error.message.hasPrefix("the image is damaged or cut short"))
        }
    }

    /// Property: any bytes are refused or decoded, never a crash, in bounded time.
    @Test func neverCrashesOnDamagedFiles() throws {
        let good = try fixture("small.jpg")
        fuzz(iterations: 60, seed: 5) { random in
            var bytes = good
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if Bool.random(using: &random) { bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random))) }
            _ = try? ImageProcessor.encode(bytes, widths: [120], formats: [.jpeg])
        }
    }
}
