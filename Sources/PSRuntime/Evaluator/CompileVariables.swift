import Foundation
import PSLanguage

/// Something assignable: a variable, property or element.
struct LValue {
    let get: Eval
    let set: (Frame, PSValue) throws -> Void
}

extension Compiler {
    /// `param($input)`: the parameter is an ordinary variable that hides the automatic enumerator,
    /// as in PowerShell (a filter reading its `[Parameter(ValueFromPipeline)]$input`).
    var declaresInputParameter: Bool {
        block.parameters.contains { $0.declaration.name.lowercased() == "input" }
    }

    // MARK: Reads

    /// `inString`: the read is a variable of an expandable string, which strict mode 1 still allows unset.
    func compileVariableRead(_ path: VariablePath, range: SourceRange, inString: Bool = false) -> Eval {
        let session = self.session
        if let qualifier = path.qualifier?.lowercased() {
            let name = path.name
            switch qualifier {
            case "env":
                return { _ in ProcessEnvironment.value(name).map { .string($0) } ?? .null }
            case "global":
                return { _ in session.globalScope.lookup(name)?.value ?? .null }
            case "script":
                return { frame in
                    if let variable = frame.scope.scriptScope.lookup(name) { return variable.value }
                    return .null
                }
            case "local", "private":
                return { frame in frame.scope.localVariable(name)?.value ?? .null }
            case "using":
                // A ForEach-Object -Parallel iteration reads the values copied in; elsewhere (a script
                // block run locally) `$using:x` is the variable itself.
                let key = name.lowercased()
                return { frame in
                    if let values = session.usingValues { return values[key] ?? .null }
                    return frame.scope.lookup(name)?.value ?? .null
                }
            case "variable":
                return { frame in frame.scope.lookup(name)?.value ?? .null }
            case "function":
                return { frame in frame.scope.lookupFunction(name).map { .scriptBlock($0.block) } ?? .null }
            default:
                let source = self.source
                return { _ in
                    throw PSRuntimeError.message("Cannot find drive. A drive with the name '\(qualifier)' does not exist.",
                                                 errorId: "DriveNotFound", category: .objectNotFound,
                                                 exceptionType: "System.Management.Automation.DriveNotFoundException",
                                                 target: .string(qualifier)).withPosition(source.extent(range))
                }
            }
        }
        switch path.name.lowercased() {
        case "true": return { _ in .true }
        case "false": return { _ in .false }
        case "null": return { _ in .null }
        case "?": return { _ in .bool(session.lastSuccess) }
        case "args": return { frame in .array(PSArray(frame.args)) }
        case "input" where !declaresInputParameter:
            block.usesInput = true
            return { frame in frame.assignedInput ?? .array(PSArray(frame.inputEnumerator.drain(), kind: frame.inputKind)) }
        case "foreach", "switch":
            let isSwitch = path.name.lowercased() == "switch"
            if isSwitch { usesSwitchEnumerator = true } else { usesForeachEnumerator = true }
            // Outside its loop the name is an ordinary variable (`param($switch)`).
            let index = slot(path.name)
            return { frame in
                guard let loop = frame.runningLoops.last(where: { $0.isSwitch == isSwitch }) else { return frame.read(index) ?? .null }
                return .object(loop.enumerator.view)
            }
        // A block run in an existing scope (dot-sourced, ForEach-Object's) sees that scope's $MyInvocation.
        // These four are the engine's until the block assigns its own (`$PSScriptRoot = 'x'`), which
        // then reads back, as PowerShell's local automatic variables do.
        case "myinvocation":
            let index = slot(path.name)
            return { frame in
                if let own = frame.readLocal(index) { return own }
                return frame.myInvocation.isNull ? frame.scope.invocationInfo ?? .null : frame.myInvocation
            }
        case "psboundparameters":
            let index = slot(path.name)
            return { frame in frame.readLocal(index) ?? .hashtable(frame.boundParameters ?? PSHashtable()) }
        case "pwd": return { _ in .object(PathInfo.make(session.currentLocation)) }
        case "psscriptroot":
            let root = source.file.map { ($0 as NSString).deletingLastPathComponent } ?? ""
            let index = slot(path.name)
            return { frame in frame.readLocal(index) ?? .string(root) }
        case "pscommandpath":
            let scriptPath = source.file ?? ""
            let index = slot(path.name)
            return { frame in frame.readLocal(index) ?? .string(scriptPath) }
        case "lastexitcode": return { _ in .int(session.lastExitCode) }
        default:
            let index = slot(path.name)
            let name = path.name, source = self.source
            let strictFrom = inString ? 2 : 1
            return { frame in
                if let variable = frame.read(index) { return variable }
                if frame.scope.strictMode >= strictFrom { throw StrictMode.undefinedVariable(name).withPosition(source.extent(range)) }
                return .null
            }
        }
    }

