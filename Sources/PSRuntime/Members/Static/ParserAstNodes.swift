import PSLanguage

/// hvsh's AST, node by node, as PowerShell's Ast classes (AstObjectBuilder makes each object).
extension AstObjectBuilder {
    func scriptBlock(_ sb: ScriptBlock) -> Built {
        func named(_ b: NamedBlock?) -> Child { .node(b.map(namedBlock)) }
        let param = sb.paramBlock.map { p in
            make("ParamBlockAst", [], p.range, [("Parameters", .nodes(p.parameters.map(parameter)))])
        }
        let built = make("ScriptBlockAst", [], sb.range, [
            ("ParamBlock", .node(param)), ("DynamicParamBlock", named(sb.dynamicParamBlock)),
            ("BeginBlock", named(sb.beginBlock)), ("ProcessBlock", named(sb.processBlock)),
            ("EndBlock", named(sb.endBlock)), ("CleanBlock", named(sb.cleanBlock)),
        ])
        // A nested block's (a function's body, `{ }`): its text between the braces, compiled.
        var text = source.text(sb.range)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        let hasErrors = self.hasErrors
        unowned let session = self.session
        built.object.addMethod("GetScriptBlock") { _, args in
            guard !hasErrors else { throw Self.refuseScriptBlock(args) }
            return .scriptBlock(try session.makeScriptBlock(text))
        }
        return built
    }

    private func namedBlock(_ b: NamedBlock) -> Built {
        let kind: String
        switch b.kind {
        case .begin: kind = "Begin"
        case .process: kind = "Process"
        case .end: kind = "End"
        case .clean: kind = "Clean"
        case .dynamicParam: kind = "Dynamicparam"
        }
        return make("NamedBlockAst", [], b.range, [
            ("BlockKind", .value(.string(kind))), ("Unnamed", .value(.bool(b.isUnnamed))),
            ("Statements", .nodes(statements(b.body))), ("Traps", .nodes(b.body.traps.map { statement(.trap($0)) })),
        ])
    }

    private func parameter(_ p: ParameterNode) -> Built {
        let name = make("VariableExpressionAst", ["ExpressionAst"], p.nameRange ?? p.range, variableChildren(p.name, splatted: false))
        return make("ParameterAst", [], p.range, [
            ("Name", .node(name)), ("DefaultValue", .node(p.defaultValue.map(expression))),
            ("StaticType", .value(.string(p.typeConstraint?.fullName ?? "System.Object"))),
        ])
    }

    private func statements(_ block: StatementBlock) -> [Built] {
        block.statements.compactMap { s in
            if case .trap = s { return nil }
            return statement(s)
        }
    }

    private func statementBlock(_ block: StatementBlock) -> Built {
        make("StatementBlockAst", [], block.range, [("Statements", .nodes(statements(block))),
                                                    ("Traps", .nodes(block.traps.map { statement(.trap($0)) }))])
    }

