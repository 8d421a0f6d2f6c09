import Foundation
import PSRuntime

/// PowerShell's CLIXML (System.Management.Automation.Serializer, as Export-Clixml and ConvertTo-CliXml
/// write it with XmlWriter's two-space indentation): `<Objs Version="1.1.0.1" xmlns=...>` around one
/// element per object. Known primitive types are `<S>`, `<I32>`, `<B>`, `<DT>`, `<Db>`, ... ; other
/// objects are `<Obj RefId>` with their type names (`<TN>`, later `<TNRef>`), a dictionary's `<DCT>` of
/// `<En>` Key/Value pairs or a list's `<LST>` (containers always written, not counted against -Depth),
/// a PSCustomObject's notes in `<MS>`, another object's `<ToString>` and properties in `<Props>` down to
/// -Depth levels (deeper, only its `<ToString>`). An object met again is a `<Ref RefId>`.
struct CliXmlWriter {
    private var lines: [String] = []
    private var nextRefId = 0
    private var refIds: [ObjectIdentifier: Int] = [:]
    private var typeNameIds: [[String]: Int] = [:]

    static let namespace = "http://schemas.microsoft.com/powershell/2004/04"

    static func document(_ objects: [PSValue], depth: Int) -> String {
        var w = CliXmlWriter()
        w.lines.append("<Objs Version=\"1.1.0.1\" xmlns=\"\(namespace)\">")
        for o in objects { w.write(o, name: nil, depth: depth, indent: 1) }
        w.lines.append("</Objs>")
        return w.lines.joined(separator: "\n")
    }

    /// The serializer's string encoding: control characters, surrogates and `_x` become `_xHHHH_`.
    static func encode(_ s: String) -> String {
        let units = Array(s.utf16)
        var out = ""
        for (i, u) in units.enumerated() {
            if u <= 0x1F || (u >= 0x7F && u <= 0x9F) || (u >= 0xD800 && u <= 0xDFFF)
                || (u == 0x5F && i + 1 < units.count && (units[i + 1] == 0x78 || units[i + 1] == 0x58)) {
                out += "_x" + String(format: "%04X", Int(u)) + "_"
            } else {
                out += String(utf16CodeUnits: [u], count: 1)
            }
        }
        return out
    }

    /// A string as element content: encoded, then XML-escaped.
    static func text(_ s: String) -> String { XmlAccess.escape(encode(s), attribute: false) }

    private func pad(_ indent: Int) -> String { String(repeating: "  ", count: indent) }

    private func nameAttribute(_ name: String?) -> String {
        name.map { " N=\"\(XmlAccess.escape(CliXmlWriter.encode($0), attribute: true))\"" } ?? ""
    }

    private mutating func element(_ tag: String, _ text: String, name: String?, indent: Int) {
        lines.append(pad(indent) + "<\(tag)\(nameAttribute(name))>\(text)</\(tag)>")
    }

    /// The tag and text of a value of one of the serializer's known primitive types.
    static func primitive(_ v: PSValue) -> (String, String)? {
        switch v {
        case .string(let s): return ("S", text(s))
        case .int(let n): return ("I32", String(n))
        case .long(let n): return ("I64", String(n))
        case .bool(let b), .switchValue(let b): return ("B", b ? "true" : "false")
        case .double(let d): return ("Db", xmlDouble(d))
        case .single(let f): return ("Sg", xmlDouble(Double(f)))
        case .decimal: return ("D", PSConvert.toString(v))
        case .byte(let n): return ("By", String(n))
        case .sbyte(let n): return ("SB", String(n))
        case .int16(let n): return ("I16", String(n))
        case .uint16(let n): return ("U16", String(n))
        case .uint32(let n): return ("U32", String(n))
        case .uint64(let n): return ("U64", String(n))
        case .char(let c): return ("C", String(c))
        case .guid(let g): return ("G", g.uuidString.lowercased())
        case .dateTime(let d): return ("DT", CliXmlDates.format(d))
        case .version: return ("Version", PSConvert.toString(v))
        case .scriptBlock: return ("SBK", text(PSConvert.toString(v)))
        default: return nil
        }
    }

