import PSLanguage

/// `enum` statements made into `PSEnumType`s, with the checks PowerShell 7 makes when it defines the
/// type (PSType.cs's DefineEnumHelper): values must be constants that fit the underlying type, names
/// are unique, and enums whose values refer to each other are defined in dependency order.
extension Compiler {
    /// An enum whose values are still to be computed: its members' compiled initializers.
    struct PendingEnum {
        let definition: TypeDefinition
        let values: [(MemberDefinition, Eval?)]
        /// Names of the other enums of the same statement list its values read (`[E5]::e0 + 2`).
        let dependsOn: Set<String>
    }

    func compileEnum(_ t: TypeDefinition) -> PendingEnum {
        var depends = Set<String>()
        let values = t.members.map { m -> (MemberDefinition, Eval?) in
            guard let e = m.initializer else { return (m, nil) }
            Compiler.typeNamesRead(e, into: &depends)
            return (m, compileExpression(e))
        }
        return PendingEnum(definition: t, values: values, dependsOn: depends)
    }

    /// The type names an expression reads (`[E5]` in `[E5]::e0 + 2`), lower-cased.
    static func typeNamesRead(_ e: PSExpr, into names: inout Set<String>) {
        switch e {
        case .typeLiteral(let t): names.insert(t.type.fullName.lowercased())
        case .convert(let c): names.insert(c.type.fullName.lowercased()); typeNamesRead(c.operand, into: &names)
        case .member(let m): typeNamesRead(m.target, into: &names)
        case .invokeMember(let m): typeNamesRead(m.target, into: &names); m.arguments.forEach { typeNamesRead($0, into: &names) }
        case .binary(let b): typeNamesRead(b.left, into: &names); typeNamesRead(b.right, into: &names)
        case .unary(let u): typeNamesRead(u.operand, into: &names)
        case .paren(let p): if case .pipeline(let pl) = p.pipeline, pl.elements.count == 1, case .expression(let x) = pl.elements[0] { typeNamesRead(x.expression, into: &names) }
        case .arrayLiteral(let a): a.elements.forEach { typeNamesRead($0, into: &names) }
        default: break
        }
    }

    /// Whether PowerShell accepts an enumerator's value as a constant (IsConstantValueVisitor):
    /// literals, `$true`/`$false`/`$null`, type literals and their static members, operators and casts.
    static func isConstant(_ e: PSExpr) -> Bool {
        switch e {
        case .number, .string, .typeLiteral: return true
        case .variable(let v): return v.path.qualifier == nil && ["true", "false", "null"].contains(v.path.name.lowercased())
        case .binary(let b): return isConstant(b.left) && isConstant(b.right)
        case .unary(let u): return isConstant(u.operand)
        case .convert(let c): return isConstant(c.operand)
        case .member(let m): return m.isStatic && isConstant(m.target)
        case .paren(let p):
            if case .pipeline(let pl) = p.pipeline, pl.elements.count == 1, case .expression(let x) = pl.elements[0], x.redirections.isEmpty {
                return isConstant(x.expression)
            }
            return false
        case .arrayLiteral(let a): return a.elements.allSatisfy(isConstant)
        default: return false
        }
    }
}

enum EnumDefinitions {
    /// The inclusive range of an underlying type, and its PowerShell name for messages.
    static func bounds(_ t: PSType) -> (min: Int128, max: Int128, name: String) {
        switch t {
        case .byte: return (0, 255, "byte")
        case .sbyte: return (-128, 127, "sbyte")
        case .int16: return (-32768, 32767, "short")
        case .uint16: return (0, 65535, "ushort")
        case .uint32: return (0, 4294967295, "uint")
        case .int64: return (-9223372036854775808, 9223372036854775807, "long")
        case .uint64: return (0, 18446744073709551615, "ulong")
        default: return (-2147483648, 2147483647, "int")
        }
    }

