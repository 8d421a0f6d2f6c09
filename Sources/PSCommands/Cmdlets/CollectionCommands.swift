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
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let property = Parameter<[PSValue]>("Property", position: 0)
    static let descending = Parameter<SwitchParameter>("Descending")
    static let unique = Parameter<SwitchParameter>("Unique")
    static let caseSensitive = Parameter<SwitchParameter>("CaseSensitive")
    static let stable = Parameter<SwitchParameter>("Stable")
    static let top = Parameter<Int>("Top", validate: [.range(min: 1, max: nil)])
    static let bottom = Parameter<Int>("Bottom", validate: [.range(min: 1, max: nil)])
    static let culture = Parameter<String>("Culture")
    static let declaration = CmdletDeclaration("Sort-Object", parameters: [
        inputObject, property, descending, unique, caseSensitive, stable, top, bottom, culture,
    ], synopsis: "Sorts objects by property values.",
       description: "Sorts the input by one or more properties (or by the objects themselves), ascending unless -Descending; a hashtable key can carry its own Ascending/Descending. The sort is stable. String comparisons ignore case unless -CaseSensitive. -Unique drops duplicates, -Top/-Bottom keep the first or last N.")

    private var items: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        if let v = context[Self.inputObject] { items.append(v) }
    }

    func end(_ context: CmdletContext) throws {
        let descending = context[Self.descending]
        let cs = context[Self.caseSensitive]
        var keys: [SortKey] = []
        for p in context[Self.property] ?? [] {
            let spec = try PropertySpec.parse(p, context: .sort, errorIdSource: context.errorIdSource)
            for s in spec.isWildcardName ? (items.first.map { spec.expand(for: $0) } ?? []) : [spec] {
                var d = descending
                // Ascending wins over Descending; the two set equal (a contradiction) are ignored.
                switch (s.ascending, s.descending) {
                case let (a?, x?) where a == x: break
                case let (a?, _): d = !a
                case let (nil, x?): d = x
                default: break
                }
                keys.append(SortKey(spec: s, descending: d))
            }
        }
        if keys.isEmpty { keys = [SortKey(spec: nil, descending: descending)] }
        let invoke = context.scriptInvoker
        // nil: the object has no such property.
        let keyed: [(PSValue, [PSValue?])] = try items.map { item in
            (item, try keys.map { k in k.spec == nil ? item : try k.spec!.evaluate(item, invoke: invoke) })
        }
        var order = Array(keyed.indices)
        func compareKeys(_ a: Int, _ b: Int) -> Int {
            for (i, k) in keys.enumerated() {
                // An object lacking the property goes after those that have it, in either order
                // (PowerShell's ObjectCommandComparer); a null value sorts as the smallest.
                guard let left = keyed[a].1[i] else { if keyed[b].1[i] == nil { continue }; return 1 }
                guard let right = keyed[b].1[i] else { return -1 }
                var c = ValueComparer.compare(left, right, caseSensitive: cs)
                if k.descending { c = -c }
                if c != 0 { return c }
            }
            return 0
        }
        if context[Self.stable] || context[Self.top] != nil || context[Self.bottom] != nil {
            // -Stable, -Top and -Bottom keep equal objects in input order (PowerShell breaks ties by index).
            order.sort { a, b in let c = compareKeys(a, b); return c != 0 ? c < 0 : a < b }
        } else {
            DotNetIntroSort.sort(&order, compareKeys)
        }
        var sorted = order.map { keyed[$0] }
        if context[Self.unique] {
            var kept: [(PSValue, [PSValue?])] = []
            for e in sorted where !kept.contains(where: { k in zip(k.1, e.1).allSatisfy { ValueComparer.compare($0 ?? .null, $1 ?? .null, caseSensitive: cs) == 0 } }) {
                kept.append(e)
            }
            sorted = kept
        }
        var out = sorted.map(\.0)
        if let top = context[Self.top] { out = Array(out.prefix(top)) }
        if let bottom = context[Self.bottom] { out = Array(out.suffix(bottom)) }
        for v in out { try context.writeObject(v) }
    }
}