    func statement(_ s: Statement) -> Built {
        let st = ["StatementAst"]
        switch s {
        case .pipeline(let p): return pipeline(p)
        case .chain(let c):
            return make("PipelineChainAst", ["ChainableAst", "PipelineBaseAst"] + st, c.range, [
                ("LhsPipelineChain", .node(statement(c.left))), ("RhsPipeline", .node(pipeline(c.right))),
                ("Operator", .value(.string(c.isAnd ? "AndAnd" : "OrOr"))), ("Background", .value(.bool(c.isBackground))),
            ])
        case .assignment(let a):
            return make("AssignmentStatementAst", ["PipelineBaseAst"] + st, a.range, [
                ("Left", .node(expression(a.target))), ("Right", .node(statement(a.value))),
                ("Operator", .value(.string(Self.assignmentOperatorName(a.op)))),
            ])
        case .if(let i):
            return make("IfStatementAst", st, i.range, [
                ("Clauses", .nodes(i.clauses.map { statementBlock($0.body) })),
                ("Conditions", .nodes(i.clauses.map { statement($0.condition) })),
                ("ElseClause", .node(i.elseBody.map(statementBlock))),
            ])
        case .switch(let w):
            return make("SwitchStatementAst", ["LabeledStatementAst"] + st, w.range, [
                ("Label", .value(w.label.map { .string($0) } ?? .null)), ("Condition", .node(statement(w.condition))),
                ("Default", .node(w.defaultBody.map(statementBlock))), ("Flags", .value(ParserEnums.switchFlagsValue(w.flags))),
            ])
        case .foreach(let f):
            return make("ForEachStatementAst", ["LoopStatementAst", "LabeledStatementAst"] + st, f.range, [
                ("Label", .value(f.label.map { .string($0) } ?? .null)), ("Variable", .node(expression(.variable(f.variable)))),
                ("Condition", .node(statement(f.iterable))), ("Body", .node(statementBlock(f.body))),
                ("Flags", .value(.enumValue(PSEnumValue(type: ParserEnums.forEachFlags, rawValue: f.isParallel ? 1 : 0)))),
                ("ThrottleLimit", .value(.null)),
            ])
        case .for(let f):
            return make("ForStatementAst", ["LoopStatementAst", "LabeledStatementAst"] + st, f.range, [
                ("Label", .value(f.label.map { .string($0) } ?? .null)), ("Initializer", .node(f.initializer.map(statement))),
                ("Condition", .node(f.condition.map(statement))), ("Iterator", .node(f.iterator.map(statement))),
                ("Body", .node(statementBlock(f.body))),
            ])
        case .while(let w):
            return make("WhileStatementAst", ["LoopStatementAst", "LabeledStatementAst"] + st, w.range, [
                ("Label", .value(w.label.map { .string($0) } ?? .null)), ("Condition", .node(statement(w.condition))),
                ("Body", .node(statementBlock(w.body))),
            ])
        case .doLoop(let d):
            return make(d.isUntil ? "DoUntilStatementAst" : "DoWhileStatementAst", ["LoopStatementAst", "LabeledStatementAst"] + st,
                        d.range, [("Label", .value(d.label.map { .string($0) } ?? .null)),
                                  ("Condition", .node(statement(d.condition))), ("Body", .node(statementBlock(d.body)))])
        case .break(let j), .continue(let j):
            let type: String
            if case .break = s { type = "BreakStatementAst" } else { type = "ContinueStatementAst" }
            return make(type, st, j.range, [("Label", .node(j.label.map(expression)))])
        case .return(let e), .exit(let e), .throw(let e):
            let type: String
            switch s {
            case .return: type = "ReturnStatementAst"
            case .exit: type = "ExitStatementAst"
            default: type = "ThrowStatementAst"
            }
            return make(type, st, e.range, [("Pipeline", .node(e.pipeline.map(statement)))])
        case .try(let t):
            return make("TryStatementAst", st, t.range, [
                ("Body", .node(statementBlock(t.body))),
                ("CatchClauses", .nodes(t.catches.map(catchClause))),
                ("Finally", .node(t.finallyBody.map(statementBlock))),
            ])
        case .trap(let t):
            let trapType = zip(t.type.map { [$0] } ?? [], t.typeRange.map { [$0] } ?? []).map { typeConstraint($0, $1) }.first
            return make("TrapStatementAst", st, t.range, [("TrapType", .node(trapType)), ("Body", .node(statementBlock(t.body)))])
        case .function(let f):
            return make("FunctionDefinitionAst", st, f.range, [
                ("Name", .value(.string(f.name))), ("IsFilter", .value(.bool(f.isFilter))),
                ("Parameters", .nodes(f.parameters.map(parameter))), ("Body", .nested(scriptBlock(f.body))),
            ])
        case .block(let b): return statementBlock(b)
        case .typeDefinition(let t):
            return make("TypeDefinitionAst", st, t.range, [
                ("Name", .value(.string(t.name))), ("IsEnum", .value(.bool(t.kind == .enum))),
                ("IsClass", .value(.bool(t.kind == .class))),
            ])
        case .error(let e): return errorStatement(e)
        }
    }

    private func catchClause(_ c: CatchClause) -> Built {
        let types = zip(c.types, c.typeRanges).map { typeConstraint($0, $1) }
        return make("CatchClauseAst", [], c.range, [("CatchTypes", .nodes(types)), ("Body", .node(statementBlock(c.body))),
                                                    ("IsCatchAll", .value(.bool(c.isCatchAll)))])
    }

    private func typeConstraint(_ t: TypeName, _ range: SourceRange) -> Built {
        make("TypeConstraintAst", ["AttributeBaseAst"], range, [("TypeName", .value(.object(Self.typeNameObject(t))))])
    }