    /// Defines the enums of one statement list, those read by others first; returns the errors.
    static func define(_ pending: [Compiler.PendingEnum], frame: Frame, session: ShellSession, source: SourceInfo) throws {
        var left = pending
        let names = Set(pending.map { $0.definition.name.lowercased() })
        var defined = Set<String>()
        while !left.isEmpty {
            // An enum is ready when every enum of this list it reads is defined.
            guard let i = left.firstIndex(where: { $0.dependsOn.intersection(names).subtracting(defined).subtracting([$0.definition.name.lowercased()]).isEmpty
                                                   && !$0.dependsOn.contains($0.definition.name.lowercased()) }) else {
                let cycle = left[0].definition
                throw error("CycleInEnumInitializers", "Cannot define enum because of a cycle in the initialization expressions.",
                            cycle.range, source)
            }
            let p = left.remove(at: i)
            try defineOne(p, frame: frame, session: session, source: source)
            defined.insert(p.definition.name.lowercased())
        }
    }

    static func defineOne(_ p: Compiler.PendingEnum, frame: Frame, session: ShellSession, source: SourceInfo) throws {
        let t = p.definition
        var underlying = PSType.int32
        if let written = t.baseTypes.first {
            guard let u = session.types.resolve(written.fullName), [.byte, .sbyte, .int16, .uint16, .int32, .uint32, .int64, .uint64].contains(u) else {
                throw error("InvalidUnderlyingType",
                            "'\(written.fullName)' is not a valid underlying type for enums. Expected a builtin integral type (one of byte, sbyte, short, ushort, int, uint, long or ulong)",
                            written.range, source)
            }
            underlying = u
        }
        let (low, high, typeName) = bounds(underlying)
        var members: [(String, Int64)] = []
        var seen = Set<String>()
        var next: Int128 = 0
        var nextTooBig = false
        for (m, eval) in p.values {
            var value = next
            if let e = m.initializer, let eval {
                guard Compiler.isConstant(e) else {
                    throw error("EnumeratorValueMustBeConstant", "Enumerator value must be a constant value.", e.range, source)
                }
                let v = try eval(frame)
                guard let number = numeric(v) else {
                    throw error("CannotConvertValue", "Cannot convert the value to type \"\(typeName)\".", e.range, source)
                }
                guard number >= low && number <= high else {
                    throw error("EnumeratorValueOutOfBounds", "Enumerator value is either too large or too small for \(typeName).", e.range, source)
                }
                value = number
                nextTooBig = false
            } else if nextTooBig {
                throw error("EnumeratorValueOutOfBounds", "Enumerator value is either too large or too small for \(typeName).", m.range, source)
            }
            guard seen.insert(m.name.lowercased()).inserted else {
                throw error("MemberAlreadyDefined", "The member '\(m.name)' is already defined.", m.range, source)
            }
            let raw = value > Int128(Int64.max) ? Int64(bitPattern: UInt64(value)) : Int64(value)
            members.append((m.name, raw))
            if value < high { next = value + 1 } else { nextTooBig = true }
        }
        let isFlags = t.attributes.contains { ["flags", "flagsattribute", "system.flags", "system.flagsattribute"].contains($0.typeName.fullName.lowercased()) }
        let e = PSEnumType(fullName: t.name, members: members, isFlags: isFlags, underlying: underlying)
        session.types.register(scriptEnum: e)
    }

    /// An enumerator's value as a number: numbers, enum values, and strings of digits; nil otherwise.
    static func numeric(_ v: PSValue) -> Int128? {
        switch v {
        case .enumValue(let e): return Int128(e.rawValue)
        case .bool(let b): return b ? 1 : 0
        case .string, .null, .char: return nil
        case .uint64(let u): return Int128(u)
        case .int(let i): return Int128(i)
        case .long(let i): return Int128(i)
        // A literal past Int64 is a decimal (18446744073709551615): exact when it is a whole number.
        case .decimal(let d, _): if let exact = Int128("\(d)") { return exact }; fallthrough
        default:
            // Fractions round to even, as .NET's conversion to an integer does.
            guard let n = PSConvert.toNumber(v), let d = try? PSConvert.toDouble(n), d.isFinite, abs(d) < 1e30 else { return nil }
            return Int128(d.rounded(.toNearestOrEven))
        }
    }

    /// A definition error as PowerShell reports it: a ParseException under the error's own id.
    static func error(_ id: String, _ message: String, _ range: SourceRange, _ source: SourceInfo) -> PSRuntimeError {
        let text = source.text
        let e = ParseError(id: id, message: message, range: range, location: text.location(of: range.start), isIncomplete: false)
        let record = ParseErrors.record(e, source: text)
        ParseErrors.describe(record.exception, errors: [e], source: text)
        return PSRuntimeError(record)
    }
}
