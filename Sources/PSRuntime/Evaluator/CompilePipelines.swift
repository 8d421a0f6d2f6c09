import Foundation
import PSLanguage

/// A command-line argument after evaluation, before binding.
struct BindArgument {
    /// `Name` for `-Name` / `-Name:value`; nil for a positional value.
    var parameterName: String?
    var value: PSValue?
    var hasColon: Bool
    /// How it was written (for native commands and for error messages).
    var text: String
    /// A bare word or quoted string (native commands get it verbatim).
    var isLiteralText: Bool = false
}

/// A command argument compiled once; evaluated per invocation.
enum CompiledArgument {
    case parameter(name: String, value: Eval?, hasColon: Bool, text: String)
    case positional(Eval, text: String, isLiteral: Bool)
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
    func compilePipeline(_ p: Pipeline) -> Exec {
        let session = self.session
        // A lone expression: evaluate and write, enumerating collections.
        if p.elements.count == 1, case .expression(let ce) = p.elements[0], ce.redirections.isEmpty {
            if case .invokeMember(let m) = ce.expression {
                let call = positionedCall(m)
                return { f, out in
                    if let v = try call(f) { try out.writeEnumerated(v) }
                    session.lastSuccess = true
                }
            }
            if case .unary(let u) = ce.expression, [.preIncrement, .preDecrement, .postIncrement, .postDecrement].contains(u.op) {
                // `$i++` as a statement writes nothing; `($i++)` does.
                let e = compileExpression(ce.expression)
                return { f, _ in _ = try e(f); session.lastSuccess = true }
            }
            if case .convert(let c) = ce.expression, c.type.name.lowercased() == "void" {
                let e = compileExpression(ce.expression)
                return { f, _ in _ = try e(f); session.lastSuccess = true }
            }
            let e = pipelineInput(ce.expression)
            return { f, out in
                try out.writeEnumerated(try e(f))
                session.lastSuccess = true
            }
        }
        let plans: [StagePlan] = p.elements.map { el in
            switch el {
            case .expression(let ce):
                var range: (Eval, Eval)? = nil
                if case .binary(let b) = ce.expression, b.op == .range {
                    range = (compileExpression(b.left), compileExpression(b.right))
                }
                let e = pipelineInput(ce.expression)
                if ce.redirections.isEmpty { return .expression(e, isRange: range) }
                // An expression with redirections behaves like a command (`$x 2>&1`).
                return .command(CommandPlan(invocation: .none, name: nil, nameExpression: nil,
                                            arguments: [.positional(e, text: "", isLiteral: false)],
                                            redirections: ce.redirections.map(compileRedirection),
                                            extent: extent(ce.range)))
            case .command(let c):
                return .command(compileCommand(c))
            }
        }
        return { f, out in
            try PipelineRunner.run(plans, frame: f, output: out)
        }
    }

    /// An expression written into a pipeline. A variable holding AutomationNull writes no object at
    /// all (an empty collection enumerates to nothing), where one holding $null writes $null.
    func pipelineInput(_ expression: PSExpr) -> Eval {
        let e = compileExpression(expression)
        guard let i = plainVariableSlot(expression) else { return e }
        return { f in
            let v = try e(f)
            if v.isNull, f.holdsAutomationNull(i) { return .array(PSArray([])) }
            return v
        }
    }

    func positionedCall(_ m: InvokeMemberExpr) -> (Frame) throws -> PSValue? {
        let call = compileInvokeMember(m)
        let src = source
        let range = m.range
        return { f in
            do { return try call(f) } catch let e as PSRuntimeError {
                if e.record.position == nil { e.record.position = src.extent(range) }
                throw e
            }
        }
    }

    func compileRedirection(_ r: Redirection) -> CompiledRedirection {
        switch r {
        case .merge(let from, _, _): return .merge(from: from)
        case .file(let stream, let append, let target, _):
            var isNull = false
            if case .variable(let v) = target, v.path.qualifier == nil, v.path.name.lowercased() == "null" { isNull = true }
            return .file(stream: stream, append: append, target: compileExpression(target), isNull: isNull)
        }
    }

    func compileCommand(_ c: Command) -> CommandPlan {
        var name: String? = nil
        var nameExpr: Eval? = nil
        if c.invocation == .none, let n = c.nameText {
            name = n
        } else if case .string(let s) = c.name, c.invocation != .none {
            name = s.value
        } else {
            nameExpr = compileExpression(c.name)
        }
        let args: [CompiledArgument] = c.elements.map { el in
            switch el {
            case .parameter(let p):
                let text = source.text.text(p.range)
                return .parameter(name: p.name, value: p.argument.map { compileExpression($0) }, hasColon: p.hasColon,
                                  text: text)
            case .argument(let e):
                if case .variable(let v) = e, v.isSplatted {
                    return .splat(compileVariableRead(v.path, range: v.range))
                }
                var isLiteral = false
                if case .string(let s) = e, s.quoteKind == .bare { isLiteral = true }
                return .positional(compileExpression(e), text: source.text.text(e.range), isLiteral: isLiteral)
            case .verbatim(let t, _):
                return .verbatim(t)
            }
        }
        var plan = CommandPlan(invocation: c.invocation, name: name, nameExpression: nameExpr, arguments: args,
                               redirections: c.redirections.map(compileRedirection), extent: extent(c.range))
        if c.invocation == .none, c.elements.count == 1, case .argument(let e) = c.elements[0], case .paren = e,
           e.range.start == c.name.range.end {
            plan.looksLikeMethodCall = true
        }
        return plan
    }
}

extension CompiledArgument {
    /// Evaluates into binder arguments (splats expand into several).
    static func evaluate(_ args: [CompiledArgument], _ f: Frame) throws -> [BindArgument] {
        var out: [BindArgument] = []
        for a in args {
            switch a {
            case .parameter(let name, let value, let hasColon, let text):
                out.append(BindArgument(parameterName: name, value: try value?(f), hasColon: hasColon, text: text))
            case .positional(let e, let text, let isLiteral):
                out.append(BindArgument(parameterName: nil, value: try e(f), hasColon: false, text: text, isLiteralText: isLiteral))
            case .splat(let e):
                let v = try e(f)
                switch v {
                case .hashtable(let h):
                    for (k, val) in h.pairs {
                        let n = PSConvert.toString(k)
                        out.append(BindArgument(parameterName: n, value: val, hasColon: true, text: "-\(n):\(PSConvert.toString(val))"))
                    }
                case .array(let arr):
                    for e in arr.elements { out.append(BindArgument(parameterName: nil, value: e, hasColon: false, text: PSConvert.toString(e))) }
                case .null: break
                default: out.append(BindArgument(parameterName: nil, value: v, hasColon: false, text: PSConvert.toString(v)))
                }
            case .verbatim(let t):
                out.append(BindArgument(parameterName: nil, value: .string(t), hasColon: false, text: t, isLiteralText: true))
            }
        }
        return out
    }
}
