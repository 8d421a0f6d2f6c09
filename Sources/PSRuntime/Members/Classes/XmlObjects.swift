import Foundation

/// `[xml]` as PowerShell adapts it (XmlNodeAdapter): a node's properties are its attributes and child
/// nodes by local name (several of one name make an array; a leaf or text-only element reads as its
/// text, so `$x.unattend.settings[0].component` walks the tree), setting one writes the node, and the
/// .NET members (OuterXml, InnerText, ChildNodes, SelectNodes, CreateElement, Save, ...) are reachable
/// but not shown by Format-Table/List. ToString is the node's local name.
enum XmlObjects {
    static let documentType = "System.Xml.XmlDocument"
    static let elementType = "System.Xml.XmlElement"
    static let namespaceManagerType = "System.Xml.XmlNamespaceManager"
    static let nodeTypeEnum = PSEnumType(fullName: "System.Xml.XmlNodeType", names: [
        "None", "Element", "Attribute", "Text", "CDATA", "EntityReference", "Entity", "ProcessingInstruction", "Comment",
        "Document", "DocumentType", "DocumentFragment", "Notation", "Whitespace", "SignificantWhitespace", "EndElement",
        "EndEntity", "XmlDeclaration"])

    static let typeNames: [(String, PSType)] = [
        ("xml", .named(documentType)), (documentType, .named(documentType)), (elementType, .named(elementType)),
        ("System.Xml.XmlNode", .named("System.Xml.XmlNode")), ("System.Xml.XmlAttribute", .named("System.Xml.XmlAttribute")),
        ("System.Xml.XmlNodeList", .named("System.Xml.XmlNodeList")), (namespaceManagerType, .named(namespaceManagerType)),
        ("System.Xml.XmlNodeType", .enumType(nodeTypeEnum)),
    ]

