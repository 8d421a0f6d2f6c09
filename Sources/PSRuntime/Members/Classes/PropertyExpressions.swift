/// Microsoft.PowerShell.Commands.PSPropertyExpression ([PSPropertyExpression]): a property name (with
/// wildcards) or a script block, as Measure-Object's and Select-Object's -Property take them, that
/// a script can hold and apply itself: `$pe.GetValues($object).Result`, `$pe.ResolveNames($object)`.
enum PropertyExpressions {
    static let typeName = "Microsoft.PowerShell.Commands.PSPropertyExpression"
    static let resultTypeName = "Microsoft.PowerShell.Commands.PSPropertyExpressionResult"

    final class State {
        let name: String?
        let script: PSScriptBlock?
        init(name: String?, script: PSScriptBlock?) { self.name = name; self.script = script }
        var hasWildcards: Bool { name.map(WildcardPattern.containsWildcard) ?? false }
    }

    /// `[PSPropertyExpression]'Name*'` or `[PSPropertyExpression]{ $_.Length }` (and `::new` of either).
    static func cast(_ value: PSValue) throws -> PSValue {
        if case .object(let o) = value, o.baseObject is State { return value }
        if case .scriptBlock(let block) = value.unwrapped { return .object(object(State(name: nil, script: block))) }
        if value.isNull {
            throw DotNetErrors.methodInvocation(".ctor", argumentCount: 1, DotNetErrors.argumentNull(parameter: "s"))
        }
        return .object(object(State(name: PSConvert.toString(value), script: nil)))
    }

    static func object(_ state: State) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        o.addNote("Script", state.script.map { .scriptBlock($0) } ?? .null)
        o.setMemberType("Script", "Property", typeHint: "scriptblock")
        o.addNote("HasWildCardCharacters", .bool(state.hasWildcards))
        o.setMemberType("HasWildCardCharacters", "Property", typeHint: "bool")
        let text = state.name ?? state.script?.text ?? ""
        o.addMethod("ToString") { _, _ in .string(text) }
        o.toStringHandler = { _ in text }
        return o
    }

    /// GetValues(target[, expand[, eatExceptions]]) and ResolveNames(target[, expand]); nil for other methods.
    static func call(_ state: State, _ lower: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        switch lower {
        case "getvalues":
            guard (1...3).contains(args.count) else { throw Members.argCount("GetValues", args.count) }
            let eat = args.count < 3 || PSConvert.toBool(args[2])
            return .array(PSArray(try values(state, args[0], eatExceptions: eat, session: session), kind: .genericList(.named(resultTypeName))))
        case "resolvenames":
            guard (1...2).contains(args.count) else { throw Members.argCount("ResolveNames", args.count) }
            let names = resolve(state, args[0]).map { PSValue.object(object(State(name: $0, script: nil))) }
            return .array(PSArray(state.script != nil ? [.object(object(state))] : names, kind: .genericList(.named(typeName))))
        default: return nil
        }
    }

    /// The names a name expression stands for on `target`: its properties (or a hashtable's keys) that
    /// the wildcard matches, or the one it names when the target has it.
    static func resolve(_ state: State, _ target: PSValue) -> [String] {
        guard let name = state.name else { return [] }
        let names: [String]
        switch target.unwrapped {
        case .hashtable(let h): names = h.keys.map { PSConvert.toString($0) }
        default:
            if case .object(let o) = target { names = o.propertyNames } else { names = [] }
        }
        if state.hasWildcards {
            let pattern = WildcardPattern(name)
            return names.filter { pattern.matches($0) }
        }
        if let found = names.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return [found] }
        if case .object = target { return [] }
        if case .hashtable = target.unwrapped { return [] }
        return [name]
    }

    private static func values(_ state: State, _ target: PSValue, eatExceptions: Bool, session: ShellSession) throws -> [PSValue] {
        if let script = state.script {
            do {
                let out = try session.invoke(script, dollarUnder: target)
                return [result(out.count == 1 ? out[0] : (out.isEmpty ? .null : .array(PSArray(out))), .object(object(state)), nil)]
            } catch let error as PSRuntimeError where eatExceptions {
                return [result(.null, .object(object(state)), error)]
            }
        }
        return try resolve(state, target).map { name in
            let expression = PSValue.object(object(State(name: name, script: nil)))
            do {
                return result(try Members.get(target, name, session: session), expression, nil)
            } catch let error as PSRuntimeError where eatExceptions {
                return result(.null, expression, error)
            }
        }
    }

    private static func result(_ value: PSValue, _ expression: PSValue, _ error: PSRuntimeError?) -> PSValue {
        let o = PSObject(typeNames: [resultTypeName, "System.Object"])
        o.addNote("Result", value)
        o.addNote("ResolvedExpression", expression)
        o.addNote("Exception", error.map { .object(ErrorRecordObjects.wrap($0.record.exception)) } ?? .null)
        return .object(o)
    }
}
