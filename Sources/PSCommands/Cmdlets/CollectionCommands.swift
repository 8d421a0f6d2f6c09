// Sort-Object, Group-Object, Measure-Object, Compare-Object, Get-Unique: cmdlets that look at the
// whole input before writing.

import Foundation
import PSRuntime

/// Sort keys shared by Sort-Object and Group-Object.
struct SortKey {
    var spec: PropertySpec?
    var descending: Bool
}

final class SortObjectCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Sort-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Property", .array(.object), position: 0),
        ParameterDeclaration("Descending", .switchParameter),
        ParameterDeclaration("Unique", .switchParameter),
        ParameterDeclaration("CaseSensitive", .switchParameter),
        ParameterDeclaration("Stable", .switchParameter),
        ParameterDeclaration("Top", .int32, validate: [.range(min: 1, max: nil)]),
        ParameterDeclaration("Bottom", .int32, validate: [.range(min: 1, max: nil)]),
        ParameterDeclaration("Culture", .string),
    ], synopsis: "Sorts objects by property values.",
       description: "Sorts the input by one or more properties (or by the objects themselves), ascending unless -Descending; a hashtable key can carry its own Ascending/Descending. The sort is stable. String comparisons ignore case unless -CaseSensitive. -Unique drops duplicates, -Top/-Bottom keep the first or last N.")

    private var items: [PSValue] = []
    init() {}

    func process(_ context: CmdletContext) throws {
        if let v = context["InputObject"] { items.append(v) }
    }

    func end(_ context: CmdletContext) throws {
        let descending = context.switchPresent("Descending")
        let cs = context.switchPresent("CaseSensitive")
        var keys: [SortKey] = []
        for p in context.values("Property") ?? [] {
            let spec = try PropertySpec.parse(p, context: .sort, errorIdSource: context.errorIdSource)
            for s in spec.isWildcardName ? (items.first.map { spec.expand(for: $0) } ?? []) : [spec] {
                var d = descending
                if let x = s.descending { d = x } else if let a = s.ascending { d = !a }
                keys.append(SortKey(spec: s, descending: d))
            }
        }
        if keys.isEmpty { keys = [SortKey(spec: nil, descending: descending)] }
        let invoke = context.scriptInvoker
        let keyed: [(PSValue, [PSValue])] = try items.map { item in
            (item, try keys.map { k in try k.spec?.evaluate(item, invoke: invoke) ?? (k.spec == nil ? item : .null) })
        }
        var order = Array(keyed.indices)
        order.sort { a, b in
            for (i, k) in keys.enumerated() {
                var c = ValueComparer.compare(keyed[a].1[i], keyed[b].1[i], caseSensitive: cs)
                if k.descending { c = -c }
                if c != 0 { return c < 0 }
            }
            return a < b
        }
        var sorted = order.map { keyed[$0] }
        if context.switchPresent("Unique") {
            var kept: [(PSValue, [PSValue])] = []
            for e in sorted where !kept.contains(where: { k in zip(k.1, e.1).allSatisfy { ValueComparer.compare($0, $1, caseSensitive: cs) == 0 } }) {
                kept.append(e)
            }
            sorted = kept
        }
        var out = sorted.map(\.0)
        if let top = context.int("Top") { out = Array(out.prefix(top)) }
        if let bottom = context.int("Bottom") { out = Array(out.suffix(bottom)) }
        for v in out { try context.writeObject(v) }
    }
}

