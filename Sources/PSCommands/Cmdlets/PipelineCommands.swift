// Where-Object, ForEach-Object, Select-Object, Tee-Object: the pipeline plumbing cmdlets.

import Foundation
import PSRuntime

/// Where-Object, both forms: `Where-Object { $_.State -eq 'Off' }` and `Where-Object State -eq Off`.
final class WhereObjectCommand: Cmdlet {
    static let operators = ["EQ", "CEQ", "NE", "CNE", "GT", "CGT", "GE", "CGE", "LT", "CLT", "LE", "CLE",
                            "Like", "CLike", "NotLike", "CNotLike", "Match", "CMatch", "NotMatch", "CNotMatch",
                            "Contains", "CContains", "NotContains", "CNotContains", "In", "CIn", "NotIn", "CNotIn",
                            "Is", "IsNot", "Not"]
    static let declaration = CmdletDeclaration("Where-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("FilterScript", .object, aliases: ["Property"], position: 0),
        ParameterDeclaration("Value", .object, position: 1),
    ] + operators.map { ParameterDeclaration($0, .switchParameter, aliases: $0 == "EQ" ? ["IEQ"] : []) },
       synopsis: "Selects the objects that pass a test.",
       description: "Keeps the pipeline objects for which the script block returns a true value, or, in the simple form, whose named property compares true with -Value using the given operator (-EQ, -Like, -Match, -GT, ...). Comparisons ignore case unless the operator starts with C.")

    private var script: PSScriptBlock?
    private var property: String?
    private var op: String?
    private var value: PSValue = .null
    init() {}

    func begin(_ context: CmdletContext) throws {
        guard let f = context["FilterScript"], !f.isNull else {
            throw context.terminatingError("Cannot bind argument to parameter 'FilterScript' because it is null.",
                                           errorId: "ParameterArgumentValidationErrorNullNotAllowed", category: .invalidData)
        }
        if case .scriptBlock(let b) = f.unwrapped { script = b } else { property = PSConvert.toString(f) }
        op = WhereObjectCommand.operators.first { context.switchPresent($0) }
        value = context["Value"] ?? .true
        if op == nil && context.isBound("Value") { op = "EQ" }
    }

    func process(_ context: CmdletContext) throws {
        guard let item = context.inputObject() else { return }
        if let script {
            let out = try context.invoke(script, dollarUnder: item)
            if truthy(out) { try context.writeObject(item) }
            return
        }
        guard let property else { return }
        let left = PropertyAccess.value(item, property) ?? .null
        if try WhereObjectCommand.test(left, op, value) { try context.writeObject(item) }
    }

    private func truthy(_ out: [PSValue]) -> Bool {
        if out.isEmpty { return false }
        if out.count == 1 { return PSConvert.toBool(out[0]) }
        return true
    }

    static func test(_ left: PSValue, _ op: String?, _ right: PSValue) throws -> Bool {
        guard let op else { return PSConvert.toBool(left) }
        let lower = op.lowercased()
        let cs = lower.hasPrefix("c") && lower != "contains"
        let base = cs ? String(lower.dropFirst()) : lower
        func each(_ f: (PSValue) throws -> Bool) rethrows -> Bool {
            if let items = left.arrayElements { return try items.contains(where: f) }
            return try f(left)
        }
        switch base {
        case "eq", "ieq": return each { ValueComparer.equal($0, right, caseSensitive: cs) }
        case "ne": return left.arrayElements != nil ? each { !ValueComparer.equal($0, right, caseSensitive: cs) } : !ValueComparer.equal(left, right, caseSensitive: cs)
        case "gt": return each { ValueComparer.compare($0, right, caseSensitive: cs) > 0 }
        case "ge": return each { ValueComparer.compare($0, right, caseSensitive: cs) >= 0 }
        case "lt": return each { ValueComparer.compare($0, right, caseSensitive: cs) < 0 }
        case "le": return each { ValueComparer.compare($0, right, caseSensitive: cs) <= 0 }
        case "like", "notlike":
            let p = WildcardPattern(PSConvert.toString(right), ignoreCase: !cs)
            let hit = each { p.matches(PSConvert.toString($0)) }
            return base == "like" ? hit : !hit
        case "match", "notmatch":
            let re = try regex(PSConvert.toString(right), caseSensitive: cs)
            let hit = each { s in
                let t = PSConvert.toString(s)
                return re.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
            }
            return base == "match" ? hit : !hit
        case "contains", "notcontains":
            let items = left.arrayElements ?? [left]
            let hit = items.contains { ValueComparer.equal($0, right, caseSensitive: lower.hasPrefix("cc")) }
            return base == "contains" ? hit : !hit
        case "in", "notin":
            let items = right.arrayElements ?? [right]
            let hit = items.contains { ValueComparer.equal(left, $0, caseSensitive: cs) }
            return base == "in" ? hit : !hit
        case "is", "isnot":
            var name = PSConvert.toString(right).lowercased()
            if case .type(let t) = right { name = t.fullName.lowercased() }
            let names = left.typeNames.map { $0.lowercased() }
            let hit = names.contains(name) || names.contains("system." + name) || names.map { PSType.shortName(of: $0).lowercased() }.contains(name)
            return base == "is" ? hit : !hit
        case "not": return !PSConvert.toBool(left)
        default: return PSConvert.toBool(left)
        }
    }

    static func regex(_ pattern: String, caseSensitive: Bool) throws -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern, options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            throw PSRuntimeError.message("The regular expression pattern \(pattern) is not valid.",
                                         errorId: "InvalidRegularExpression", category: .invalidArgument)
        }
    }
}

