/// System.Xml's document model, as small as `[xml]` needs: nodes with .NET's names and values, a parser
/// that drops insignificant whitespace (what `[xml]$text` and XmlDocument.Load do with
/// PreserveWhitespace off) and reports .NET's XmlException messages, and .NET's two ways of writing a
/// tree back (OuterXml on one line, Save indented by two spaces). FoundationXML is not used: it drags
/// libxml2 into every build and does not keep .NET's serialization rules.
final class XmlNode {
    enum Kind: Int { case element = 1, attribute = 2, text = 3, cdata = 4, processingInstruction = 7, comment = 8, document = 9, documentType = 10, declaration = 17 }

    let kind: Kind
    /// The qualified name (`u:component`); `#text`, `#comment`, `#document`, `#cdata-section` for the others.
    var name: String
    /// Text, comment, CDATA and attribute values; a declaration's or PI's data; a DOCTYPE's raw text.
    var value: String
    var attributes: [XmlNode] = []
    var children: [XmlNode] = []
    weak var parent: XmlNode?
    /// The document that made this node (nil for a document).
    weak var ownerDocument: XmlNode?
    /// `<x/>` rather than `<x></x>` (.NET's XmlElement.IsEmpty): set by the parser and CreateElement,
    /// cleared when the element gains a child.
    var isEmpty = false
    /// The PSObject last handed to a script for this node, rebuilt when the node's children or attributes change.
    weak var wrapper: PSObject?
    /// XmlDocument.PreserveWhitespace.
    var preserveWhitespace = false
    /// An element's namespace, fixed when it is parsed or created (as in .NET, moving it does not
    /// change it; the writer declares it where needed). nil: resolved from the xmlns attributes above.
    var storedNamespace: String?

    init(_ kind: Kind, name: String, value: String = "", owner: XmlNode?) {
        self.kind = kind
        self.name = name
        self.value = value
        self.ownerDocument = owner
    }

    var localName: String {
        guard kind == .element || kind == .attribute, let colon = name.firstIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    var prefix: String {
        guard kind == .element || kind == .attribute, let colon = name.firstIndex(of: ":") else { return "" }
        return String(name[..<colon])
    }

    /// The namespace the node's prefix (or the default namespace, for elements) is bound to.
    var namespaceURI: String {
        switch kind {
        case .element:
            return storedNamespace ?? XmlNode.lookupNamespace(prefix, from: self) ?? ""
        case .attribute:
            if name == "xmlns" || prefix == "xmlns" { return "http://www.w3.org/2000/xmlns/" }
            if prefix == "xml" { return "http://www.w3.org/XML/1998/namespace" }
            guard !prefix.isEmpty, let owner = parent else { return "" }
            return XmlNode.lookupNamespace(prefix, from: owner) ?? ""
        default: return ""
        }
    }

    static func lookupNamespace(_ prefix: String, from start: XmlNode) -> String? {
        let wanted = prefix.isEmpty ? "xmlns" : "xmlns:" + prefix
        var node: XmlNode? = start
        while let current = node, current.kind == .element {
            if let a = current.attributes.first(where: { $0.name == wanted }) { return a.value }
            node = current.parent
        }
        return nil
    }

    var document: XmlNode? { kind == .document ? self : ownerDocument }
    var documentElement: XmlNode? { children.first { $0.kind == .element } }

    /// .NET's InnerText: the text of every text and CDATA descendant, in order.
    var innerText: String {
        switch kind {
        case .text, .cdata, .comment, .processingInstruction, .attribute, .declaration: return value
        default:
            var out = ""
            func walk(_ n: XmlNode) {
                for c in n.children {
                    if c.kind == .text || c.kind == .cdata { out += c.value } else if c.kind == .element { walk(c) }
                }
            }
            walk(self)
            return out
        }
    }

    func setInnerText(_ text: String) {
        switch kind {
        case .element, .document:
            if children.count == 1, children[0].kind == .text { children[0].value = text; return }
            for c in children { c.parent = nil }
            children = []
            append(XmlNode(.text, name: "#text", value: text, owner: document))
        default:
            value = text
        }
    }

    func append(_ child: XmlNode) {
        child.parent?.remove(child)
        child.parent = self
        children.append(child)
        isEmpty = false
    }

    func insert(_ child: XmlNode, at index: Int) {
        child.parent?.remove(child)
        child.parent = self
        children.insert(child, at: min(index, children.count))
        isEmpty = false
    }

    func remove(_ child: XmlNode) {
        if let i = children.firstIndex(where: { $0 === child }) { children.remove(at: i) }
        if let i = attributes.firstIndex(where: { $0 === child }) { attributes.remove(at: i) }
        child.parent = nil
    }

    func attribute(_ name: String) -> XmlNode? { attributes.first { $0.name == name } }

    func setAttribute(_ name: String, _ value: String) {
        if let a = attribute(name) { a.value = value; return }
        let a = XmlNode(.attribute, name: name, value: value, owner: document)
        a.parent = self
        attributes.append(a)
    }

    /// A deep or shallow copy with no parent (CloneNode).
    func clone(deep: Bool) -> XmlNode {
        let copy = XmlNode(kind, name: name, value: value, owner: document)
        copy.isEmpty = isEmpty
        copy.storedNamespace = kind == .element ? namespaceURI : nil
        for a in attributes {
            let ac = a.clone(deep: true)
            ac.parent = copy
            copy.attributes.append(ac)
        }
        if deep || kind == .attribute { for c in children { copy.append(c.clone(deep: true)) }; copy.isEmpty = isEmpty }
        return copy
    }

    /// Every element below this node, in document order.
    var descendants: [XmlNode] {
        var out: [XmlNode] = []
        func walk(_ n: XmlNode) { for c in n.children { out.append(c); walk(c) } }
        walk(self)
        return out
    }

    var siblingIndex: Int? { parent?.children.firstIndex { $0 === self } }
}

/// .NET's XmlException, raised by the parser with its message (line and position included).
struct XmlParseError: Error {
    let message: String
}

/// A recursive-descent parser over the text's Unicode scalars (line and position as .NET counts them).
struct XmlParser {
    private let chars: [Character]
    private var i = 0
    private let document: XmlNode
    private let preserveWhitespace: Bool