    // MARK: Writes

    /// A closure assigning to a variable path (the foreach variable, assignment targets).
    /// A variable assignment; while the session has a script debugger it is told first (Set-PSDebug
    /// -Trace 2's `! SET` line, variable breakpoints on writes), as PowerShell's SetVariableValue does
    /// for variables (not `$env:` or other drive paths).
    func compileVariableWrite(_ path: VariablePath, range: SourceRange) -> (Frame, PSValue) throws -> Void {
        let session = self.session, name = path.name, file = source.file
        if path.qualifier == nil, !Self.unwatchedWrites.contains(name.lowercased()), !Self.allScopeBuiltins.contains(name.lowercased()) {
            // The common case, a local slot, tells the debugger without a wrapping closure.
            let index = slot(name)
            return { frame, value in
                guard let debugger = session.scriptDebugger else { return try frame.write(index, value) }
                debugger.variableWriting(name, value: value)
                try frame.write(index, value)
                debugger.variableWritten(name, file: file)
            }
        }
        let write = compileVariableWriteBody(path, range: range)
        if let qualifier = path.qualifier?.lowercased(), !["global", "script", "local", "private", "using", "variable"].contains(qualifier) { return write }
        return { frame, value in
            guard let debugger = session.scriptDebugger else { return try write(frame, value) }
            debugger.variableWriting(name, value: value)
            try write(frame, value)
            debugger.variableWritten(name, file: file)
        }
    }

