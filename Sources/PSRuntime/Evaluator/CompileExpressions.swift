import Foundation
import PSLanguage

extension Compiler {
    static func constant(_ n: NumberValue) -> PSValue {
        switch n {
        case .sbyte(let v): return .sbyte(v)
        case .byte(let v): return .byte(v)
        case .int16(let v): return .int16(v)
        case .uint16(let v): return .uint16(v)
        case .int32(let v): return .int(v)
        case .uint32(let v): return .uint32(v)
        case .int64(let v): return .long(v)
        case .uint64(let v): return .uint64(v)
        case .decimal(let v, let scale): return .decimal(v, scale: scale)
        case .double(let v): return .double(v)
        case .bigInteger(let s): return Decimal(string: s).map { .decimal($0) } ?? .double(Double(s) ?? 0)
        }
    }

    func compileExpression(_ e: PSExpr) -> Eval {
        switch e {
        case .number(let n):
            let v = Compiler.constant(n.value)
            return { _ in v }
        case .string(let s):
            let v = PSValue.string(s.value)
            return { _ in v }
        case .expandableString(let s): return compileExpandable(s.parts)
        case .variable(let v): return compileVariableRead(v.path, range: v.range)
        case .binary(let b): return positioned(b.range, compileBinary(b))
        case .unary(let u): return positioned(u.range, compileUnary(u))
        case .convert(let c): return positioned(c.range, compileConvert(c))
        case .typeLiteral(let t):
            let resolve = typeResolver(t.type)
            return { _ in .type(try resolve()) }
        case .member(let m): return positioned(m.range, compileMember(m))
        case .invokeMember(let m):
            let call = compileInvokeMember(m)
            return positioned(m.range) { f in try call(f) ?? .null }
        case .index(let i): return positioned(i.range, compileIndex(i))
        case .arrayLiteral(let a):
            let items = a.elements.map { compileExpression($0) }
            if items.count == 2 {
                let x = items[0], y = items[1]
                return { f in .array(PSArray([try x(f), try y(f)])) }
            }
            return { f in
                var out: [PSValue] = []
                out.reserveCapacity(items.count)
                for i in items { out.append(try i(f)) }
                return .array(PSArray(out))
            }
        case .arrayExpression(let a):
            let body = compileBlock(a.body)
            return { f in
                let c = Collector()
                try body(f, c)
                return .array(PSArray(c.items))
            }
        case .subExpression(let s):
            let body = compileBlock(s.body)
            return { f in
                let c = Collector()
                try body(f, c)
                return c.result
            }
        case .paren(let p): return compileValue(p.pipeline)
        case .hashtable(let h): return compileHashtable(h)
        case .scriptBlock(let sb):
            let code = Compiler.compile(sb.body, session: session, source: source)
            let block = PSScriptBlock(text: code.text, body: code)
            return { _ in .scriptBlock(block) }
        case .ternary(let t):
            let c = compileExpression(t.condition), a = compileExpression(t.ifTrue), b = compileExpression(t.ifFalse)
            return { f in PSConvert.toBool(try c(f)) ? try a(f) : try b(f) }
        case .attributed(let a): return compileExpression(a.child)
        case .error(let er):
            let src = source
            return { _ in
                throw PSRuntimeError.message("The expression at '\(src.extent(er.range).text)' could not be parsed.",
                                             errorId: "ParseError", category: .parserError)
            }
        }
    }

    // MARK: Strings

    func compileExpandable(_ parts: [StringPart]) -> Eval {
        let pieces: [Eval] = parts.map { p in
            switch p {
            case .text(let t):
                let v = PSValue.string(t)
                return { _ in v }
            case .variable(let path, let r):
                let read = compileVariableRead(path, range: r, inString: true)
                let session = self.session
                return { f in .string(session.expandToString(try read(f))) }
            case .subExpression(let s):
                let body = compileBlock(s.body)
                let session = self.session
                return { f in
                    let c = Collector()
                    try body(f, c)
                    return .string(session.expandToString(c.result))
                }
            }
        }
        return { f in
            var s = ""
            for p in pieces { if case .string(let t) = try p(f) { s += t } }
            return .string(s)
        }
    }

    // MARK: Types

    /// Resolves a type name at first use (modules may register types after compilation).
    func typeResolver(_ t: TypeName) -> () throws -> PSType {
        let types = session.types
        let name = t.fullName
        var cached: PSType? = nil
        return {
            if let c = cached { return c }
            guard let r = types.resolve(name) else {
                throw PSRuntimeError.message("Unable to find type [\(name)].", errorId: "TypeNotFound",
                                             category: .invalidOperation, target: .string(name))
            }
            cached = r
            return r
        }
    }

