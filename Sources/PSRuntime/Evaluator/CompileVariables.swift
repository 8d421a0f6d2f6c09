import Foundation
import PSLanguage

/// Something assignable: a variable, property or element.
struct LValue {
    let get: Eval
    let set: (Frame, PSValue) throws -> Void
}

extension Compiler {
    // MARK: Reads

    /// `inString`: the read is a variable of an expandable string, which strict mode 1 still allows unset.
    func compileVariableRead(_ path: VariablePath, range: SourceRange, inString: Bool = false) -> Eval {
        let session = self.session
        if let q = path.qualifier?.lowercased() {
            let name = path.name
            switch q {
            case "env":
                return { _ in ProcessInfo.processInfo.environment[name].map { .string($0) } ?? .null }
            case "global":
                return { _ in session.globalScope.lookup(name)?.value ?? .null }
            case "script":
                return { f in
                    if let v = f.scope.scriptScope.lookup(name) { return v.value }
                    return .null
                }
            case "local", "private":
                return { f in f.scope.localVariable(name)?.value ?? .null }
            case "using", "variable":
                return { f in f.scope.lookup(name)?.value ?? .null }
            case "function":
                return { f in f.scope.lookupFunction(name).map { .scriptBlock($0.block) } ?? .null }
            default:
                let src = source
                return { _ in
                    throw PSRuntimeError.message("Cannot find drive. A drive with the name '\(q)' does not exist.",
                                                 errorId: "DriveNotFound", category: .objectNotFound,
                                                 exceptionType: "System.Management.Automation.DriveNotFoundException",
                                                 target: .string(q)).withPosition(src.extent(range))
                }
            }
        }
        switch path.name.lowercased() {
        case "true": return { _ in .true }
        case "false": return { _ in .false }
        case "null": return { _ in .null }
        case "?": return { _ in .bool(session.lastSuccess) }
        case "args": return { f in .array(PSArray(f.args)) }
        case "input":
            block.usesInput = true
            return { f in f.assignedInput ?? .array(PSArray(f.inputEnumerator.drain())) }
        case "foreach", "switch":
            let isSwitch = path.name.lowercased() == "switch"
            if isSwitch { usesSwitchEnumerator = true } else { usesForeachEnumerator = true }
            return { f in
                guard let loop = f.runningLoops.last(where: { $0.isSwitch == isSwitch }) else { return .null }
                return .object(loop.enumerator.view)
            }
        case "myinvocation": return { f in f.myInvocation }
        case "psboundparameters": return { f in .hashtable(f.boundParameters ?? PSHashtable()) }
        case "pwd": return { _ in .object(PathInfo.make(session.currentLocation)) }
        case "psscriptroot":
            let root = source.file.map { ($0 as NSString).deletingLastPathComponent } ?? ""
            return { _ in .string(root) }
        case "pscommandpath":
            let p = source.file ?? ""
            return { _ in .string(p) }
        case "lastexitcode": return { _ in .int(session.lastExitCode) }
        default:
            let i = slot(path.name)
            let name = path.name, src = source
            let strictFrom = inString ? 2 : 1
            return { f in
                if let v = f.read(i) { return v }
                if f.scope.strictMode >= strictFrom { throw StrictMode.undefinedVariable(name).withPosition(src.extent(range)) }
                return .null
            }
        }
    }

    // MARK: Writes