    static func parse(_ text: String, preserveWhitespace: Bool = false) throws -> XmlNode {
        let doc = XmlNode(.document, name: "#document", owner: nil)
        doc.preserveWhitespace = preserveWhitespace
        try fill(doc, from: text)
        return doc
    }

    /// Replaces a document's children with the parse of `text` (XmlDocument.LoadXml).
    static func fill(_ doc: XmlNode, from text: String) throws {
        var parser = XmlParser(chars: Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text), document: doc,
                               preserveWhitespace: doc.preserveWhitespace)
        let nodes = try parser.parseDocument()
        for c in doc.children { c.parent = nil }
        doc.children = []
        for n in nodes { doc.append(n) }
        func fix(_ n: XmlNode) {
            if n.kind == .element { n.storedNamespace = XmlNode.lookupNamespace(n.prefix, from: n) ?? "" }
            for c in n.children { fix(c) }
        }
        fix(doc)
    }

    private init(chars: [Character], document: XmlNode, preserveWhitespace: Bool) {
        self.chars = chars
        self.document = document
        self.preserveWhitespace = preserveWhitespace
    }

    /// `Line n, position m.` of index `at`, 1-based as .NET reports it.
    private func location(_ at: Int) -> String {
        var line = 1, column = 1
        for k in 0..<min(at, chars.count) {
            if chars[k] == "\n" || chars[k] == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return "Line \(line), position \(column)."
    }

    private func fail(_ message: String, at: Int? = nil) -> XmlParseError {
        XmlParseError(message: "\(message) \(location(at ?? i))")
    }

    private func peek(_ s: String) -> Bool {
        var k = i
        for c in s {
            guard k < chars.count, chars[k] == c else { return false }
            k += 1
        }
        return true
    }

    private var atEnd: Bool { i >= chars.count }

    private mutating func skipSpace() {
        while i < chars.count, chars[i].isXmlSpace { i += 1 }
    }

    private static func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" || c == ":" }
    private static func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == ":" || c == "-" || c == "." || c == "\u{B7}" }