    /// XmlConvert.ToString(Double): round-trip digits, INF, -INF, NaN.
    private static func xmlDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "INF" : "-INF" }
        return PSConvert.toString(.double(d)).replacingOccurrences(of: ",", with: ".")
    }

    private mutating func typeNames(_ names: [String], indent: Int) {
        if let id = typeNameIds[names] {
            lines.append(pad(indent) + "<TNRef RefId=\"\(id)\" />")
            return
        }
        let id = typeNameIds.count
        typeNameIds[names] = id
        lines.append(pad(indent) + "<TN RefId=\"\(id)\">")
        for n in names { lines.append(pad(indent + 1) + "<T>\(CliXmlWriter.text(n))</T>") }
        lines.append(pad(indent) + "</TN>")
    }

    /// A reference id for a container or object, or the id it already has (then a `<Ref>` is written).
    private mutating func refId(_ identity: ObjectIdentifier?) -> (Int, Bool) {
        if let identity, let id = refIds[identity] { return (id, true) }
        let id = nextRefId
        nextRefId += 1
        if let identity { refIds[identity] = id }
        return (id, false)
    }

    mutating func write(_ value: PSValue, name: String?, depth: Int, indent: Int) {
        if value.isNull {
            lines.append(pad(indent) + "<Nil\(nameAttribute(name)) />")
            return
        }
        if let plain = SecureStrings.plain(value) {
            // PowerShell encrypts with DPAPI (Windows only); hvsh keeps the UTF-16 bytes in hex, so the
            // file is as secret as the plain text and only hvsh reads it back.
            let hex = plain.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }.map { String(format: "%02x", $0) }.joined()
            element("SS", hex, name: name, indent: indent)
            return
        }
        var v = value
        if case .object(let o) = value, let base = o.baseValue, !o.isCustomObject {
            if case .array = base {} else if CliXmlWriter.primitive(base) != nil, o.members.isEmpty {
                v = base
            }
        }
        if let (tag, text) = CliXmlWriter.primitive(v) {
            element(tag, text, name: name, indent: indent)
            return
        }
        let identity: ObjectIdentifier?
        switch v {
        case .hashtable(let h): identity = ObjectIdentifier(h)
        case .array(let a): identity = ObjectIdentifier(a)
        case .object(let o): identity = ObjectIdentifier(o)
        default: identity = nil
        }
        let (id, seen) = refId(identity)
        if seen {
            lines.append(pad(indent) + "<Ref\(nameAttribute(name)) RefId=\"\(id)\" />")
            return
        }
        lines.append(pad(indent) + "<Obj\(nameAttribute(name)) RefId=\"\(id)\">")
        let inner = indent + 1
        switch v {
        case .hashtable(let h):
            typeNames(v.typeNames, indent: inner)
            lines.append(pad(inner) + "<DCT>")
            for (key, item) in h.pairs {
                lines.append(pad(inner + 1) + "<En>")
                write(key, name: "Key", depth: depth, indent: inner + 2)
                write(item, name: "Value", depth: depth, indent: inner + 2)
                lines.append(pad(inner + 1) + "</En>")
            }
            lines.append(pad(inner) + "</DCT>")
        case .array(let a):
            typeNames(v.typeNames, indent: inner)
            let tag: String
            switch a.kind {
            case .queue: tag = "QUE"
            case .stack: tag = "STK"
            default: tag = "LST"
            }
            if a.elements.isEmpty {
                lines.append(pad(inner) + "<\(tag) />")
            } else {
                lines.append(pad(inner) + "<\(tag)>")
                for item in a.elements { write(item, name: nil, depth: depth, indent: inner + 1) }
                lines.append(pad(inner) + "</\(tag)>")
            }
        case .object(let o) where depth > 0 && o.isCustomObject:
            typeNames(o.typeNames, indent: inner)
            properties(o, tag: "MS", depth: depth, indent: inner)
        default:
            typeNames(v.typeNames, indent: inner)
            lines.append(pad(inner) + "<ToString>\(CliXmlWriter.text(PSConvert.toString(v)))</ToString>")
            if depth > 0 {
                let names = PropertyAccess.propertyNames(v)
                if !names.isEmpty {
                    lines.append(pad(inner) + "<Props>")
                    for n in names { write(PropertyAccess.value(v, n) ?? .null, name: n, depth: depth - 1, indent: inner + 1) }
                    lines.append(pad(inner) + "</Props>")
                }
            }
        }
        lines.append(pad(indent) + "</Obj>")
    }

    /// A custom object's note properties (`<MS>`), each one level deeper.
    private mutating func properties(_ o: PSObject, tag: String, depth: Int, indent: Int) {
        let notes = o.members.filter(\.isProperty)
        guard !notes.isEmpty else { return }
        lines.append(pad(indent) + "<\(tag)>")
        for m in notes {
            write(PropertyAccess.value(.object(o), m.name) ?? .null, name: m.name, depth: depth - 1, indent: indent + 1)
        }
        lines.append(pad(indent) + "</\(tag)>")
    }
}

/// Reading CLIXML back: primitives to their values, `<DCT>` to a Hashtable, `<LST>`/`<QUE>`/`<STK>`/
/// `<IE>` to an ArrayList, any other `<Obj>` to a property bag whose type names carry the
/// `Deserialized.` prefix (a PSCustomObject's too), with its `<MS>` and `<Props>` as note properties.
struct CliXmlReader {
    struct Failure: Error { let message: String }
    let session: ShellSession
    private var byRefId: [String: PSValue] = [:]
    private var typeNamesById: [String: [String]] = [:]

