// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Tend",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tend", targets: ["tend"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libvips is declared in Sources/CVips/shim.h and opened when the first image is processed.
        .systemLibrary(name: "CVips"),
        .target(name: "TendCore"),
        .target(name: "TendImages", dependencies: ["TendCore", "CVips"]),
        .target(name: "TendCache", dependencies: ["TendCore"]),
        .target(name: "TendMarkdown", dependencies: ["TendCore", "CCmarkGFM"]),
        .target(name: "TendFrontMatter", dependencies: ["TendCore", "Yams"]),
        .target(name: "TendCitations", dependencies: ["TendCore"]),
        .target(name: "TendLanguage", dependencies: ["TendCore"]),
        .target(
            name: "TendTemplates",
            dependencies: ["TendCore", "TendLanguage"],
            resources: [.copy("Theme")]
        ),
        .target(name: "TendOutput", dependencies: ["TendCore", "TendCache"]),
        .target(name: "TendComponents", dependencies: ["TendCore", "TendMarkdown", "TendLanguage"]),
        .target(
            name: "TendContent",
            dependencies: ["TendCore", "TendCache", "TendMarkdown", "TendFrontMatter", "TendCitations", "TendComponents", "TendLanguage"]
        ),
        .target(name: "TendSite", dependencies: ["TendCore", "TendContent", "TendCitations", "TendFrontMatter", "TendLanguage"]),
        .target(
            name: "TendBuild",
            dependencies: [
                "TendCore", "TendCache", "TendContent", "TendSite", "TendTemplates", "TendOutput", "TendCitations", "TendComponents", "TendFrontMatter",
                "TendImages", "TendLanguage",
            ]
        ),
        .target(name: "TendImport", dependencies: ["TendCore", "TendCitations", "TendFrontMatter", "TendComponents", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "TendServer", dependencies: ["TendCore"]),
        .target(
            name: "TendCLI",
            dependencies: ["TendCore", "TendContent", "TendBuild", "TendSite", "TendImport", "TendServer", "TendLanguage", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "tend", dependencies: ["TendCLI"]),
        .executableTarget(name: "tend-citation-bench", dependencies: ["TendCitations"]),
        .testTarget(
            name: "TendTests",
            dependencies: [
                "TendCLI", "TendBuild", "TendImport", "TendServer", "TendCore", "TendCache", "TendContent", "TendSite", "TendTemplates", "TendMarkdown",
                "TendCitations", "TendComponents", "TendFrontMatter", "TendOutput", "TendImages", "TendLanguage",
            ]
        ),
    ]
)