    private func compileVariableWriteBody(_ path: VariablePath, range: SourceRange) -> (Frame, PSValue) throws -> Void {
        let session = self.session
        let name = path.name
        if let qualifier = path.qualifier?.lowercased() {
            switch qualifier {
            case "env":
                return { _, value in
                    try session.requireHostAccess("Changing the environment")
                    if case .null = value { unsetenv(name) } else { setenv(name, PSConvert.toString(value), 1) }
                }
            case "global": return { _, value in try session.assign(name, value, in: session.globalScope) }
            case "script": return { frame, value in try session.assign(name, value, in: frame.scope.scriptScope) }
            case "private":
                return { frame, value in
                    try session.assign(name, value, in: frame.scope)
                    frame.scope.localVariable(name)?.options.insert(.private)
                }
            case "local", "variable", "using": return { frame, value in try session.assign(name, value, in: frame.scope) }
            case "function":
                return { frame, value in
                    guard case .scriptBlock(let block) = value else { return }
                    frame.scope.defineFunction(FunctionInfo(name: name, block: block, isFilter: false))
                }
            default:
                return { _, _ in
                    throw PSRuntimeError.message("Cannot find drive. A drive with the name '\(qualifier)' does not exist.",
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
            return { _, value in session.lastExitCode = (try? PSConvert.toInt32(value)) ?? 0 }
        case "args": return { frame, value in frame.args = value.arrayElements ?? [value] }
        case "input" where !declaresInputParameter: return { frame, value in frame.assignedInput = value }
        case _ where Self.allScopeBuiltins.contains(name.lowercased()):
            // AllScope in PowerShell: every scope sees the one global variable, so a write anywhere
            // reaches it (and fails on the read-only and constant ones: `& { $PID = 1 }`).
            let index = slot(name)
            return { frame, value in
                if let global = session.globalScope.localVariable(name) {
                    try Frame.assign(global, value, session: session)
                } else {
                    try frame.write(index, value)
                }
            }
        default:
            let index = slot(name)
            return { frame, value in try frame.write(index, value) }
        }
    }

    /// Names whose writes are not plain slot writes (compileVariableWriteBody's special cases).
    static let unwatchedWrites: Set<String> = ["null", "true", "false", "?", "lastexitcode", "args", "input"]

    /// The session's AllScope variables (PowerShell's SessionState and InitialSessionState).
    static let allScopeBuiltins: Set<String> = ["home", "pid", "host", "executioncontext", "psversiontable", "psedition",
                                                "shellid", "pshome", "enabledexperimentalfeatures", "islinux", "ismacos",
                                                "iswindows", "iscoreclr"]

    func compileLValue(_ expression: PSExpr) -> LValue? {
        let session = self.session
        switch expression {
        case .variable(let variable):
            return LValue(get: compileVariableRead(variable.path, range: variable.range), set: compileVariableWrite(variable.path, range: variable.range))
        case .member(let member):
            let target = compileExpression(member.target)
            let name = memberName(member.member)
            if member.isStatic {
                let staticTarget = compileStaticTarget(member.target)
                return LValue(get: { frame in try StaticMembers.get(try staticTarget(frame), PSConvert.toString(try name(frame)), session: session) },
                              set: { frame, value in try StaticMembers.set(try staticTarget(frame), PSConvert.toString(try name(frame)), value, session: session) })
            }
            return LValue(get: { frame in try Members.get(try target(frame), PSConvert.toString(try name(frame)), session: session) },
                          set: { frame, value in try Members.set(try target(frame), PSConvert.toString(try name(frame)), value) })
        case .index(let indexExpression):
            let target = compileExpression(indexExpression.target)
            let index = compileExpression(indexExpression.index)
            return LValue(get: { frame in try Indexing.get(try target(frame), try index(frame)) },
                          set: { frame, value in try Indexing.set(try target(frame), try index(frame), value) })
        case .convert(let conversion):
            if let attributed = compileAttributedLValue(expression) { return attributed }
            // `[int]$x = ...`: the variable keeps the type constraint for later assignments.
            guard case .variable(let variable) = conversion.operand else { return nil }
            let resolve = typeResolver(conversion.type)
            let read = compileVariableRead(variable.path, range: variable.range)
            if variable.path.qualifier == nil, !["null", "true", "false", "args", "?"].contains(variable.path.name.lowercased()),
               !Self.allScopeBuiltins.contains(variable.path.name.lowercased()),
               declaresInputParameter || variable.path.name.lowercased() != "input" {
                let index = slot(variable.path.name)
                return LValue(get: read, set: { frame, value in
                    let type = try resolve()
                    let cell = frame.slots[index]
                    cell.typeConstraint = type
                    try Frame.assign(cell, value, session: session)
                })
            }
            let write = compileVariableWrite(variable.path, range: variable.range)
            return LValue(get: read, set: { frame, value in try write(frame, try PSConvert.convert(value, to: try resolve(), types: session.types)) })
        case .attributed(let attributed):
            return compileAttributedLValue(expression) ?? compileLValue(attributed.child)
        case .paren(let paren):
            if case .pipeline(let pipeline) = paren.pipeline, pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0] {
                return compileLValue(element.expression)
            }
            return nil
        default:
            return nil
        }
    }

    /// An assignment; the closure returns the assigned value (for `($x = 1)` used as a value). Its
    /// sequence point comes after those of its value, and is reached before the value is computed.
    func compileAssignment(_ assignment: AssignmentStatement) -> Eval {
        let assign = compileAssignmentBody(assignment)
        return atPoint(reservePoint(assignment.range), assign)
    }

    func compileAssignmentBody(_ assignment: AssignmentStatement) -> Eval {
        let source = self.source
        let range = assignment.range
        // Multiple assignment: `$a, $b = 1, 2, 3` gives $a = 1 and $b = 2, 3.
        if case .arrayLiteral(let targets) = assignment.target, assignment.op == .assign {
            let targetsToSet = targets.elements.compactMap { compileLValue($0) }
            let rightSide = compileValue(assignment.value)
            return { frame in
                let value = try rightSide(frame)
                let items = value.arrayElements ?? [value]
                // As a value (`$v = $a, $b = ...`) the assignment is what each target received.
                var assigned: [PSValue] = []
                for (index, target) in targetsToSet.enumerated() {
                    let part: PSValue
                    if index == targetsToSet.count - 1 {
                        let rest = Array(items.dropFirst(index))
                        part = rest.count == 1 ? rest[0] : (rest.isEmpty ? .null : .array(PSArray(rest)))
                    } else {
                        part = index < items.count ? items[index] : .null
                    }
                    try target.set(frame, part)
                    assigned.append(part)
                }
                return .array(PSArray(assigned))
            }
        }
        guard let target = compileLValue(assignment.target) else {
            return { _ in
                throw PSRuntimeError.message("The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
                                             errorId: "InvalidLeftHandSide", category: .parserError).withPosition(source.extent(range))
            }
        }
        if assignment.op == .assign, let index = plainVariableSlot(assignment.target) {
            // `$x = <statement>` that writes nothing leaves AutomationNull in $x (see PSVariable).
            let valueNotingEmpty = compileValueNotingEmpty(assignment.value)
            return positioned(range) { frame in
                let (value, empty) = try valueNotingEmpty(frame)
                try target.set(frame, value)
                if empty { frame.slots[index].holdsAutomationNull = true }
                return value
            }
        }
        let rightSide = compileValue(assignment.value)
        switch assignment.op {
        case .assign:
            // `([bool]$x = 42)` is the variable's converted value, $true, not 42.
            if case .convert = assignment.target {
                return positioned(range) { frame in
                    try target.set(frame, try rightSide(frame))
                    return try target.get(frame)
                }
            }
            // Fast path for `$x = <expr>` on a plain local variable.
            return positioned(range) { frame in
                let value = try rightSide(frame)
                try target.set(frame, value)
                return value
            }
        case .nullCoalesce:
            return positioned(range) { frame in
                let current = try target.get(frame)
                guard case .null = current else { return current }
                let value = try rightSide(frame)
                try target.set(frame, value)
                return value
            }
        default:
            let op: (PSValue, PSValue) throws -> PSValue
            switch assignment.op.binaryOperator! {
            case .add: op = Arithmetic.add
            case .subtract: op = Arithmetic.subtract
            case .multiply: op = Arithmetic.multiply
            case .divide: op = Arithmetic.divide
            default: op = Arithmetic.remainder
            }
            // Compound assignment to a plain variable reads this scope only: `$x += 1` in a function
            // whose caller has `$x = 5` starts from $null, as PowerShell does (about_Assignment_Operators).
            if case .variable(let variable) = assignment.target, variable.path.qualifier == nil,
               !["null", "true", "false", "args", "?", "lastexitcode", "input", "myinvocation", "psboundparameters", "pwd"].contains(variable.path.name.lowercased()) {
                let index = slot(variable.path.name)
                let session = self.session, name = variable.path.name, file = source.file
                if assignment.op != .add {
                    return positioned(range) { frame in
                        let cell = frame.slots[index]
                        let result = try op(cell.isSet ? cell.value : .null, try rightSide(frame))
                        session.scriptDebugger?.variableWriting(name, value: result)
                        try frame.write(index, result)
                        session.scriptDebugger?.variableWritten(name, file: file)
                        return result
                    }
                }
                return positioned(range) { frame in
                    let cell = frame.slots[index]
                    let current = cell.isSet ? cell.value : .null
                    let operand = try rightSide(frame)
                    let result: PSValue
                    if case .int(let currentNumber) = current, case .int(let operandNumber) = operand {
                        let (sum, overflow) = currentNumber.addingReportingOverflow(operandNumber)
                        result = overflow ? .double(Double(currentNumber) + Double(operandNumber)) : .int(sum)
                    } else if case .double(let currentNumber) = current, case .int(let operandNumber) = operand {
                        result = .double(currentNumber + Double(operandNumber))
                    } else if case .long(let currentNumber) = current, case .int(let operandNumber) = operand, case (let sum, false) = currentNumber.addingReportingOverflow(Int64(operandNumber)) {
                        result = .long(sum)
                    } else {
                        result = try Arithmetic.add(current, operand)
                    }
                    session.scriptDebugger?.variableWriting(name, value: result)
                    try frame.write(index, result)
                    session.scriptDebugger?.variableWritten(name, file: file)
                    return result
                }
            }
            return positioned(range) { frame in
                let current = try target.get(frame)
                let result = try op(current, try rightSide(frame))
                try target.set(frame, result)
                return result
            }
        }
    }
}

extension PSRuntimeError {
    func withPosition(_ extent: ScriptExtent) -> PSRuntimeError {
        if record.position == nil { record.position = extent }
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

