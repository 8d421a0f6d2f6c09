// Where-Object, ForEach-Object, Select-Object, Tee-Object: the pipeline plumbing cmdlets.

import Foundation
import PSRuntime

/// Where-Object, both forms: `Where-Object { $_.State -eq 'Off' }` and `Where-Object State -eq Off`.
final class WhereObjectCommand: Cmdlet {
    static let operators = ["EQ", "CEQ", "NE", "CNE", "GT", "CGT", "GE", "CGE", "LT", "CLT", "LE", "CLE",
                            "Like", "CLike", "NotLike", "CNotLike", "Match", "CMatch", "NotMatch", "CNotMatch",
                            "Contains", "CContains", "NotContains", "CNotContains", "In", "CIn", "NotIn", "CNotIn",
                            "Is", "IsNot", "Not"]
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let filterScript = Parameter<PSValue>("FilterScript", aliases: ["Property"], position: 0)
    static let value = Parameter<PSValue>("Value", position: 1)
    /// One switch per comparison operator (`-EQ`, `-Like`, ...), in `operators` order.
    static let operatorSwitches = operators.map { Parameter<SwitchParameter>($0, aliases: $0 == "EQ" ? ["IEQ"] : []) }
    static let declaration = CmdletDeclaration("Where-Object", parameters: [inputObject, filterScript, value] + operatorSwitches,
       synopsis: "Selects the objects that pass a test.",
       description: "Keeps the pipeline objects for which the script block returns a true value, or, in the simple form, whose named property compares true with -Value using the given operator (-EQ, -Like, -Match, -GT, ...). Comparisons ignore case unless the operator starts with C.")

    private var script: PSScriptBlock?
    private var property: String?
    private var op: String?
    private var value: PSValue = .null

    func begin(_ context: CmdletContext) throws {
        guard let f = context[Self.filterScript], !f.isNull else {
            throw context.terminatingError("Cannot bind argument to parameter 'FilterScript' because it is null.",
                                           errorId: "ParameterArgumentValidationErrorNullNotAllowed", category: .invalidData)
        }
        if case .scriptBlock(let b) = f.unwrapped { script = b } else { property = PSConvert.toString(f) }
        // A switch given as `-GT:$false` names no operator (PowerShell's setters ignore false).
        op = Self.operatorSwitches.first { context[$0] }?.name
        value = context[Self.value] ?? .true
        valueGiven = context.isBound(Self.value)
    }

    private var valueGiven = false

    /// PowerShell checks the simple form's operator and -Value per input object, as it compares.
    private func checkOperands(_ context: CmdletContext) throws {
        if !valueGiven, let op, op != "Not" {
            throw context.terminatingError(
                "The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again.",
                errorId: "ValueNotSpecifiedForWhereObject", category: .invalidArgument, exceptionType: "System.Management.Automation.PSArgumentException")
        }
        if valueGiven && op == nil {
            throw context.terminatingError(
                "An operator is required to compare the two specified values. Include a valid operator in the command, and then try the command again. For example, Get-Process | Where-Object -Property Name -eq Idle",
                errorId: "OperatorNotSpecified", category: .invalidArgument, exceptionType: "System.Management.Automation.PSArgumentException")
        }
    }

    func process(_ context: CmdletContext) throws {
        guard let item = context.inputObject() else { return }
        if let script {
            let out = try context.invoke(script, dollarUnder: item)
            if truthy(out) { try context.writeObject(item) }
            return
        }
        guard let property else { return }
        try checkOperands(context)
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
            let p = WildcardPattern(PSConvert.toString(right), caseSensitive: cs)
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
            // `Where-Object Value -Is [int]`: in argument mode the type literal arrives as its text.
            if name.hasPrefix("["), name.hasSuffix("]"), !name.hasSuffix("[]") { name = String(name.dropFirst().dropLast()) }
            if let resolved = TypeRegistry().resolve(name) { name = resolved.fullName.lowercased() }
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
            return try NSRegularExpression(pattern: PSRegex.translate(pattern), options: caseSensitive ? [] : [.caseInsensitive])
        } catch {
            throw PSRuntimeError.message("The regular expression pattern \(pattern) is not valid.",
                                         errorId: "InvalidRegularExpression", category: .invalidArgument)
        }
    }
}