    init(session: ShellSession) { self.session = session }

    /// The objects a document holds, in order.
    mutating func objects(_ text: String) throws -> [PSValue] {
        let root: XmlElementData
        do { root = try XmlAccess.documentElement(text) } catch let e as XmlAccess.ParseFailure { throw Failure(message: e.message) }
        guard root.localName == "Objs" else { throw Failure(message: "Cannot deserialize: the root element is not Objs.") }
        return try root.children.map { try value($0) }
    }

    /// `_xHHHH_` back to the character.
    static func decode(_ s: String) -> String {
        guard s.contains("_x") || s.contains("_X") else { return s }
        var units: [UInt16] = []
        let chars = Array(s.utf16)
        var i = 0
        while i < chars.count {
            if chars[i] == 0x5F, i + 6 < chars.count, chars[i + 1] == 0x78 || chars[i + 1] == 0x58, chars[i + 6] == 0x5F,
               let code = UInt16(String(utf16CodeUnits: Array(chars[(i + 2)...(i + 5)]), count: 4), radix: 16) {
                units.append(code)
                i += 7
            } else {
                units.append(chars[i])
                i += 1
            }
        }
        return String(utf16CodeUnits: units, count: units.count)
    }

    private func type(_ name: String) -> PSType? { session.types.resolve(name) }

    mutating func value(_ e: XmlElementData) throws -> PSValue {
        let t = e.text
        switch e.localName {
        case "Nil": return .null
        case "S": return .string(Self.decode(t))
        case "I32": return Int32(t).map { .int($0) } ?? .null
        case "I64": return Int64(t).map { .long($0) } ?? .null
        case "B": return .bool(t.trimmingCharacters(in: .whitespaces) == "true")
        case "Db": return .double(Self.double(t))
        case "Sg": return .single(Float(Self.double(t)))
        case "By": return UInt8(t).map { .byte($0) } ?? .null
        case "SB": return Int8(t).map { .sbyte($0) } ?? .null
        case "I16": return Int16(t).map { .int16($0) } ?? .null
        case "U16": return UInt16(t).map { .uint16($0) } ?? .null
        case "U32": return UInt32(t).map { .uint32($0) } ?? .null
        case "U64": return UInt64(t).map { .uint64($0) } ?? .null
        case "C": return UInt16(t).map { .char($0) } ?? .null
        case "G": return UUID(uuidString: t).map { .guid($0) } ?? .null
        case "DT": return CliXmlDates.parse(t).map { .dateTime($0) } ?? .string(t)
        case "D", "Version", "TS", "URI":
            let names = ["D": "decimal", "Version": "version", "TS": "timespan", "URI": "uri"]
            guard let target = type(names[e.localName]!) else { return .string(t) }
            return (try? PSConvert.convert(.string(t), to: target, types: session.types)) ?? .string(t)
        case "SBK": return (try? session.invoke("{" + Self.decode(t) + "}").first) ?? .string(Self.decode(t))
        case "SS":
            let bytes = stride(from: 0, to: t.count - 1, by: 2).compactMap { i -> UInt8? in
                let start = t.index(t.startIndex, offsetBy: i)
                return UInt8(t[start..<t.index(start, offsetBy: 2)], radix: 16)
            }
            let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
            return SecureStrings.make(String(utf16CodeUnits: units, count: units.count))
        case "Ref":
            return byRefId[e.attributes["RefId"] ?? ""] ?? .null
        case "Obj": return try object(e)
        default:
            throw Failure(message: "Cannot deserialize the element '\(e.localName)'.")
        }
    }

    private static func double(_ t: String) -> Double {
        switch t {
        case "INF": return .infinity
        case "-INF": return -.infinity
        case "NaN": return .nan
        default: return Double(t) ?? 0
        }
    }