    /// A closure assigning to a variable path (the foreach variable, assignment targets).
    func compileVariableWrite(_ path: VariablePath, range: SourceRange) -> (Frame, PSValue) throws -> Void {
        let session = self.session
        let name = path.name
        if let q = path.qualifier?.lowercased() {
            switch q {
            case "env":
                return { _, v in
                    try session.requireHostAccess("Changing the environment")
                    if case .null = v { unsetenv(name) } else { setenv(name, PSConvert.toString(v), 1) }
                }
            case "global": return { _, v in try session.assign(name, v, in: session.globalScope) }
            case "script": return { f, v in try session.assign(name, v, in: f.scope.scriptScope) }
            case "private":
                return { f, v in
                    try session.assign(name, v, in: f.scope)
                    f.scope.localVariable(name)?.options.insert(.private)
                }
            case "local", "variable", "using": return { f, v in try session.assign(name, v, in: f.scope) }
            case "function":
                return { f, v in
                    guard case .scriptBlock(let sb) = v else { return }
                    f.scope.defineFunction(FunctionInfo(name: name, block: sb, isFilter: false))
                }
            default:
                return { _, _ in
                    throw PSRuntimeError.message("Cannot find drive. A drive with the name '\(q)' does not exist.",
                                                 errorId: "DriveNotFound", category: .objectNotFound)
                }
            }
        }
        switch name.lowercased() {
        case "null": return { _, _ in }
        case "true", "false", "?":
            return { _, _ in
                throw PSRuntimeError.message("Cannot overwrite variable \(name) because it is read-only or constant.",
                                             errorId: "VariableNotWritable", category: .writeError)
            }
        case "lastexitcode":
            return { _, v in session.lastExitCode = (try? PSConvert.toInt32(v)) ?? 0 }
        case "args": return { f, v in f.args = v.arrayElements ?? [v] }
        case "input": return { f, v in f.assignedInput = v }
        default:
            let i = slot(name)
            return { f, v in try f.write(i, v) }
        }
    }

    func compileLValue(_ e: PSExpr) -> LValue? {
        let session = self.session
        switch e {
        case .variable(let v):
            return LValue(get: compileVariableRead(v.path, range: v.range), set: compileVariableWrite(v.path, range: v.range))
        case .member(let m):
            let target = compileExpression(m.target)
            let name = memberName(m.member)
            if m.isStatic {
                let t = compileStaticTarget(m.target)
                return LValue(get: { f in try StaticMembers.get(try t(f), PSConvert.toString(try name(f)), session: session) },
                              set: { f, v in try StaticMembers.set(try t(f), PSConvert.toString(try name(f)), v, session: session) })
            }
            return LValue(get: { f in try Members.get(try target(f), PSConvert.toString(try name(f)), session: session) },
                          set: { f, v in try Members.set(try target(f), PSConvert.toString(try name(f)), v) })
        case .index(let i):
            let target = compileExpression(i.target)
            let index = compileExpression(i.index)
            return LValue(get: { f in try Indexing.get(try target(f), try index(f)) },
                          set: { f, v in try Indexing.set(try target(f), try index(f), v) })
        case .convert(let c):
            if let attributed = compileAttributedLValue(e) { return attributed }
            // `[int]$x = ...`: the variable keeps the type constraint for later assignments.
            guard case .variable(let v) = c.operand else { return nil }
            let resolve = typeResolver(c.type)
            let read = compileVariableRead(v.path, range: v.range)
            if v.path.qualifier == nil, !["null", "true", "false", "args", "?"].contains(v.path.name.lowercased()) {
                let i = slot(v.path.name)
                return LValue(get: read, set: { f, value in
                    let t = try resolve()
                    let cell = f.slots[i]
                    cell.typeConstraint = t
                    try Frame.assign(cell, value, session: session)
                })
            }
            let write = compileVariableWrite(v.path, range: v.range)
            return LValue(get: read, set: { f, value in try write(f, try PSConvert.convert(value, to: try resolve(), types: session.types)) })
        case .attributed(let a):
            return compileAttributedLValue(e) ?? compileLValue(a.child)
        case .paren(let p):
            if case .pipeline(let pl) = p.pipeline, pl.elements.count == 1, case .expression(let ce) = pl.elements[0] {
                return compileLValue(ce.expression)
            }
            return nil
        default:
            return nil
        }
    }