    /// ErrorStatementAst: what PowerShell kept of a broken statement. Its collections are null when
    /// empty; Flags maps each switch flag (case-insensitively) to a Tuple of its token and argument.
    private func errorStatement(_ e: ErrorStatement) -> Built {
        func part(_ p: ErrorPart) -> Built {
            switch p {
            case .statement(let s): return statement(s)
            case .expression(let x): return expression(x)
            case .block(let b): return statementBlock(b)
            case .catchClause(let c): return catchClause(c)
            case .parameter(let p): return parameter(p)
            case .typeConstraint(let t, let r): return typeConstraint(t, r)
            }
        }
        func list(_ ps: [ErrorPart]) -> Child { ps.isEmpty ? .value(.null) : .nodes(ps.map(part)) }
        var children: [(String, Child)] = [("Kind", .value(e.kind.map { keywordToken($0) } ?? .null))]
        children.append(("NestedAst", list(e.nested)))
        var flagNodes: [Built] = []
        if e.flags.isEmpty {
            children.append(("Flags", .value(.null)))
        } else {
            let table = PSHashtable()
            for f in e.flags {
                let argument = f.argument.map(statement)
                if let argument { flagNodes.append(argument) }
                let tuple = PSObject(typeNames: ["System.Tuple`2[[System.Management.Automation.Language.Token],[System.Management.Automation.Language.Ast]]", "System.Object"])
                tuple.addNote("Item1", keywordToken(f.token, kind: "Parameter"))
                tuple.addNote("Item2", argument.map { .object($0.object) } ?? .null)
                table[f.name] = .object(tuple)
            }
            children.append(("Flags", .value(.hashtable(table))))
        }
        children.append(("", .hidden(flagNodes)))
        children.append(("Conditions", list(e.conditions)))
        children.append(("Bodies", list(e.bodies)))
        return make("ErrorStatementAst", ["PipelineBaseAst", "StatementAst"], e.range, children)
    }

    /// A keyword's Token (ErrorStatementAst.Kind): its text, Kind (the keyword, capitalised) and extent.
    private func keywordToken(_ range: SourceRange, kind: String? = nil) -> PSValue {
        let text = source.text(range)
        let o = PSObject(typeNames: [ParserObjects.namespace + "Token", "System.Object"])
        o.addNote("Text", .string(text))
        o.addNote("Kind", ParserEnums.kind(kind ?? (text.prefix(1).uppercased() + text.dropFirst().lowercased())))
        o.addNote("Extent", .object(ParserObjects.extent(source, range)))
        o.toStringHandler = { _ in text }
        return .object(o)
    }

    private func pipeline(_ p: Pipeline) -> Built {
        make("PipelineAst", ["ChainableAst", "PipelineBaseAst", "StatementAst"], p.range, [
            ("PipelineElements", .nodes(p.elements.map(pipelineElement))), ("Background", .value(.bool(p.isBackground))),
        ])
    }

    private func pipelineElement(_ e: PipelineElement) -> Built {
        switch e {
        case .expression(let ce):
            return make("CommandExpressionAst", ["CommandBaseAst", "StatementAst"], ce.range,
                        [("Expression", .node(expression(ce.expression)))])
        case .command(let c):
            var elements = [expression(c.name)]
            for el in c.elements {
                switch el {
                case .argument(let a): elements.append(expression(a))
                case .parameter(let p):
                    elements.append(make("CommandParameterAst", ["CommandElementAst"], p.range, [
                        ("ParameterName", .value(.string(p.name))), ("Argument", .node(p.argument.map(expression))),
                    ]))
                case .verbatim(let text, let r):
                    elements.append(make("StringConstantExpressionAst", ["ConstantExpressionAst", "ExpressionAst"], r,
                                         [("Value", .value(.string(text))), ("StringConstantType", .value(.string("BareWord")))]))
                }
            }
            let op: String
            switch c.invocation {
            case .none: op = "Unknown"
            case .call: op = "Ampersand"
            case .dotSource: op = "Dot"
            }
            let b = make("CommandAst", ["CommandBaseAst", "StatementAst"], c.range, [
                ("CommandElements", .nodes(elements)), ("InvocationOperator", .value(.string(op))),
            ])
            let name = c.nameText
            b.object.addMethod("GetCommandName") { _, _ in name.map { .string($0) } ?? .null }
            return b
        }
    }

