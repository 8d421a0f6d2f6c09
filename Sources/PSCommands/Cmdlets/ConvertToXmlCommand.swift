import Foundation
import PSRuntime

/// ConvertTo-Xml: PowerShell's custom XML serialization of the input objects (`<Objects>` holding one
/// `<Object Type="...">` per object, its properties as `<Property Name="..." Type="...">`, a
/// dictionary as Key/Value pairs, a collection as its items), to -Depth levels (1 by default), as an
/// XmlDocument, one indented string, or a stream of strings (-As Document|String|Stream).
final class ConvertToXmlCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", position: 0, mandatory: true, valueFromPipeline: true)
    static let depth = Parameter<Int>("Depth")
    static let noTypeInformation = Parameter<SwitchParameter>("NoTypeInformation")
    static let asKind = Parameter<String>("As", validate: [.set(["Stream", "String", "Document"])])
    static let declaration = CmdletDeclaration(
        "ConvertTo-Xml", parameters: [inputObject, depth, noTypeInformation, asKind],
        outputTypes: ["System.Xml.XmlDocument", "System.String"], synopsis: "Creates an XML-based representation of an object.",
        description: "Serializes each input object into PowerShell's custom XML form: an Objects element holding an Object element per input, with its properties (to -Depth levels) as Property elements carrying Name and Type attributes unless -NoTypeInformation is given. -As chooses an XmlDocument (the default), one string, or a stream of strings.")

    private static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    private var objects: [String] = []
    private var startedStream = false

    private func mode(_ context: CmdletContext) -> String { (context[Self.asKind] ?? "Document").lowercased() }

    func process(_ context: CmdletContext) throws {
        guard let value = context[Self.inputObject] else { return }
        let given: Int = context[Self.depth] ?? 0
        let depth = given > 0 ? given : 1
        var serializer = Serializer(noTypes: context[Self.noTypeInformation])
        let text = serializer.object(value, property: nil, depth: depth)
        if mode(context) == "stream" {
            if !startedStream {
                startedStream = true
                try context.writeObject(.string(Self.xmlDeclaration))
                try context.writeObject(.string("<Objects>"))
            }
            let fragment = (try? XmlAccess.parse(text)).map(XmlAccess.indentedText) ?? text
            try context.writeObject(.string(fragment))
        } else {
            objects.append(text)
        }
    }

    func end(_ context: CmdletContext) throws {
        switch mode(context) {
        case "stream":
            if !startedStream { try context.writeObject(.string(Self.xmlDeclaration)); try context.writeObject(.string("<Objects>")) }
            try context.writeObject(.string("</Objects>"))
        default:
            let body = objects.isEmpty ? "<Objects />" : "<Objects>" + objects.joined() + "</Objects>"
            let document = try XmlAccess.parse(Self.xmlDeclaration + body)
            if mode(context) == "string" {
                try context.writeObject(.string(XmlAccess.indentedText(document)))
            } else {
                try context.writeObject(document)
            }
        }
    }

    /// CustomInternalSerializer's rules, writing XML text.
    struct Serializer {
        let noTypes: Bool
        var first = true

        init(noTypes: Bool) { self.noTypes = noTypes }

        private mutating func start(_ property: String?, type: String?) -> String {
            var s: String
            if let property {
                s = "<Property Name=\"\(XmlAccess.escape(property, attribute: true))\""
            } else if first {
                first = false
                s = "<Object"
            } else {
                s = "<Property"
            }
            if !noTypes, let type { s += " Type=\"\(XmlAccess.escape(type, attribute: true))\"" }
            return s
        }

        private func end(_ property: String?, _ openedObject: Bool) -> String { openedObject ? "</Object>" : "</Property>" }

        private static func isPrimitive(_ v: PSValue) -> Bool {
            switch v {
            case .string, .int, .long, .double, .single, .decimal, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .bool, .char,
                 .dateTime, .timeSpan, .guid, .version, .scriptBlock: return true
            case .object(let o): return o.baseValue.map(isPrimitive) ?? false
            default: return false
            }
        }

        /// One value as an element (an Object at the top, a Property inside).
        mutating func object(_ value: PSValue, property: String?, depth: Int) -> String {
            let isTop = property == nil && first
            if value.isNull {
                return start(property, type: nil) + " />"
            }
            let unwrapped = value.unwrapped
            if Self.isPrimitive(unwrapped) {
                let open = start(property, type: unwrapped.typeFullName)
                let text = PSConvert.toString(unwrapped)
                return text.isEmpty ? open + " />" : open + ">" + XmlAccess.escape(text, attribute: false) + end(property, isTop)
            }
            switch unwrapped {
            case .hashtable(let table):
                var s = start(property, type: unwrapped.typeFullName) + ">"
                for (k, v) in table.pairs {
                    s += object(k, property: "Key", depth: depth)
                    s += object(v, property: "Value", depth: depth)
                }
                return s + end(property, isTop)
            case .array(let array):
                var s = start(property, type: unwrapped.typeFullName) + ">"
                for item in array.elements { s += object(item, property: nil, depth: depth) }
                return s + end(property, isTop)
            default:
                break
            }
            // Out of depth, an object with notes is its string plus each note's value as a string
            // (CustomInternalSerializer's HandlePSObjectAsString / WritePrimitiveTypePSObjectWithNotes).
            if depth <= 0, case .object(let o) = unwrapped, o.baseValue == nil, o.isCustomObject, !o.properties.isEmpty {
                var s = start(property, type: unwrapped.typeFullName) + ">"
                s += object(.string(PSConvert.toString(unwrapped)), property: nil, depth: 0)
                for p in o.properties {
                    let v = (try? o.property(p.name)) ?? nil
                    let text: String
                    if case .array(let a)? = v?.unwrapped { text = a.typeFullName } else { text = PSConvert.toString(v ?? .null) }
                    s += "<Property Name=\"\(XmlAccess.escape(p.name, attribute: true))\""
                        + (noTypes ? "" : " Type=\"System.Management.Automation.PSNoteProperty\"")
                        + (text.isEmpty ? " />" : ">" + XmlAccess.escape(text, attribute: false) + "</Property>")
                }
                return s + end(property, isTop)
            }
            if depth <= 0 {
                let open = start(property, type: unwrapped.typeFullName)
                let text = PSConvert.toString(unwrapped)
                return text.isEmpty ? open + " />" : open + ">" + XmlAccess.escape(text, attribute: false) + end(property, isTop)
            }
            var s = start(property, type: unwrapped.typeFullName) + ">"
            for name in PropertyAccess.propertyNames(unwrapped) {
                let v = PropertyAccess.value(unwrapped, name) ?? .null
                if v.isNull {
                    s += "<Property Name=\"\(XmlAccess.escape(name, attribute: true))\"" + (noTypes ? "" : " Type=\"System.Object\"") + " />"
                } else {
                    s += object(v, property: name, depth: depth - 1)
                }
            }
            return s + end(property, isTop)
        }
    }
}