    func compileConvert(_ c: ConvertExpr) -> Eval {
        let operand = compileExpression(c.operand)
        let resolve = typeResolver(c.type)
        let session = self.session
        if c.type.name.lowercased() == "void" { return { f in _ = try operand(f); return .null } }
        if ["ref", "system.management.automation.psreference"].contains(c.type.fullName.lowercased()) {
            // `[ref]$x` refers to the variable itself; `[ref](expr)` to a copy of the value.
            if case .variable(let v) = c.operand, !["null", "true", "false"].contains(v.path.name.lowercased()) {
                let read = compileVariableRead(v.path, range: v.range)
                let write = compileVariableWrite(v.path, range: v.range)
                return { f in PSReference.make(get: { try read(f) }, set: { try write(f, $0) }) }
            }
            return { f in
                let v = try operand(f)
                return PSReference.isReference(v) ? v : PSReference.box(v)
            }
        }
        return { f in
            let v = try operand(f)
            let t = try resolve()
            // `[string]$array` joins with `$OFS`, like an expandable string.
            if t == .string, case .array = v { return .string(session.expandToString(v)) }
            return try PSConvert.convert(v, to: t, types: session.types)
        }
    }

    // MARK: Hashtables

    func compileHashtable(_ h: HashtableExpr) -> Eval {
        let entries: [(Eval, Eval)] = h.entries.map { e in
            let key: Eval
            if case .string(let s) = e.key { let k = PSValue.string(s.value); key = { _ in k } } else { key = compileExpression(e.key) }
            return (key, compileValue(e.value))
        }
        let ordered = h.isOrdered
        return { f in
            let t = PSHashtable(ordered: ordered)
            for (k, v) in entries {
                let key = try k(f)
                if t.containsKey(key) {
                    throw PSRuntimeError.message("Duplicate keys '\(PSConvert.toString(key))' are not allowed in hash literals.",
                                                 errorId: "DuplicateKeyInHashLiteral", category: .parserError)
                }
                t[key] = try v(f)
            }
            return .hashtable(t)
        }
    }

    // MARK: Members and indexes

    func memberName(_ e: PSExpr) -> Eval {
        if case .string(let s) = e { let v = PSValue.string(s.value); return { _ in v } }
        return compileExpression(e)
    }

    func compileMember(_ m: MemberExpr) -> Eval {
        let name = memberName(m.member)
        let session = self.session
        if m.isStatic {
            let target = compileStaticTarget(m.target)
            // A type hvsh cannot resolve has no members to be missing: reading one reports the type.
            var unresolved: (() throws -> PSType)? = nil
            if case .typeLiteral(let t) = m.target { unresolved = typeResolver(t.type) }
            let src = source, range = m.range
            return { f in
                let t = try target(f)
                do {
                    let n = PSConvert.toString(try name(f))
                    if let v = try StaticMembers.lookup(t, n, session: session) { return v }
                    if let resolve = unresolved { _ = try resolve() }
                    return try StaticMembers.missing(n, strictMode: f.scope.strictMode)
                } catch let e as PSRuntimeError where e.record.position == nil {
                    throw e.withPosition(src.extent(range))
                }
            }
        }
        let target = compileMemberTarget(m.target)
        let nullConditional = m.isNullConditional
        let src = source, range = m.range
        if case .string(let s) = m.member {
            let n = s.value
            if StrictMode.isCountOrLength(n) {
                // `.Count`/`.Length` of a single object is PowerShell's 1 ($null's 0), which strict
                // mode 2 and later refuse as a property the object does not have.
                return { f in
                    let v = try target(f)
                    if nullConditional, case .null = v { return .null }
                    let r = try Members.get(v, n, session: session)
                    if StrictMode.isScalarCount(v, n), f.scope.strictMode >= 2 {
                        throw StrictMode.propertyNotFound(n).withPosition(src.extent(range))
                    }
                    return r
                }
            }
            return { f in
                let v = try target(f)
                if nullConditional, case .null = v { return .null }
                let r = try Members.get(v, n, session: session)
                if case .null = r, f.scope.strictMode >= 2, !StrictMode.hasMember(v, n) {
                    throw StrictMode.propertyNotFound(n).withPosition(src.extent(range))
                }
                return r
            }
        }
        return { f in
            let v = try target(f)
            if nullConditional, case .null = v { return .null }
            let n = PSConvert.toString(try name(f))
            let r = try Members.get(v, n, session: session)
            if case .null = r, f.scope.strictMode >= 2, !StrictMode.hasMember(v, n) {
                throw StrictMode.propertyNotFound(n).withPosition(src.extent(range))
            }
            return r
        }
    }

