import Foundation
import PSLanguage

extension Compiler {
    static func constant(_ number: NumberValue) -> PSValue {
        switch number {
        case .sbyte(let value): return .sbyte(value)
        case .byte(let value): return .byte(value)
        case .int16(let value): return .int16(value)
        case .uint16(let value): return .uint16(value)
        case .int32(let value): return .int(value)
        case .uint32(let value): return .uint32(value)
        case .int64(let value): return .long(value)
        case .uint64(let value): return .uint64(value)
        case .decimal(let value, let scale): return .decimal(value, scale: scale)
        case .double(let value): return .double(value)
        case .bigInteger(let digits): return BigInt(parsing: digits).map(BigIntegers.object) ?? .double(Double(digits) ?? 0)
        }
    }

    func compileExpression(_ expression: PSExpr) -> Eval {
        switch expression {
        case .number(let literal):
            let value = Compiler.constant(literal.value)
            return { _ in value }
        case .string(let literal):
            let value = PSValue.string(literal.value)
            return { _ in value }
        case .expandableString(let literal): return compileExpandable(literal.parts)
        case .variable(let variable): return compileVariableRead(variable.path, range: variable.range)
        case .binary(let binary): return positioned(binary.range, compileBinary(binary))
        case .unary(let unary): return positioned(unary.range, compileUnary(unary))
        case .convert(let conversion): return positioned(conversion.range, compileConvert(conversion))
        case .typeLiteral(let literal):
            let resolve = typeResolver(literal.type)
            return { _ in .type(try resolve()) }
        case .member(let member): return positioned(member.range, compileMember(member))
        case .invokeMember(let member):
            let call = compileInvokeMember(member)
            return positioned(member.range) { frame in try call(frame) ?? .null }
        case .index(let index): return positioned(index.range, compileIndex(index))
        case .arrayLiteral(let literal):
            if literal.elements.contains(where: mayBeAutomationNull) { return compileArrayLiteralKeepingAutomationNull(literal) }
            let items = literal.elements.map { compileExpression($0) }
            if items.count == 2 {
                let first = items[0], second = items[1]
                return { frame in .array(PSArray([try first(frame), try second(frame)])) }
            }
            return { frame in
                var out: [PSValue] = []
                out.reserveCapacity(items.count)
                for item in items { out.append(try item(frame)) }
                return .array(PSArray(out))
            }
        case .arrayExpression(let literal):
            // `@(1, $nothing, 3)`: PowerShell's compiler takes an array literal alone inside `@( )` as
            // the array itself, not through a pipeline, so its AutomationNull elements stay (as $null
            // for ConvertTo-Json and indexing) instead of being dropped.
            if literal.body.traps.isEmpty, literal.body.statements.count == 1,
               case .pipeline(let pipeline) = literal.body.statements[0], !pipeline.isBackground,
               pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0],
               element.redirections.isEmpty, case .arrayLiteral(let array) = element.expression,
               array.elements.contains(where: mayBeAutomationNull) {
                return compileArrayLiteralKeepingAutomationNull(array)
            }
            let body = compileBlock(literal.body)
            return { frame in
                let collector = Collector()
                try collector.capturing { try body(frame, collector) }
                return .array(PSArray(collector.items))
            }
        case .subExpression(let subExpression):
            let body = compileBlock(subExpression.body)
            return { frame in
                let collector = Collector()
                try collector.capturing { try body(frame, collector) }
                return collector.result
            }
        case .paren(let paren): return compileValue(paren.pipeline)
        case .hashtable(let literal): return compileHashtable(literal)
        case .scriptBlock(let literal):
            points?.nested.append(literal.range)
            let code = Compiler.compile(literal.body, session: session, source: source)
            // Outside modules every evaluation yields the one block; inside a module each is bound to it.
            let block = PSScriptBlock(text: code.text, body: code, isBound: true)
            return { frame in
                guard let module = frame.scope.enclosingModule else { return .scriptBlock(block) }
                return .scriptBlock(PSScriptBlock(text: code.text, body: code, boundTo: module, isBound: true))
            }
        case .ternary(let ternary):
            let condition = compileExpression(ternary.condition)
            let ifTrue = compileExpression(ternary.ifTrue), ifFalse = compileExpression(ternary.ifFalse)
            return { frame in PSConvert.toBool(try condition(frame)) ? try ifTrue(frame) : try ifFalse(frame) }
        case .attributed(let attributed): return compileExpression(attributed.child)
        case .error(let failed):
            let source = self.source
            return { _ in
                throw PSRuntimeError.message("The expression at '\(source.extent(failed.range).text)' could not be parsed.",
                                             errorId: "ParseError", category: .parserError)
            }
        }
    }

    // MARK: Strings

    func compileExpandable(_ parts: [StringPart]) -> Eval {
        let pieces: [Eval] = parts.map { part in
            switch part {
            case .text(let text):
                let value = PSValue.string(text)
                return { _ in value }
            case .variable(let path, let range):
                let read = compileVariableRead(path, range: range, inString: true)
                let session = self.session
                return { frame in .string(session.expandToString(try read(frame))) }
            case .subExpression(let expression):
                let body = compileBlock(expression.body)
                let session = self.session
                return { frame in
                    let collector = Collector()
                    try collector.capturing { try body(frame, collector) }
                    return .string(session.expandToString(collector.result))
                }
            }
        }
        return { frame in
            var result = ""
            for piece in pieces { if case .string(let text) = try piece(frame) { result += text } }
            return .string(result)
        }
    }

    // MARK: Types

    /// Resolves a type name at first use (modules may register types after compilation).
    func typeResolver(_ typeName: TypeName) -> () throws -> PSType {
        let types = session.types
        let name = typeName.fullName
        let source = self.source
        var cached: PSType? = nil
        var cachedGeneration = -1
        return {
            // A script may define (or redefine) a type after this code was compiled.
            if let resolved = cached, cachedGeneration == types.generation { return resolved }
            guard let found = source.resolveType(name, types) else {
                throw PSRuntimeError.message("Unable to find type [\(name)].", errorId: "TypeNotFound",
                                             category: .invalidOperation, target: .string(name))
            }
            cached = found
            cachedGeneration = types.generation
            return found
        }
    }

    func compileConvert(_ conversion: ConvertExpr) -> Eval {
        let operand = compileExpression(conversion.operand)
        let resolve = typeResolver(conversion.type)
        let session = self.session
        if conversion.type.name.lowercased() == "void" { return { frame in _ = try operand(frame); return .null } }
        if ["ref", "system.management.automation.psreference"].contains(conversion.type.fullName.lowercased()) {
            // `[ref]$x` refers to the variable itself; `[ref](expr)` to a copy of the value.
            if case .variable(let variable) = conversion.operand, !["null", "true", "false"].contains(variable.path.name.lowercased()) {
                let read = compileVariableRead(variable.path, range: variable.range)
                let write = compileVariableWrite(variable.path, range: variable.range)
                return { frame in PSReference.make(get: { try read(frame) }, set: { try write(frame, $0) }) }
            }
            return { frame in
                let value = try operand(frame)
                return PSReference.isReference(value) ? value : PSReference.box(value)
            }
        }
        return { frame in
            let value = try operand(frame)
            let type = try resolve()
            // `[string]$array` joins with `$OFS`, like an expandable string.
            if type == .string, case .array = value { return .string(session.expandToString(value)) }
            return try PSConvert.convert(value, to: type, types: session.types)
        }
    }

    // MARK: Hashtables

    func compileHashtable(_ literal: HashtableExpr) -> Eval {
        let entries: [(Eval, Eval)] = literal.entries.map { entry in
            let key: Eval
            if case .string(let name) = entry.key {
                let constantKey = PSValue.string(name.value)
                key = { _ in constantKey }
            } else {
                key = compileExpression(entry.key)
            }
            return (key, compileValue(entry.value))
        }
        let ordered = literal.isOrdered
        return { frame in
            let table = PSHashtable(ordered: ordered)
            for (computeKey, computeValue) in entries {
                let key = try computeKey(frame)
                if table.containsKey(key) {
                    throw PSRuntimeError.message("Duplicate keys '\(PSConvert.toString(key))' are not allowed in hash literals.",
                                                 errorId: "DuplicateKeyInHashLiteral", category: .parserError)
                }
                table[key] = try computeValue(frame)
            }
            return .hashtable(table)
        }
    }

    // MARK: Members and indexes

    func memberName(_ expression: PSExpr) -> Eval {
        if case .string(let literal) = expression { let value = PSValue.string(literal.value); return { _ in value } }
        return compileExpression(expression)
    }

    func compileMember(_ member: MemberExpr) -> Eval {
        let name = memberName(member.member)
        let session = self.session
        if member.isStatic {
            let target = compileStaticTarget(member.target)
            var writtenName: String? = nil
            if case .typeLiteral(let literal) = member.target { writtenName = literal.type.fullName }
            // A type hvsh cannot resolve has no members to be missing: reading one reports the type.
            var unresolved: (() throws -> PSType)? = nil
            if case .typeLiteral(let literal) = member.target { unresolved = typeResolver(literal.type) }
            let source = self.source, range = member.range
            return { frame in
                let type = try target(frame)
                do {
                    let memberName = PSConvert.toString(try name(frame))
                    if let value = try StaticMembers.lookup(type, memberName, session: session) { return value }
                    if let resolve = unresolved { _ = try resolve() }
                    return try StaticMembers.missing(memberName, strictMode: frame.scope.strictMode)
                } catch let error as PSRuntimeError where error.record.position == nil {
                    throw error.withPosition(source.extent(range))
                }
            }
        }
        let target = compileMemberTarget(member.target)
        let nullConditional = member.isNullConditional
        let source = self.source, range = member.range
        if case .string(let literal) = member.member {
            let memberName = literal.value
            if StrictMode.isCountOrLength(memberName) {
                // `.Count`/`.Length` of a single object is PowerShell's 1 ($null's 0), which strict
                // mode 2 and later refuse as a property the object does not have.
                return { frame in
                    let value = try target(frame)
                    if nullConditional, case .null = value { return .null }
                    let result = try Members.get(value, memberName, session: session)
                    if StrictMode.isScalarCount(value, memberName), frame.scope.strictMode >= 2 {
                        throw StrictMode.propertyNotFound(memberName).withPosition(source.extent(range))
                    }
                    return result
                }
            }
            return { frame in
                let value = try target(frame)
                if nullConditional, case .null = value { return .null }
                let result = try Members.get(value, memberName, session: session)
                if case .null = result {
                    // A method named without a call is its PSMethod.
                    if let method = MethodReferences.instance(value, memberName, session: session) { return method }
                    if frame.scope.strictMode >= 2, !StrictMode.hasMember(value, memberName) {
                        throw StrictMode.propertyNotFound(memberName).withPosition(source.extent(range))
                    }
                }
                return result
            }
        }
        return { frame in
            let value = try target(frame)
            if nullConditional, case .null = value { return .null }
            let memberName = PSConvert.toString(try name(frame))
            let result = try Members.get(value, memberName, session: session)
            if case .null = result {
                if let method = MethodReferences.instance(value, memberName, session: session) { return method }
                if frame.scope.strictMode >= 2, !StrictMode.hasMember(value, memberName) {
                    throw StrictMode.propertyNotFound(memberName).withPosition(source.extent(range))
                }
            }
            return result
        }
    }

    func compileStaticTarget(_ expression: PSExpr) -> (Frame) throws -> PSType {
        if case .typeLiteral(let literal) = expression {
            let resolve = typeResolver(literal.type)
            let raw = literal.type.fullName
            return { _ in
                do { return try resolve() } catch {
                    // Unknown .NET classes ([Math], [IO.Path], ...) are still usable for their static members.
                    return .named(raw)
                }
            }
        }
        let target = compileExpression(expression)
        return { frame in
            let value = try target(frame).unwrapped
            if case .type(let type) = value { return type }
            // `$this::Count`: an instance names its class.
            if case .object(let o) = value, let c = o.baseObject as? PSClassType { return .scriptClass(c) }
            return .named(value.typeFullName)
        }
    }

    /// A method call; nil result means the method returns void (nothing is written to the pipeline).
    func compileInvokeMember(_ member: InvokeMemberExpr) -> (Frame) throws -> PSValue? {
        let name = memberName(member.member)
        let args = member.arguments.map { compileExpression($0) }
        let session = self.session
        // `M[T](...)`: each type argument must resolve (TypeNotFound otherwise) before the call.
        let typeArguments = member.genericArguments.map { typeResolver($0) }
        if member.isStatic {
            let target = compileStaticTarget(member.target)
            var writtenName: String? = nil
            if case .typeLiteral(let literal) = member.target { writtenName = literal.type.fullName }
            return { frame in
                let type = try target(frame)
                let memberName = PSConvert.toString(try name(frame))
                let types = try typeArguments.map { try $0() }
                var arguments: [PSValue] = []
                for argument in args { arguments.append(try argument(frame)) }
                if !types.isEmpty,
                   let result = try GenericMethods.invokeStatic(type, writtenName: writtenName, memberName, typeArguments: types,
                                                                arguments) { return result }
                return try StaticMembers.invoke(type, memberName, arguments, session: session)
            }
        }
        let target = compileMemberTarget(member.target)
        let nullConditional = member.isNullConditional
        // `([Base]$this).M()`: a script class's method called as its base class declares it.
        let castTo = Compiler.castType(member.target).map { typeResolver($0) }
        return { frame in
            let value = try target(frame)
            if nullConditional, case .null = value { return .null }
            let memberName = PSConvert.toString(try name(frame))
            if let castTo {
                let cast = try castTo()
                if case .scriptClass(let c) = cast, case .object(let o) = value,
                   let result = try ClassInstances.callAs(c, o, memberName, try args.map { try $0(frame) }) {
                    return result
                }
                // `([object]$x).ToString()` calls System.Object's own, which names the type.
                if cast == .object, args.isEmpty, memberName.lowercased() == "tostring", !value.isNull {
                    return .string(Members.typeOf(value, session: session).fullName)
                }
                // `([object]$x).Equals($y)` is System.Object's own too (RuntimeHelpers.Equals): the
                // same instance for a reference type, the same type and value for a value type.
                if cast == .object, args.count == 1, memberName.lowercased() == "equals", !value.isNull {
                    let other = try args[0](frame)
                    let type = Members.typeOf(value, session: session)
                    let isValueType: Bool = { if case .enumType = type { return true }; return TypeFacts.baseTypeName(type) == "System.ValueType" }()
                    guard isValueType else { return .bool(Members.sameReference(value.unwrapped, other.unwrapped)) }
                    guard Members.typeOf(other, session: session) == type else { return .false }
                    return try Members.invoke(value, "Equals", [other], session: session)
                }
            }
            for resolve in typeArguments { _ = try resolve() }
            var arguments: [PSValue] = []
            for argument in args { arguments.append(try argument(frame)) }
            return try Members.invoke(value, memberName, arguments, session: session)
        }
    }

    func compileIndex(_ expression: IndexExpr) -> Eval {
        let element = compileIndexElement(expression)
        return { frame in try element(frame) ?? .null }
    }

    /// An index expression's element, nil for an element an array literal got as AutomationNull.
    func compileIndexElement(_ expression: IndexExpr) -> (Frame) throws -> PSValue? {
        let target = compileExpression(expression.target)
        let index = compileExpression(expression.index)
        let nullConditional = expression.isNullConditional
        let source = self.source, range = expression.range
        return { frame in
            let container = try target(frame)
            if nullConditional, case .null = container { return .null }
            let key = try index(frame)
            let result = try Indexing.get(container, key, strictMode: { frame.scope.strictMode })
            if case .null = result {
                if frame.scope.strictMode >= 3, StrictMode.isOutOfRange(container, key) {
                    throw StrictMode.indexOutOfRange().withPosition(source.extent(range))
                }
                if case .array(let array) = container, let skipped = array.automationNullIndices, key.isNumeric,
                   var position = try? PSConvert.toInt(key) {
                    if position < 0 { position += array.count }
                    if skipped.contains(position) { return nil }
                }
            }
            return result
        }
    }

    // MARK: Operators

    /// The arithmetic operators, as functions of their operands.
    static func arithmetic(_ op: BinaryOperator) -> ((PSValue, PSValue) throws -> PSValue)? {
        switch op {
        case .add: return Arithmetic.add
        case .subtract: return Arithmetic.subtract
        case .multiply: return Arithmetic.multiply
        case .divide: return Arithmetic.divide
        case .remainder: return Arithmetic.remainder
        default: return nil
        }
    }

    func compileBinary(_ expression: BinaryExpr) -> Eval {
        let leftOperand = compileExpression(expression.left)
        // A number literal on the right (`$_ * 2`, `$i + 1`) is made once here, not by a closure call
        // per evaluation.
        if case .number(let literal) = expression.right, let op = Compiler.arithmetic(expression.op) {
            let right = Compiler.constant(literal.value)
            return { frame in try op(try leftOperand(frame), right) }
        }
        let rightOperand = compileExpression(expression.right)
        let session = self.session
        let caseSensitive = expression.op.isCaseSensitive
        switch expression.op {
        case .and: return { frame in .bool(PSConvert.toBool(try leftOperand(frame)) ? PSConvert.toBool(try rightOperand(frame)) : false) }
        case .or: return { frame in .bool(PSConvert.toBool(try leftOperand(frame)) ? true : PSConvert.toBool(try rightOperand(frame))) }
        case .xor: return { frame in .bool(PSConvert.toBool(try leftOperand(frame)) != PSConvert.toBool(try rightOperand(frame))) }
        case .add: return { frame in try Arithmetic.add(try leftOperand(frame), try rightOperand(frame)) }
        case .subtract: return { frame in try Arithmetic.subtract(try leftOperand(frame), try rightOperand(frame)) }
        case .multiply: return { frame in try Arithmetic.multiply(try leftOperand(frame), try rightOperand(frame)) }
        case .divide: return { frame in try Arithmetic.divide(try leftOperand(frame), try rightOperand(frame)) }
        case .remainder: return { frame in try Arithmetic.remainder(try leftOperand(frame), try rightOperand(frame)) }
        case .range: return { frame in try Arithmetic.range(try leftOperand(frame), try rightOperand(frame)) }
        case .band: return { frame in try Arithmetic.bitwise(try leftOperand(frame), try rightOperand(frame), &) }
        case .bor: return { frame in try Arithmetic.bitwise(try leftOperand(frame), try rightOperand(frame), |) }
        case .bxor: return { frame in try Arithmetic.bitwise(try leftOperand(frame), try rightOperand(frame), ^) }
        case .shl: return { frame in try Arithmetic.shiftLeft(try leftOperand(frame), try rightOperand(frame)) }
        case .shr: return { frame in try Arithmetic.shiftRight(try leftOperand(frame), try rightOperand(frame)) }
        case .format:
            return { frame in
                let format = PSConvert.toString(try leftOperand(frame))
                let items = try rightOperand(frame)
                return .string(try PSFormat.format(format, items.arrayElements ?? [items]))
            }
        case .nullCoalesce: return { frame in let value = try leftOperand(frame); if case .null = value { return try rightOperand(frame) }; return value }
        case .join:
            return { frame in
                let left = try leftOperand(frame)
                let separator = PSConvert.toString(try rightOperand(frame))
                return .string((left.arrayElements ?? [left]).map { PSConvert.toString($0) }.joined(separator: separator))
            }
        case .is, .isNot:
            let negate = expression.op == .isNot
            let source = self.source
            return { frame in
                let type = try Compiler.typeOperand(try rightOperand(frame), session, source)
                let value = try leftOperand(frame)
                // `-is [psobject]` holds only for a value wrapped in a PSObject (a custom object, a
                // command's output object), not for a bare string or number; `-is [pscustomobject]`
                // only for a custom object, not for a wrapped value. Other types test what a
                // wrapper wraps (PowerShell's IsOperator takes PSObject.Base of the operand).
                if type == .psObject { if case .object = value { return .bool(!negate) }; return .bool(negate) }
                if type == .psCustomObject {
                    if case .object(let object) = value, object.baseValue == nil { return .bool(!negate) }
                    return .bool(negate)
                }
                return .bool(PSConvert.isInstance(value.unwrapped, of: type) != negate)
            }
        case .as:
            let source = self.source
            return { frame in
                let type = try Compiler.typeOperand(try rightOperand(frame), session, source)
                return (try? PSConvert.convert(try leftOperand(frame), to: type, types: session.types)) ?? .null
            }
        case .contains, .notContains, .cContains, .cNotContains:
            let negate = expression.op == .notContains || expression.op == .cNotContains
            return { frame in
                let left = try leftOperand(frame), right = try rightOperand(frame)
                let found = (left.arrayElements ?? [left]).contains { Comparison.equals($0, right, caseSensitive: caseSensitive) }
                return .bool(found != negate)
            }
        case .in, .notIn, .cIn, .cNotIn:
            let negate = expression.op == .notIn || expression.op == .cNotIn
            return { frame in
                let left = try leftOperand(frame), right = try rightOperand(frame)
                let found = (right.arrayElements ?? [right]).contains { Comparison.equals($0, left, caseSensitive: caseSensitive) }
                return .bool(found != negate)
            }
        case .replace, .cReplace:
            return { frame in try Compiler.replaceOp(try leftOperand(frame), try rightOperand(frame), caseSensitive: caseSensitive, session: session) }
        case .split, .cSplit:
            return { frame in try Compiler.splitOp(try leftOperand(frame), try rightOperand(frame), caseSensitive: caseSensitive, session: session) }
        case .match, .notMatch, .cMatch, .cNotMatch:
            let negate = expression.op == .notMatch || expression.op == .cNotMatch
            let matchesSlot = slot("Matches")
            return { frame in
                let left = try leftOperand(frame)
                let re = try session.regexCache.get(PSConvert.toString(try rightOperand(frame)), ignoreCase: !caseSensitive)
                if case .array(let items) = left {
                    return .array(PSArray(items.elements.filter { element in
                        let text = PSConvert.toString(element)
                        let hit = re.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
                        return hit != negate
                    }))
                }
                let text = PSConvert.toString(left)
                if let match = re.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
                    // `-notmatch` sets $Matches too when the string matches (and so returns False).
                    try frame.write(matchesSlot, .hashtable(StringOperators.matchesTable(match, in: text, regex: re.regex)))
                    return .bool(!negate)
                }
                return .bool(negate)
            }
        case .eq, .ne, .ceq, .cne:
            let negate = expression.op == .ne || expression.op == .cne
            return { frame in
                let left = try leftOperand(frame), right = try rightOperand(frame)
                if case .int(let leftInt) = left, case .int(let rightInt) = right { return .bool((leftInt == rightInt) != negate) }
                if case .array(let items) = left {
                    return .array(PSArray(items.elements.filter { Comparison.equals($0, right, caseSensitive: caseSensitive) != negate }))
                }
                return .bool(Comparison.equals(left, right, caseSensitive: caseSensitive) != negate)
            }
        case .gt, .ge, .lt, .le, .cgt, .cge, .clt, .cle:
            let test: (Int) -> Bool
            switch expression.op.caseInsensitiveBase {
            case .gt: test = { $0 > 0 }
            case .ge: test = { $0 >= 0 }
            case .lt: test = { $0 < 0 }
            default: test = { $0 <= 0 }
            }
            return { frame in
                let left = try leftOperand(frame), right = try rightOperand(frame)
                if case .int(let leftInt) = left, case .int(let rightInt) = right { return .bool(test(leftInt < rightInt ? -1 : (leftInt > rightInt ? 1 : 0))) }
                if case .array(let items) = left {
                    return .array(PSArray(try items.elements.filter { test(try Comparison.compare($0, right, caseSensitive: caseSensitive)) }))
                }
                return .bool(test(try Comparison.compare(left, right, caseSensitive: caseSensitive)))
            }
        case .like, .notLike, .cLike, .cNotLike:
            let negate = expression.op == .notLike || expression.op == .cNotLike
            return { frame in
                let left = try leftOperand(frame)
                let pattern = WildcardPattern(PSConvert.toString(try rightOperand(frame)), caseSensitive: caseSensitive)
                if case .array(let items) = left {
                    return .array(PSArray(items.elements.filter { pattern.matches(PSConvert.toString($0)) != negate }))
                }
                return .bool(pattern.matches(PSConvert.toString(left)) != negate)
            }
        }
    }

    static func typeOperand(_ value: PSValue, _ session: ShellSession, _ source: SourceInfo? = nil) throws -> PSType {
        if case .type(let type) = value { return type }
        let name = PSConvert.toString(value)
        guard let type = source?.resolveType(name, session.types) ?? session.types.resolve(name) else {
            // A type written as a string converts to [type] at run time; failing, it is the cast's
            // message in a plain RuntimeException (`'x' -is 'foo'`).
            throw PSRuntimeError.message("Cannot convert the \"\(name)\" value of type \"\(value.typeNames.first ?? "System.Object")\" to type \"System.Type\".",
                                         errorId: "RuntimeException", category: .notSpecified)
        }
        return type
    }

    static func replaceOp(_ left: PSValue, _ right: PSValue, caseSensitive: Bool, session: ShellSession) throws -> PSValue {
        var pattern = right, replacement = PSValue.string("")
        if case .array(let pair) = right {
            guard pair.count >= 1, pair.count <= 2 else {
                throw PSRuntimeError.message(
                    "The -replace operator allows only two elements to follow it, not \(pair.count).",
                    errorId: "BadReplaceArgument", category: .invalidOperation)
            }
            pattern = pair.elements[0]
            if pair.count == 2 { replacement = pair.elements[1] }
        }
        let re = try session.regexCache.get(PSConvert.toString(pattern), ignoreCase: !caseSensitive)
        var scriptBlockReplacement: ((PSValue) throws -> String)? = nil
        if case .scriptBlock(let block) = replacement {
            // A MatchEvaluator made from a script block reads the match as $args[0]; a plain one as $_.
            scriptBlockReplacement = { match in session.expandToString(try session.invokeCollectValue(block, dollarUnder: match, arguments: [match])) }
        } else if case .object(let method) = replacement, method.typeNames.first == MethodReferences.typeNames[0] {
            // A method (`[R]::Replace`) becomes the MatchEvaluator that calls it with each match.
            scriptBlockReplacement = { match in PSConvert.toString(try method.callMethod("Invoke", [match]) ?? .null) }
        }
        func one(_ value: PSValue) throws -> PSValue {
            .string(try StringOperators.replace(PSConvert.toString(value), regex: re, replacement: replacement, scriptBlock: scriptBlockReplacement))
        }
        if case .array(let inputs) = left { return .array(PSArray(try inputs.elements.map(one))) }
        return try one(left)
    }

    static func splitOp(_ left: PSValue, _ right: PSValue, caseSensitive: Bool, session: ShellSession) throws -> PSValue {
        var parts = right.arrayElements ?? [right]
        if parts.isEmpty { parts = [.string(" ")] }
        let delimiter = parts[0]
        let max = parts.count > 1 ? try PSConvert.toInt(parts[1]) : 0
        let inputs = (left.arrayElements ?? [left]).map { PSConvert.toString($0) }
        var out: [PSValue] = []
        if case .scriptBlock(let block) = delimiter {
            for input in inputs {
                out += try StringOperators.split(input, max: max) { character in
                    // A stop point per character: a block that only fails (an unknown command) polls
                    // nothing itself, and a long string kept Ctrl-C waiting (evaluator fuzz finding).
                    if session.stopRequested { throw PipelineStoppedSignal() }
                    return PSConvert.toBool(try session.invokeCollectValue(block, dollarUnder: character))
                }.map { .string($0) }
            }
            return .array(PSArray(out))
        }
        let options = parts.count > 2 ? try StringOperators.parseSplitOptions(parts[2], caseSensitive: caseSensitive)
                                      : { var options = StringOperators.SplitOptions(); options.ignoreCase = !caseSensitive; return options }()
        for input in inputs {
            out += try StringOperators.split(input, delimiter: PSConvert.toString(delimiter), max: max, options: options,
                                             cache: session.regexCache).map { .string($0) }
        }
        return .array(PSArray(out))
    }

    func compileUnary(_ expression: UnaryExpr) -> Eval {
        switch expression.op {
        case .not:
            let operand = compileExpression(expression.operand)
            return { frame in .bool(!PSConvert.toBool(try operand(frame))) }
        case .bnot:
            let operand = compileExpression(expression.operand)
            return { frame in try Arithmetic.bnot(try operand(frame)) }
        case .negate:
            let operand = compileExpression(expression.operand)
            return { frame in try Arithmetic.negate(try operand(frame)) }
        case .plus:
            let operand = compileExpression(expression.operand)
            return { frame in
                let value = try operand(frame)
                if value.isNumeric || BigIntegers.isBigInt(value) { return value }
                if case .array = value { return value }
                return PSConvert.toNumber(value) ?? value
            }
        case .join:
            let operand = compileExpression(expression.operand)
            return { frame in
                let value = try operand(frame)
                return .string((value.arrayElements ?? [value]).map { PSConvert.toString($0) }.joined())
            }
        case .split, .cSplit:
            let operand = compileExpression(expression.operand)
            return { frame in
                let value = try operand(frame)
                var out: [PSValue] = []
                for item in (value.arrayElements ?? [value]) {
                    out += PSConvert.toString(item).split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }
                }
                return .array(PSArray(out))
            }
        case .preIncrement, .preDecrement, .postIncrement, .postDecrement:
            guard let target = compileLValue(expression.operand) else {
                let source = self.source
                return { _ in
                    throw PSRuntimeError.message("The operand of an increment or decrement operator must be a variable, property or array element. \(source.extent(expression.range).text)",
                                                 errorId: "OperatorRequiresVariableOrProperty", category: .parserError)
                }
            }
            let delta = PSValue.int(expression.op == .preIncrement || expression.op == .postIncrement ? 1 : -1)
            let post = expression.op == .postIncrement || expression.op == .postDecrement
            return { frame in
                let old = try target.get(frame)
                let new = try Arithmetic.add(old.isNull ? .int(0) : old, delta)
                try target.set(frame, new)
                return post ? (old.isNull ? .int(0) : old) : new
            }
        }
    }
}

extension ShellSession {
    /// String form for `"$x"`: arrays are joined with `$OFS` (a space by default).
    public func expandToString(_ value: PSValue) -> String {
        if case .array = value {
            let ofs = variable("OFS").map { PSConvert.toString($0) } ?? " "
            return PSConvert.toString(value, separator: ofs)
        }
        return PSConvert.toString(value)
    }
}