final class GroupObjectCommand: Cmdlet {
    static let groupInfoType = "Microsoft.PowerShell.Commands.GroupInfo"
    static let groupInfoNoElementType = "Microsoft.PowerShell.Commands.GroupInfoNoElement"
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let property = Parameter<[PSValue]>("Property", position: 0)
    static let noElement = Parameter<SwitchParameter>("NoElement")
    static let asHashTable = Parameter<SwitchParameter>("AsHashTable", aliases: ["AHT"])
    static let asString = Parameter<SwitchParameter>("AsString")
    static let caseSensitive = Parameter<SwitchParameter>("CaseSensitive")
    static let culture = Parameter<String>("Culture")
    static let declaration = CmdletDeclaration("Group-Object", parameters: [
        inputObject, property, noElement, asHashTable, asString, caseSensitive, culture,
    ], synopsis: "Groups objects that have the same property values.",
       description: "Collects the input into groups by the values of the given properties and writes one GroupInfo object (Count, Name, Group) per group, in order of first appearance. -AsHashTable returns a hashtable from value to the group's objects instead.")

    private var items: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject] else { return }
        if items.isEmpty {
            // Checked when the first object arrives, as PowerShell does.
            if context[Self.asString] && !context[Self.asHashTable] {
                throw context.terminatingError("The command cannot be run because the AsString parameter requires that you specify the AsHashtable parameter.",
                                               errorId: "ArgumentException", category: .invalidArgument,
                                               exceptionType: "System.ArgumentException")
            }
            if context[Self.asHashTable] && !context[Self.asString] && (context[Self.property]?.count ?? 0) > 1 {
                throw context.terminatingError("The command cannot be run because using the AsHashTable parameter with more than one property requires adding the AsString parameter.",
                                               errorId: "ArgumentException", category: .invalidArgument,
                                               exceptionType: "System.ArgumentException")
            }
        }
        items.append(v)
    }

    func end(_ context: CmdletContext) throws {
        let cs = context[Self.caseSensitive]
        let specs = try (context[Self.property] ?? []).map { try PropertySpec.parse($0, context: .group, errorIdSource: context.errorIdSource) }
        var order: [String] = []
        var groups: [String: (values: [PSValue], items: [PSValue])] = [:]
        for item in items {
            let values: [PSValue] = specs.isEmpty ? [item] : try specs.map { try $0.evaluate(item, invoke: context.scriptInvoker) ?? .null }
            let key = values.map { ValueComparer.key($0, caseSensitive: cs) }.joined(separator: "\u{1}")
            if groups[key] == nil { order.append(key); groups[key] = (values, []) }
            groups[key]!.items.append(item)
        }
        // PowerShell sorts the groups by their values when every value has the same type (a stable
        // sort, so equal names keep their first-seen order); mixed types keep the input order.
        let typesOf = { (vs: [PSValue]) in vs.map { $0.unwrapped.typeFullName + ($0.isNull ? "?" : "") } }
        if let first = order.first.map({ typesOf(groups[$0]!.values) }),
           order.allSatisfy({ typesOf(groups[$0]!.values) == first }) {
            order = order.enumerated().sorted { x, y in
                for (a, b) in zip(groups[x.element]!.values, groups[y.element]!.values) {
                    let c = ValueComparer.compare(a, b, caseSensitive: cs)
                    if c != 0 { return c < 0 }
                }
                return x.offset < y.offset
            }.map(\.element)
        }
        if context[Self.asHashTable] {
            let h = PSHashtable()
            for k in order {
                let g = groups[k]!
                let name: PSValue = context[Self.asString] || g.values.count > 1
                    ? .string(g.values.map { PSConvert.toString($0) }.joined(separator: ", ")) : g.values[0]
                h[name] = .array(PSArray(g.items, kind: .arrayList))
            }
            try context.writeObject(.hashtable(h))
            return
        }
        let noElement = context[Self.noElement]
        for k in order {
            let g = groups[k]!
            let o = PSObject(typeNames: noElement ? [GroupObjectCommand.groupInfoNoElementType, GroupObjectCommand.groupInfoType, "System.Object"]
                                                  : [GroupObjectCommand.groupInfoType, "System.Object"])
            o.addNote("Count", .int(Int32(g.items.count)))
            o.addNote("Name", .string(g.values.map { PSConvert.toString($0) }.joined(separator: ", ")))
            o.addNote("Group", noElement ? .null : .array(PSArray(g.items, kind: .collection(.psObject))))
            o.addNote("Values", .list(g.values))
            if noElement { o.removeMember("Group") }
            try context.writeObject(.object(o))
        }
    }
}

