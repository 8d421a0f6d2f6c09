// Reads a types.ps1xml file (PowerShell's type data schema) into TypeDataTable entries: each <Type>'s
// <Name> and the <Members> it gives (NoteProperty, AliasProperty, ScriptProperty, ScriptMethod) plus
// the PSStandardMembers MemberSet (DefaultDisplayPropertySet, DefaultDisplayProperty, SerializationDepth
// ...). A <Type> with an error is left out and the error is collected, worded as PowerShell's
// TypesXmlStrings, so Update-TypeData can report each as a TypesXmlUpdateException and load the rest.

import Foundation

public struct TypesXmlType {
    public var typeName: String
    public var members: [TypeDataTable.Member] = []
    public var standardMembers: [(name: String, value: PSValue)] = []
}

public final class TypesXmlLoader {
    public let path: String
    private let makeScript: (String) throws -> PSScriptBlock
    private let resolveType: (String) -> PSType?
    public private(set) var errors: [String] = []
    private var currentType = ""

    public init(path: String, makeScript: @escaping (String) throws -> PSScriptBlock, resolveType: @escaping (String) -> PSType?) {
        self.path = path
        self.makeScript = makeScript
        self.resolveType = resolveType
    }

    /// The types of the file's text; `errors` holds what was wrong (the types with errors are left out).
    public func load(_ source: String) -> [TypesXmlType] {
        let doc: XmlNode
        do {
            doc = try XmlParser.parse(source)
        } catch let e as XmlParseError {
            errors.append("\(path), \(path) : \(e.message)")
            return []
        } catch {
            errors.append("\(path), \(path) : \(error)")
            return []
        }
        guard let root = doc.documentElement, root.localName == "Types" else {
            errors.append("\(path), \(path) : Error: Node \"Types\" was not found. It should occur only once under \"\".")
            return []
        }
        var out: [TypesXmlType] = []
        for t in elements(root) {
            guard t.name == "Type" else {
                errors.append("\(path), \(path) : Error: The node \(t.name) is not allowed. The following nodes are allowed: Type.")
                continue
            }
            if let loaded = type(t) { out.append(loaded) }
        }
        return out
    }

    private func type(_ t: XmlNode) -> TypesXmlType? {
        let names = elements(t).filter { $0.name == "Name" }
        guard names.count == 1 else {
            error("Node \"Name\" was not found. It should occur only once under \"Type\". The parent node, \"Type\", will be ignored.")
            return nil
        }
        currentType = text(names[0])
        var result = TypesXmlType(typeName: currentType)
        var ok = true
        for n in elements(t) {
            switch n.name {
            case "Name": continue
            case "Members":
                ok = members(n, into: &result) && ok
            case "TypeConverter", "TypeAdapter":
                if let tn = childText(n, "TypeName") { result.standardMembers.append((n.name, .string(tn))) }
            default:
                typeError("The node \(n.name) is not allowed. The following nodes are allowed: Name, Members, TypeConverter, TypeAdapter.")
                ok = false
            }
        }
        return ok ? result : nil
    }

    private static let memberNodes = "NoteProperty, AliasProperty, ScriptProperty, CodeProperty, ScriptMethod, CodeMethod, PropertySet, MemberSet"

