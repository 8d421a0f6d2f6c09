import Foundation
import PSLanguage

/// A command-line argument after evaluation, before binding.
struct BindArgument {
    /// A positional value handed over from Swift (a module's `-ArgumentList`, a method call's arguments).
    static func positional(_ value: PSValue) -> BindArgument {
        BindArgument(parameterName: nil, value: value, hasColon: false, text: PSConvert.toString(value))
    }

    /// `Name` for `-Name` / `-Name:value`; nil for a positional value.
    var parameterName: String?
    var value: PSValue?
    var hasColon: Bool
    /// How it was written (for native commands and for error messages).
    var text: String
    /// A bare word or quoted string (native commands get it verbatim).
    var isLiteralText: Bool = false
    /// Written as a quoted string (`'*'`, `"~/$x"`): a native command gets it unglobbed.
    var usedQuotes: Bool = false
    /// Where it was written: a binding error about it points there, as PowerShell's do.
    var extent: ScriptExtent? = nil
    /// A `-Name` that matched no parameter of a function taking its remaining arguments: passed on
    /// as text, but still a named argument, so no positional parameter takes it (nor its value).
    var isUnmatchedName: Bool = false
    /// A `-Name:value` from a splatted hashtable: the same parameter named on the command line wins.
    var fromSplat: Bool = false
}

/// A command argument compiled once; evaluated per invocation.
enum CompiledArgument {
    case parameter(name: String, value: Eval?, hasColon: Bool, text: String, extent: ScriptExtent?)
    case positional(Eval, text: String, isLiteral: Bool, usedQuotes: Bool, extent: ScriptExtent?)
    case splat(Eval)
    case verbatim(String)
}

/// How to build one stage of a pipeline at run time.
enum StagePlan {
    case expression(Eval, isRange: (Eval, Eval)?)
    case command(CommandPlan)
}

struct CommandPlan {
    var invocation: InvocationOperator
    /// Static name when written as a word; else evaluated.
    var name: String?
    var nameExpression: Eval?
    var arguments: [CompiledArgument]
    var redirections: [CompiledRedirection]
    var extent: ScriptExtent
    /// `add(3,4)`: a parenthesised argument touching the name, which strict mode 2 refuses.
    var looksLikeMethodCall = false
}

enum CompiledRedirection {
    case merge(from: RedirectionStream)
    case file(stream: RedirectionStream, append: Bool, target: Eval, isNull: Bool)
}

extension Compiler {
    /// Whether a statement that is this lone expression sets `$?` to true after it runs, as
    /// PowerShell's Compiler.ShouldSetExecutionStatusToSuccess decides: a `$( )` with statements, a
    /// `( )` around commands and an `@( )` of several statements (or one with a trap, or one
    /// command) leave `$?` as their last statement set it.
    static func setsSuccess(_ expression: PSExpr) -> Bool {
        switch expression {
        case .paren(let paren): return setsSuccess(paren.pipeline)
        case .subExpression(let sub): return !sub.body.statements.contains { if case .trap = $0 { false } else { true } }
        case .arrayExpression(let array):
            let statements = array.body.statements.filter { if case .trap = $0 { false } else { true } }
            switch statements.count {
            case 0: return true
            case 1: return array.body.traps.isEmpty && setsSuccess(statements[0])
            default: return false
            }
        default: return true
        }
    }