    private func variableChildren(_ path: VariablePath, splatted: Bool) -> [(String, Child)] {
        let vp = PSObject(typeNames: ["System.Management.Automation.VariablePath", "System.Object"])
        vp.addNote("UserPath", .string(path.userPath))
        vp.addNote("IsGlobal", .bool(path.qualifier?.lowercased() == "global"))
        vp.addNote("IsScript", .bool(path.qualifier?.lowercased() == "script"))
        vp.addNote("DriveName", path.qualifier.map { .string($0) } ?? .null)
        let userPath = path.userPath
        vp.toStringHandler = { _ in userPath }
        return [("VariablePath", .value(.object(vp))), ("Splatted", .value(.bool(splatted)))]
    }

    /// An expression node, with the SafeGetValue that takes its value when it is constant.
    func expression(_ e: Expression) -> Built {
        let built = expressionNode(e)
        guard SafeValueCheck.isSafe(e) else { return built }
        unowned let session = self.session
        // Safe means constant: evaluating the expression's own text gives its value, unrolled by
        // nothing (`,(...)` writes the value itself, an array as one object).
        let text = source.text(e.range)
        built.object.addMethod("SafeGetValue") { _, args in
            guard args.isEmpty || args.count == 1 else { throw Self.safeGetValueCount(args.count) }
            return try session.invoke(",(" + text + ")").first ?? .null
        }
        return built
    }

    private func expressionNode(_ e: Expression) -> Built {
        let ex = ["ExpressionAst"]
        switch e {
        case .number(let n):
            return make("ConstantExpressionAst", ex, n.range, [("Value", .value(Compiler.constant(n.value)))])
        case .string(let s):
            return make("StringConstantExpressionAst", ["ConstantExpressionAst"] + ex, s.range, [
                ("Value", .value(.string(s.value))), ("StringConstantType", .value(.string(Self.quoteName(s.quoteKind)))),
            ])
        case .expandableString(let s):
            return make("ExpandableStringExpressionAst", ex, s.range, [
                ("Value", .value(.string(Self.innerText(source.text(s.range), s.quoteKind)))),
                ("StringConstantType", .value(.string(Self.quoteName(s.quoteKind)))),
            ])
        case .variable(let v):
            return make("VariableExpressionAst", ex, v.range, variableChildren(v.path, splatted: v.isSplatted))
        case .binary(let b):
            return make("BinaryExpressionAst", ex, b.range, [
                ("Left", .node(expression(b.left))), ("Right", .node(expression(b.right))),
                ("Operator", .value(.string(b.op.rawValue))),
            ])
        case .unary(let u):
            return make("UnaryExpressionAst", ex, u.range, [("Child", .node(expression(u.operand)))])
        case .convert(let c):
            let constraint = make("TypeConstraintAst", ["AttributeBaseAst"], SourceRange(start: c.range.start, end: c.type.range.end + 1),
                                  [("TypeName", .value(.object(Self.typeNameObject(c.type))))])
            return make("ConvertExpressionAst", ["AttributedExpressionAst"] + ex, c.range, [
                ("Type", .node(constraint)), ("Child", .node(expression(c.operand))),
            ])
        case .typeLiteral(let t):
            return make("TypeExpressionAst", ex, t.range, [("TypeName", .value(.object(Self.typeNameObject(t.type))))])
        case .member(let m):
            return make("MemberExpressionAst", ex, m.range, [
                ("Expression", .node(expression(m.target))), ("Member", .node(expression(m.member))),
                ("Static", .value(.bool(m.isStatic))), ("NullConditional", .value(.bool(m.isNullConditional))),
            ])
        case .invokeMember(let m):
            return make("InvokeMemberExpressionAst", ["MemberExpressionAst"] + ex, m.range, [
                ("Expression", .node(expression(m.target))), ("Member", .node(expression(m.member))),
                ("Arguments", .nodes(m.arguments.map(expression))), ("Static", .value(.bool(m.isStatic))),
                ("GenericTypeArguments", .value(.array(PSArray(m.genericArguments.map { .string($0.fullName) })))),
            ])
        case .index(let i):
            return make("IndexExpressionAst", ex, i.range, [
                ("Target", .node(expression(i.target))), ("Index", .node(expression(i.index))),
            ])
        case .arrayLiteral(let a):
            return make("ArrayLiteralAst", ex, a.range, [("Elements", .nodes(a.elements.map(expression)))])
        case .arrayExpression(let a):
            return make("ArrayExpressionAst", ex, a.range, [("SubExpression", .node(statementBlock(a.body)))])
        case .subExpression(let s):
            return make("SubExpressionAst", ex, s.range, [("SubExpression", .node(statementBlock(s.body)))])
        case .paren(let p):
            return make("ParenExpressionAst", ex, p.range, [("Pipeline", .node(statement(p.pipeline)))])
        case .hashtable(let h):
            return make("HashtableAst", ex, h.range, [
                ("Keys", .nodes(h.entries.map { expression($0.key) })), ("Values", .nodes(h.entries.map { statement($0.value) })),
            ])
        case .scriptBlock(let s):
            return make("ScriptBlockExpressionAst", ex, s.range, [("ScriptBlock", .nested(scriptBlock(s.body)))])
        case .ternary(let t):
            return make("TernaryExpressionAst", ex, t.range, [
                ("Condition", .node(expression(t.condition))), ("IfTrue", .node(expression(t.ifTrue))),
                ("IfFalse", .node(expression(t.ifFalse))),
            ])
        case .attributed(let a):
            return make("AttributedExpressionAst", ex, a.range, [("Child", .node(expression(a.child)))])
        case .error(let x):
            return make("ErrorExpressionAst", ex, x.range, [])
        }
    }

