import Foundation
import JSONText

/// The JSON Schema keywords Test-Json checks (draft 2020-12's validation vocabulary without
/// formats; `$ref` to a JSON Pointer in the schema or in another schema file loaded beside it): type, enum, const, the numeric and length limits, pattern, properties,
/// required, additionalProperties, items, minItems/maxItems/uniqueItems, allOf/anyOf/oneOf/not.
/// Each failure is one message and the JSON Pointer of the value it is about; a value's own failures
/// come before those of the values inside it (as a hierarchical report lists them), each level in the
/// order of the schema's keywords.
struct JSONSchemaCheck {
    struct Failure {
        let message: String
        let location: String
    }

    let schema: JSONNode
    /// Other schema documents `$ref` names (`definitions.json#/definitions/name`), by the name before `#`.
    var documents: [String: JSONNode] = [:]

    /// A schema must be an object (or a boolean); anything else cannot be used.
    init?(_ schema: JSONNode) {
        switch schema {
        case .object, .bool: self.schema = schema
        default: return nil
        }
    }

    /// The documents the `$ref`s in `node` name outside their own (`file.json#/...`; not `#/...`).
    static func referencedDocuments(in node: JSONNode) -> [String] {
        var out: [String] = []
        func walk(_ n: JSONNode) {
            switch n {
            case .object(let members):
                for (key, value) in members {
                    if key == "$ref", case .string(let ref) = value {
                        let document = String(ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                        if !document.isEmpty, !out.contains(document) { out.append(document) }
                    } else {
                        walk(value)
                    }
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(node)
        return out
    }

    /// The schema a `$ref` points at: the document (this one when the part before `#` is empty), then
    /// the JSON Pointer after `#`; nil when either is missing.
    func resolve(_ reference: String) -> JSONNode? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard var node = parts[0].isEmpty ? schema : documents[parts[0]] else { return nil }
        let pointer = parts.count > 1 ? parts[1] : ""
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members.last(where: { $0.0 == name })?.1 else { return nil }
                node = next
            case .array(let items):
                guard let index = Int(name), items.indices.contains(index) else { return nil }
                node = items[index]
            default: return nil
            }
        }
        return node
    }

    func failures(of document: JSONNode) -> [Failure] {
        var out: [Failure] = []
        check(document, against: schema, at: "", into: &out)
        return out
    }

    private func check(_ value: JSONNode, against schema: JSONNode, at location: String, into out: inout [Failure], references: Int = 0) {
        if case .bool(let allowed) = schema {
            if !allowed { out.append(Failure(message: "All values fail against the false schema", location: location)) }
            return
        }
        guard case .object(let keywords) = schema else { return }
        // A hierarchical report lists a level's own failures before those of the values inside it.
        var own: [Failure] = [], nested: [Failure] = []
        defer { out += own + nested }
        func fail(_ message: String) { own.append(Failure(message: message, location: location)) }
        for (keyword, argument) in keywords {
            switch keyword {
            case "type":
                let wanted = argument.stringList
                if !wanted.contains(where: { Self.isOfType(value, $0) }) {
                    let expected = wanted.count == 1 ? "\"\(wanted[0])\"" : "[" + wanted.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                    fail("Value is \"\(Self.typeName(value))\" but should be \(expected)")
                }
            case "enum":
                if case .array(let options) = argument, !options.contains(where: { Self.same($0, value) }) {
                    fail("Value should match one of the values specified by the enum")
                }
            case "const":
                if !Self.same(argument, value) { fail("Expected \(JSONWriter.write(argument, compress: true))") }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
                guard let number = value.number, let limit = argument.number else { continue }
                switch keyword {
                case "minimum" where number < limit: fail("\(Self.text(number)) should be at least \(Self.text(limit))")
                case "maximum" where number > limit: fail("\(Self.text(number)) should be at most \(Self.text(limit))")
                case "exclusiveMinimum" where number <= limit: fail("\(Self.text(number)) should be greater than \(Self.text(limit))")
                case "exclusiveMaximum" where number >= limit: fail("\(Self.text(number)) should be less than \(Self.text(limit))")
                case "multipleOf" where limit != 0 && (number / limit).rounded() != number / limit:
                    fail("\(Self.text(number)) should be a multiple of \(Self.text(limit))")
                default: break
                }
            case "minLength", "maxLength":
                guard case .string(let text) = value, let limit = argument.number else { continue }
                let length = Double(text.unicodeScalars.count)
                if keyword == "minLength" && length < limit { fail("Value should have at least \(Self.text(limit)) characters") }
                if keyword == "maxLength" && length > limit { fail("Value should have at most \(Self.text(limit)) characters") }
            case "pattern":
                guard case .string(let text) = value, case .string(let pattern) = argument,
                      let regex = try? NSRegularExpression(pattern: pattern) else { continue }
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    fail("The string value is not a match for the indicated regular expression")
                }
            case "required":
                guard case .object(let members) = value else { continue }
                let missing = argument.stringList.filter { name in !members.contains { $0.0 == name } }
                if !missing.isEmpty {
                    fail("Required properties [" + missing.map { "\"\($0)\"" }.joined(separator: ", ") + "] are not present")
                }
            case "properties":
                guard case .object(let members) = value, case .object(let propertySchemas) = argument else { continue }
                for (name, propertySchema) in propertySchemas {
                    if let member = members.first(where: { $0.0 == name }) {
                        check(member.1, against: propertySchema, at: location + "/" + Self.pointerEscaped(name), into: &nested)
                    }
                }
            case "additionalProperties":
                guard case .object(let members) = value else { continue }
                var declared: [String] = []
                if case .object(let properties)? = keywords.first(where: { $0.0 == "properties" })?.1 { declared = properties.map(\.0) }
                for (name, member) in members where !declared.contains(name) {
                    check(member, against: argument, at: location + "/" + Self.pointerEscaped(name), into: &nested)
                }
            case "items":
                guard case .array(let elements) = value else { continue }
                for (index, element) in elements.enumerated() {
                    check(element, against: argument, at: location + "/\(index)", into: &nested)
                }
            case "minItems", "maxItems":
                guard case .array(let elements) = value, let limit = argument.number else { continue }
                if keyword == "minItems" && Double(elements.count) < limit { fail("Value should have at least \(Self.text(limit)) items") }
                if keyword == "maxItems" && Double(elements.count) > limit { fail("Value should have at most \(Self.text(limit)) items") }
            case "uniqueItems":
                guard case .array(let elements) = value, case .bool(true) = argument else { continue }
                for i in elements.indices where elements[..<i].contains(where: { Self.same($0, elements[i]) }) {
                    fail("Found duplicates at indices \(elements.firstIndex { Self.same($0, elements[i]) }!), \(i)")
                    break
                }
            case "allOf", "anyOf", "oneOf":
                guard case .array(let subschemas) = argument else { continue }
                let results = subschemas.map { sub -> [Failure] in
                    var inner: [Failure] = []
                    check(value, against: sub, at: location, into: &inner)
                    return inner
                }
                let passing = results.filter(\.isEmpty).count
                switch keyword {
                case "allOf" where passing < results.count: nested += results.flatMap { $0 }
                // When no choice fits, the failures of every choice say why (each at its own place).
                case "anyOf" where passing == 0: nested += results.flatMap { $0 }
                case "oneOf" where passing == 0: nested += results.flatMap { $0 }
                case "oneOf" where passing > 1: fail("Expected 1 matching subschema but found \(passing)")
                default: break
                }
            case "$ref":
                // The referenced schema applies here, to the same value; a chain of references that
                // never reaches a value (`{"$ref": "#"}`) stops.
                guard case .string(let reference) = argument, references < 64, let target = resolve(reference) else { continue }
                check(value, against: target, at: location, into: &own, references: references + 1)
            case "not":
                var inner: [Failure] = []
                check(value, against: argument, at: location, into: &inner)
                if inner.isEmpty { fail("Schema should not validate") }
            default:
                continue
            }
        }
    }

    static func isOfType(_ value: JSONNode, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .int), ("number", .number), ("integer", .int): return true
        case ("integer", .number(let text)): return Double(text).map { $0.rounded() == $0 } ?? false
        default: return false
        }
    }

    static func typeName(_ value: JSONNode) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .number(let text): Double(text).map { $0.rounded() == $0 } == true ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// JSON equality as the schema means it: numbers by value, objects regardless of member order.
    static func same(_ a: JSONNode, _ b: JSONNode) -> Bool {
        if let x = a.number, let y = b.number { return x == y }
        switch (a, b) {
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.object(x), .object(y)):
            return x.count == y.count && x.allSatisfy { member in y.contains { $0.0 == member.0 && same($0.1, member.1) } }
        default: return a == b
        }
    }

    static func pointerEscaped(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func text(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

private extension JSONNode {
    var number: Double? {
        switch self {
        case .int(let n): Double(n)
        case .number(let text): Double(text)
        default: nil
        }
    }

    /// A keyword that takes a string or a list of strings (type, required).
    var stringList: [String] {
        switch self {
        case .string(let s): [s]
        case .array(let items): items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default: []
        }
    }
}