/// ForEach-Object: runs script blocks per object (with -Begin/-End), or reads/calls a member.
final class ForEachObjectCommand: PipelineObjectCmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let process = Parameter<PSValue>("Process", position: 0, sets: ["ScriptBlockSet"])
    static let begin = Parameter<PSScriptBlock>("Begin", sets: ["ScriptBlockSet"])
    static let end = Parameter<PSScriptBlock>("End", sets: ["ScriptBlockSet"])
    static let remainingScripts = Parameter<[PSValue]>("RemainingScripts", valueFromRemainingArguments: true, sets: ["ScriptBlockSet"])
    static let memberName = Parameter<String>("MemberName", sets: ["PropertyAndMethodSet"])
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"], sets: ["PropertyAndMethodSet"])
    // PowerShell 7's Parallel parameter set (see ParallelTasks).
    static let parallel = Parameter<PSScriptBlock>("Parallel", mandatory: true, sets: [ForEachParallel.parameterSet])
    static let throttleLimit = Parameter<Int>("ThrottleLimit", sets: [ForEachParallel.parameterSet],
                                              validate: [.range(min: 1, max: 2147483647)])
    static let timeoutSeconds = Parameter<Int>("TimeoutSeconds", sets: [ForEachParallel.parameterSet],
                                               validate: [.range(min: 0, max: 2147483)])
    static let asJob = Parameter<SwitchParameter>("AsJob", sets: [ForEachParallel.parameterSet])
    static let useNewRunspace = Parameter<SwitchParameter>("UseNewRunspace", sets: [ForEachParallel.parameterSet])
    static let declaration = CmdletDeclaration("ForEach-Object", parameters: [
        inputObject, process, begin, end, remainingScripts, memberName, argumentList,
        parallel, throttleLimit, timeoutSeconds, asJob, useNewRunspace,
    ], defaultParameterSet: "ScriptBlockSet", synopsis: "Runs a script block, or reads or calls a member, for each pipeline object.",
       description: "With one script block it runs once per input object with $_ set to the object. With several blocks the first is -Begin and, if there are three or more, the last is -End. -MemberName reads a property or calls a method (with -ArgumentList) of each object. -Parallel runs its block for each object in a runspace of its own, with $using: values copied in.")

    private var begin: PSScriptBlock?
    /// The process blocks, each prepared once to run per object.
    private var processBlocks: [PerObjectBlock] = []
    /// The usual case, one process block and no -MemberName: each object goes straight to it.
    private var onlyBlock: Unretained<PerObjectBlock>?
    private var end: PSScriptBlock?
    private var member: String?
    private var args: [PSValue] = []

    /// The -Parallel form's tasks (nil for the other forms).
    private var parallelTasks: ForEachParallel?

    func begin(_ context: CmdletContext) throws {
        if let block = context[Self.parallel] {
            parallelTasks = try ForEachParallel(context, block: block, timeoutSeconds: context[Self.timeoutSeconds] ?? 0,
                                                asJob: context[Self.asJob], timeoutGiven: context.isBound(Self.timeoutSeconds),
                                                throttleLimit: context[Self.throttleLimit] ?? 5,
                                                useNewRunspace: context[Self.useNewRunspace])
            return
        }
        args = context[Self.argumentList] ?? []
        member = context[Self.memberName]
        var blocks: [PSScriptBlock] = []
        if let p = context[Self.process] {
            for v in p.arrayElements ?? [p] {
                if case .scriptBlock(let b) = v.unwrapped { blocks.append(b) } else if member == nil { member = PSConvert.toString(v) }
            }
        }
        for v in context[Self.remainingScripts] ?? [] {
            if case .scriptBlock(let b) = v.unwrapped { blocks.append(b) } else if member != nil { args.append(v) }
        }
        begin = context[Self.begin]
        end = context[Self.end]
        if !context.isBound(Self.begin) && !context.isBound(Self.end) && blocks.count >= 2 {
            begin = blocks.removeFirst()
            if blocks.count >= 2 { end = blocks.removeLast() }
        }
        processBlocks = blocks.map { context.perObject($0) }
        if member == nil && processBlocks.count == 1 { onlyBlock = Unretained(processBlocks[0]) }
        if let begin { try context.invokeToOutput(begin) }
    }

    func process(_ context: CmdletContext) throws {
        let item = context.inputObject()
        if let parallelTasks {
            if item == nil && context.expectingInput { return }
            try parallelTasks.process(item ?? .null, context)
            return
        }
        if item == nil && context.expectingInput && member == nil { return }
        try process(object: item ?? .null, context, hasObject: item != nil)
    }

    func process(object: PSValue, _ context: CmdletContext) throws {
        if let parallelTasks {
            try parallelTasks.process(object, context)
            return
        }
        if let onlyBlock {
            try onlyBlock.with { try $0.run(object) }
            return
        }
        try process(object: object, context, hasObject: true)
    }

    private func process(object item: PSValue, _ context: CmdletContext, hasObject: Bool) throws {
        if let member {
            guard hasObject, !item.isNull else { return }
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
        for block in processBlocks { try block.run(item) }
    }

    func end(_ context: CmdletContext) throws {
        if let parallelTasks { try parallelTasks.end(context) }
        if let end { try context.invokeToOutput(end) }
    }
}