final class GroupObjectCommand: Cmdlet {
    static let groupInfoType = "Microsoft.PowerShell.Commands.GroupInfo"
    static let groupInfoNoElementType = "Microsoft.PowerShell.Commands.GroupInfoNoElement"
    static let declaration = CmdletDeclaration("Group-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Property", .array(.object), position: 0),
        ParameterDeclaration("NoElement", .switchParameter),
        ParameterDeclaration("AsHashTable", .switchParameter, aliases: ["AHT"]),
        ParameterDeclaration("AsString", .switchParameter),
        ParameterDeclaration("CaseSensitive", .switchParameter),
        ParameterDeclaration("Culture", .string),
    ], synopsis: "Groups objects that have the same property values.",
       description: "Collects the input into groups by the values of the given properties and writes one GroupInfo object (Count, Name, Group) per group, in order of first appearance. -AsHashTable returns a hashtable from value to the group's objects instead.")

    private var items: [PSValue] = []
    init() {}

    func process(_ context: CmdletContext) throws {
        if let v = context["InputObject"] { items.append(v) }
    }

    func end(_ context: CmdletContext) throws {
        let cs = context.switchPresent("CaseSensitive")
        let specs = try (context.values("Property") ?? []).map { try PropertySpec.parse($0, context: .group, errorIdSource: context.errorIdSource) }
        var order: [String] = []
        var groups: [String: (values: [PSValue], items: [PSValue])] = [:]
        for item in items {
            let values: [PSValue] = specs.isEmpty ? [item] : try specs.map { try $0.evaluate(item, invoke: context.scriptInvoker) ?? .null }
            let key = values.map { ValueComparer.key($0, caseSensitive: cs) }.joined(separator: "\u{1}")
            if groups[key] == nil { order.append(key); groups[key] = (values, []) }
            groups[key]!.items.append(item)
        }
        if context.switchPresent("AsHashTable") {
            let h = PSHashtable()
            for k in order {
                let g = groups[k]!
                let name: PSValue = context.switchPresent("AsString") || g.values.count > 1
                    ? .string(g.values.map { PSConvert.toString($0) }.joined(separator: ", ")) : g.values[0]
                h[name] = .array(PSArray(g.items, kind: .arrayList))
            }
            try context.writeObject(.hashtable(h))
            return
        }
        for k in order {
            let g = groups[k]!
            let noElement = context.switchPresent("NoElement")
            let o = PSObject(typeNames: noElement ? [GroupObjectCommand.groupInfoNoElementType, GroupObjectCommand.groupInfoType, "System.Object"]
                                                  : [GroupObjectCommand.groupInfoType, "System.Object"])
            o.addNote("Count", .int(Int32(g.items.count)))
            o.addNote("Name", .string(g.values.map { PSConvert.toString($0) }.joined(separator: ", ")))
            o.addNote("Group", context.switchPresent("NoElement") ? .null : .array(PSArray(g.items)))
            o.addNote("Values", .list(g.values))
            if context.switchPresent("NoElement") { o.removeMember("Group") }
            try context.writeObject(.object(o))
        }
    }
}