/// ForEach-Object: runs script blocks per object (with -Begin/-End), or reads/calls a member.
final class ForEachObjectCommand: Cmdlet {
    static let declaration = CmdletDeclaration("ForEach-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Process", .object, position: 0),
        ParameterDeclaration("Begin", .scriptBlock),
        ParameterDeclaration("End", .scriptBlock),
        ParameterDeclaration("RemainingScripts", .array(.object), valueFromRemainingArguments: true),
        ParameterDeclaration("MemberName", .string),
        ParameterDeclaration("ArgumentList", .array(.object), aliases: ["Args"]),
    ], synopsis: "Runs a script block, or reads or calls a member, for each pipeline object.",
       description: "With one script block it runs once per input object with $_ set to the object. With several blocks the first is -Begin and, if there are three or more, the last is -End. -MemberName reads a property or calls a method (with -ArgumentList) of each object.")

    private var begin: PSScriptBlock?
    private var processBlocks: [PSScriptBlock] = []
    private var end: PSScriptBlock?
    private var member: String?
    private var args: [PSValue] = []
    init() {}

    func begin(_ context: CmdletContext) throws {
        args = context.values("ArgumentList") ?? []
        member = context.string("MemberName")
        var blocks: [PSScriptBlock] = []
        if let p = context["Process"] {
            for v in p.arrayElements ?? [p] {
                if case .scriptBlock(let b) = v.unwrapped { blocks.append(b) } else if member == nil { member = PSConvert.toString(v) }
            }
        }
        for v in context.values("RemainingScripts") ?? [] {
            if case .scriptBlock(let b) = v.unwrapped { blocks.append(b) } else if member != nil { args.append(v) }
        }
        if case .scriptBlock(let b)? = context["Begin"]?.unwrapped { begin = b }
        if case .scriptBlock(let b)? = context["End"]?.unwrapped { end = b }
        if context["Begin"] == nil && context["End"] == nil && blocks.count >= 2 {
            begin = blocks.removeFirst()
            if blocks.count >= 2 { end = blocks.removeLast() }
        }
        processBlocks = blocks
        if let begin { try context.invokeToOutput(begin) }
    }

    func process(_ context: CmdletContext) throws {
        let item = context.inputObject()
        if let member {
            guard let item, !item.isNull else { return }
            let values: [PSValue]
            do {
                values = try MemberInvoker.call(item, member, args, session: context.session)
            } catch let e as PSRuntimeError where e.record.fullyQualifiedErrorId == "MethodNotFound" && args.isEmpty {
                // No such member: PowerShell writes $null, or an error under Set-StrictMode -Version 2+.
                if context.session.currentScope.strictMode >= 2 {
                    try context.writeError(ErrorRecord(message: "The input name \"\(member)\" cannot be resolved to a member.",
                                                       errorId: context.qualifiedErrorId("PropertyOrMethodNotFound"),
                                                       category: .invalidArgument, target: item,
                                                       exceptionType: "System.Management.Automation.PSArgumentException"))
                } else {
                    try context.writeObject(.null)
                }
                return
            }
            for v in values { try context.writeObject(v, enumerate: true) }
            return
        }
        if item == nil && context.expectingInput { return }
        for b in processBlocks { try context.invokeToOutput(b, dollarUnder: item ?? .null) }
    }

    func end(_ context: CmdletContext) throws {
        if let end { try context.invokeToOutput(end) }
    }
}