    private mutating func object(_ e: XmlElementData) throws -> PSValue {
        var names: [String] = []
        for child in e.children {
            if child.localName == "TN" {
                names = child.children.filter { $0.localName == "T" }.map { Self.decode($0.text) }
                if let id = child.attributes["RefId"] { typeNamesById[id] = names }
            } else if child.localName == "TNRef" {
                names = typeNamesById[child.attributes["RefId"] ?? ""] ?? []
            }
        }
        let refId = e.attributes["RefId"] ?? ""
        for child in e.children {
            switch child.localName {
            case "DCT":
                // An OrderedDictionary comes back ordered, anything else as a Hashtable; keys compare
                // ignoring case until two clash, then exactly, and after a second clash every entry
                // stays (the deserializer's PSDictionary falls back to reference equality).
                let first = names.first.map { $0.hasPrefix("Deserialized.") ? String($0.dropFirst(13)) : $0 }
                let table = PSHashtable(ordered: first == "System.Collections.Specialized.OrderedDictionary")
                byRefId[refId] = .hashtable(table)
                var clashes = 0
                for entry in child.children where entry.localName == "En" {
                    var key: PSValue = .null, item: PSValue = .null
                    for part in entry.children {
                        if part.attributes["N"] == "Key" { key = try value(part) } else if part.attributes["N"] == "Value" { item = try value(part) }
                    }
                    if clashes == 0, table.containsKey(key) { clashes = 1; table.caseSensitive = true }
                    if clashes == 1, table.containsKey(key) { clashes = 2 }
                    if clashes == 2 { table.appendDistinct(key, item) } else { table[key] = item }
                }
                return .hashtable(table)
            case "LST", "QUE", "STK", "IE":
                let list = PSArray([], kind: .arrayList)
                byRefId[refId] = .array(list)
                for item in child.children { list.elements.append(try value(item)) }
                if child.localName == "STK" { list.elements.reverse() }
                return .array(list)
            default: continue
            }
        }
        // A primitive wrapped with type names of its own (`<Obj><TN/><I32>5</I32></Obj>`).
        if let primitive = e.children.first(where: { !["TN", "TNRef", "ToString", "MS", "Props"].contains($0.localName) }) {
            return try value(primitive)
        }
        // PSCredential is one of the types PowerShell rebuilds on import.
        if names.first == SecureStrings.credentialType,
           let props = e.children.first(where: { $0.localName == "Props" }),
           let user = props.children.first(where: { $0.attributes["N"] == "UserName" }),
           let password = props.children.first(where: { $0.attributes["N"] == "Password" }) {
            let credential = SecureStrings.credential(user: Self.decode(user.text), password: try value(password))
            byRefId[refId] = credential
            return credential
        }
        let o = PSObject(typeNames: names.map { $0.hasPrefix("Deserialized.") ? $0 : "Deserialized." + $0 })
        byRefId[refId] = .object(o)
        for child in e.children where child.localName == "Props" || child.localName == "MS" {
            for p in child.children {
                guard let name = p.attributes["N"] else { continue }
                o.addNote(Self.decode(name), try value(p))
            }
        }
        if let text = e.children.first(where: { $0.localName == "ToString" }).map({ Self.decode($0.text) }) {
            o.toStringHandler = { _ in text }
        }
        return .object(o)
    }
}

/// XmlConvert's round-trip form of a DateTime (`yyyy-MM-ddTHH:mm:ss.FFFFFFFK`): seven fraction digits
/// without trailing zeros, `Z` for UTC, the local offset for a local time, nothing for unspecified.
enum CliXmlDates {
    static func format(_ d: PSDateTime) -> String {
        let c = d.components
        var s = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
        if c.fraction != 0 {
            var digits = String(format: "%07lld", c.fraction)
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        switch d.kind {
        case .utc: s += "Z"
        case .local:
            let seconds = Double(d.ticks - PSDateTime.unixEpochTicks) / 10_000_000
            let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: seconds)) / 60
            s += String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
        case .unspecified: break
        }
        return s
    }

    /// The DateTime XmlConvert reads back: `Z` gives UTC, an offset a local time, neither an unspecified one.
    static func parse(_ text: String) -> PSDateTime? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let chars = Array(t)
        guard chars.count >= 19, chars[4] == "-", chars[7] == "-", chars[10] == "T",
              let year = Int(String(chars[0..<4])), let month = Int(String(chars[5..<7])), let day = Int(String(chars[8..<10])),
              let hour = Int(String(chars[11..<13])), let minute = Int(String(chars[14..<16])), let second = Int(String(chars[17..<19]))
        else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if i < chars.count, chars[i] == "." {
            i += 1
            var digits = ""
            while i < chars.count, chars[i].isNumber { digits.append(chars[i]); i += 1 }
            digits = String((digits + "0000000").prefix(7))
            fraction = Int64(digits) ?? 0
        }
        let base = PSDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).ticks + fraction
        let rest = String(chars[i...])
        if rest.isEmpty { return PSDateTime(ticks: base, kind: .unspecified) }
        if rest == "Z" { return PSDateTime(ticks: base, kind: .utc) }
        let sign: Int64 = rest.hasPrefix("-") ? -1 : 1
        let parts = rest.dropFirst().split(separator: ":")
        guard parts.count == 2, let oh = Int64(parts[0]), let om = Int64(parts[1]) else { return nil }
        let utc = base - sign * (oh * 60 + om) * 600_000_000
        let seconds = Double(utc - PSDateTime.unixEpochTicks) / 10_000_000
        let local = Int64(TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))) * 10_000_000
        return PSDateTime(ticks: utc + local, kind: .local)
    }
}