    static func setsSuccess(_ statement: Statement) -> Bool {
        switch statement {
        case .pipeline(let pipeline):
            guard pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0] else { return false }
            return setsSuccess(element.expression)
        case .assignment(let assignment):
            var value = assignment.value
            while case .assignment(let inner) = value { value = inner.value }
            return setsSuccess(value)
        default: return false
        }
    }

    func compilePipeline(_ pipeline: Pipeline) -> Exec {
        let session = self.session
        if pipeline.isBackground { return compileBackground(.pipeline(pipeline), range: pipeline.range) }
        // A lone expression: evaluate and write, enumerating collections.
        if pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0], element.redirections.isEmpty {
            if case .invokeMember(let member) = element.expression {
                let call = positionedCall(member)
                return { frame, out in
                    let failures = session.failureCount
                    if let value = try call(frame) { try out.writeEnumerated(value) }
                    session.lastSuccess = session.failureCount == failures
                }
            }
            if case .unary(let unary) = element.expression, [.preIncrement, .preDecrement, .postIncrement, .postDecrement].contains(unary.op) {
                // `$i++` as a statement writes nothing; `($i++)` does.
                let compute = compileExpression(element.expression)
                return { frame, _ in _ = try compute(frame); session.lastSuccess = true }
            }
            if case .convert(let conversion) = element.expression, conversion.type.name.lowercased() == "void" {
                let compute = compileExpression(element.expression)
                return { frame, _ in
                    let failures = session.failureCount
                    _ = try compute(frame)
                    session.lastSuccess = session.failureCount == failures
                }
            }
            // $? after an expression: PowerShell's compiler sets it to true after the statement unless
            // the expression is one whose own statements leave it (`$(Write-Error x)`, `(Get-Item
            // nowhere)`, `@(a; b)`); `$?` itself still reads the previous statement's value.
            let compute = pipelineInput(element.expression)
            if Compiler.setsSuccess(element.expression) {
                return { frame, out in
                    try out.writeEnumerated(try compute(frame))
                    session.lastSuccess = true
                }
            }
            return { frame, out in try out.writeEnumerated(try compute(frame)) }
        }
        let plans: [StagePlan] = pipeline.elements.map { stage in
            switch stage {
            case .expression(let element):
                var range: (Eval, Eval)? = nil
                if case .binary(let binary) = element.expression, binary.op == .range {
                    range = (compileExpression(binary.left), compileExpression(binary.right))
                }
                let compute = pipelineInput(element.expression)
                if element.redirections.isEmpty { return .expression(compute, isRange: range) }
                // An expression with redirections behaves like a command (`$x 2>&1`).
                return .command(CommandPlan(invocation: .none, name: nil, nameExpression: nil,
                                            arguments: [.positional(compute, text: "", isLiteral: false, usedQuotes: false, extent: nil)],
                                            redirections: element.redirections.map(compileRedirection),
                                            extent: extent(element.range)))
            case .command(let command):
                return .command(compileCommand(command))
            }
        }
        return { frame, out in
            try PipelineRunner.run(plans, frame: frame, output: out)
        }
    }

    /// An expression written into a pipeline. Where the expression is AutomationNull (see
    /// compileOptionalValue) it writes no object at all (an empty collection enumerates to nothing),
    /// where a variable holding $null writes $null.
    func pipelineInput(_ expression: PSExpr) -> Eval {
        guard let optional = compileOptionalValue(expression) else { return compileExpression(expression) }
        let nothing = PSValue.array(PSArray([]))
        return { frame in try optional(frame) ?? nothing }
    }

    /// An expression's value, or nil where PowerShell has AutomationNull instead of a value: `[void]...`,
    /// a method that returns nothing, AutomationNull.Value, `( )` or `$( )` around statements that
    /// wrote nothing, a variable holding AutomationNull, an array element that was one. No closure
    /// for expressions that always have a value. `[void]$list.Add(1) | ForEach-Object { }` runs no
    /// script block, `@($list.Clear())` is empty.
    func compileOptionalValue(_ expression: PSExpr) -> ((Frame) throws -> PSValue?)? {
        switch expression {
        case .convert(let conversion) where conversion.type.name.lowercased() == "void" && conversion.type.arrayRanks.isEmpty:
            let compute = compileExpression(expression)
            return { frame in _ = try compute(frame); return nil }
        case .invokeMember(let member):
            return positionedCall(member)
        case .member(let member) where isAutomationNullValue(member):
            return { _ in nil }
        case .paren(let paren):
            // `(Write-Error x -ErrorAction Ignore)` wrote nothing: AutomationNull, so no object goes on.
            let compute = compileValueNotingEmpty(paren.pipeline)
            return { frame in
                let (value, empty) = try compute(frame)
                return empty ? nil : value
            }
        case .subExpression(let subExpression):
            // An empty `$()` is $null itself, not AutomationNull: `$() | f` passes one $null (PowerShell's
            // Compiler.VisitSubExpression, "compatible with V2").
            if !subExpression.body.statements.contains(where: { if case .trap = $0 { false } else { true } }) {
                return { _ in .null }
            }
            let body = compileBlock(subExpression.body)
            return { frame in
                let collector = Collector()
                try collector.capturing { try body(frame, collector) }
                return collector.items.isEmpty ? nil : collector.result
            }
        case .index(let index):
            let element = compileIndexElement(index)
            let source = self.source, range = index.range
            return { frame in
                do { return try element(frame) } catch let error as PSRuntimeError {
                    if error.record.position == nil { error.record.position = source.extent(range) }
                    throw error
                }
            }
        default:
            guard let slot = plainVariableSlot(expression) else { return nil }
            let compute = compileExpression(expression)
            return { frame in
                let value = try compute(frame)
                return value.isNull && frame.holdsAutomationNull(slot) ? nil : value
            }
        }
    }

    /// Whether compileOptionalValue gives the expression a closure (without compiling it).
    func mayBeAutomationNull(_ expression: PSExpr) -> Bool {
        switch expression {
        case .convert(let conversion): return conversion.type.name.lowercased() == "void" && conversion.type.arrayRanks.isEmpty
        case .invokeMember, .paren, .subExpression, .index: return true
        case .member(let member): return isAutomationNullValue(member)
        default: return plainVariableSlot(expression) != nil
        }
    }

    /// `1, $nothing, [void]2`: the elements that are AutomationNull stay in the array as $null and are
    /// marked so the array's enumeration into a pipeline skips them, as PowerShell's does.
    func compileArrayLiteralKeepingAutomationNull(_ literal: ArrayLiteralExpr) -> Eval {
        let items: [(Frame) throws -> PSValue?] = literal.elements.map { element in
            if let optional = compileOptionalValue(element) { return optional }
            let compute = compileExpression(element)
            return { frame in try compute(frame) }
        }
        return { frame in
            var out: [PSValue] = []
            out.reserveCapacity(items.count)
            var skipped = Set<Int>()
            for (i, item) in items.enumerated() {
                if let value = try item(frame) { out.append(value) } else { skipped.insert(i); out.append(.null) }
            }
            let array = PSArray(out)
            if !skipped.isEmpty { array.automationNullIndices = skipped }
            return .array(array)
        }
    }

    /// `[System.Management.Automation.Internal.AutomationNull]::Value`.
    private func isAutomationNullValue(_ member: MemberExpr) -> Bool {
        guard member.isStatic, case .typeLiteral(let literal) = member.target, case .string(let name) = member.member,
              name.value.lowercased() == "value" else { return false }
        let type = literal.type.name.lowercased()
        return type == "system.management.automation.internal.automationnull" || type == "management.automation.internal.automationnull"
    }

    func positionedCall(_ member: InvokeMemberExpr) -> (Frame) throws -> PSValue? {
        let call = compileInvokeMember(member)
        let source = self.source
        let range = member.range
        return { frame in
            do { return try call(frame) } catch let error as PSRuntimeError {
                if error.record.position == nil { error.record.position = source.extent(range) }
                throw error
            }
        }
    }

    func compileRedirection(_ redirection: Redirection) -> CompiledRedirection {
        switch redirection {
        case .merge(let from, _, _): return .merge(from: from)
        case .file(let stream, let append, let target, _):
            var isNull = false
            if case .variable(let variable) = target, variable.path.qualifier == nil, variable.path.name.lowercased() == "null" { isNull = true }
            return .file(stream: stream, append: append, target: compileExpression(target), isNull: isNull)
        }
    }

    func compileCommand(_ command: Command) -> CommandPlan {
        var name: String? = nil
        var nameExpression: Eval? = nil
        if command.invocation == .none, let bareName = command.nameText {
            name = bareName
        } else if case .string(let literal) = command.name, command.invocation != .none {
            name = literal.value
        } else {
            nameExpression = compileExpression(command.name)
        }
        let args: [CompiledArgument] = command.elements.map { element in
            switch element {
            case .parameter(let parameter):
                let text = source.text.text(parameter.range)
                return .parameter(name: parameter.name, value: parameter.argument.map { compileCommandArgument($0) }, hasColon: parameter.hasColon,
                                  text: text, extent: extent(parameter.range))
            case .argument(let expression):
                if case .variable(let variable) = expression, variable.isSplatted {
                    return .splat(compileVariableRead(variable.path, range: variable.range))
                }
                var isLiteral = false, usedQuotes = false
                if case .string(let literal) = expression {
                    isLiteral = literal.quoteKind == .bare
                    usedQuotes = !isLiteral
                } else if case .expandableString(let expandable) = expression {
                    usedQuotes = expandable.quoteKind != .bare
                }
                return .positional(compileCommandArgument(expression), text: source.text.text(expression.range), isLiteral: isLiteral,
                                   usedQuotes: usedQuotes, extent: extent(expression.range))
            case .verbatim(let text, _):
                return .verbatim(text)
            }
        }
        var plan = CommandPlan(invocation: command.invocation, name: name, nameExpression: nameExpression, arguments: args,
                               redirections: command.redirections.map(compileRedirection), extent: extent(command.range))
        if command.invocation == .none, command.elements.count == 1, case .argument(let expression) = command.elements[0], case .paren = expression,
           expression.range.start == command.name.range.end {
            plan.looksLikeMethodCall = true
        }
        return plan
    }
}

