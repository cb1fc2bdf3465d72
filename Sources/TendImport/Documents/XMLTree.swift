import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of an XML document (or of tolerant-parsed HTML): a small tree the readers walk.
final class XMLElement {
    let name: String
    let attributes: [String: String]
    var children: [XMLContent] = []
    weak var parent: XMLElement?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// A child or a run of text.
    enum XMLContent {
        case element(XMLElement)
        case text(String)
    }

    var elements: [XMLElement] { children.compactMap { if case .element(let element) = $0 { return element } else { return nil } } }

    func first(_ name: String) -> XMLElement? { elements.first { $0.name == name } }

    func all(_ name: String) -> [XMLElement] { elements.filter { $0.name == name } }

    /// Every descendant named `name`, in document order.
    func descendants(_ name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for element in elements {
            if element.name == name { found.append(element) }
            found += element.descendants(name)
        }
        return found
    }

    /// All the text inside, in order.
    var text: String {
        children.map { content -> String in
            switch content {
            case .text(let text): return text
            case .element(let element): return element.text
            }
        }.joined()
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }
}

/// Builds an `XMLElement` tree with Foundation's XMLParser (names keep their prefixes: `w:p`).
final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLElement] = []
    private(set) var root: XMLElement?

    static func parse(_ data: Data) -> XMLElement? {
        let parser = XMLParser(data: data)
        let builder = XMLTreeBuilder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else { return nil }
        return builder.root
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        let element = XMLElement(name: elementName, attributes: attributeDict)
        element.parent = stack.last
        stack.last?.children.append(.element(element))
        if root == nil { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.children.append(.text(string))
    }

    /// `<![CDATA[…]]>`, as WordPress wraps its HTML.
    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        stack.last?.children.append(.text(String(decoding: block, as: UTF8.self)))
    }
}
