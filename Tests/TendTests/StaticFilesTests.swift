import Foundation
import Testing

@testable import TendServer

@Suite struct StaticFilesTests {
    @Test func percentDecodingHappensOnce() {
        #expect(StaticFiles.percentDecodeOnce("/a%20b") == "/a b")
        #expect(StaticFiles.percentDecodeOnce("/%252e%252e") == "/%2e%2e")
        #expect(StaticFiles.percentDecodeOnce("/%zz") == nil)
        #expect(StaticFiles.percentDecodeOnce("/%00") == nil)
    }
}