    /// An assignment; the closure returns the assigned value (for `($x = 1)` used as a value).
    func compileAssignment(_ a: AssignmentStatement) -> Eval {
        let src = source
        let range = a.range
        // Multiple assignment: `$a, $b = 1, 2, 3` gives $a = 1 and $b = 2, 3.
        if case .arrayLiteral(let targets) = a.target, a.op == .assign {
            let lvs = targets.elements.compactMap { compileLValue($0) }
            let value = compileValue(a.value)
            return { f in
                let v = try value(f)
                let items = v.arrayElements ?? [v]
                for (i, lv) in lvs.enumerated() {
                    if i == lvs.count - 1 {
                        let rest = Array(items.dropFirst(i))
                        try lv.set(f, rest.count == 1 ? rest[0] : (rest.isEmpty ? .null : .array(PSArray(rest))))
                    } else {
                        try lv.set(f, i < items.count ? items[i] : .null)
                    }
                }
                return v
            }
        }
        guard let lv = compileLValue(a.target) else {
            return { _ in
                throw PSRuntimeError.message("The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
                                             errorId: "InvalidLeftHandSide", category: .parserError).withPosition(src.extent(range))
            }
        }
        if a.op == .assign, let i = plainVariableSlot(a.target) {
            // `$x = <statement>` that writes nothing leaves AutomationNull in $x (see PSVariable).
            let valueNotingEmpty = compileValueNotingEmpty(a.value)
            return positioned(range) { f in
                let (v, empty) = try valueNotingEmpty(f)
                try lv.set(f, v)
                if empty { f.slots[i].holdsAutomationNull = true }
                return v
            }
        }
        let value = compileValue(a.value)
        switch a.op {
        case .assign:
            // Fast path for `$x = <expr>` on a plain local variable.
            return positioned(range) { f in
                let v = try value(f)
                try lv.set(f, v)
                return v
            }
        case .nullCoalesce:
            return positioned(range) { f in
                let cur = try lv.get(f)
                guard case .null = cur else { return cur }
                let v = try value(f)
                try lv.set(f, v)
                return v
            }
        default:
            let op: (PSValue, PSValue) throws -> PSValue
            switch a.op.binaryOperator! {
            case .add: op = Arithmetic.add
            case .subtract: op = Arithmetic.subtract
            case .multiply: op = Arithmetic.multiply
            case .divide: op = Arithmetic.divide
            default: op = Arithmetic.remainder
            }
            // Compound assignment to a plain variable reads this scope only: `$x += 1` in a function
            // whose caller has `$x = 5` starts from $null, as PowerShell does (about_Assignment_Operators).
            if case .variable(let v) = a.target, v.path.qualifier == nil,
               !["null", "true", "false", "args", "?", "lastexitcode", "input", "myinvocation", "psboundparameters", "pwd"].contains(v.path.name.lowercased()) {
                let i = slot(v.path.name)
                if a.op != .add {
                    return positioned(range) { f in
                        let c = f.slots[i]
                        let n = try op(c.isSet ? c.value : .null, try value(f))
                        try f.write(i, n)
                        return n
                    }
                }
                return positioned(range) { f in
                    let c = f.slots[i]
                    let cur = c.isSet ? c.value : .null
                    let r = try value(f)
                    let n: PSValue
                    if case .int(let x) = cur, case .int(let y) = r {
                        let (s, o) = x.addingReportingOverflow(y)
                        n = o ? .double(Double(x) + Double(y)) : .int(s)
                    } else if case .double(let x) = cur, case .int(let y) = r {
                        n = .double(x + Double(y))
                    } else if case .long(let x) = cur, case .int(let y) = r, case (let s, false) = x.addingReportingOverflow(Int64(y)) {
                        n = .long(s)
                    } else {
                        n = try Arithmetic.add(cur, r)
                    }
                    try f.write(i, n)
                    return n
                }
            }
            return positioned(range) { f in
                let cur = try lv.get(f)
                let n = try op(cur, try value(f))
                try lv.set(f, n)
                return n
            }
        }
    }
}

extension PSRuntimeError {
    func withPosition(_ e: ScriptExtent) -> PSRuntimeError {
        if record.position == nil { record.position = e }
        return self
    }
}

extension ShellSession {
    /// Assigns in a given scope (creating the variable there), honouring constraints and options.
    func assign(_ name: String, _ value: PSValue, in scope: Scope) throws {
        let cell = scope.cell(name)
        try Frame.assign(cell, value, session: self)
    }
}