final class MeasureObjectCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Measure-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Property", .array(.object), position: 0),
        ParameterDeclaration("Sum", .switchParameter),
        ParameterDeclaration("Average", .switchParameter),
        ParameterDeclaration("Maximum", .switchParameter),
        ParameterDeclaration("Minimum", .switchParameter),
        ParameterDeclaration("StandardDeviation", .switchParameter),
        ParameterDeclaration("AllStats", .switchParameter),
        ParameterDeclaration("Line", .switchParameter),
        ParameterDeclaration("Word", .switchParameter),
        ParameterDeclaration("Character", .switchParameter),
        ParameterDeclaration("IgnoreWhiteSpace", .switchParameter),
    ], synopsis: "Counts objects and computes sums, averages, extremes, or text statistics.",
       description: "Counts the input and, when asked, the sum, average, maximum, minimum and standard deviation of the objects or of a numeric property. -Line, -Word and -Character count lines, words and characters of text input instead.")

    private struct Stats { var count = 0; var sum = 0.0; var sumSquares = 0.0; var min: PSValue?; var max: PSValue?; var sawNumber = true
        var minNumber = Double.infinity; var maxNumber = -Double.infinity }
    /// One entry per -Property name ("" for the input objects themselves), in order.
    private var stats: [Stats] = []
    private var propertyOrder: [String] = []
    private var count = 0
    private var lines = 0, words = 0, chars = 0
    private var text = false
    private var wantsNumbers = false
    private var ignoreWhiteSpace = false
    init() {}

    func begin(_ context: CmdletContext) throws {
        text = context.switchPresent("Line") || context.switchPresent("Word") || context.switchPresent("Character")
        ignoreWhiteSpace = context.switchPresent("IgnoreWhiteSpace")
        let all = context.switchPresent("AllStats")
        wantsNumbers = all || ["Sum", "Average", "StandardDeviation"].contains { context.switchPresent($0) }
        propertyOrder = (context.strings("Property") ?? []).isEmpty ? [""] : context.strings("Property")!
        stats = Array(repeating: Stats(), count: propertyOrder.count)
    }

    func process(_ context: CmdletContext) throws {
        guard let item = context.inputObject() else { return }
        count += 1
        if text {
            for p in propertyOrder {
                let v = p.isEmpty ? item : (PropertyAccess.value(item, p) ?? .null)
                let s = PSConvert.toString(v)
                lines += LineBreaking.splitLines(s).filter { !$0.isEmpty }.count
                words += s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).count
                chars += ignoreWhiteSpace ? s.filter { !$0.isWhitespace }.count : s.count
            }
            return
        }
        for (k, p) in propertyOrder.enumerated() {
            let v: PSValue
            if p.isEmpty { v = item } else {
                guard let x = PropertyAccess.value(item, p) else {
                    if case .object = item {
                        try context.writeError(ErrorRecord(message: "The property \"\(p)\" cannot be found in the input for any objects.",
                                                           errorId: context.qualifiedErrorId("GenericMeasurePropertyNotFound"),
                                                           category: .invalidArgument, target: .string(p),
                                                           exceptionType: "System.Management.Automation.PSArgumentException"))
                    }
                    continue
                }
                v = x
            }
            if v.isNull { continue }
            try add(v, to: &stats[k], context)
        }
    }

    private func add(_ v: PSValue, to s: inout Stats, _ context: CmdletContext) throws {
        s.count += 1
        // Numbers (the common case) are tracked as doubles; anything else falls back to PowerShell ordering.
        if let n = ValueComparer.number(v) ?? (s.sawNumber ? Double(PSConvert.toString(v).trimmingCharacters(in: .whitespaces)) : nil), s.sawNumber {
            s.sum += n
            s.sumSquares += n * n
            if n < s.minNumber { s.minNumber = n; s.min = v }
            if n > s.maxNumber { s.maxNumber = n; s.max = v }
            return
        }
        if wantsNumbers {
            try context.writeError(ErrorRecord(message: "Input object \"\(PSConvert.toString(v))\" is not numeric.",
                                               errorId: context.qualifiedErrorId("NonNumericInputObject"),
                                               category: .invalidType, target: v,
                                               exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            s.count -= 1
            return
        }
        s.sawNumber = false
        if s.min == nil || ValueComparer.compare(v, s.min!) < 0 { s.min = v }
        if s.max == nil || ValueComparer.compare(v, s.max!) > 0 { s.max = v }
    }

    func end(_ context: CmdletContext) throws {
        if text {
            let o = PSObject(typeNames: ["Microsoft.PowerShell.Commands.TextMeasureInfo", "System.Object"])
            o.addNote("Lines", context.switchPresent("Line") ? .int(Int32(lines)) : .null)
            o.addNote("Words", context.switchPresent("Word") ? .int(Int32(words)) : .null)
            o.addNote("Characters", context.switchPresent("Character") ? .int(Int32(chars)) : .null)
            o.addNote("Property", .null)
            try context.writeObject(.object(o))
            return
        }
        let all = context.switchPresent("AllStats")
        for (k, p) in propertyOrder.enumerated() {
            let s = stats[k]
            let o = PSObject(typeNames: ["Microsoft.PowerShell.Commands.GenericMeasureInfo", "System.Object"])
            o.addNote("Count", .int(Int32(p.isEmpty ? count : s.count)))
            let avg = s.count > 0 ? s.sum / Double(s.count) : 0
            o.addNote("Average", all || context.switchPresent("Average") ? (s.count > 0 ? .double(avg) : .null) : .null)
            o.addNote("Sum", all || context.switchPresent("Sum") ? .double(s.sum) : .null)
            o.addNote("Maximum", all || context.switchPresent("Maximum") ? numeric(s.max, s.sawNumber) : .null)
            o.addNote("Minimum", all || context.switchPresent("Minimum") ? numeric(s.min, s.sawNumber) : .null)
            var sd: PSValue = .null
            if all || context.switchPresent("StandardDeviation"), s.count > 1 {
                let variance = (s.sumSquares - Double(s.count) * avg * avg) / Double(s.count - 1)
                sd = .double(variance > 0 ? variance.squareRoot() : 0)
            }
            o.addNote("StandardDeviation", sd)
            o.addNote("Property", p.isEmpty ? .null : .string(p))
            try context.writeObject(.object(o))
        }
    }

    private func numeric(_ v: PSValue?, _ sawNumber: Bool) -> PSValue {
        guard let v else { return .null }
        if sawNumber, let n = ValueComparer.number(v) ?? Double(PSConvert.toString(v)) { return .double(n) }
        return v
    }
}

final class CompareObjectCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Compare-Object", parameters: [
        ParameterDeclaration("ReferenceObject", .array(.object), position: 0, mandatory: true),
        ParameterDeclaration("DifferenceObject", .array(.object), position: 1, mandatory: true, valueFromPipeline: true),
        ParameterDeclaration("Property", .array(.object)),
        ParameterDeclaration("SyncWindow", .int32),
        ParameterDeclaration("ExcludeDifferent", .switchParameter),
        ParameterDeclaration("IncludeEqual", .switchParameter),
        ParameterDeclaration("PassThru", .switchParameter),
        ParameterDeclaration("CaseSensitive", .switchParameter),
        ParameterDeclaration("Culture", .string),
    ], synopsis: "Compares two sets of objects.",
       description: "Reports the objects that appear only in the reference set (<=) or only in the difference set (=>), and with -IncludeEqual those in both (==). -Property compares by property values.")

    private var difference: [PSValue] = []
    init() {}

    /// Both sets are mandatory, and a mandatory parameter does not take $null from the command line.
    func begin(_ context: CmdletContext) throws {
        for name in ["ReferenceObject", "DifferenceObject"] where context[name]?.isNull == true {
            if name == "DifferenceObject" && context.expectingInput { continue }
            throw context.terminatingError("Cannot bind argument to parameter '\(name)' because it is null.",
                                           errorId: "ParameterArgumentValidationErrorNullNotAllowed", category: .invalidData,
                                           exceptionType: "System.Management.Automation.ParameterBindingValidationException")
        }
    }

    func process(_ context: CmdletContext) throws {
        if let d = context.values("DifferenceObject") { difference += d }
    }

    func end(_ context: CmdletContext) throws {
        let reference = context.values("ReferenceObject") ?? []
        let cs = context.switchPresent("CaseSensitive")
        let specs = try (context.values("Property") ?? []).map { try PropertySpec.parse($0, context: .select, errorIdSource: context.errorIdSource) }
        func key(_ v: PSValue) throws -> [PSValue] {
            specs.isEmpty ? [v] : try specs.map { try $0.evaluate(v, invoke: context.scriptInvoker) ?? .null }
        }
        func same(_ a: [PSValue], _ b: [PSValue]) -> Bool { zip(a, b).allSatisfy { ValueComparer.equal($0, $1, caseSensitive: cs) } }
        let refKeys = try reference.map(key)
        var diffKeys = try difference.map(key)
        var diffUsed = [Bool](repeating: false, count: difference.count)
        var results: [(PSValue, [PSValue], String)] = []
        for (i, r) in reference.enumerated() {
            if let j = diffKeys.indices.first(where: { !diffUsed[$0] && same(refKeys[i], diffKeys[$0]) }) {
                diffUsed[j] = true
                if context.switchPresent("IncludeEqual") { results.append((r, refKeys[i], "==")) }
            } else if !context.switchPresent("ExcludeDifferent") {
                results.append((r, refKeys[i], "<="))
            }
        }
        var diffResults: [(PSValue, [PSValue], String)] = []
        for (j, d) in difference.enumerated() where !diffUsed[j] && !context.switchPresent("ExcludeDifferent") {
            diffResults.append((d, diffKeys[j], "=>"))
        }
        diffKeys = []
        // PowerShell lists the difference-only objects first, then the reference-only ones.
        let ordered = results.filter { $0.2 == "==" } + diffResults + results.filter { $0.2 == "<=" }
        for (obj, k, side) in ordered {
            if context.switchPresent("PassThru") {
                if case .object(let o) = obj { o.addNote("SideIndicator", .string(side)) }
                try context.writeObject(obj)
                continue
            }
            let o = PSObject(typeNames: PSObject.customObjectTypeNames)
            if specs.isEmpty { o.addNote("InputObject", obj) } else {
                for (s, v) in zip(specs, k) { o.addNote(s.displayName, v) }
            }
            o.addNote("SideIndicator", .string(side))
            try context.writeObject(.object(o))
        }
    }
}

final class GetUniqueCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Unique", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("AsString", .switchParameter),
        ParameterDeclaration("OnType", .switchParameter),
        ParameterDeclaration("CaseInsensitive", .switchParameter),
    ], synopsis: "Drops adjacent duplicates from sorted input.",
       description: "Writes each object unless it equals the one before it (compare as strings with -AsString, by type with -OnType). Sort the input first to remove all duplicates.")

    private var previous: PSValue?
    init() {}

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"] else { return }
        defer { previous = v }
        guard let p = previous else { try context.writeObject(v); return }
        let same: Bool
        if context.switchPresent("OnType") {
            same = p.typeFullName == v.typeFullName
        } else if context.switchPresent("CaseInsensitive") {
            same = PSConvert.toString(p).lowercased() == PSConvert.toString(v).lowercased()
        } else {
            same = PSConvert.toString(p) == PSConvert.toString(v)
        }
        if !same { try context.writeObject(v) }
    }
}