    /// An ITypeName: FullName as PowerShell spells it back (`List[string]`, `String,mscorlib`), Name,
    /// and for a generic or array type the TypeName or ElementType it is made from.
    static func typeNameObject(_ t: TypeName) -> PSObject {
        let assembly = t.assemblyName.map { "," + $0 } ?? ""
        let full = t.fullName + assembly
        let o = PSObject(typeNames: ["System.Management.Automation.Language." + (t.isArray ? "ArrayTypeName" : t.genericArguments.isEmpty ? "TypeName" : "GenericTypeName"), "System.Object"])
        o.addNote("FullName", .string(full))
        o.addNote("Name", .string(t.fullName))
        o.addNote("AssemblyName", t.assemblyName.map { .string($0) } ?? .null)
        o.addNote("IsArray", .bool(t.isArray))
        o.addNote("IsGeneric", .bool(!t.isArray && !t.genericArguments.isEmpty))
        if t.isArray {
            var element = t
            element.arrayRanks.removeLast()
            element.assemblyName = nil
            o.addNote("ElementType", .object(typeNameObject(element)))
        } else if !t.genericArguments.isEmpty {
            var base = TypeName(name: t.name, range: t.range)
            base.assemblyName = t.assemblyName
            o.addNote("TypeName", .object(typeNameObject(base)))
            o.addNote("GenericArguments", .array(PSArray(t.genericArguments.map { .object(typeNameObject($0)) })))
        }
        o.toStringHandler = { _ in full }
        return o
    }

    private static func quoteName(_ q: StringQuoteKind) -> String {
        switch q {
        case .singleQuoted: return "SingleQuoted"
        case .doubleQuoted: return "DoubleQuoted"
        case .bare: return "BareWord"
        case .singleQuotedHereString: return "SingleQuotedHereString"
        case .doubleQuotedHereString: return "DoubleQuotedHereString"
        }
    }

    /// An expandable string's Value is its text between the quotes, variables unexpanded.
    private static func innerText(_ text: String, _ q: StringQuoteKind) -> String {
        switch q {
        case .doubleQuoted, .singleQuoted: return text.count >= 2 ? String(text.dropFirst().dropLast()) : text
        case .doubleQuotedHereString, .singleQuotedHereString:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.count >= 2 else { return text }
            lines.removeFirst()
            lines.removeLast()
            return lines.joined(separator: "\n").replacingOccurrences(of: "\r", with: "")
        case .bare: return text
        }
    }

    private static func assignmentOperatorName(_ op: AssignmentOperator) -> String {
        switch op {
        case .assign: return "Equals"
        case .add: return "PlusEquals"
        case .subtract: return "MinusEquals"
        case .multiply: return "MultiplyEquals"
        case .divide: return "DivideEquals"
        case .remainder: return "RemainderEquals"
        case .nullCoalesce: return "QuestionQuestionEquals"
        }
    }
}
