import Testing

@testable import TendSite

@Suite struct SiteCheckerLinkResolutionTests {
    @Test(arguments: [
        ("/articles/x/", "/articles/y/", "/", "/articles/x/"),
        ("../y/", "/articles/x/", "/", "/articles/y/"),
        ("y/", "/articles/x/", "/", "/articles/x/y/"),
        ("./y", "/articles/x/", "/", "/articles/x/y"),
        ("../../../../etc", "/articles/x/", "/", "/etc"),
        ("/blog/articles/x/", "/", "/blog/", "/articles/x/"),
        ("/articles//x/", "/", "/", "/articles/x/"),
        ("/a/./b/../c", "/", "/", "/a/c"),
    ])
    func linksResolveToSitePaths(link: String, base: String, root: String, expected: String) {
        #expect(SiteChecker.resolve(link, from: base, rootPath: root) == expected)
    }
}