    private mutating func name() throws -> String {
        guard i < chars.count, XmlParser.isNameStart(chars[i]) else {
            if atEnd { throw fail("Unexpected end of file while parsing Name has occurred.") }
            let c = chars[i]
            let code = String(c.unicodeScalars.first!.value, radix: 16, uppercase: true)
            throw fail("Name cannot begin with the '\(c)' character, hexadecimal value 0x\(code.count < 2 ? "0" + code : code).")
        }
        let start = i
        while i < chars.count, XmlParser.isNameChar(chars[i]) { i += 1 }
        return String(chars[start..<i])
    }

    private mutating func parseDocument() throws -> [XmlNode] {
        var nodes: [XmlNode] = []
        var sawRoot = false
        var first = true
        while true {
            let spaceStart = i
            skipSpace()
            if atEnd { break }
            if peek("<?xml"), i + 5 < chars.count, chars[i + 5].isXmlSpace {
                guard first, spaceStart == i else { throw fail("Unexpected XML declaration. The XML declaration must be the first node in the document, and no whitespace characters are allowed to appear before it.", at: i + 2) }
                nodes.append(try declaration())
            } else if peek("<!--") {
                nodes.append(try comment())
            } else if peek("<?") {
                nodes.append(try processingInstruction())
            } else if peek("<!DOCTYPE") {
                nodes.append(try doctype())
            } else if peek("<") {
                if sawRoot { throw fail("There are multiple root elements.", at: i + 1) }
                nodes.append(try element())
                sawRoot = true
            } else {
                throw fail("Data at the root level is invalid.")
            }
            first = false
        }
        if !sawRoot { throw XmlParseError(message: "Root element is missing.") }
        return nodes
    }

    private mutating func declaration() throws -> XmlNode {
        i += 5
        var parts: [String] = []
        while true {
            skipSpace()
            if peek("?>") { i += 2; break }
            if atEnd { throw fail("Unexpected end of file has occurred.") }
            let key = try name()
            skipSpace()
            guard i < chars.count, chars[i] == "=" else { throw fail("'=' is missing.") }
            i += 1
            skipSpace()
            let value = try quoted(decode: false)
            parts.append("\(key)=\"\(value)\"")
        }
        return XmlNode(.declaration, name: "xml", value: parts.joined(separator: " "), owner: document)
    }

    private mutating func comment() throws -> XmlNode {
        i += 4
        let start = i
        while !peek("-->") {
            if atEnd { throw fail("Unexpected end of file while parsing Comment has occurred.") }
            i += 1
        }
        let text = String(chars[start..<i])
        i += 3
        return XmlNode(.comment, name: "#comment", value: text, owner: document)
    }

    private mutating func processingInstruction() throws -> XmlNode {
        i += 2
        let target = try name()
        skipSpace()
        let start = i
        while !peek("?>") {
            if atEnd { throw fail("Unexpected end of file has occurred.") }
            i += 1
        }
        let data = String(chars[start..<i])
        i += 2
        return XmlNode(.processingInstruction, name: target, value: data, owner: document)
    }

    private mutating func doctype() throws -> XmlNode {
        let start = i
        var depth = 0
        while i < chars.count {
            if chars[i] == "[" { depth += 1 } else if chars[i] == "]" { depth -= 1 } else if chars[i] == ">", depth == 0 { break }
            i += 1
        }
        guard i < chars.count else { throw fail("Unexpected end of file has occurred.") }
        i += 1
        let raw = String(chars[start..<i])
        let rootName = raw.dropFirst(9).split(whereSeparator: { $0.isXmlSpace || $0 == ">" || $0 == "[" }).first.map(String.init) ?? ""
        return XmlNode(.documentType, name: rootName, value: raw, owner: document)
    }