    private static func dotNetTypeNames(_ node: XmlNode) -> [String] {
        switch node.kind {
        case .document: return [documentType, "System.Xml.XmlNode", "System.Object"]
        case .element: return [elementType, "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        case .attribute: return ["System.Xml.XmlAttribute", "System.Xml.XmlNode", "System.Object"]
        case .text: return ["System.Xml.XmlText", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        case .cdata: return ["System.Xml.XmlCDataSection", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        case .comment: return ["System.Xml.XmlComment", "System.Xml.XmlCharacterData", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        case .processingInstruction: return ["System.Xml.XmlProcessingInstruction", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        case .declaration: return ["System.Xml.XmlDeclaration", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        case .documentType: return ["System.Xml.XmlDocumentType", "System.Xml.XmlLinkedNode", "System.Xml.XmlNode", "System.Object"]
        }
    }

    /// The node's type names; a node in a namespace first gets `Type#namespace#localName`, as PowerShell adds.
    static func psTypeNames(_ node: XmlNode) -> [String] {
        var names = dotNetTypeNames(node)
        let ns = node.namespaceURI
        if !ns.isEmpty { names.insert("\(names[0])#\(ns)#\(node.localName)", at: 0) }
        return names
    }

    // MARK: Wrapping

    static func wrap(_ node: XmlNode) -> PSValue {
        if let o = node.wrapper { return .object(o) }
        let o = PSObject(typeNames: psTypeNames(node), baseObject: node)
        node.wrapper = o
        rebuild(o, node)
        // Parents and owner documents are weak (a tree must not hold itself), so the object a script
        // holds keeps its whole tree alive, as .NET's node does: `$n = ([xml]$t).a.b; $n.ParentNode`.
        var top = node
        while let up = top.parent { top = up }
        let keptAlive: [XmlNode] = [top] + (node.ownerDocument.map { [$0] } ?? [])
        o.toStringHandler = { _ in withExtendedLifetime(keptAlive) { node.localName } }
        return .object(o)
    }

    static func wrapList(_ nodes: [XmlNode]) -> PSValue { .array(PSArray(nodes.map(wrap))) }

    /// After a change to a node's attributes or children: its adapted properties again.
    static func touched(_ node: XmlNode?) {
        guard let node, let o = node.wrapper else { return }
        o.typeNames = psTypeNames(node)
        rebuild(o, node)
    }

    /// PowerShell's GetNodeObject: text and attributes as strings, a leaf or text-only element as its text.
    static func nodeValue(_ node: XmlNode) -> PSValue {
        switch node.kind {
        case .text: return .string(node.value)
        case .attribute: return .string(node.value)
        default: break
        }
        if node.kind == .element, !node.attributes.isEmpty { return wrap(node) }
        if node.children.isEmpty { return .string(node.innerText) }
        if node.children.count == 1, node.children[0].kind == .text { return .string(node.innerText) }
        return wrap(node)
    }

    /// The attributes and child nodes (not whitespace) named `name`, attributes first.
    static func adaptedNodes(_ node: XmlNode, _ name: String) -> [XmlNode] {
        let key = name.lowercased()
        return node.attributes.filter { $0.localName.lowercased() == key } + node.children.filter { $0.localName.lowercased() == key }
    }

    private static func rebuild(_ o: PSObject, _ node: XmlNode) {
        o.removeAllMembers()
        var names: [String] = []
        var seen = Set<String>()
        for n in node.attributes + node.children where seen.insert(n.localName.lowercased()).inserted { names.append(n.localName) }
        for name in names {
            o.add(PSMember(name: name, kind: .computed(get: { _ in
                let found = adaptedNodes(node, name)
                if found.count == 1 { return nodeValue(found[0]) }
                return .array(PSArray(found.map(nodeValue)))
            }, set: { _, value in try setAdapted(node, name, value) })))
            o.setMemberType(name, "Property")
        }
        addMethods(o, node)
    }

    private static func setFailure(_ name: String) -> PSRuntimeError {
        PSRuntimeError.message("Exception setting \"\(name)\": \"Cannot set \"\(name)\" because only strings can be used as values to set XmlNode properties.\"",
                               errorId: "ExceptionWhenSetting", category: .notSpecified,
                               exceptionType: "System.Management.Automation.SetValueInvocationException")
    }

    /// PowerShell's PropertySet: the value as a string into the one node named; a node with attributes
    /// or element children cannot be set.
    static func setAdapted(_ node: XmlNode, _ name: String, _ value: PSValue) throws {
        let text = PSConvert.toString(value)
        let found = adaptedNodes(node, name)
        guard found.count == 1 else { throw setFailure(name) }
        let target = found[0]
        switch target.kind {
        case .text, .attribute: target.value = text
        default:
            if target.kind == .element, !target.attributes.isEmpty { throw setFailure(name) }
            if target.children.isEmpty || (target.children.count == 1 && target.children[0].kind == .text) {
                target.setInnerText(text)
                touched(target)
                return
            }
            throw setFailure(name)
        }
    }

    // MARK: .NET properties (not adapted, so formatting does not show them)

    static func property(_ node: XmlNode, _ lower: String) -> PSValue? {
        switch lower {
        case "name": return .string(node.name)
        case "localname": return .string(node.localName)
        case "prefix": return .string(node.prefix)
        case "namespaceuri": return .string(node.namespaceURI)
        case "nodetype": return .enumValue(PSEnumValue(type: nodeTypeEnum, rawValue: Int64(node.kind.rawValue)))
        case "value":
            switch node.kind {
            case .element, .document, .documentType: return .null
            default: return .string(node.value)
            }
        case "innertext": return .string(node.innerText)
        case "innerxml": return .string(XmlWriter.inner(node))
        case "outerxml": return .string(node.kind == .document ? XmlWriter.outer(node) : XmlWriter.outer(node))
        case "parentnode": return node.kind == .attribute ? .null : node.parent.map(wrap) ?? .null
        case "ownerelement": return node.kind == .attribute ? node.parent.map(wrap) ?? .null : .null
        case "childnodes": return wrapList(node.children)
        case "firstchild": return node.children.first.map(wrap) ?? .null
        case "lastchild": return node.children.last.map(wrap) ?? .null
        case "nextsibling":
            guard let k = node.siblingIndex, let p = node.parent, k + 1 < p.children.count else { return .null }
            return wrap(p.children[k + 1])
        case "previoussibling":
            guard let k = node.siblingIndex, k > 0, let p = node.parent else { return .null }
            return wrap(p.children[k - 1])
        case "attributes":
            guard node.kind == .element else { return .null }
            return wrapList(node.attributes)
        case "haschildnodes": return .bool(!node.children.isEmpty)
        case "hasattributes": return .bool(!node.attributes.isEmpty)
        case "ownerdocument": return node.kind == .document ? .null : node.ownerDocument.map(wrap) ?? .null
        case "documentelement": return node.kind == .document ? node.documentElement.map(wrap) ?? .null : nil
        case "isempty": return node.kind == .element ? .bool(node.children.isEmpty && node.isEmpty) : nil
        case "preservewhitespace": return node.kind == .document ? .bool(node.preserveWhitespace) : nil
        case "specified": return node.kind == .attribute ? .true : nil
        case "isreadonly": return .false
        case "basuri", "baseuri": return .string("")
        case "nametable":
            guard node.kind == .document else { return nil }
            return .object(PSObject(typeNames: ["System.Xml.NameTable", "System.Xml.XmlNameTable", "System.Object"]))
        case "version", "encoding", "standalone":
            guard node.kind == .declaration else { return nil }
            return .string(declarationPart(node.value, lower))
        case "data": return node.kind == .processingInstruction || node.kind == .comment || node.kind == .text || node.kind == .cdata ? .string(node.value) : nil
        case "target": return node.kind == .processingInstruction ? .string(node.name) : nil
        default: return nil
        }
    }

    private static func declarationPart(_ text: String, _ key: String) -> String {
        guard let r = text.range(of: key + "=\"") else { return "" }
        return String(text[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Assignment to a .NET property; false when the name is none of them.
    static func setProperty(_ node: XmlNode, _ lower: String, _ value: PSValue) throws -> Bool {
        switch lower {
        case "innertext":
            node.setInnerText(PSConvert.toString(value))
            touched(node)
        case "value":
            switch node.kind {
            case .element, .document:
                throw DotNetClasses.invalidOperation("Cannot set a value on node type '\(node.kind == .element ? "Element" : "Document")'.")
            default: node.value = PSConvert.toString(value)
            }
        case "innerxml":
            let fragment = try parseFragment(PSConvert.toString(value), owner: node.document ?? node)
            for c in node.children { c.parent = nil }
            node.children = []
            for c in fragment { node.append(c) }
            touched(node)
        case "preservewhitespace" where node.kind == .document:
            node.preserveWhitespace = PSConvert.toBool(value)
        default:
            return false
        }
        return true
    }

    /// InnerXml's text parsed as the children of a wrapper element.
    private static func parseFragment(_ text: String, owner: XmlNode) throws -> [XmlNode] {
        let doc: XmlNode
        do { doc = try XmlParser.parse("<x>\(text)</x>") } catch let e as XmlParseError {
            throw DotNetClasses.invalidOperation(e.message)
        }
        let children = doc.documentElement?.children ?? []
        for c in children { adopt(c, owner) }
        return children
    }

    private static func adopt(_ n: XmlNode, _ owner: XmlNode) {
        n.ownerDocument = owner
        for a in n.attributes { a.ownerDocument = owner }
        for c in n.children { adopt(c, owner) }
    }

    // MARK: Parsing and casting

    static func xmlException(_ message: String, method: String? = nil, count: Int = 1) -> PSRuntimeError {
        let inner = PSRuntimeError.message(message, errorId: "XmlException", category: .notSpecified, exceptionType: "System.Xml.XmlException")
        guard let method else { return inner }
        return DotNetErrors.methodInvocation(method, argumentCount: count, inner)
    }

    /// `[xml]$text` (and Get-Content's lines, joined by newlines).
    static func cast(_ value: PSValue) throws -> PSValue? {
        switch value.unwrapped {
        case .object(let o) where o.baseObject is XmlNode:
            return (o.baseObject as! XmlNode).kind == .document ? value : nil
        default: break
        }
        let text: String
        if let items = value.unwrapped.arrayElements { text = items.map { PSConvert.toString($0) }.joined(separator: "\n") } else { text = PSConvert.toString(value) }
        do {
            return wrap(try XmlParser.parse(text))
        } catch let e as XmlParseError {
            let shown = PSConvert.toString(value)
            throw PSRuntimeError.message("Cannot convert value \"\(shown)\" to type \"System.Xml.XmlDocument\". Error: \"\(e.message)\"",
                                         errorId: "InvalidCastToXmlDocument", category: .invalidArgument,
                                         exceptionType: "System.Management.Automation.PSInvalidCastException")
        }
    }

    static func construct(_ lower: String, _ args: [PSValue]) throws -> PSValue? {
        switch lower {
        case documentType.lowercased():
            return wrap(XmlNode(.document, name: "#document", owner: nil))
        case namespaceManagerType.lowercased():
            return .object(namespaceManager())
        default: return nil
        }
    }

    // MARK: XmlNamespaceManager

    final class NamespaceTable { var map: [String: String] = ["xml": "http://www.w3.org/XML/1998/namespace", "xmlns": "http://www.w3.org/2000/xmlns/"] }

    static func namespaceManager() -> PSObject {
        let table = NamespaceTable()
        let o = PSObject(typeNames: [namespaceManagerType, "System.Object"], baseObject: table)
        o.addProperty("DefaultNamespace") { _ in .string(table.map[""] ?? "") }
        o.addVoidMethod("AddNamespace") { _, args in
            guard args.count == 2 else { throw Members.argCount("AddNamespace", args.count) }
            table.map[PSConvert.toString(args[0])] = PSConvert.toString(args[1])
        }
        o.addVoidMethod("RemoveNamespace") { _, args in
            guard args.count == 2 else { throw Members.argCount("RemoveNamespace", args.count) }
            table.map[PSConvert.toString(args[0])] = nil
        }
        o.addMethod("LookupNamespace") { _, args in
            guard args.count == 1 else { throw Members.argCount("LookupNamespace", args.count) }
            return table.map[PSConvert.toString(args[0])].map { .string($0) } ?? .null
        }
        o.addMethod("HasNamespace") { _, args in
            guard args.count == 1 else { throw Members.argCount("HasNamespace", args.count) }
            return .bool(table.map[PSConvert.toString(args[0])] != nil)
        }
        return o
    }

    /// The prefix table of an XmlNamespaceManager argument (an empty one for none).
    static func namespaces(_ value: PSValue?) -> [String: String] {
        guard let value, case .object(let o) = value.unwrapped, let t = o.baseObject as? NamespaceTable else { return [:] }
        return t.map
    }

    // MARK: Methods

    static func xmlNode(_ value: PSValue) -> XmlNode? {
        guard case .object(let o) = value.unwrapped else { return nil }
        return o.baseObject as? XmlNode
    }

    private static func nodeArgument(_ method: String, _ args: [PSValue], _ k: Int, _ type: String = "System.Xml.XmlNode") throws -> XmlNode {
        guard let n = xmlNode(args[k]) else {
            if args[k].isNull { throw DotNetErrors.methodInvocation(method, argumentCount: args.count, DotNetErrors.argumentNull(parameter: k == 0 ? "newChild" : "refChild")) }
            throw DotNetClasses.argumentConversion(method: method, parameter: k == 0 ? "newChild" : "refChild", value: args[k], type: type)
        }
        return n
    }

    private static func invalid(_ method: String, _ count: Int, _ message: String) -> PSRuntimeError {
        DotNetErrors.methodInvocation(method, argumentCount: count, DotNetClasses.invalidOperation(message))
    }

    private static func argumentError(_ method: String, _ count: Int, _ message: String) -> PSRuntimeError {
        DotNetErrors.methodInvocation(method, argumentCount: count, DotNetErrors.argument(message))
    }

    /// Checks AppendChild/InsertBefore's rules: a node from another document, or an ancestor, cannot go in.
    private static func checkInsert(_ method: String, _ count: Int, _ parent: XmlNode, _ child: XmlNode) throws {
        if child.kind == .attribute || child.kind == .document || (parent.kind != .element && parent.kind != .document) {
            throw invalid(method, count, "The specified node cannot be inserted as the valid child of this node, because the specified node is the wrong type.")
        }
        if child.document !== (parent.document ?? parent) {
            throw argumentError(method, count, "The node to be inserted is from a different document context.")
        }
        var up: XmlNode? = parent
        while let u = up {
            if u === child { throw argumentError(method, count, "The new child element is an ancestor of the current node.") }
            up = u.parent
        }
        if parent.kind == .document, child.kind == .element, parent.documentElement != nil, parent.documentElement !== child {
            throw invalid(method, count, "This document already has a 'DocumentElement' node.")
        }
    }

    private static func childOf(_ method: String, _ count: Int, _ parent: XmlNode, _ ref: XmlNode) throws -> Int {
        guard ref.parent === parent, let k = ref.siblingIndex else {
            throw argumentError(method, count, "The reference node is not a child of this node.")
        }
        return k
    }

    private static func addMethods(_ o: PSObject, _ node: XmlNode) {
        func method(_ name: String, _ body: @escaping ([PSValue]) throws -> PSValue) {
            o.addMethod(name) { _, args in try body(args) }
        }
        method("AppendChild") { args in
            guard args.count == 1 else { throw Members.argCount("AppendChild", args.count) }
            let child = try nodeArgument("AppendChild", args, 0)
            try checkInsert("AppendChild", 1, node, child)
            let old = child.parent
            node.append(child)
            touched(old); touched(node)
            return wrap(child)
        }
        method("PrependChild") { args in
            guard args.count == 1 else { throw Members.argCount("PrependChild", args.count) }
            let child = try nodeArgument("PrependChild", args, 0)
            try checkInsert("PrependChild", 1, node, child)
            let old = child.parent
            node.insert(child, at: 0)
            touched(old); touched(node)
            return wrap(child)
        }
        for (name, after) in [("InsertBefore", false), ("InsertAfter", true)] {
            method(name) { args in
                guard args.count == 2 else { throw Members.argCount(name, args.count) }
                let child = try nodeArgument(name, args, 0)
                try checkInsert(name, 2, node, child)
                let old = child.parent
                if args[1].isNull {
                    if after { node.insert(child, at: 0) } else { node.append(child) }
                } else {
                    let ref = try nodeArgument(name, args, 1)
                    if ref === child { return wrap(child) }
                    _ = try childOf(name, 2, node, ref)
                    child.parent?.remove(child)
                    let k = try childOf(name, 2, node, ref)
                    node.insert(child, at: after ? k + 1 : k)
                }
                touched(old); touched(node)
                return wrap(child)
            }
        }
        method("RemoveChild") { args in
            guard args.count == 1 else { throw Members.argCount("RemoveChild", args.count) }
            let child = try nodeArgument("RemoveChild", args, 0)
            guard child.parent === node, child.kind != .attribute else {
                throw argumentError("RemoveChild", 1, "The node to be removed is not a child of this node.")
            }
            node.remove(child)
            touched(node)
            return wrap(child)
        }
        method("ReplaceChild") { args in
            guard args.count == 2 else { throw Members.argCount("ReplaceChild", args.count) }
            let new = try nodeArgument("ReplaceChild", args, 0), old = try nodeArgument("ReplaceChild", args, 1)
            guard old.parent === node else { throw argumentError("ReplaceChild", 2, "The node to be removed is not a child of this node.") }
            let previous = new.parent
            new.parent?.remove(new)
            let k = try childOf("ReplaceChild", 2, node, old)
            node.remove(old)
            node.insert(new, at: k)
            touched(previous); touched(node)
            return wrap(old)
        }
        o.addVoidMethod("RemoveAll") { _, args in
            guard args.isEmpty else { throw Members.argCount("RemoveAll", args.count) }
            for c in node.children { c.parent = nil }
            node.children = []
            for a in node.attributes { a.parent = nil }
            node.attributes = []
            touched(node)
        }
        method("CloneNode") { args in
            guard args.count == 1 else { throw Members.argCount("CloneNode", args.count) }
            return wrap(node.clone(deep: PSConvert.toBool(args[0])))
        }
        method("Clone") { args in
            guard args.isEmpty else { throw Members.argCount("Clone", args.count) }
            return wrap(node.clone(deep: true))
        }
        method("SelectNodes") { args in
            guard args.count == 1 || args.count == 2 else { throw Members.argCount("SelectNodes", args.count) }
            return wrapList(try select("SelectNodes", args, from: node))
        }
        method("SelectSingleNode") { args in
            guard args.count == 1 || args.count == 2 else { throw Members.argCount("SelectSingleNode", args.count) }
            return try select("SelectSingleNode", args, from: node).first.map(wrap) ?? .null
        }
        method("GetElementsByTagName") { args in
            guard args.count == 1 else { throw Members.argCount("GetElementsByTagName", args.count) }
            let wanted = PSConvert.toString(args[0])
            return wrapList(node.descendants.filter { $0.kind == .element && (wanted == "*" || $0.name == wanted) })
        }
        // The indexer (`$xml['doc']`, `$node['child', 'urn:ns']`): the first child element of that
        // name, or of that local name and namespace.
        method("get_Item") { given in
            // `$node['q', 'urn:x']` hands the indexer both arguments as one array.
            var args = given
            if given.count == 1, case .array(let pair) = given[0], pair.count == 2 { args = pair.elements }
            guard args.count == 1 || args.count == 2 else { throw Members.argCount("get_Item", args.count) }
            let wanted = PSConvert.toString(args[0])
            let namespace = args.count == 2 ? PSConvert.toString(args[1]) : nil
            let found = node.children.first { child in
                guard child.kind == .element else { return false }
                if let namespace { return child.localName == wanted && child.namespaceURI == namespace }
                return child.name == wanted
            }
            return found.map(wrap) ?? .null
        }
        // An accessor method, which Get-Member lists only with -Force.
        o.setHidden("get_Item")
        o.addVoidMethod("Normalize") { _, _ in }
        if node.kind == .element {
            method("GetAttribute") { args in
                guard args.count == 1 else { throw Members.argCount("GetAttribute", args.count) }
                return .string(node.attribute(PSConvert.toString(args[0]))?.value ?? "")
            }
            method("HasAttribute") { args in
                guard args.count == 1 else { throw Members.argCount("HasAttribute", args.count) }
                return .bool(node.attribute(PSConvert.toString(args[0])) != nil)
            }
            method("GetAttributeNode") { args in
                guard args.count == 1 else { throw Members.argCount("GetAttributeNode", args.count) }
                return node.attribute(PSConvert.toString(args[0])).map(wrap) ?? .null
            }
            o.addVoidMethod("SetAttribute") { _, args in
                guard args.count == 2 else { throw Members.argCount("SetAttribute", args.count) }
                node.setAttribute(PSConvert.toString(args[0]), PSConvert.toString(args[1]))
                touched(node)
            }
            method("SetAttributeNode") { args in
                guard args.count == 1, let a = xmlNode(args[0]), a.kind == .attribute else { throw Members.argCount("SetAttributeNode", args.count) }
                let previous = node.attribute(a.name)
                if let previous { node.remove(previous) }
                a.parent = node
                node.attributes.append(a)
                touched(node)
                return previous.map(wrap) ?? .null
            }
            o.addVoidMethod("RemoveAttribute") { _, args in
                guard args.count == 1 else { throw Members.argCount("RemoveAttribute", args.count) }
                if let a = node.attribute(PSConvert.toString(args[0])) { node.remove(a) }
                touched(node)
            }
            o.addVoidMethod("RemoveAllAttributes") { _, _ in
                node.attributes = []
                touched(node)
            }
        }
        if node.kind == .document { addDocumentMethods(o, node) }
    }

    private static func select(_ method: String, _ args: [PSValue], from node: XmlNode) throws -> [XmlNode] {
        let expression = PSConvert.toString(args[0])
        do {
            return try XmlPath.select(expression, from: node, namespaces: namespaces(args.count > 1 ? args[1] : nil))
        } catch let f as XmlPath.Failure {
            throw DotNetErrors.methodInvocation(method, argumentCount: args.count,
                PSRuntimeError.message(f.message, errorId: "XPathException", category: .notSpecified, exceptionType: "System.Xml.XPath.XPathException"))
        }
    }

    private static func addDocumentMethods(_ o: PSObject, _ doc: XmlNode) {
        func make(_ name: String, _ counts: ClosedRange<Int>, _ body: @escaping ([String]) throws -> XmlNode) {
            o.addMethod(name) { _, args in
                guard counts.contains(args.count) else { throw Members.argCount(name, args.count) }
                return wrap(try body(args.map { PSConvert.toString($0) }))
            }
        }
        func checkName(_ method: String, _ count: Int, _ n: String) throws {
            guard let first = n.first, first.isLetter || first == "_",
                  n.allSatisfy({ $0.isLetter || $0.isNumber || "_-.:".contains($0) }) else {
                if n.isEmpty { throw argumentError(method, count, "The local name for elements or attributes cannot be null or an empty string.") }
                let bad = n.first { !($0.isLetter || $0.isNumber || "_-.:".contains($0)) } ?? n.first!
                let code = String(bad.unicodeScalars.first!.value, radix: 16, uppercase: true)
                throw DotNetErrors.methodInvocation(method, argumentCount: count, xmlException(
                    n.first!.isLetter || n.first! == "_" ? "The '\(bad)' character, hexadecimal value 0x\(code), cannot be included in a name."
                        : "Name cannot begin with the '\(n.first!)' character, hexadecimal value 0x\(String(n.first!.unicodeScalars.first!.value, radix: 16, uppercase: true))."))
            }
        }
        make("CreateElement", 1...3) { a in
            let qualified = a.count == 3 ? (a[0].isEmpty ? a[1] : a[0] + ":" + a[1]) : a[0]
            try checkName("CreateElement", a.count, qualified)
            let e = XmlNode(.element, name: qualified, owner: doc)
            e.isEmpty = true
            // The namespace is the element's own (CreateElement(name) has none); the writer declares it.
            e.storedNamespace = a.count == 1 ? "" : a[a.count - 1]
            return e
        }
        make("CreateAttribute", 1...3) { a in
            let qualified = a.count == 3 ? (a[0].isEmpty ? a[1] : a[0] + ":" + a[1]) : a[0]
            try checkName("CreateAttribute", a.count, qualified)
            return XmlNode(.attribute, name: qualified, owner: doc)
        }
        // CreateNode(type, name, namespaceURI) and (type, prefix, name, namespaceURI): the type as an
        // XmlNodeType name or number, or the node type strings .NET takes ("element", "cdatasection").
        make("CreateNode", 3...4) { a in
            let name = a.count == 4 ? (a[1].isEmpty ? a[2] : a[1] + ":" + a[2]) : a[1]
            switch a[0].lowercased() {
            case "element", "1":
                try checkName("CreateNode", a.count, name)
                let e = XmlNode(.element, name: name, owner: doc)
                e.isEmpty = true
                e.storedNamespace = a[a.count - 1]
                return e
            case "attribute", "2":
                try checkName("CreateNode", a.count, name)
                return XmlNode(.attribute, name: name, owner: doc)
            case "text", "3": return XmlNode(.text, name: "#text", value: "", owner: doc)
            case "cdatasection", "4": return XmlNode(.cdata, name: "#cdata-section", value: "", owner: doc)
            case "comment", "8": return XmlNode(.comment, name: "#comment", value: "", owner: doc)
            default:
                throw argumentError("CreateNode", a.count, "'\(a[0])' does not represent any 'XmlNodeType'. (Parameter 'nodeTypeString')")
            }
        }
        make("CreateTextNode", 1...1) { a in XmlNode(.text, name: "#text", value: a[0], owner: doc) }
        make("CreateComment", 1...1) { a in XmlNode(.comment, name: "#comment", value: a[0], owner: doc) }
        make("CreateCDataSection", 1...1) { a in XmlNode(.cdata, name: "#cdata-section", value: a[0], owner: doc) }
        make("CreateProcessingInstruction", 2...2) { a in XmlNode(.processingInstruction, name: a[0], value: a[1], owner: doc) }
        make("CreateXmlDeclaration", 3...3) { a in
            var parts = ["version=\"\(a[0])\""]
            if !a[1].isEmpty { parts.append("encoding=\"\(a[1])\"") }
            if !a[2].isEmpty { parts.append("standalone=\"\(a[2])\"") }
            return XmlNode(.declaration, name: "xml", value: parts.joined(separator: " "), owner: doc)
        }
        o.addMethod("ImportNode") { _, args in
            guard args.count == 2, let n = xmlNode(args[0]) else { throw Members.argCount("ImportNode", args.count) }
            let copy = n.clone(deep: PSConvert.toBool(args[1]))
            adopt(copy, doc)
            return wrap(copy)
        }
        o.addVoidMethod("LoadXml") { _, args in
            guard args.count == 1 else { throw Members.argCount("LoadXml", args.count) }
            do { try XmlParser.fill(doc, from: PSConvert.toString(args[0])) } catch let e as XmlParseError {
                throw xmlException(e.message, method: "LoadXml")
            }
            touched(doc)
        }
        o.addMethod("GetElementById") { _, _ in .null }
        // Listed for Get-Member; Members.invoke runs them with the session (XmlObjects.fileMethod).
        o.addVoidMethod("Load") { _, _ in }
        o.addVoidMethod("Save") { _, _ in }
    }

    /// Load and Save reach files through the session (its current location, its sandbox rule), so
    /// Members.invoke calls them here rather than through the object's members.
    static func fileMethod(_ doc: XmlNode, _ lower: String, _ args: [PSValue], session: ShellSession) throws {
        let method = lower == "save" ? "Save" : "Load"
        guard args.count == 1 else { throw Members.argCount(method, args.count) }
        try session.requireHostAccess("Using System.Xml.XmlDocument.\(method)")
        let path = session.resolvePath(PSConvert.toString(args[0]))
        if lower == "load" {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DotNetErrors.methodInvocation("Load", argumentCount: 1, PSRuntimeError.message(
                    "Could not find file '\(path)'.", errorId: "FileNotFoundException", category: .notSpecified,
                    exceptionType: "System.IO.FileNotFoundException"))
            }
            do { try XmlParser.fill(doc, from: String(decoding: data, as: UTF8.self)) } catch let e as XmlParseError {
                throw xmlException(e.message, method: "Load")
            }
            touched(doc)
            return
        }
        var text = doc.preserveWhitespace ? XmlWriter.outer(doc) : XmlWriter.indented(doc)
        // A declared UTF-8 encoding is written with .NET's UTF-8 preamble.
        if let decl = doc.children.first(where: { $0.kind == .declaration }),
           declarationPart(decl.value, "encoding").lowercased() == "utf-8" { text = "\u{FEFF}" + text }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw DotNetErrors.methodInvocation("Save", argumentCount: 1, PSRuntimeError.message(
                "Could not find a part of the path '\(path)'.", errorId: "DirectoryNotFoundException", category: .notSpecified,
                exceptionType: "System.IO.DirectoryNotFoundException"))
        }
    }
}

/// What cmdlets outside the runtime (Select-Xml) need of `[xml]`: parsing text to a document, XPath
/// over a node, and a node's text as SelectXmlInfo shows it.
public enum XmlAccess {
    public struct ParseFailure: Error { public let message: String }

    /// A document from text; the XmlException's message on failure.
    public static func parse(_ text: String) throws -> PSValue {
        do { return XmlObjects.wrap(try XmlParser.parse(text)) } catch let e as XmlParseError { throw ParseFailure(message: e.message) }
    }

    /// Whether the value is an XmlNode (an `[xml]` document or one of its nodes).
    public static func isNode(_ value: PSValue) -> Bool { XmlObjects.xmlNode(value) != nil }

    /// The nodes `xpath` selects from `value`, each wrapped; XPath's message on failure.
    public static func select(_ xpath: String, from value: PSValue, namespaces: [String: String]) throws -> [PSValue] {
        guard let node = XmlObjects.xmlNode(value) else { return [] }
        do { return try XmlPath.select(xpath, from: node, namespaces: namespaces).map(XmlObjects.wrap) }
        catch let f as XmlPath.Failure { throw ParseFailure(message: f.message) }
    }

    /// The node's Value, or else its InnerXml, trimmed (SelectXmlInfo.ToString).
    public static func displayText(_ value: PSValue) -> String {
        guard let node = XmlObjects.xmlNode(value) else { return "" }
        switch node.kind {
        case .element, .document: return XmlWriter.inner(node).trimmingCharacters(in: .whitespacesAndNewlines)
        default: return node.value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

extension XmlAccess {
    /// A document's text as XmlWriter with Indent writes it (two spaces, mixed content on one line).
    public static func indentedText(_ value: PSValue) -> String {
        guard let node = XmlObjects.xmlNode(value) else { return "" }
        return XmlWriter.indented(node)
    }

    /// Text escaped for an XML element's content or an attribute value.
    public static func escape(_ text: String, attribute: Bool) -> String {
        attribute ? XmlWriter.escapeAttribute(text) : XmlWriter.escapeText(text)
    }
}

/// An element as plain data, for readers of XML formats outside `[xml]` (Import-Clixml).
public struct XmlElementData {
    public let localName: String
    public let attributes: [String: String]
    public let children: [XmlElementData]
    /// The element's own text (its text and CDATA children joined).
    public let text: String
}

extension XmlAccess {
    /// The document element of `text` as plain data; XmlException's message on failure.
    public static func documentElement(_ text: String) throws -> XmlElementData {
        let doc: XmlNode
        do { doc = try XmlParser.parse(text, preserveWhitespace: true) } catch let e as XmlParseError { throw ParseFailure(message: e.message) }
        guard let root = doc.children.first(where: { $0.kind == .element }) else { throw ParseFailure(message: "Root element is missing.") }
        return data(root)
    }

    private static func data(_ node: XmlNode) -> XmlElementData {
        var attributes: [String: String] = [:]
        for a in node.attributes { attributes[a.localName] = a.value }
        let text = node.children.filter { $0.kind == .text || $0.kind == .cdata }.map(\.value).joined()
        return XmlElementData(localName: node.localName, attributes: attributes,
                              children: node.children.filter { $0.kind == .element }.map(data), text: text)
    }
}