/// Select-Object: picks properties (building new objects), expands one, or picks objects by position.
final class SelectObjectCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let property = Parameter<[PSValue]>("Property", position: 0)
    static let excludeProperty = Parameter<[String]>("ExcludeProperty")
    static let expandProperty = Parameter<String>("ExpandProperty")
    static let unique = Parameter<SwitchParameter>("Unique")
    static let caseInsensitive = Parameter<SwitchParameter>("CaseInsensitive")
    static let last = Parameter<Int>("Last", validate: [.range(min: 0, max: nil)])
    static let first = Parameter<Int>("First", validate: [.range(min: 0, max: nil)])
    static let skip = Parameter<Int>("Skip", validate: [.range(min: 0, max: nil)])
    static let skipLast = Parameter<Int>("SkipLast", validate: [.range(min: 0, max: nil)])
    static let index = Parameter<[Int]>("Index")
    static let skipIndex = Parameter<[Int]>("SkipIndex")
    static let wait = Parameter<SwitchParameter>("Wait")
    static let declaration = CmdletDeclaration("Select-Object", parameters: [
        inputObject, property, excludeProperty, expandProperty, unique, caseInsensitive, last, first, skip, skipLast, index, skipIndex, wait,
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
    private var skipIndexes: Set<Int>?
    /// -Wait: after -First is satisfied the rest of the input is read and dropped instead of
    /// stopping the commands upstream.
    private var wait = false
    private var seen = 0
    private var taken = 0
    private var buffer: [PSValue] = []
    private var emitted: [PSValue] = []

    func begin(_ context: CmdletContext) throws {
        if let p = context[Self.property] {
            specs = try p.map { try PropertySpec.parse($0, context: .select, errorIdSource: context.errorIdSource) }
        }
        exclude = (context[Self.excludeProperty] ?? []).map { WildcardPattern($0) }
        if !exclude.isEmpty && specs == nil { specs = [PropertySpec(source: .name("*"))] }
        expand = context[Self.expandProperty]
        unique = context[Self.unique]
        caseInsensitive = context[Self.caseInsensitive]
        first = context[Self.first]
        last = context[Self.last]
        skip = context[Self.skip] ?? 0
        skipLast = context[Self.skipLast] ?? 0
        if let idx = context[Self.index] { indexes = Set(idx) }
        if let idx = context[Self.skipIndex] { skipIndexes = Set(idx) }
        wait = context[Self.wait]
    }

    /// True when objects can stream straight through (no -Last/-SkipLast buffering).
    private var streaming: Bool { last == nil && skipLast == 0 }

    func process(_ context: CmdletContext) throws {
        // PowerShell's Select-Object drops $null input.
        guard let item = context.inputObject(), !item.isNull else { return }
        if indexes != nil || skipIndexes != nil {
            defer { seen += 1 }
            if indexes?.contains(seen) ?? !(skipIndexes?.contains(seen) ?? false) { try emit(item, context) }
            return
        }
        if skip > 0 && seen < skip { seen += 1; return }
        seen += 1
        if !streaming { buffer.append(item); return }
        if let first {
            if taken >= first { if wait { return }; throw PSPipelineStop() }
            taken += 1
            try emit(item, context)
            if taken >= first && !wait { throw PSPipelineStop() }
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
        if var expand {
            // A wildcard names the one property it matches; more than one is an error.
            if WildcardPattern.containsWildcard(expand) {
                let pattern = WildcardPattern(expand, caseSensitive: false)
                let matched = PropertyAccess.propertyNames(item).filter { pattern.matches($0) }
                if matched.count > 1 {
                    try context.writeError(ErrorRecord(message: "Multiple properties cannot be expanded.",
                                                       errorId: context.qualifiedErrorId("MutlipleExpandProperties"),
                                                       category: .invalidArgument, target: item,
                                                       exceptionType: "System.Management.Automation.PSArgumentException"))
                    return
                }
                if let only = matched.first { expand = only }
            }
            guard let v = PropertyAccess.value(item, expand) ?? (try? MemberInvoker.call(item, expand, [], session: context.session).first) else {
                try context.writeError(ErrorRecord(message: "Property \"\(expand)\" cannot be found.",
                                                   errorId: context.qualifiedErrorId("ExpandPropertyNotFound"),
                                                   category: .invalidArgument, target: item,
                                                   exceptionType: "System.Management.Automation.PSArgumentException"))
                return
            }
            let values = v.arrayElements ?? (v.isNull ? [] : [v])
            for e in values where !e.isNull {
                guard let specs else { outputs.append(e); continue }
                // The -Property values become NoteProperties of the expanded value (a string or number
                // is wrapped for it); a name it already has is an error and the value goes out as it is.
                let o = e.withAddedMembers()
                for (name, value, computed) in try selected(item, specs, context) {
                    if o.member(name) != nil {
                        try context.writeError(ErrorRecord(
                            message: "The property cannot be processed because the property \"\(name)\" already exists.",
                            errorId: context.qualifiedErrorId("AlreadyExistingUserSpecifiedPropertyExpand"),
                            category: .invalidOperation, target: item,
                            exceptionType: "System.Management.Automation.PSArgumentException"))
                    } else {
                        o.add(computed ? MemberListing.wrappedNote(name, value) : PSMember(name: name, kind: .note(value)))
                    }
                }
                outputs.append(.object(o))
            }
        } else if let specs {
            let o = PSObject(typeNames: [Self.selectedTypeName(item)] + PSObject.customObjectTypeNames)
            for (name, value, computed) in try selected(item, specs, context) {
                o.add(computed ? MemberListing.wrappedNote(name, value) : PSMember(name: name, kind: .note(value)))
            }
            o.toStringHandler = SelectObjectCommand.customToString
            outputs.append(.object(o))
        } else {
            // A custom object passing through unchanged is still marked as selected (once).
            if case .object(let o) = item, o.typeNames.contains(PSObject.customObjectTypeNames[0]) {
                let name = Self.selectedTypeName(item)
                if !o.typeNames.contains(name) { o.typeNames.insert(name, at: 0) }
            }
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

    /// `Selected.` and the input's .NET type: PSCustomObject for any custom object, whatever type
    /// names were added to it; the first type name for the module objects that stand for .NET types.
    static func selectedTypeName(_ item: PSValue) -> String {
        if case .object(let o) = item, o.baseValue == nil, o.typeNames.contains(PSObject.customObjectTypeNames[0]) {
            return "Selected." + PSObject.customObjectTypeNames[0]
        }
        return "Selected." + (item.typeNames.first ?? "System.Object")
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

    /// Each selected property's name and value, and whether a script block computed it (PowerShell
    /// holds that value wrapped in a PSObject, so Get-Member names its type in full: System.Int32).
    private func selected(_ item: PSValue, _ specs: [PropertySpec], _ context: CmdletContext) throws -> [(String, PSValue, Bool)] {
        var out: [(String, PSValue, Bool)] = []
        for spec in specs {
            for s in spec.expand(for: item, exclude: exclude) {
                if case .name(let n) = s.source, exclude.contains(where: { $0.matches(n) }) { continue }
                let name: String
                if case .name(let n) = s.source, s.label == nil {
                    name = PropertyAccess.propertyNames(item).first { $0.lowercased() == n.lowercased() } ?? n
                } else {
                    name = s.displayName
                }
                if name.isEmpty {
                    throw context.terminatingError("A property is an empty script block and does not provide a name.",
                                                   errorId: "EmptyScriptBlockAndNoName", category: .invalidArgument,
                                                   exceptionType: "System.Management.Automation.PSArgumentException")
                }
                if out.contains(where: { $0.0.lowercased() == name.lowercased() }) { continue }
                let computed: Bool
                if case .script = s.source { computed = true } else { computed = false }
                out.append((name, try s.evaluate(item, invoke: context.scriptInvoker) ?? .null, computed))
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
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    // The three sets of PowerShell 7.4 (File, LiteralFile, Variable), -Encoding second by position.
    static let filePath = Parameter<String>("FilePath", aliases: ["Path"], position: 0, mandatory: true, sets: ["File"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, sets: ["LiteralFile"])
    static let append = Parameter<SwitchParameter>("Append", sets: ["File"])
    static let variable = Parameter<String>("Variable", mandatory: true, sets: ["Variable"])
    static let encoding = Parameter<String>("Encoding", position: 1, sets: ["File", "LiteralFile"])
    static let declaration = CmdletDeclaration("Tee-Object", parameters: [inputObject, filePath, literalPath, append, encoding, variable], defaultParameterSet: "File", synopsis: "Saves pipeline objects to a file or variable and passes them on.",
       description: "Writes each input object down the pipeline and also to a file (formatted as text, like Out-File) or, with -Variable, collects them into a variable.")

    private var items: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject] else { return }
        items.append(v)
        try context.writeObject(v)
    }

    func end(_ context: CmdletContext) throws {
        if let name = context[Self.variable] {
            context.session.setVariable(name, items.count == 1 ? items[0] : .list(items))
            return
        }
        guard let file = context[Self.literalPath] ?? context[Self.filePath] else { return }
        let encoding = try FileText.encoding(context, Self.encoding) ?? .utf8NoBOM
        var text = ""
        let f = LineFormatter(context: context, screenWidth: context.host.windowWidth, listWidth: context.host.windowWidth) { text += $0 + "\n" }
        for v in items { try f.add(v) }
        f.finish()
        try FileText.write(text, to: FileSystemPaths.resolve(file, session: context.session), append: context[Self.append],
                           encoding: encoding, context: context)
    }
}