/// Select-Object: picks properties (building new objects), expands one, or picks objects by position.
final class SelectObjectCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Select-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("Property", .array(.object), position: 0),
        ParameterDeclaration("ExcludeProperty", .array(.string)),
        ParameterDeclaration("ExpandProperty", .string),
        ParameterDeclaration("Unique", .switchParameter),
        ParameterDeclaration("CaseInsensitive", .switchParameter),
        ParameterDeclaration("Last", .int32, validate: [.range(min: 0, max: nil)]),
        ParameterDeclaration("First", .int32, validate: [.range(min: 0, max: nil)]),
        ParameterDeclaration("Skip", .int32, validate: [.range(min: 0, max: nil)]),
        ParameterDeclaration("SkipLast", .int32, validate: [.range(min: 0, max: nil)]),
        ParameterDeclaration("Index", .array(.int32)),
        ParameterDeclaration("Wait", .switchParameter),
    ], synopsis: "Selects properties of objects, or objects by position.",
       description: "With -Property it makes new objects holding only the named properties (wildcards and calculated properties allowed). -ExpandProperty outputs the value of one property instead. -First, -Last, -Skip, -SkipLast, -Index and -Unique pick objects from the input.")

    private var specs: [PropertySpec]?
    private var exclude: [WildcardPattern] = []
    private var expand: String?
    private var unique = false
    private var caseInsensitive = false
    private var first: Int?
    private var last: Int?
    private var skip = 0
    private var skipLast = 0
    private var indexes: Set<Int>?
    private var seen = 0
    private var taken = 0
    private var buffer: [PSValue] = []
    private var emitted: [PSValue] = []
    init() {}

    func begin(_ context: CmdletContext) throws {
        if let p = context.values("Property") {
            specs = try p.map { try PropertySpec.parse($0, context: .select, errorIdSource: context.errorIdSource) }
        }
        exclude = (context.strings("ExcludeProperty") ?? []).map { WildcardPattern($0) }
        if !exclude.isEmpty && specs == nil { specs = [PropertySpec(source: .name("*"))] }
        expand = context.string("ExpandProperty")
        unique = context.switchPresent("Unique")
        caseInsensitive = context.switchPresent("CaseInsensitive")
        first = context.int("First")
        last = context.int("Last")
        skip = context.int("Skip") ?? 0
        skipLast = context.int("SkipLast") ?? 0
        if let idx = context.values("Index") { indexes = Set(idx.compactMap { try? PSConvert.toInt($0) }) }
    }

    /// True when objects can stream straight through (no -Last/-SkipLast buffering).
    private var streaming: Bool { last == nil && skipLast == 0 }

    func process(_ context: CmdletContext) throws {
        guard let item = context.inputObject() else { return }
        if let indexes {
            defer { seen += 1 }
            if indexes.contains(seen) { try emit(item, context) }
            return
        }
        if skip > 0 && seen < skip { seen += 1; return }
        seen += 1
        if !streaming { buffer.append(item); return }
        if let first {
            if taken >= first { throw PSPipelineStop() }
            taken += 1
            try emit(item, context)
            if taken >= first { throw PSPipelineStop() }
            return
        }
        try emit(item, context)
    }

    func end(_ context: CmdletContext) throws {
        guard !streaming else { return }
        var items = buffer
        if skipLast > 0 { items = Array(items.dropLast(skipLast)) }
        var picked: [PSValue] = []
        if let first { picked += items.prefix(first) }
        if let last {
            let tail = items.suffix(last)
            let start = max(items.count - last, first ?? 0)
            picked += first == nil ? Array(tail) : Array(items[min(start, items.count)...])
        }
        if first == nil && last == nil { picked = items }
        for v in picked { try emit(v, context) }
    }

    private func emit(_ item: PSValue, _ context: CmdletContext) throws {
        var outputs: [PSValue] = []
        if let expand {
            guard let v = PropertyAccess.value(item, expand) ?? (try? MemberInvoker.call(item, expand, [], session: context.session).first) else {
                try context.writeError(ErrorRecord(message: "Property \"\(expand)\" cannot be found.",
                                                   errorId: context.qualifiedErrorId("ExpandPropertyNotFound"),
                                                   category: .invalidArgument, target: item,
                                                   exceptionType: "System.Management.Automation.PSArgumentException"))
                return
            }
            let values = v.arrayElements ?? (v.isNull ? [] : [v])
            for e in values {
                if let specs, case .object(let o) = e {
                    for (name, value) in try selected(item, specs, context) where o.member(name) == nil { o.addNote(name, value) }
                }
                outputs.append(e)
            }
        } else if let specs {
            let o = PSObject(typeNames: ["Selected." + (item.typeNames.first ?? "System.Object")] + PSObject.customObjectTypeNames)
            for (name, value) in try selected(item, specs, context) { o.addNote(name, value) }
            o.toStringHandler = SelectObjectCommand.customToString
            outputs.append(.object(o))
        } else {
            outputs.append(item)
        }
        for out in outputs {
            if unique {
                if emitted.contains(where: { ValueComparer.equal($0, out, caseSensitive: !caseInsensitive) && sameShape($0, out) }) { continue }
                emitted.append(out)
            }
            try context.writeObject(out)
        }
    }

    private func sameShape(_ a: PSValue, _ b: PSValue) -> Bool {
        if case .object(let p) = a, case .object(let q) = b {
            return p.properties.count == q.properties.count && zip(p.properties, q.properties).allSatisfy { x, y in
                x.name.lowercased() == y.name.lowercased() &&
                    ValueComparer.equal((try? p.property(x.name)) ?? nil ?? .null, (try? q.property(y.name)) ?? nil ?? .null, caseSensitive: !caseInsensitive)
            }
        }
        return true
    }

    private func selected(_ item: PSValue, _ specs: [PropertySpec], _ context: CmdletContext) throws -> [(String, PSValue)] {
        var out: [(String, PSValue)] = []
        for spec in specs {
            for s in spec.expand(for: item, exclude: exclude) {
                if case .name(let n) = s.source, exclude.contains(where: { $0.matches(n) }) { continue }
                let name: String
                if case .name(let n) = s.source, s.label == nil {
                    name = PropertyAccess.propertyNames(item).first { $0.lowercased() == n.lowercased() } ?? n
                } else {
                    name = s.displayName
                }
                if out.contains(where: { $0.0.lowercased() == name.lowercased() }) { continue }
                out.append((name, try s.evaluate(item, invoke: context.scriptInvoker) ?? .null))
            }
        }
        return out
    }

    static func customToString(_ o: PSObject) -> String {
        "@{" + o.properties.map { m in "\(m.name)=\(PSConvert.toString(((try? o.property(m.name)) ?? nil) ?? .null))" }.joined(separator: "; ") + "}"
    }
}