    private mutating func quoted(decode: Bool) throws -> String {
        guard i < chars.count, chars[i] == "\"" || chars[i] == "'" else {
            if atEnd { throw fail("Unexpected end of file has occurred.") }
            throw fail("'\(chars[i])' is an unexpected token. The expected token is '\"' or '''.")
        }
        let quote = chars[i]
        i += 1
        var out = ""
        while true {
            guard i < chars.count else { throw fail("Unexpected end of file has occurred.") }
            let c = chars[i]
            if c == quote { i += 1; break }
            if c == "<" { throw fail("'<', hexadecimal value 0x3C, is an invalid attribute character.") }
            if c == "&", decode { out += try entity(); continue }
            // Attribute-value normalization: each whitespace character becomes a space.
            out.append(decode && (c == "\n" || c == "\r\n" || c == "\t" || c == "\r") ? " " : c)
            i += 1
        }
        return out
    }

    /// `&amp;`, `&#65;`, `&#x41;` at `i`; moves past it.
    private mutating func entity() throws -> String {
        let start = i
        i += 1
        var body = ""
        while i < chars.count, chars[i] != ";" {
            if chars[i].isXmlSpace || chars[i] == "<" || chars[i] == "&" { throw fail("An error occurred while parsing EntityName.", at: i) }
            body.append(chars[i]); i += 1
        }
        guard i < chars.count else { throw fail("Unexpected end of file has occurred.") }
        i += 1
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            if body.hasPrefix("#x") || body.hasPrefix("#X"), let n = UInt32(body.dropFirst(2), radix: 16), let s = Unicode.Scalar(n) { return String(Character(s)) }
            if body.hasPrefix("#"), let n = UInt32(body.dropFirst()), let s = Unicode.Scalar(n) { return String(Character(s)) }
            throw fail("Reference to undeclared entity '\(body)'.", at: start + 1)
        }
    }

    private mutating func element() throws -> XmlNode {
        i += 1
        let tagAt = i
        let tag = try name()
        let node = XmlNode(.element, name: tag, owner: document)
        while true {
            let before = i
            skipSpace()
            guard i < chars.count else { throw fail("Unexpected end of file has occurred. The following elements are not closed: \(tag).") }
            if peek("/>") { i += 2; node.isEmpty = true; return node }
            if chars[i] == ">" { i += 1; break }
            if before == i { throw fail("'\(chars[i])' is an unexpected token. The expected token is '=' .".replacingOccurrences(of: " .", with: ".")) }
            let attrStart = i
            let attrName = try name()
            skipSpace()
            guard i < chars.count, chars[i] == "=" else {
                if atEnd { throw fail("Unexpected end of file has occurred.") }
                throw fail("'\(chars[i])' is an unexpected token. The expected token is '='.")
            }
            i += 1
            skipSpace()
            let value = try quoted(decode: true)
            if node.attribute(attrName) != nil { throw fail("'\(attrName)' is a duplicate attribute name.", at: attrStart) }
            node.setAttribute(attrName, value)
        }
        try content(of: node, tag: tag, at: tagAt)
        return node
    }

    private mutating func content(of node: XmlNode, tag: String, at tagAt: Int) throws {
        var text = ""
        func flush() {
            guard !text.isEmpty else { return }
            if preserveWhitespace || !text.allSatisfy({ $0.isXmlSpace }) {
                // Adjacent text (around an entity) is one node.
                node.append(XmlNode(.text, name: "#text", value: text, owner: document))
            }
            text = ""
        }
        while true {
            guard i < chars.count else { throw fail("Unexpected end of file has occurred. The following elements are not closed: \(tag).") }
            let c = chars[i]
            if c == "<" {
                if peek("</") {
                    flush()
                    let at = i + 2
                    i += 2
                    let closing = try name()
                    guard closing == tag else {
                        let started = location(tagAt).dropFirst(5).dropLast().replacingOccurrences(of: ",", with: "")
                        throw fail("The '\(tag)' start tag on line \(started) does not match the end tag of '\(closing)'.", at: at)
                    }
                    skipSpace()
                    guard i < chars.count, chars[i] == ">" else { throw fail("Unexpected end of file has occurred.") }
                    i += 1
                    return
                }
                if peek("<!--") { flush(); node.append(try comment()); continue }
                if peek("<![CDATA[") {
                    flush()
                    i += 9
                    let start = i
                    while !peek("]]>") {
                        if atEnd { throw fail("Unexpected end of file while parsing CDATA has occurred.") }
                        i += 1
                    }
                    node.append(XmlNode(.cdata, name: "#cdata-section", value: String(chars[start..<i]), owner: document))
                    i += 3
                    continue
                }
                if peek("<?") { flush(); node.append(try processingInstruction()); continue }
                flush()
                node.append(try element())
                continue
            }
            if c == "&" { text += try entity(); continue }
            text.append(c == "\r\n" ? "\n" : c)
            i += 1
        }
    }
}

