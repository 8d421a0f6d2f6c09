// ConvertTo-Json / ConvertFrom-Json and the CSV cmdlets.

import Foundation
import JSONText
import PSRuntime

enum JSONConversion {
    struct Options {
        var depth = 2; var enumsAsStrings = false; var asArray = false
        /// The first dictionary met with a key that is not a string (JSON names only strings; the
        /// cmdlet stops with NonStringKeyInDictionary).
        let nonStringKey = FirstFound()
        /// The piped-in object, whose Add-Member members PowerShell finds by wrapping it; a class
        /// instance reached any other way is written by reflection, without them.
        weak var pipedObject: PSObject?
    }

    final class FirstFound { var dictionary: PSValue? }

    /// Runtime value to JSON. `truncated` is set when -Depth cut something off.
    static func node(_ v: PSValue, depth: Int, options: Options, truncated: inout Bool) -> JSONNode {
        switch v {
        case .null: return .null
        case .bool(let b), .switchValue(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .long(let i): return .int(i)
        case .byte(let i): return .int(Int64(i))
        case .sbyte(let i): return .int(Int64(i))
        case .int16(let i): return .int(Int64(i))
        case .uint16(let i): return .int(Int64(i))
        case .uint32(let i): return .int(Int64(i))
        case .uint64(let i): return .number(String(i))
        case .double(let d): return doubleNode(d)
        // A float writes its own shortest digits (3.14, not the double nearest to it).
        case .single(let f): return f.isFinite ? doubleNode(Double("\(f)") ?? Double(f)) : doubleNode(Double(f))
        case .decimal(let d, let scale): return .number(DecimalScale.format(d, scale: scale))
        case .string(let s): return .string(s)
        case .char(let c): return .string(String(utf16CodeUnits: [c], count: 1))
        // An enum over Int64 or UInt64 is written as its name: JavaScript's numbers cannot hold them
        // (JsonObject's rule while PSSerializeJSONLongEnumAsNumber is off).
        case .enumValue(let e):
            let wide = e.type.underlying == .int64 || e.type.underlying == .uint64
            return options.enumsAsStrings || wide ? .string(e.description) : .int(e.rawValue)
        case .guid(let g): return .string(g.uuidString.lowercased())
        case .dateTime(let d): return .string(JSONDates.format(d))
        // A Version is a .NET object to Json.NET: its six properties (a string only past -Depth).
        case .version:
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            return .object(versionMembers(v, depth: depth, options: options, truncated: &truncated))
        // An IPAddress is a .NET object to the serializer: its properties (those that throw are null).
        case .ipAddress:
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            return .object(ipAddressMembers(v, depth: depth, options: options, truncated: &truncated))
        case .regex, .type, .scriptBlock: return .string(PSConvert.toString(v))
        case .timeSpan(let t):
            if depth > options.depth { truncated = true; return .string(t.description) }
            return .object(PropertyAccess.timeSpanPropertyNames.map { ($0, node(PropertyAccess.value(v, $0) ?? .null, depth: depth + 1, options: options, truncated: &truncated)) })
        case .array(let a):
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            let items = JSONNode.array(a.elements.map { node($0, depth: depth + 1, options: options, truncated: &truncated) })
            // Members Add-Member gave the array itself: {"value": [...], "Name": ...} (AddPsProperties).
            guard let added = a.instanceMembers, !added.properties.isEmpty else { return items }
            return .object([("value", items)] + added.properties.map { m in
                (m.name, node(((try? added.property(m.name)) ?? nil) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
            })
        case .hashtable(let h):
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            if options.nonStringKey.dictionary == nil, h.keys.contains(where: { if case .string = $0.unwrapped { return false }; return true }) {
                options.nonStringKey.dictionary = v
            }
            return .object(h.pairs.map { (PSConvert.toString($0), node($1, depth: depth + 1, options: options, truncated: &truncated)) })
        case .object(let o) where o.typeNames.first == "System.Numerics.BigInteger":
            return .number(PSConvert.toString(v))
        case .object(let o) where ScalarObjects.scalar(o) != nil:
            // DateTimeOffset and Uri are written as text; members added to them make it {"value": ...}.
            let (scalar, added) = ScalarObjects.scalar(o)!
            let text: JSONNode
            switch scalar {
            case .dateTimeOffset(let wallClock, let offsetMinutes):
                let sign = offsetMinutes < 0 ? "-" : "+"
                let hours = String(abs(offsetMinutes) / 60), minutes = String(abs(offsetMinutes) % 60)
                text = .string(JSONDates.format(wallClock) + sign + String(repeating: "0", count: 2 - hours.count) + hours
                               + ":" + String(repeating: "0", count: 2 - minutes.count) + minutes)
            case .uri(let original): text = .string(original)
            }
            if added.isEmpty { return text }
            return .object([("value", text)] + added.map { name in
                (name, node(((try? o.property(name)) ?? nil) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
            })
        case .object(let o):
            // DBNull and NullString are null; with notes added they are {"value": null, ...} like
            // any scalar that carries notes, except strings and dates, which drop them.
            let isNullSingleton = ["System.DBNull", "System.Management.Automation.Language.NullString"].contains(o.typeNames.first ?? "")
            if isNullSingleton || o.baseValue != nil {
                let base = isNullSingleton ? PSValue.null : o.baseValue!
                // A wrapper's extended properties: its own, then those of its type's type data.
                return wrapped(base, own: o, depth: depth, options: options, truncated: &truncated)
            }
            if let r = o.baseObject as? ErrorRecord { return .string(r.message) }
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            if let reflected = ScalarObjects.classProperties(of: o) {
                let names = reflected.declared + (options.pipedObject === o ? reflected.added : [])
                return .object(names.map { name in
                    (name, node(((try? o.property(name)) ?? nil) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
                })
            }
            return .object(o.properties.map { m in
                (m.name, node(((try? o.property(m.name)) ?? nil) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
            })
        }
    }

    /// A value in a PSObject (piped in, or given members by Add-Member) with the extended
    /// properties that wrapping shows, as AddPsProperties adds them: a dictionary gains them as
    /// entries, an object serialized by its properties gains them as properties, and any other value
    /// becomes {"value": ..., ...}; strings and dates keep none.
    static func wrapped(_ base: PSValue, own: PSObject?, depth: Int, options: Options, truncated: inout Bool) -> JSONNode {
        switch base { case .string, .dateTime: return node(base, depth: depth, options: options, truncated: &truncated); default: break }
        var extended: [(String, PSValue)] = own?.properties.map { m in (m.name, ((try? own!.property(m.name)) ?? nil) ?? .null) } ?? []
        for (name, value) in ScalarObjects.typeDataProperties(of: base) where !extended.contains(where: { $0.0.caseInsensitiveCompare(name) == .orderedSame }) {
            extended.append((name, value))
        }
        let inner = node(base, depth: depth, options: options, truncated: &truncated)
        if extended.isEmpty { return inner }
        let extendedNodes = extended.map { ($0.0, node($0.1, depth: depth + 1, options: options, truncated: &truncated)) }
        var members: [(String, JSONNode)]
        switch (base, inner) {
        case (.hashtable, .object(let pairs)), (.version, .object(let pairs)), (.ipAddress, .object(let pairs)): members = pairs
        default: return .object([("value", inner)] + extendedNodes)
        }
        for (name, value) in extendedNodes where !members.contains(where: { $0.0 == name }) { members.append((name, value)) }
        return .object(members)
    }

    static let ipAddressPropertyNames = ["AddressFamily", "ScopeId", "IsIPv6Multicast", "IsIPv6LinkLocal", "IsIPv6SiteLocal",
                                         "IsIPv6Teredo", "IsIPv6UniqueLocal", "IsIPv4MappedToIPv6", "Address"]

    static func ipAddressMembers(_ v: PSValue, depth: Int, options: Options, truncated: inout Bool) -> [(String, JSONNode)] {
        ipAddressPropertyNames.map { name in
            (name, node(PropertyAccess.value(v, name) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
        }
    }

    static func versionMembers(_ v: PSValue, depth: Int, options: Options, truncated: inout Bool) -> [(String, JSONNode)] {
        ["Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision"].map { name in
            (name, node(PropertyAccess.value(v, name) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
        }
    }

    static func doubleNode(_ d: Double) -> JSONNode {
        if d.isNaN || d.isInfinite { return .string(d.isNaN ? "NaN" : (d < 0 ? "-Infinity" : "Infinity")) }
        var s = roundTripText(d)
        if !s.contains(".") && !s.contains("E") { s += ".0" }
        return .number(s)
    }

    /// Json.NET writes a double as .NET's "R" text: the shortest digits that read back to the same
    /// value (0.30000000000000004, not the 15 digits PowerShell displays), in exponent form from
    /// 1E+15 up and below 1E-05.
    static func roundTripText(_ d: Double) -> String {
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Swift's description is the shortest round-trip form ("1e-05", "0.30000000000000004").
        let text = "\(d.magnitude)"
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = String(mantissa[0]), fracPart = mantissa.count > 1 ? String(mantissa[1]) : ""
        var digits = Array(intPart + fracPart)
        var pointAt = intPart.count + exponent     // digits before the decimal point
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); pointAt -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let scientific = pointAt - 1
        var out = d.sign == .minus ? "-" : ""
        if scientific >= 15 || scientific < -5 {
            out += String(digits[0]) + (digits.count > 1 ? "." + String(digits[1...]) : "")
            let e = abs(scientific)
            out += "E" + (scientific < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        } else if pointAt <= 0 {
            out += "0." + String(repeating: "0", count: -pointAt) + String(digits)
        } else if pointAt >= digits.count {
            out += String(digits) + String(repeating: "0", count: pointAt - digits.count)
        } else {
            out += String(digits[..<pointAt]) + "." + String(digits[pointAt...])
        }
        return out
    }

    /// JSON to runtime values: objects become PSCustomObjects (or ordered hashtables), date strings
    /// DateTimes (see `JSONDates`).
    /// What a PSCustomObject cannot hold, found while converting (PowerShell's JsonObject sets its error
    /// record and converts nothing): an empty name, or two names that differ only in case.
    struct MemberError: Error {
        let errorId: String
        let message: String
    }

    /// `[Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson`: all white space (or nothing) is
    /// null, text that is not JSON (or deeper than `maxDepth`) the reader's failure, and what a
    /// PSCustomObject cannot hold an error record rather than a value.
    static var jsonObjectConverter: JsonObjectConverter { JsonObjectConverter { input, returnHashtable, maxDepth in
        if input.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return (.null, nil) }
        let node: JSONNode
        do {
            node = try JSONReader.read(input, grammar: .lenient, maxDepth: maxDepth ?? Int.max)
        } catch let error as JSONReadError {
            throw JsonObjectConverter.Failure(message: error.message)
        }
        do {
            return (try value(node, asHashtable: returnHashtable), nil)
        } catch let error as MemberError {
            return (.null, ErrorRecord(message: error.message, errorId: error.errorId, category: .invalidOperation,
                                       exceptionType: "System.InvalidOperationException"))
        }
    } }

    /// JSON to objects as PowerShell's JsonObject.ConvertFromJson: objects become PSCustomObjects (or
    /// ordered, case-sensitive hashtables).
    static func value(_ n: JSONNode, asHashtable: Bool, dates: JSONDates.Kind = .default) throws(MemberError) -> PSValue {
        switch n {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .long(i)
        // An integer beyond Int64 is a BigInteger, as Json.NET reads it.
        case .number(let s): return BigIntegerValues.parse(s) ?? Double(s).map { .double($0) } ?? .string(s)
        case .string(let s):
            if dates == .offset { return JSONDates.offsetValue(s) ?? .string(s) }
            return JSONDates.parse(s, kind: dates).map { .dateTime($0) } ?? .string(s)
        case .array(let items):
            var out: [PSValue] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try value(item, asHashtable: asHashtable, dates: dates)) }
            return .list(out)
        case .object(let members):
            // Json.NET's reader removes a name given again and adds it anew: the last value, in the last place.
            var names: [String] = [], values: [String: JSONNode] = [:]
            for (k, v) in members {
                if values.updateValue(v, forKey: k) != nil { names.removeAll { $0 == k } }
                names.append(k)
            }
            if asHashtable {
                let h = PSHashtable()
                h.engineTypeName = PSHashtable.orderedHashtableTypeName
                h.caseSensitive = true
                for k in names { h[.string(k)] = try value(values[k]!, asHashtable: true, dates: dates) }
                return .hashtable(h)
            }
            var seen: [String: String] = [:]
            let o = PSObject(typeNames: PSObject.customObjectTypeNames)
            for k in names {
                if k.isEmpty {
                    throw MemberError(errorId: "EmptyKeyInJsonString",
                                      message: "The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch.")
                }
                if let first = seen[k.lowercased()] {
                    throw MemberError(errorId: "KeysWithDifferentCasingInJsonString",
                                      message: "Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '\(first)' was '\(k)'.")
                }
                seen[k.lowercased()] = k
                o.addNote(k, try value(values[k]!, asHashtable: false, dates: dates))
            }
            return .object(o)
        }
    }
}

final class ConvertToJsonCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", position: 0, mandatory: true, valueFromPipeline: true, allow: .null)
    static let depth = Parameter<Int>("Depth", validate: [.range(min: 0, max: 100)])
    static let compress = Parameter<SwitchParameter>("Compress")
    static let enumsAsStrings = Parameter<SwitchParameter>("EnumsAsStrings")
    static let asArray = Parameter<SwitchParameter>("AsArray")
    static let escapeHandling = Parameter<String>("EscapeHandling", validate: [.set(["Default", "EscapeNonAscii", "EscapeHtml"])])
    static let declaration = CmdletDeclaration("ConvertTo-Json", parameters: [
        inputObject, depth, compress, enumsAsStrings, asArray, escapeHandling,
    ], outputTypes: ["System.String"], synopsis: "Converts objects to JSON text.",
       description: "Writes one JSON string for all the input: a single object, or an array when several objects arrive (or with -AsArray). Objects nested deeper than -Depth (default 2) are written as their string form, with a warning. -Compress leaves out all whitespace.")

    /// Each input and whether it came down the pipeline, where PowerShell wraps it in a PSObject
    /// (whose type data's properties the serializer then writes: a piped Guid is {"value", "Guid"}).
    private var items: [(value: PSValue, piped: Bool)] = []

    func process(_ context: CmdletContext) throws {
        if let v = context[Self.inputObject] { items.append((v, context.currentInput != nil)) }
    }

    private static func node(_ item: (value: PSValue, piped: Bool), depth: Int, options: JSONConversion.Options, truncated: inout Bool) -> JSONNode {
        if item.piped, !ScalarObjects.typeDataProperties(of: item.value).isEmpty {
            return JSONConversion.wrapped(item.value, own: nil, depth: depth, options: options, truncated: &truncated)
        }
        var options = options
        if item.piped, case .object(let o) = item.value { options.pipedObject = o }
        return JSONConversion.node(item.value, depth: depth, options: options, truncated: &truncated)
    }

    func end(_ context: CmdletContext) throws {
        let asArray = context[Self.asArray]
        guard !items.isEmpty || asArray else { return }
        var options = JSONConversion.Options()
        options.depth = context[Self.depth] ?? 2
        options.enumsAsStrings = context[Self.enumsAsStrings]
        var truncated = false
        let root: JSONNode
        if items.count == 1 && !asArray {
            root = Self.node(items[0], depth: 0, options: options, truncated: &truncated)
        } else {
            root = .array(items.map { Self.node($0, depth: 1, options: options, truncated: &truncated) })
        }
        if let dictionary = options.nonStringKey.dictionary {
            throw context.terminatingError("The type '\(dictionary.typeFullName)' is not supported for serialization or deserialization of a dictionary. Keys must be strings.",
                                           errorId: "NonStringKeyInDictionary", category: .invalidOperation, target: dictionary,
                                           exceptionType: "System.InvalidOperationException")
        }
        if truncated {
            try context.writeWarning("Resulting JSON is truncated as serialization has exceeded the set depth of \(options.depth).")
        }
        let text = JSONWriter.write(root, compress: context[Self.compress])
        try context.writeObject(.string(Self.escape(text, context[Self.escapeHandling] ?? "Default")))
    }

    /// -EscapeHandling as Json.NET applies it. The characters it escapes occur in JSON text only
    /// inside strings, so the written text is escaped as a whole: EscapeHtml turns < > & ' into
    /// \u003c-style escapes, EscapeNonAscii every character beyond ASCII (as UTF-16 units).
    static func escape(_ json: String, _ handling: String) -> String {
        let html: Set<Unicode.Scalar> = ["<", ">", "&", "'"]
        let nonAscii = handling.lowercased() == "escapenonascii"
        guard nonAscii || handling.lowercased() == "escapehtml" else { return json }
        var out = ""
        for scalar in json.unicodeScalars {
            if nonAscii ? !scalar.isASCII : html.contains(scalar) {
                for unit in String(scalar).utf16 { out += "\\u" + String(format: "%04x", unit) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

final class ConvertFromJsonCommand: Cmdlet {
    static let inputObject = Parameter<String>("InputObject", position: 0, mandatory: true, valueFromPipeline: true, allow: .emptyString)
    static let asHashtable = Parameter<SwitchParameter>("AsHashtable")
    /// PowerShell's `[ValidateRange(ValidateRangeKind.Positive)]`: Json.NET's MaxDepth must be at least 1.
    static let depth = Parameter<Int32>("Depth", validate: [.custom { v in
        guard let n = try? PSConvert.toDouble(v), n <= 0 else { return nil }
        return "The argument \"\(PSConvert.toString(v))\" cannot be validated because its value is not greater than zero."
    }])
    static let noEnumerate = Parameter<SwitchParameter>("NoEnumerate")
    static let dateKind = Parameter<String>("DateKind", validate: [.set(JSONDates.Kind.allCases.map(\.rawValue))])
    static let declaration = CmdletDeclaration("ConvertFrom-Json", parameters: [inputObject, asHashtable, depth, noEnumerate, dateKind],
       synopsis: "Converts JSON text to objects.",
       description: "Parses JSON (all input lines together) into PSCustomObjects, or ordered hashtables with -AsHashtable. A top-level array is written element by element unless -NoEnumerate.")

    private var text: [String] = []

    func process(_ context: CmdletContext) throws {
        if let s = context[Self.inputObject] { text.append(s) }
    }

    /// As PowerShell 7: several input strings are first taken as one document each; when the first is not
    /// a complete document (or is `null`), all of them together are one document.
    func end(_ context: CmdletContext) throws {
        guard let first = text.first else { return }
        if text.count > 1 {
            guard let node = try? JSONReader.read(first, grammar: .lenient, maxDepth: maxDepth(context)), node != .null else {
                try convert(text.joined(separator: "\n"), context)
                return
            }
            try write(node, context)
            for more in text.dropFirst() { try convert(more, context) }
            return
        }
        try convert(first, context)
    }

    private func convert(_ document: String, _ context: CmdletContext) throws {
        // Stops at the first character that is not white space (trimming copied the whole document
        // through NSString first: a tenth of the JSON fuzz target's time).
        if document.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return }
        let node: JSONNode
        do {
            node = try JSONReader.read(document, grammar: .lenient, maxDepth: maxDepth(context))
        } catch {
            throw context.terminatingError("Conversion from JSON failed with error: \(error.message)", errorId: "System.ArgumentException",
                                           category: .parserError, exceptionType: "System.ArgumentException")
        }
        try write(node, context)
    }

    /// -Depth is the reader's MaxDepth (1024 when not given): deeper input is an ArgumentException.
    private func maxDepth(_ context: CmdletContext) -> Int { context[Self.depth].map(Int.init) ?? 1024 }

    private func write(_ node: JSONNode, _ context: CmdletContext) throws {
        let dates = context[Self.dateKind].flatMap { k in JSONDates.Kind.allCases.first { $0.rawValue.lowercased() == k.lowercased() } } ?? .default
        let v: PSValue
        do {
            v = try JSONConversion.value(node, asHashtable: context[Self.asHashtable], dates: dates)
        } catch {
            throw context.terminatingError(error.message, errorId: error.errorId, category: .invalidOperation,
                                           exceptionType: "System.InvalidOperationException")
        }
        try context.writeObject(v, enumerate: !context[Self.noEnumerate])
    }
}

// MARK: - CSV

enum CSVConversion {
    static func propertyNames(_ v: PSValue) -> [String] {
        if case .hashtable(let h) = v { return h.keys.map { PSConvert.toString($0) } }
        return PropertyAccess.propertyNames(v)
    }

    static func fields(_ v: PSValue, names: [String]) -> [String?] {
        names.map { n in
            // A null value is written as nothing, not as an empty quoted field.
            if case .hashtable(let h) = v { return h[.string(n)].flatMap { $0.isNull ? nil : field($0) } }
            guard let x = PropertyAccess.value(v, n) else { return nil }
            return x.isNull ? nil : field(x)
        }
    }

    /// A field is the value's ToString(): for a date that is the current culture's (en-US) form,
    /// not the invariant one a [string] cast gives.
    private static func field(_ x: PSValue) -> String {
        if case .dateTime(let d) = x.unwrapped { return DateFormatting.format(DateParts(d), DateFormatting.cellPattern) }
        return PSConvert.toString(x)
    }

    /// `#TYPE` and the object's first type name, without the `CSV:` Import-Csv added; a bare `#TYPE`
    /// for an object whose type names were all removed.
    static func typeLine(_ v: PSValue) -> String {
        if case .object(let o) = v, o.typeNames.isEmpty { return "#TYPE" }
        var name = v.typeNames.first ?? v.typeFullName
        if name.hasPrefix("CSV:") { name.removeFirst(4) }
        return "#TYPE " + name
    }

    /// PowerShell refuses a header that names a column twice (ignoring case): a terminating error.
    static func checkHeader(_ records: [[String]], header: [String]?, context: CmdletContext) throws {
        var rows = records
        if let first = rows.first, first.count == 1, first[0].hasPrefix("#TYPE ") { rows.removeFirst() }
        var seen = Set<String>()
        for name in header ?? takeHeader(&rows) ?? [] where !name.isEmpty && !seen.insert(name.caseInsensitiveKey).inserted {
            throw context.terminatingError("The member \"\(name)\" is already present.",
                                           errorId: "AlreadyPresentPSMemberInfoInternalCollectionAdd", category: .notSpecified,
                                           exceptionType: "System.Management.Automation.ExtendedTypeSystemException")
        }
    }

    /// Removes and returns the header record: the first one, except that lines starting with `#` before
    /// it are comments and a `#Fields: ` line is the header of a W3C extended log file. Trailing empty
    /// names (a line ending in delimiters) are dropped.
    static func takeHeader(_ rows: inout [[String]]) -> [String]? {
        while !rows.isEmpty {
            var r = rows.removeFirst()
            while r.count > 1, r[r.count - 1].isEmpty { r.removeLast() }
            guard let first = r.first else { continue }
            if first.hasPrefix("#Fields: ") { r[0] = String(first.dropFirst(9)); return r }
            if first.hasPrefix("#") { continue }
            return r
        }
        return nil
    }

    static let defaultNamesWarning = "One or more headers were not specified. Default names starting with \"H\" have been used in place of any missing headers."

    /// Whether the header (the given one, or the records' own) leaves a name empty.
    static func hasUnspecifiedNames(_ records: [[String]], header: [String]?) -> Bool {
        var rows = records
        if let first = rows.first, first.count == 1, first[0].hasPrefix("#TYPE ") { rows.removeFirst() }
        return (header ?? takeHeader(&rows) ?? []).contains { $0.isEmpty }
    }

    /// Records to objects: the first record is the header unless `header` is given.
    static func objects(_ records: [[String]], header: [String]?) -> [PSValue] {
        var rows = records
        var typeName: String?
        if let first = rows.first, first.count == 1, first[0].hasPrefix("#TYPE ") {
            typeName = String(first[0].dropFirst(6)).trimmingCharacters(in: .whitespaces)
            rows.removeFirst()
        }
        var names = header ?? []
        if header == nil {
            guard let found = takeHeader(&rows) else { return [] }
            names = found
        }
        // Empty names become H1, H2, ... counting only the empty ones, as PowerShell numbers them.
        var unspecified = 0
        for (i, n) in names.enumerated() where n.isEmpty { unspecified += 1; names[i] = "H\(unspecified)" }
        // A #TYPE line replaces the type names with the type and its CSV: form, as Import-Csv does.
        let template = PSObject(typeNames: typeName.map { [$0, "CSV:" + $0] } ?? PSObject.customObjectTypeNames)
        template.reserveMembers(names.count)
        for n in names { template.addNote(n, .null) }
        // Each row is a copy of one object holding the header's names: adding the same names to every
        // row (case folding and indexing each) was most of the cost of making the rows.
        let slots = names.map { template.memberIndex($0)! }
        return rows.map { r in
            let o = template.copy()
            for (i, slot) in slots.enumerated() { o.setNote(at: slot, i < r.count ? .string(r[i]) : .null) }
            return .object(o)
        }
    }
}

/// Shared by ConvertTo-Csv and Export-Csv: the header comes from the first object.
final class CSVLineWriter {
    var names: [String]?
    let delimiter: Character
    let quoting: CSVQuoting
    let quoteFields: Set<String>?
    let includeType: Bool

    /// PowerShell refuses -UseQuotes together with -QuoteFields before writing anything.
    static func checkQuoting(_ context: CmdletContext) throws {
        if context.isBound(CSVWriteParameters.useQuotes) && context.isBound(CSVWriteParameters.quoteFields) {
            throw context.terminatingError("You must specify either the -UseQuotes or -QuoteFields parameters, but not both.",
                                           errorId: "CannotSpecifyQuoteFieldsAndUseQuotes", category: .invalidData,
                                           exceptionType: "System.InvalidOperationException")
        }
    }

    init(context: CmdletContext) {
        let d = context[CSVWriteParameters.delimiter]
        delimiter = d?.first ?? (context[CSVWriteParameters.useCulture] ? CSVReadParameters.cultureDelimiter(context) : ",")
        quoting = context[CSVWriteParameters.useQuotes].flatMap { q in [CSVQuoting.always, .asNeeded, .never].first { $0.rawValue.lowercased() == q.lowercased() } } ?? .always
        quoteFields = context[CSVWriteParameters.quoteFields].map { Set($0.map { $0.lowercased() }) }
        includeType = context[CSVWriteParameters.includeTypeInformation]
    }

    func lines(for v: PSValue) -> [String] {
        var out: [String] = []
        if names == nil {
            let n = CSVConversion.propertyNames(v)
            names = n
            if includeType { out.append(CSVConversion.typeLine(v)) }
            out.append(CSVText.line(n.map { Optional($0) }, delimiter: delimiter, quoting: quoting, quoteFields: quoteFields, names: n))
        }
        out.append(CSVText.line(CSVConversion.fields(v, names: names!), delimiter: delimiter, quoting: quoting, quoteFields: quoteFields, names: names!))
        return out
    }
}

/// The parameters ConvertTo-Csv and Export-Csv share.
enum CSVWriteParameters {
    static let inputObject = Parameter<PSValue>("InputObject", mandatory: true, valueFromPipeline: true)
    // -Delimiter and -UseCulture are alternatives (two parameter sets), as in PowerShell.
    static let delimiter = Parameter<String>("Delimiter", type: .char, position: 1, sets: ["Delimiter"])
    static let useCulture = Parameter<SwitchParameter>("UseCulture", sets: ["UseCulture"])
    static let includeTypeInformation = Parameter<SwitchParameter>("IncludeTypeInformation", aliases: ["ITI"])
    static let noTypeInformation = Parameter<SwitchParameter>("NoTypeInformation", aliases: ["NTI"])
    static let quoteFields = Parameter<[String]>("QuoteFields", aliases: ["QF"])
    static let useQuotes = Parameter<String>("UseQuotes", aliases: ["UQ"], validate: [.set(["Never", "Always", "AsNeeded"])])
    static let noHeader = Parameter<SwitchParameter>("NoHeader")
    static let all: [any ParameterKey] = [inputObject, delimiter, useCulture, includeTypeInformation, noTypeInformation,
                                          quoteFields, useQuotes, noHeader]
}

final class ConvertToCsvCommand: Cmdlet {
    static let declaration = CmdletDeclaration("ConvertTo-Csv", parameters: CSVWriteParameters.all, defaultParameterSet: "Delimiter", outputTypes: ["System.String"],
       synopsis: "Converts objects to CSV lines.",
       description: "Writes a header line with the first object's property names, then one line per object. Every field is quoted unless -UseQuotes says otherwise.")
    private var writer: CSVLineWriter?
    func begin(_ context: CmdletContext) throws {
        try CSVLineWriter.checkQuoting(context)
        writer = CSVLineWriter(context: context)
    }
    func process(_ context: CmdletContext) throws {
        guard let v = context[CSVWriteParameters.inputObject], let w = writer else { return }
        let isFirst = w.names == nil
        var lines = w.lines(for: v)
        if isFirst && context[CSVWriteParameters.noHeader] { lines = Array(lines.suffix(1)) }
        for l in lines { try context.writeObject(.string(l)) }
    }
}

final class ExportCsvCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0)
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"])
    static let append = Parameter<SwitchParameter>("Append")
    static let force = Parameter<SwitchParameter>("Force")
    static let noClobber = Parameter<SwitchParameter>("NoClobber", aliases: ["NoOverwrite"])
    static let encoding = Parameter<String>("Encoding")
    static let declaration = CmdletDeclaration("Export-Csv", parameters: CSVWriteParameters.all + [
        path, literalPath, append, force, noClobber, encoding,
    ], defaultParameterSet: "Delimiter", supportsShouldProcess: true, synopsis: "Saves objects to a CSV file.",
       description: "Writes the input as CSV (a header line, then one line per object) to a file, replacing it unless -Append is given; with -Append the file's existing header decides the columns.")
    private var writer: CSVLineWriter?
    private var text = ""
    private var path = ""
    private var wroteHeader = false
    /// The header of the file -Append adds to, until the first object is checked against it.
    private var appendedColumns: [String]?

    func begin(_ context: CmdletContext) throws {
        guard let p = context[Self.literalPath] ?? context[Self.path] else {
            throw context.terminatingError("Cannot perform operation because the path resolved to more than one file or no file.",
                                           errorId: "CannotSpecifyPathAndLiteralPath", category: .invalidArgument)
        }
        path = FileSystemPaths.resolve(p, session: context.session)
        try CSVLineWriter.checkQuoting(context)
        if context[Self.append] && context[CSVWriteParameters.noHeader] {
            throw context.terminatingError("You must specify either the -Append or -NoHeader parameters, but not both.",
                                           errorId: "CannotSpecifyBothAppendAndNoHeader", category: .invalidData,
                                           exceptionType: "System.InvalidOperationException")
        }
        writer = CSVLineWriter(context: context)
        if context[Self.noClobber], !context[Self.append], FileManager.default.fileExists(atPath: path) {
            throw context.terminatingError("The file '\(path)' already exists.", errorId: "NoClobber", category: .resourceExists, target: .string(path))
        }
        if context[Self.append], let existing = FileText.read(path), let header = CSVText.records(existing).first(where: { !($0.first ?? "").hasPrefix("#TYPE") }) {
            writer?.names = header
            appendedColumns = header
            wroteHeader = true
        }
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context[CSVWriteParameters.inputObject], let w = writer else { return }
        if let existing = appendedColumns {
            // The file's columns decide; each must be a property of the first appended object (unless -Force).
            appendedColumns = nil
            let own = Set(CSVConversion.propertyNames(v).map { $0.lowercased() })
            if !context[Self.force], let missing = existing.first(where: { !own.contains($0.lowercased()) }) {
                throw context.terminatingError("Cannot append CSV content to the following file: \(context[Self.literalPath] ?? context[Self.path] ?? path). The appended object does not have a property that corresponds to the following column: \(missing). To continue with mismatched properties, add the -Force parameter, and then retry the command.",
                                               errorId: "CannotAppendCsvWithMismatchedPropertyNames", category: .invalidData,
                                               target: .string(missing), exceptionType: "System.InvalidOperationException")
            }
        }
        var lines = w.lines(for: v)
        if context[CSVWriteParameters.noHeader] && !wroteHeader { lines = Array(lines.suffix(1)); wroteHeader = true }
        for l in lines { text += l + "\n" }
    }

    func end(_ context: CmdletContext) throws {
        guard try context.shouldProcess(target: path, action: "Export-Csv") else { return }
        try FileText.write(text, to: path, append: context[Self.append],
                           encoding: try FileText.encoding(context, Self.encoding) ?? .utf8NoBOM, context: context)
    }
}

/// The parameters ConvertFrom-Csv and Import-Csv share.
enum CSVReadParameters {
    // Two sets, as in PowerShell: -UseCulture leaves no position 1, so `-UseCulture ','` is refused.
    static let delimiter = Parameter<String>("Delimiter", type: .char, position: 1, sets: ["Delimiter"])
    static let useCulture = Parameter<SwitchParameter>("UseCulture", mandatory: true, sets: ["UseCulture"])
    static let header = Parameter<[String]>("Header")
    static let all: [any ParameterKey] = [delimiter, useCulture, header]

    /// -UseCulture's delimiter: the first character of the current culture's list separator.
    static func cultureDelimiter(_ context: CmdletContext) -> Character {
        CultureInfoObjects.listSeparator(context.session).first ?? ","
    }

    /// The delimiter -Delimiter or -UseCulture chose (`,` otherwise).
    static func chosen(_ context: CmdletContext) -> Character {
        context[delimiter]?.first ?? (context[useCulture] ? cultureDelimiter(context) : ",")
    }
}

final class ConvertFromCsvCommand: Cmdlet {
    static let inputObject = Parameter<[String]>("InputObject", position: 0, mandatory: true, valueFromPipeline: true)
    static let declaration = CmdletDeclaration("ConvertFrom-Csv", parameters: [inputObject] + CSVReadParameters.all, defaultParameterSet: "Delimiter", synopsis: "Converts CSV lines to objects.",
       description: "Reads the first line as the header (unless -Header gives the names) and writes one object per following line, with string property values.")
    private var lines: [String] = []
    func process(_ context: CmdletContext) throws { lines += context[Self.inputObject] ?? [] }
    func end(_ context: CmdletContext) throws {
        let delim = CSVReadParameters.chosen(context)
        let header = context[CSVReadParameters.header]
        let records = CSVText.records(lines.joined(separator: "\n"), delimiter: delim)
        try CSVConversion.checkHeader(records, header: header, context: context)
        let rows = CSVConversion.objects(records, header: header)
        if !rows.isEmpty && CSVConversion.hasUnspecifiedNames(records, header: header) {
            try context.writeWarning(CSVConversion.defaultNamesWarning)
        }
        for o in rows { try context.writeObject(o) }
    }
}

final class ImportCsvCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true)
    static let encoding = Parameter<String>("Encoding")
    static let declaration = CmdletDeclaration("Import-Csv", parameters: [path, literalPath, encoding] + CSVReadParameters.all, defaultParameterSet: "Delimiter", synopsis: "Reads objects from a CSV file.",
       description: "Reads a CSV file (as written by Export-Csv) and writes one object per data line.")
    /// The warning about default header names is written once per command, as PowerShell does.
    private var warnedDefaultNames = false
    func process(_ context: CmdletContext) throws {
        let delim = CSVReadParameters.chosen(context)
        let header = context[CSVReadParameters.header]
        for p in context[Self.literalPath] ?? context[Self.path] ?? [] {
            let full = FileSystemPaths.resolve(p, session: context.session)
            guard let text = FileText.read(full, encoding: try FileText.encoding(context, Self.encoding)) else {
                try context.writeError(ErrorRecord(message: "Could not find file '\(full)'.", errorId: context.qualifiedErrorId("FileOpenFailure"),
                                                   category: .openError, target: .string(full), exceptionType: "System.IO.FileNotFoundException"))
                continue
            }
            let records = CSVText.records(text, delimiter: delim)
            try CSVConversion.checkHeader(records, header: header, context: context)
            let rows = CSVConversion.objects(records, header: header)
            if !rows.isEmpty && !warnedDefaultNames && CSVConversion.hasUnspecifiedNames(records, header: header) {
                warnedDefaultNames = true
                try context.writeWarning(CSVConversion.defaultNamesWarning)
            }
            for o in rows { try context.writeObject(o) }
        }
    }
}