final class MeasureObjectCommand: PipelineObjectCmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    /// Property names (wildcards allowed) or script blocks computing the value from `$_`.
    static let property = Parameter<[PSValue]>("Property", type: .array(.object), position: 0)
    static let sum = Parameter<SwitchParameter>("Sum")
    static let average = Parameter<SwitchParameter>("Average")
    static let maximum = Parameter<SwitchParameter>("Maximum")
    static let minimum = Parameter<SwitchParameter>("Minimum")
    static let standardDeviation = Parameter<SwitchParameter>("StandardDeviation")
    static let allStats = Parameter<SwitchParameter>("AllStats")
    static let line = Parameter<SwitchParameter>("Line")
    static let word = Parameter<SwitchParameter>("Word")
    static let character = Parameter<SwitchParameter>("Character")
    static let ignoreWhiteSpace = Parameter<SwitchParameter>("IgnoreWhiteSpace")
    static let declaration = CmdletDeclaration("Measure-Object", parameters: [
        inputObject, property, sum, average, maximum, minimum, standardDeviation, allStats, line, word, character, ignoreWhiteSpace,
    ], synopsis: "Counts objects and computes sums, averages, extremes, or text statistics.",
       description: "Counts the input and, when asked, the sum, average, maximum, minimum and standard deviation of the objects or of a numeric property. -Line, -Word and -Character count lines, words and characters of text input instead.")

    private struct Stats { var count = 0; var sum = 0.0; var sumSquares = 0.0; var min: PSValue?; var max: PSValue?; var sawNumber = true
        var minNumber = Double.infinity; var maxNumber = -Double.infinity }
    /// One entry per measured property as PowerShell names it (a wildcard gives one per property it
    /// matches), in the order first seen; "" for the input objects themselves.
    private var stats: [Stats] = []
    private var propertyOrder: [String] = []
    private var entryIndex: [String: Int] = [:]
    /// What each -Property entry is: a name (maybe a wildcard) or a script block.
    private var propertySpecs: [PSValue] = []
    private var count = 0
    private var lines = 0, words = 0, chars = 0
    private var text = false
    private var wantsNumbers = false
    /// -Maximum / -Minimum (or -AllStats) were asked for: only then are the extremes kept.
    private var wantsExtremes = false
    private var ignoreWhiteSpace = false
    /// No -Property: the input objects themselves are measured.
    private var measuresInput = true

    func begin(_ context: CmdletContext) throws {
        text = context[Self.line] || context[Self.word] || context[Self.character]
        ignoreWhiteSpace = context[Self.ignoreWhiteSpace]
        wantsNumbers = context[Self.allStats] || context[Self.sum] || context[Self.average] || context[Self.standardDeviation]
        wantsExtremes = context[Self.allStats] || context[Self.maximum] || context[Self.minimum]
        propertySpecs = context[Self.property] ?? []
        // A script block is named by its text between the braces, spaces kept (ScriptBlock.ToString()).
        let properties = propertySpecs.map { spec -> String in
            if case .scriptBlock(let sb) = spec.unwrapped { return sb.text }
            return PSConvert.toString(spec)
        }
        propertyOrder = properties.isEmpty ? [""] : properties
        measuresInput = properties.isEmpty
        stats = Array(repeating: Stats(), count: propertyOrder.count)
        if !text {
            // Generic measures name their entries as the properties are met.
            if !measuresInput { propertyOrder = []; stats = [] }
            else { entryIndex[""] = 0 }
        }
    }

    /// The statistics entry for a property name (case-insensitive), made on first use.
    private func entry(_ name: String) -> Int {
        if let i = entryIndex[name.lowercased()] { return i }
        propertyOrder.append(name)
        stats.append(Stats())
        entryIndex[name.lowercased()] = stats.count - 1
        return stats.count - 1
    }

    func process(_ context: CmdletContext) throws {
        guard let item = context.inputObject() else { return }
        try process(object: item, context)
    }

    func process(object item: PSValue, _ context: CmdletContext) throws {
        count += 1
        if measuresInput && !text {
            if !item.isNull { try add(item, to: &stats[0], context) }
            return
        }
        if text {
            for k in propertyOrder.indices {
                let values = propertyOrder[k].isEmpty ? [item] : (try propertyValues(item, k, context) ?? [.null])
                for v in values {
                    let s = PSConvert.toString(v)
                    lines += LineBreaking.splitLines(s).filter { !$0.isEmpty }.count
                    words += s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).count
                    chars += ignoreWhiteSpace ? s.filter { !$0.isWhitespace }.count : s.count
                }
            }
            return
        }
        // A property an object lacks is skipped; one no object had is reported at the end.
        for (k, spec) in propertySpecs.enumerated() {
            if case .scriptBlock(let sb) = spec.unwrapped {
                let i = entry(sb.text.trimmingCharacters(in: .whitespaces))
                for v in try context.invoke(sb, dollarUnder: item) where !v.isNull { try add(v, to: &stats[i], context) }
                continue
            }
            let name = PSConvert.toString(spec)
            if !WildcardPattern.containsWildcard(name) {
                let i = entry(name)
                if let v = PropertyAccess.value(item, name), !v.isNull {
                    // The result names the property as the first object having it spells it (`Num` reports `num`).
                    if stats[i].count == 0, let spelled = spelling(of: name, in: item) { propertyOrder[i] = spelled }
                    try add(v, to: &stats[i], context)
                }
                continue
            }
            for (found, v) in matchingProperties(item, k) where !v.isNull { try add(v, to: &stats[entry(found)], context) }
        }
    }

    private func spelling(of name: String, in item: PSValue) -> String? {
        let names: [String]
        if case .hashtable(let h) = item.unwrapped { names = h.keys.map { PSConvert.toString($0) } } else { names = PropertyAccess.propertyNames(item) }
        return names.first { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The properties (or hashtable keys) a wildcard -Property entry matches on `item`, by name.
    private func matchingProperties(_ item: PSValue, _ k: Int) -> [(String, PSValue)] {
        let pattern = WildcardPattern(PSConvert.toString(propertySpecs[k]))
        let names: [String]
        if case .hashtable(let h) = item.unwrapped { names = h.keys.map { PSConvert.toString($0) } } else { names = PropertyAccess.propertyNames(item) }
        return names.filter { pattern.matches($0) }.compactMap { n in PropertyAccess.value(item, n).map { (n, $0) } }
    }

    /// The values -Property entry `k` gives for `item`: a script block's output (`$_` is the item), the
    /// properties (or hashtable keys) a wildcard matches, or the named one; nil when there is none.
    private func propertyValues(_ item: PSValue, _ k: Int, _ context: CmdletContext) throws -> [PSValue]? {
        let spec = propertySpecs[k].unwrapped
        if case .scriptBlock(let sb) = spec { return try context.invoke(sb, dollarUnder: item) }
        let name = PSConvert.toString(spec)
        let names: [String]
        if case .hashtable(let h) = item.unwrapped { names = h.keys.map { PSConvert.toString($0) } } else { names = PropertyAccess.propertyNames(item) }
        guard WildcardPattern.containsWildcard(name) else {
            guard let v = PropertyAccess.value(item, name) else { return nil }
            // The result names the property as the object spells it (`Num` finds and reports `num`).
            if let spelled = names.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { propertyOrder[k] = spelled }
            return [v]
        }
        let pattern = WildcardPattern(name)
        let hits = names.filter { pattern.matches($0) }.compactMap { PropertyAccess.value(item, $0) }
        return hits.isEmpty ? nil : hits
    }

    private func add(_ v: PSValue, to s: inout Stats, _ context: CmdletContext) throws {
        s.count += 1
        // Numbers (the common case) are tracked as doubles, booleans as 1 and 0 as PowerShell converts
        // them; anything else falls back to PowerShell ordering.
        if let n = ValueComparer.number(v) ?? Self.booleanNumber(v) ?? (s.sawNumber ? Double(PSConvert.toString(v).trimmingCharacters(in: .whitespaces)) : nil), s.sawNumber {
            s.sum += n
            s.sumSquares += n * n
            if wantsExtremes {
                if n < s.minNumber { s.minNumber = n; s.min = v }
                if n > s.maxNumber { s.maxNumber = n; s.max = v }
            }
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
            o.addNote("Lines", context[Self.line] ? .int(Int32(lines)) : .null)
            o.addNote("Words", context[Self.word] ? .int(Int32(words)) : .null)
            o.addNote("Characters", context[Self.character] ? .int(Int32(chars)) : .null)
            o.addNote("Property", .null)
            try context.writeObject(.object(o))
            return
        }
        let all = context[Self.allStats]
        for (k, p) in propertyOrder.enumerated() {
            let s = stats[k]
            if !p.isEmpty && s.count == 0 {
                // As PowerShell: silently left out, an error only under Set-StrictMode 2 or later.
                if context.session.currentScope.strictMode >= 2 {
                    try context.writeError(ErrorRecord(message: "The property \"\(p)\" cannot be found in the input for any objects.",
                                                       errorId: context.qualifiedErrorId("GenericMeasurePropertyNotFound"),
                                                       category: .invalidArgument, target: .string(p),
                                                       exceptionType: "System.Management.Automation.PSArgumentException"))
                }
                continue
            }
            let o = PSObject(typeNames: ["Microsoft.PowerShell.Commands.GenericMeasureInfo", "System.Object"])
            o.addNote("Count", .int(Int32(p.isEmpty ? count : s.count)))
            let avg = s.count > 0 ? s.sum / Double(s.count) : 0
            o.addNote("Average", all || context[Self.average] ? (s.count > 0 ? .double(avg) : .null) : .null)
            o.addNote("Sum", all || context[Self.sum] ? .double(s.sum) : .null)
            o.addNote("Maximum", all || context[Self.maximum] ? numeric(s.max, s.sawNumber) : .null)
            o.addNote("Minimum", all || context[Self.minimum] ? numeric(s.min, s.sawNumber) : .null)
            var sd: PSValue = .null
            if all || context[Self.standardDeviation], s.count > 1 {
                let variance = (s.sumSquares - Double(s.count) * avg * avg) / Double(s.count - 1)
                sd = .double(variance > 0 ? variance.squareRoot() : 0)
            }
            o.addNote("StandardDeviation", sd)
            o.addNote("Property", p.isEmpty ? .null : .string(p))
            try context.writeObject(.object(o))
        }
    }

    private static func booleanNumber(_ v: PSValue) -> Double? {
        if case .bool(let b) = v.unwrapped { return b ? 1 : 0 }
        return nil
    }

    private func numeric(_ v: PSValue?, _ sawNumber: Bool) -> PSValue {
        guard let v else { return .null }
        if sawNumber, let n = ValueComparer.number(v) ?? Self.booleanNumber(v) ?? Double(PSConvert.toString(v)) { return .double(n) }
        return v
    }
}

final class CompareObjectCommand: Cmdlet {
    // The two sets read as PSValue, not [PSValue]: `begin` must tell an explicit $null from an empty array.
    static let referenceObject = Parameter<PSValue>("ReferenceObject", type: .array(.object), position: 0, mandatory: true,
                                                    allow: .emptyCollection)
    static let differenceObject = Parameter<PSValue>("DifferenceObject", type: .array(.object), position: 1, mandatory: true,
                                                     valueFromPipeline: true, allow: .emptyCollection)
    static let property = Parameter<[PSValue]>("Property")
    static let syncWindow = Parameter<Int32>("SyncWindow")
    static let excludeDifferent = Parameter<SwitchParameter>("ExcludeDifferent")
    static let includeEqual = Parameter<SwitchParameter>("IncludeEqual")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let caseSensitive = Parameter<SwitchParameter>("CaseSensitive")
    static let culture = Parameter<String>("Culture")
    static let declaration = CmdletDeclaration("Compare-Object", parameters: [
        referenceObject, differenceObject, property, syncWindow, excludeDifferent, includeEqual, passThru, caseSensitive, culture,
    ], synopsis: "Compares two sets of objects.",
       description: "Reports the objects that appear only in the reference set (<=) or only in the difference set (=>), and with -IncludeEqual those in both (==). -Property compares by property values.")

    private var difference: [PSValue] = []

    /// Both sets are mandatory, and a mandatory parameter does not take $null from the command line.
    func begin(_ context: CmdletContext) throws {
        // A $null DifferenceObject from the command line is fine when pipeline input will replace it.
        for (key, pipelineFills) in [(Self.referenceObject, false), (Self.differenceObject, context.expectingInput)]
        where context[key]?.isNull == true && !pipelineFills {
            throw context.terminatingError("Cannot bind argument to parameter '\(key.name)' because it is null.",
                                           errorId: "ParameterArgumentValidationErrorNullNotAllowed", category: .invalidData,
                                           exceptionType: "System.Management.Automation.ParameterBindingValidationException")
        }
    }

    func process(_ context: CmdletContext) throws {
        if let d = context[Self.differenceObject] { difference += Self.elements(d) }
    }

    func end(_ context: CmdletContext) throws {
        let reference = context[Self.referenceObject].map(Self.elements) ?? []
        let cs = context[Self.caseSensitive]
        let excludeDifferent = context[Self.excludeDifferent]
        // -ExcludeDifferent alone shows the equal ones (it implies -IncludeEqual unless that is given).
        let includeEqual = context.isBound(Self.includeEqual) ? context[Self.includeEqual] : excludeDifferent
        let specs = try (context[Self.property] ?? []).map { try PropertySpec.parse($0, context: .select, errorIdSource: context.errorIdSource) }
        func key(_ v: PSValue) throws -> [PSValue] {
            specs.isEmpty ? [v] : try specs.map { try $0.evaluate(v, invoke: context.scriptInvoker) ?? .null }
        }
        func same(_ a: [PSValue], _ b: [PSValue]) -> Bool { zip(a, b).allSatisfy { ValueComparer.equal($0, $1, caseSensitive: cs) } }
        typealias Entry = (value: PSValue, key: [PSValue])
        let refs: [Entry] = try reference.map { ($0, try key($0)) }
        let diffs: [Entry] = try difference.map { ($0, try key($0)) }
        // PowerShell's walk: each difference object is compared with the reference object at the
        // same position, then with the unmatched ones of the other side kept in a backlog of at most
        // -SyncWindow entries; an entry pushed out of a full backlog is reported as different.
        let window = Int(context[Self.syncWindow] ?? Int32.max / 2)
        var ordered: [(PSValue, [PSValue], String)] = []
        var refBacklog: [Entry] = [], diffBacklog: [Entry] = []
        var refIndex = 0
        func emit(_ e: Entry, _ side: String) {
            if side == "==" ? includeEqual : !excludeDifferent { ordered.append((e.value, e.key, side)) }
        }
        func matchAndRemove(_ e: Entry?, _ list: inout [Entry]) -> Entry? {
            guard let e, let i = list.firstIndex(where: { same(e.key, $0.key) }) else { return nil }
            return list.remove(at: i)
        }
        func step(_ incoming: Entry?) {
            var diff = incoming
            var ref: Entry? = refIndex < refs.count ? refs[refIndex] : nil
            if refIndex < refs.count { refIndex += 1 }
            if let r = ref, let d = diff, same(r.key, d.key) { emit(r, "=="); return }
            if let m = matchAndRemove(diff, &refBacklog) { emit(m, "=="); diff = nil }
            if let r = ref, matchAndRemove(r, &diffBacklog) != nil { emit(r, "=="); ref = nil }
            for (pending, side) in [(diff, "=>"), (ref, "<=")] {
                guard let e = pending else { continue }
                guard window > 0 else { emit(e, side); continue }
                if side == "=>" {
                    while diffBacklog.count >= window { emit(diffBacklog.removeFirst(), side) }
                    diffBacklog.append(e)
                } else {
                    while refBacklog.count >= window { emit(refBacklog.removeFirst(), side) }
                    refBacklog.append(e)
                }
            }
        }
        if refs.isEmpty {
            for d in diffs { emit(d, "=>") }
        } else if diffs.isEmpty {
            for r in refs { emit(r, "<=") }
        } else {
            for d in diffs { step(d) }
            while refIndex < refs.count { step(nil) }
            for d in diffBacklog { emit(d, "=>") }
            for r in refBacklog { emit(r, "<=") }
        }
        for (obj, k, side) in ordered {
            if context[Self.passThru] {
                // A string or number comes out wrapped, so that it too carries its SideIndicator.
                let o = obj.withAddedMembers()
                o.addNote("SideIndicator", .string(side))
                try context.writeObject(.object(o))
                continue
            }
            let o = PSObject(typeNames: PSObject.customObjectTypeNames)
            if specs.isEmpty { o.add(MemberListing.wrappedNote("InputObject", obj)) } else {
                for (s, v) in zip(specs, k) { o.addNote(s.displayName, v) }
            }
            o.addNote("SideIndicator", .string(side))
            try context.writeObject(.object(o))
        }
    }

    /// A set's members: a scalar is a set of one, $null an empty set.
    private static func elements(_ v: PSValue) -> [PSValue] {
        if case .null = v { return [] }
        return v.arrayElements ?? [v]
    }
}

final class GetUniqueCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let asString = Parameter<SwitchParameter>("AsString")
    static let onType = Parameter<SwitchParameter>("OnType")
    static let caseInsensitive = Parameter<SwitchParameter>("CaseInsensitive")
    static let declaration = CmdletDeclaration("Get-Unique", parameters: [inputObject, asString, onType, caseInsensitive], synopsis: "Drops adjacent duplicates from sorted input.",
       description: "Writes each object unless it equals the one before it (compare as strings with -AsString, by type with -OnType). Sort the input first to remove all duplicates.")

    private var previous: PSValue?

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject] else { return }
        defer { previous = v }
        guard let p = previous else { try context.writeObject(v); return }
        let same: Bool
        if context[Self.onType] {
            same = p.typeFullName == v.typeFullName
        } else if context[Self.caseInsensitive] {
            same = PSConvert.toString(p).lowercased() == PSConvert.toString(v).lowercased()
        } else {
            same = PSConvert.toString(p) == PSConvert.toString(v)
        }
        if !same { try context.writeObject(v) }
    }
}