extension Character {
    var isXmlSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}

/// Writing a tree back as .NET does: OuterXml on one line, Save/ToString indented.
enum XmlWriter {
    static func escapeText(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    static func escapeAttribute(_ s: String) -> String {
        escapeText(s).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An element's start tag without its end: its attributes, then the declaration of its namespace
    /// when the output so far does not have it in scope (.NET's writer adds it, so a subtree's OuterXml
    /// names its namespace, and an element made without one under a default namespace gets `xmlns=""`).
    static func startTag(_ n: XmlNode, _ scope: inout [String: String]) -> String {
        var s = "<" + n.name
        for a in n.attributes {
            s += " \(a.name)=\"\(escapeAttribute(a.value))\""
            if a.name == "xmlns" { scope[""] = a.value } else if a.name.hasPrefix("xmlns:") { scope[String(a.name.dropFirst(6))] = a.value }
        }
        let prefix = n.prefix, uri = n.namespaceURI
        if prefix != "xml", (scope[prefix] ?? "") != uri {
            s += prefix.isEmpty ? " xmlns=\"\(escapeAttribute(uri))\"" : " xmlns:\(prefix)=\"\(escapeAttribute(uri))\""
            scope[prefix] = uri
        }
        return s
    }

    /// OuterXml: no whitespace added.
    static func outer(_ n: XmlNode) -> String { outer(n, scope: [:]) }

    static func outer(_ n: XmlNode, scope: [String: String]) -> String {
        switch n.kind {
        case .document: return n.children.map { outer($0, scope: scope) }.joined()
        case .element:
            var inner = scope
            let s = startTag(n, &inner)
            if n.children.isEmpty && n.isEmpty { return s + " />" }
            return s + ">" + n.children.map { outer($0, scope: inner) }.joined() + "</\(n.name)>"
        case .attribute: return "\(n.name)=\"\(escapeAttribute(n.value))\""
        case .text: return escapeText(n.value)
        case .cdata: return "<![CDATA[\(n.value)]]>"
        case .comment: return "<!--\(n.value)-->"
        case .processingInstruction: return "<?\(n.name)\(n.value.isEmpty ? "" : " " + n.value)?>"
        case .declaration: return "<?xml \(n.value)?>"
        case .documentType: return n.value
        }
    }

    static func inner(_ n: XmlNode) -> String {
        n.kind == .attribute ? escapeAttribute(n.value) : n.children.map(outer).joined()
    }

    /// XmlTextWriter with Formatting.Indented (what XmlDocument.Save writes when whitespace is not
    /// preserved): each node on its own line indented by two spaces per level, except inside an element
    /// once text has been written in it (mixed content stays on one line).
    static func indented(_ doc: XmlNode) -> String {
        var out = ""
        var started = false
        func newline(_ level: Int) {
            if started { out += "\n" + String(repeating: " ", count: 2 * level) }
            started = true
        }
        func write(_ n: XmlNode, level: Int, mixed: Bool, scope: [String: String]) {
            switch n.kind {
            case .element:
                if !mixed { newline(level) } else { started = true }
                var scope = scope
                out += startTag(n, &scope)
                if n.children.isEmpty && n.isEmpty { out += " />"; return }
                out += ">"
                var inner = mixed
                for c in n.children {
                    if c.kind == .text || c.kind == .cdata { inner = true }
                    write(c, level: level + 1, mixed: inner, scope: scope)
                }
                if !inner && !n.children.isEmpty { newline(level) }
                out += "</\(n.name)>"
            case .text:
                out += escapeText(n.value); started = true
            case .document:
                for c in n.children { write(c, level: 0, mixed: false, scope: scope) }
            default:
                if !mixed { newline(level) }
                out += outer(n)
            }
        }
        write(doc, level: 0, mixed: false, scope: [:])
        return out
    }
}