extension Compiler {
    /// A command argument. A number literal whose text its value would not print back (`5.0`, `0x10`,
    /// `1kb`) keeps that text for string conversion, as PowerShell's wrapped numbers do: `[string]`
    /// parameters bind `'5.0'`, arithmetic still sees the number.
    func compileCommandArgument(_ expression: PSExpr) -> Eval {
        let compute = compileExpression(expression)
        guard case .number = expression else { return compute }
        let text = source.text.text(expression.range)
        return { frame in
            let value = try compute(frame)
            // A [bigint] (`5n`) is already an object; only the primitive numbers get a wrapper.
            if case .object = value { return value }
            guard PSConvert.toString(value) != text else { return value }
            let wrapper = PSObject(typeNames: value.typeNames)
            wrapper.baseValue = value
            wrapper.toStringHandler = { _ in text }
            return .object(wrapper)
        }
    }
}

extension CompiledArgument {
    /// Evaluates into binder arguments (splats expand into several).
    static func evaluate(_ args: [CompiledArgument], _ frame: Frame) throws -> [BindArgument] {
        var out: [BindArgument] = []
        for argument in args {
            switch argument {
            case .parameter(let name, let value, let hasColon, let text, let extent):
                out.append(BindArgument(parameterName: name, value: try value?(frame), hasColon: hasColon, text: text, extent: extent))
            case .positional(let compute, let text, let isLiteral, let usedQuotes, let extent):
                out.append(BindArgument(parameterName: nil, value: try compute(frame), hasColon: false, text: text, isLiteralText: isLiteral,
                                        usedQuotes: usedQuotes, extent: extent))
            case .splat(let compute):
                let value = try compute(frame)
                switch value {
                case .hashtable(let table):
                    for (key, entryValue) in table.pairs {
                        let name = PSConvert.toString(key)
                        out.append(BindArgument(parameterName: name, value: entryValue, hasColon: true, text: "-\(name):\(PSConvert.toString(entryValue))",
                                                fromSplat: true))
                    }
                case .array(let array):
                    for element in array.elements { out.append(BindArgument(parameterName: nil, value: element, hasColon: false, text: PSConvert.toString(element))) }
                case .null: break
                default: out.append(BindArgument(parameterName: nil, value: value, hasColon: false, text: PSConvert.toString(value)))
                }
            case .verbatim(let text):
                out.append(BindArgument(parameterName: nil, value: .string(text), hasColon: false, text: text, isLiteralText: true, usedQuotes: true))
            }
        }
        return out
    }
}