/// Tee-Object: passes objects on and also saves them to a file or a variable.
final class TeeObjectCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Tee-Object", parameters: [
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("FilePath", .string, aliases: ["Path"], position: 0, sets: ["File"]),
        ParameterDeclaration("Append", .switchParameter, sets: ["File"]),
        ParameterDeclaration("Variable", .string, sets: ["Variable"]),
    ], defaultParameterSet: "File", synopsis: "Saves pipeline objects to a file or variable and passes them on.",
       description: "Writes each input object down the pipeline and also to a file (formatted as text, like Out-File) or, with -Variable, collects them into a variable.")

    private var items: [PSValue] = []
    init() {}

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"] else { return }
        items.append(v)
        try context.writeObject(v)
    }

    func end(_ context: CmdletContext) throws {
        if let name = context.string("Variable") {
            context.session.setVariable(name, items.count == 1 ? items[0] : .list(items))
            return
        }
        guard let file = context.string("FilePath") else { return }
        var text = ""
        let f = LineFormatter(context: context, screenWidth: context.host.windowWidth, listWidth: context.host.windowWidth) { text += $0 + "\n" }
        for v in items { try f.add(v) }
        f.finish()
        try FileText.write(text, to: FileSystemPaths.resolve(file, session: context.session), append: context.switchPresent("Append"), context: context)
    }
}