    func compileStaticTarget(_ e: PSExpr) -> (Frame) throws -> PSType {
        if case .typeLiteral(let t) = e {
            let r = typeResolver(t.type)
            let raw = t.type.fullName
            return { _ in
                do { return try r() } catch {
                    // Unknown .NET classes ([Math], [IO.Path], ...) are still usable for their static members.
                    return .named(raw)
                }
            }
        }
        let v = compileExpression(e)
        return { f in
            let x = try v(f)
            if case .type(let t) = x { return t }
            return .named(x.typeFullName)
        }
    }

    /// A method call; nil result means the method returns void (nothing is written to the pipeline).
    func compileInvokeMember(_ m: InvokeMemberExpr) -> (Frame) throws -> PSValue? {
        let name = memberName(m.member)
        let args = m.arguments.map { compileExpression($0) }
        let session = self.session
        if m.isStatic {
            let target = compileStaticTarget(m.target)
            return { f in
                let t = try target(f)
                let n = PSConvert.toString(try name(f))
                var a: [PSValue] = []
                for x in args { a.append(try x(f)) }
                return try StaticMembers.invoke(t, n, a, session: session)
            }
        }
        let target = compileMemberTarget(m.target)
        let nullConditional = m.isNullConditional
        return { f in
            let v = try target(f)
            if nullConditional, case .null = v { return .null }
            let n = PSConvert.toString(try name(f))
            var a: [PSValue] = []
            for x in args { a.append(try x(f)) }
            return try Members.invoke(v, n, a, session: session)
        }
    }