    private func members(_ list: XmlNode, into result: inout TypesXmlType) -> Bool {
        var ok = true
        for m in elements(list) {
            guard let name = childText(m, "Name"), !name.isEmpty else {
                typeError("Node \"Name\" was not found. It should occur only once under \"\(m.name)\". The parent node, \"\(m.name)\", will be ignored.")
                ok = false
                continue
            }
            if result.members.contains(where: { $0.name.caseInsensitiveKey == name.caseInsensitiveKey }) {
                typeError("The member \(name) is already present.")
                ok = false
                continue
            }
            switch m.name {
            case "NoteProperty":
                result.members.append(.init(name: name, kind: .note(.string(childText(m, "Value") ?? ""))))
            case "AliasProperty":
                guard let target = childText(m, "ReferencedMemberName") else {
                    missing("ReferencedMemberName", under: "AliasProperty"); ok = false; continue
                }
                var type: PSType?
                if let tn = childText(m, "TypeName") {
                    guard let t = resolveType(tn) else { typeError("Exception: Unable to find type [\(tn)]."); ok = false; continue }
                    type = t
                }
                result.members.append(.init(name: name, kind: .alias(target: target, type: type)))
            case "ScriptProperty":
                let get = script(childText(m, "GetScriptBlock"))
                let set = script(childText(m, "SetScriptBlock"))
                guard get != nil || set != nil else {
                    typeError("The ScriptProperty should have a getter or setter."); ok = false; continue
                }
                result.members.append(.init(name: name, kind: .scriptProperty(get: get, set: set)))
            case "ScriptMethod":
                guard let body = script(childText(m, "Script")) else { missing("Script", under: "ScriptMethod"); ok = false; continue }
                result.members.append(.init(name: name, kind: .scriptMethod(body)))
            case "MemberSet" where name == "PSStandardMembers":
                guard let inner = child(m, "Members") else { missing("Members", under: "MemberSet"); ok = false; continue }
                ok = standardMembers(inner, into: &result) && ok
            case "PropertySet", "MemberSet", "CodeProperty", "CodeMethod":
                // hvsh's type table keeps no property sets, member sets or .NET code members outside PSStandardMembers.
                continue
            default:
                typeError("The node \(m.name) is not allowed. The following nodes are allowed: \(Self.memberNodes).")
                ok = false
            }
        }
        return ok
    }

    private func standardMembers(_ list: XmlNode, into result: inout TypesXmlType) -> Bool {
        for m in elements(list) {
            guard let name = childText(m, "Name") else { continue }
            switch (m.name, name) {
            case ("PropertySet", "DefaultDisplayPropertySet"), ("PropertySet", "DefaultKeyPropertySet"), ("PropertySet", "PropertySerializationSet"):
                let refs = child(m, "ReferencedProperties").map { elements($0).filter { $0.name == "Name" }.map(text) } ?? []
                result.standardMembers.append((name, .list(refs.map { .string($0) })))
            case ("NoteProperty", "SerializationDepth"):
                let v = childText(m, "Value") ?? ""
                guard let depth = Int32(v) else { typeError("Cannot convert note \"\(name)\":\"\(v)\"."); return false }
                result.standardMembers.append((name, .int(depth)))
            case ("NoteProperty", "InheritPropertySerializationSet"):
                let v = (childText(m, "Value") ?? "").lowercased()
                guard v == "true" || v == "false" else { typeError("Cannot convert note \"\(name)\":\"\(v)\"."); return false }
                result.standardMembers.append((name, .bool(v == "true")))
            case ("NoteProperty", "SerializationMethod"):
                result.standardMembers.append((name, .string(TypeDataTable.serializationMethod(childText(m, "Value") ?? ""))))
            case ("NoteProperty", _), ("AliasProperty", _):
                let v = m.name == "AliasProperty" ? childText(m, "ReferencedMemberName") : childText(m, "Value")
                result.standardMembers.append((name, .string(v ?? "")))
            default:
                typeError("\"\(name)\" is not a standard member and will be ignored.")
            }
        }
        return true
    }

    private func script(_ text: String?) -> PSScriptBlock? {
        guard let text, !text.isEmpty else { return nil }
        do { return try makeScript(text) } catch {
            typeError("Exception: \(error)")
            return nil
        }
    }

    private func missing(_ node: String, under parent: String) {
        typeError("Node \"\(node)\" was not found. It should occur only once under \"\(parent)\". The parent node, \"\(parent)\", will be ignored.")
    }

    /// PowerShell's FileLineTypeError without the line (hvsh's XML tree keeps no line numbers).
    private func typeError(_ message: String) { errors.append("\(path), \(path) : Error in type \"\(currentType)\": \(message)") }
    private func error(_ message: String) { errors.append("\(path), \(path) : Error: \(message)") }

    private func elements(_ n: XmlNode) -> [XmlNode] { n.children.filter { $0.kind == .element } }
    private func child(_ n: XmlNode, _ name: String) -> XmlNode? { n.children.first { $0.kind == .element && $0.name == name } }
    private func text(_ n: XmlNode) -> String { n.innerText.trimmingCharacters(in: .whitespacesAndNewlines) }
    private func childText(_ n: XmlNode, _ name: String) -> String? { child(n, name).map(text) }
}