    func compileIndex(_ i: IndexExpr) -> Eval {
        let target = compileExpression(i.target)
        let index = compileExpression(i.index)
        let nullConditional = i.isNullConditional
        let src = source, range = i.range
        return { f in
            let t = try target(f)
            if nullConditional, case .null = t { return .null }
            let x = try index(f)
            let r = try Indexing.get(t, x, strictMode: { f.scope.strictMode })
            if case .null = r, f.scope.strictMode >= 3, StrictMode.isOutOfRange(t, x) {
                throw StrictMode.indexOutOfRange().withPosition(src.extent(range))
            }
            return r
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

    func compileBinary(_ b: BinaryExpr) -> Eval {
        let l = compileExpression(b.left)
        // A number literal on the right (`$_ * 2`, `$i + 1`) is made once here, not by a closure call
        // per evaluation.
        if case .number(let n) = b.right, let op = Compiler.arithmetic(b.op) {
            let right = Compiler.constant(n.value)
            return { f in try op(try l(f), right) }
        }
        let r = compileExpression(b.right)
        let session = self.session
        let cs = b.op.isCaseSensitive
        switch b.op {
        case .and: return { f in .bool(PSConvert.toBool(try l(f)) ? PSConvert.toBool(try r(f)) : false) }
        case .or: return { f in .bool(PSConvert.toBool(try l(f)) ? true : PSConvert.toBool(try r(f))) }
        case .xor: return { f in .bool(PSConvert.toBool(try l(f)) != PSConvert.toBool(try r(f))) }
        case .add: return { f in try Arithmetic.add(try l(f), try r(f)) }
        case .subtract: return { f in try Arithmetic.subtract(try l(f), try r(f)) }
        case .multiply: return { f in try Arithmetic.multiply(try l(f), try r(f)) }
        case .divide: return { f in try Arithmetic.divide(try l(f), try r(f)) }
        case .remainder: return { f in try Arithmetic.remainder(try l(f), try r(f)) }
        case .range: return { f in try Arithmetic.range(try l(f), try r(f)) }
        case .band: return { f in try Arithmetic.bitwise(try l(f), try r(f), &) }
        case .bor: return { f in try Arithmetic.bitwise(try l(f), try r(f), |) }
        case .bxor: return { f in try Arithmetic.bitwise(try l(f), try r(f), ^) }
        case .shl: return { f in try Arithmetic.shiftLeft(try l(f), try r(f)) }
        case .shr: return { f in try Arithmetic.shiftRight(try l(f), try r(f)) }
        case .format:
            return { f in
                let fmt = PSConvert.toString(try l(f))
                let a = try r(f)
                return .string(try PSFormat.format(fmt, a.arrayElements ?? [a]))
            }
        case .nullCoalesce: return { f in let v = try l(f); if case .null = v { return try r(f) }; return v }
        case .join:
            return { f in
                let left = try l(f)
                let sep = PSConvert.toString(try r(f))
                return .string((left.arrayElements ?? [left]).map { PSConvert.toString($0) }.joined(separator: sep))
            }
        case .is, .isNot:
            let negate = b.op == .isNot
            return { f in
                let t = try Compiler.typeOperand(try r(f), session)
                let v = try l(f)
                // `-is [psobject]` holds only for a value wrapped in a PSObject (a custom object, a
                // command's output object), not for a bare string or number.
                if t == .psObject { if case .object = v { return .bool(!negate) }; return .bool(negate) }
                return .bool(PSConvert.isInstance(v, of: t) != negate)
            }
        case .as:
            return { f in
                let t = try Compiler.typeOperand(try r(f), session)
                return (try? PSConvert.convert(try l(f), to: t, types: session.types)) ?? .null
            }
        case .contains, .notContains, .cContains, .cNotContains:
            let negate = b.op == .notContains || b.op == .cNotContains
            return { f in
                let left = try l(f), right = try r(f)
                let found = (left.arrayElements ?? [left]).contains { Comparison.equals($0, right, caseSensitive: cs) }
                return .bool(found != negate)
            }
        case .in, .notIn, .cIn, .cNotIn:
            let negate = b.op == .notIn || b.op == .cNotIn
            return { f in
                let left = try l(f), right = try r(f)
                let found = (right.arrayElements ?? [right]).contains { Comparison.equals($0, left, caseSensitive: cs) }
                return .bool(found != negate)
            }
        case .replace, .cReplace:
            return { f in try Compiler.replaceOp(try l(f), try r(f), caseSensitive: cs, session: session) }
        case .split, .cSplit:
            return { f in try Compiler.splitOp(try l(f), try r(f), caseSensitive: cs, session: session) }
        case .match, .notMatch, .cMatch, .cNotMatch:
            let negate = b.op == .notMatch || b.op == .cNotMatch
            let matchesSlot = slot("Matches")
            return { f in
                let left = try l(f)
                let re = try session.regexCache.get(PSConvert.toString(try r(f)), ignoreCase: !cs)
                if case .array(let a) = left {
                    return .array(PSArray(a.elements.filter { e in
                        let s = PSConvert.toString(e)
                        let hit = re.regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
                        return hit != negate
                    }))
                }
                let s = PSConvert.toString(left)
                if let m = re.regex.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) {
                    // `-notmatch` sets $Matches too when the string matches (and so returns False).
                    try f.write(matchesSlot, .hashtable(StringOperators.matchesTable(m, in: s, regex: re.regex)))
                    return .bool(!negate)
                }
                return .bool(negate)
            }
        case .eq, .ne, .ceq, .cne:
            let negate = b.op == .ne || b.op == .cne
            return { f in
                let left = try l(f), right = try r(f)
                if case .int(let x) = left, case .int(let y) = right { return .bool((x == y) != negate) }
                if case .array(let a) = left {
                    return .array(PSArray(a.elements.filter { Comparison.equals($0, right, caseSensitive: cs) != negate }))
                }
                return .bool(Comparison.equals(left, right, caseSensitive: cs) != negate)
            }
        case .gt, .ge, .lt, .le, .cgt, .cge, .clt, .cle:
            let test: (Int) -> Bool
            switch b.op.caseInsensitiveBase {
            case .gt: test = { $0 > 0 }
            case .ge: test = { $0 >= 0 }
            case .lt: test = { $0 < 0 }
            default: test = { $0 <= 0 }
            }
            return { f in
                let left = try l(f), right = try r(f)
                if case .int(let x) = left, case .int(let y) = right { return .bool(test(x < y ? -1 : (x > y ? 1 : 0))) }
                if case .array(let a) = left {
                    return .array(PSArray(try a.elements.filter { test(try Comparison.compare($0, right, caseSensitive: cs)) }))
                }
                return .bool(test(try Comparison.compare(left, right, caseSensitive: cs)))
            }
        case .like, .notLike, .cLike, .cNotLike:
            let negate = b.op == .notLike || b.op == .cNotLike
            return { f in
                let left = try l(f)
                let pattern = WildcardPattern(PSConvert.toString(try r(f)), caseSensitive: cs)
                if case .array(let a) = left {
                    return .array(PSArray(a.elements.filter { pattern.matches(PSConvert.toString($0)) != negate }))
                }
                return .bool(pattern.matches(PSConvert.toString(left)) != negate)
            }
        }
    }

    static func typeOperand(_ v: PSValue, _ session: ShellSession) throws -> PSType {
        if case .type(let t) = v { return t }
        let name = PSConvert.toString(v)
        guard let t = session.types.resolve(name) else {
            // A type written as a string converts to [type] at run time; failing, it is the cast's
            // message in a plain RuntimeException (`'x' -is 'foo'`).
            throw PSRuntimeError.message("Cannot convert the \"\(name)\" value of type \"\(v.typeNames.first ?? "System.Object")\" to type \"System.Type\".",
                                         errorId: "RuntimeException", category: .notSpecified)
        }
        return t
    }

    static func replaceOp(_ left: PSValue, _ right: PSValue, caseSensitive: Bool, session: ShellSession) throws -> PSValue {
        var pattern = right, replacement = PSValue.string("")
        if case .array(let a) = right {
            guard a.count >= 1, a.count <= 2 else {
                throw PSRuntimeError.message(
                    "The -replace operator allows only two elements to follow it, not \(a.count).",
                    errorId: "BadReplaceArgument", category: .invalidOperation)
            }
            pattern = a.elements[0]
            if a.count == 2 { replacement = a.elements[1] }
        }
        let re = try session.regexCache.get(PSConvert.toString(pattern), ignoreCase: !caseSensitive)
        var sb: ((PSValue) throws -> String)? = nil
        if case .scriptBlock(let block) = replacement {
            sb = { m in session.expandToString(try session.invokeCollectValue(block, dollarUnder: m)) }
        }
        func one(_ v: PSValue) throws -> PSValue {
            .string(try StringOperators.replace(PSConvert.toString(v), regex: re, replacement: replacement, scriptBlock: sb))
        }
        if case .array(let a) = left { return .array(PSArray(try a.elements.map(one))) }
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
            for s in inputs {
                out += try StringOperators.split(s, max: max) { c in
                    PSConvert.toBool(try session.invokeCollectValue(block, dollarUnder: c))
                }.map { .string($0) }
            }
            return .array(PSArray(out))
        }
        let options = parts.count > 2 ? try StringOperators.parseSplitOptions(parts[2], caseSensitive: caseSensitive)
                                      : { var o = StringOperators.SplitOptions(); o.ignoreCase = !caseSensitive; return o }()
        for s in inputs {
            out += try StringOperators.split(s, delimiter: PSConvert.toString(delimiter), max: max, options: options,
                                             cache: session.regexCache).map { .string($0) }
        }
        return .array(PSArray(out))
    }

    func compileUnary(_ u: UnaryExpr) -> Eval {
        switch u.op {
        case .not:
            let v = compileExpression(u.operand)
            return { f in .bool(!PSConvert.toBool(try v(f))) }
        case .bnot:
            let v = compileExpression(u.operand)
            return { f in try Arithmetic.bnot(try v(f)) }
        case .negate:
            let v = compileExpression(u.operand)
            return { f in try Arithmetic.negate(try v(f)) }
        case .plus:
            let v = compileExpression(u.operand)
            return { f in
                let x = try v(f)
                if x.isNumeric { return x }
                if case .array = x { return x }
                return PSConvert.toNumber(x) ?? x
            }
        case .join:
            let v = compileExpression(u.operand)
            return { f in
                let x = try v(f)
                return .string((x.arrayElements ?? [x]).map { PSConvert.toString($0) }.joined())
            }
        case .split, .cSplit:
            let v = compileExpression(u.operand)
            return { f in
                let x = try v(f)
                var out: [PSValue] = []
                for s in (x.arrayElements ?? [x]) {
                    out += PSConvert.toString(s).split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }
                }
                return .array(PSArray(out))
            }
        case .preIncrement, .preDecrement, .postIncrement, .postDecrement:
            guard let lv = compileLValue(u.operand) else {
                let src = source
                return { _ in
                    throw PSRuntimeError.message("The operand of an increment or decrement operator must be a variable, property or array element. \(src.extent(u.range).text)",
                                                 errorId: "OperatorRequiresVariableOrProperty", category: .parserError)
                }
            }
            let delta = PSValue.int(u.op == .preIncrement || u.op == .postIncrement ? 1 : -1)
            let post = u.op == .postIncrement || u.op == .postDecrement
            return { f in
                let old = try lv.get(f)
                let new = try Arithmetic.add(old.isNull ? .int(0) : old, delta)
                try lv.set(f, new)
                return post ? (old.isNull ? .int(0) : old) : new
            }
        }
    }
}

extension ShellSession {
    /// String form for `"$x"`: arrays are joined with `$OFS` (a space by default).
    func expandToString(_ v: PSValue) -> String {
        if case .array = v {
            let ofs = variable("OFS").map { PSConvert.toString($0) } ?? " "
            return PSConvert.toString(v, separator: ofs)
        }
        return PSConvert.toString(v)
    }
}
