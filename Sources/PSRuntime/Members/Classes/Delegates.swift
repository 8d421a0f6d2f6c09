/// System.Func`N and System.Action`N: the generic delegate types a script block converts to
/// (`[Func[int]]{ 42 }`, `{ ... } -as [Action[string,int]]`, a type made by MakeGenericType). The
/// delegate runs its script block with the arguments as `$args` (and its parameters); a Func's
/// result is converted to its last type argument, an Action returns nothing. Names follow the
/// runtime's generic spelling (`System.Func`2[[System.Int32],[System.String]]`, as List`1's).
enum Delegates {
    /// What a delegate object holds: its script block and, for a Func, the type of its result.
    final class Box {
        let block: PSScriptBlock?
        /// A delegate made from a method (PSMethod's conversion) calls this instead of a block.
        let function: (([PSValue]) throws -> PSValue)?
        let returnType: PSType?
        init(block: PSScriptBlock, returnType: PSType?) {
            self.block = block
            self.function = nil
            self.returnType = returnType
        }
        init(function: @escaping ([PSValue]) throws -> PSValue, returnType: PSType?) {
            self.block = nil
            self.function = function
            self.returnType = returnType
        }
    }

    /// A delegate object of the closed type `name` over a function.
    static func make(name: String, returnType: PSType?, _ function: @escaping ([PSValue]) throws -> PSValue) -> PSValue {
        let o = PSObject(typeNames: [name, "System.MulticastDelegate", "System.Delegate", "System.Object"],
                         baseObject: Box(function: function, returnType: returnType))
        o.toStringHandler = { _ in name }
        return .object(o)
    }

    /// `func`/`action` (with or without `System.`) and `N` type arguments → the closed type's name.
    static func closedName(_ shortLowercased: String, _ arguments: [PSType]) -> String? {
        let kind: String
        switch shortLowercased {
        case "func", "system.func": kind = "Func"
        case "action", "system.action": kind = "Action"
        default: return nil
        }
        // .NET defines Func`1..Func`17 and Action`1..Action`16.
        guard !arguments.isEmpty, arguments.count <= (kind == "Func" ? 17 : 16) else { return nil }
        return "System.\(kind)`\(arguments.count)[" + arguments.map { "[\($0.fullName)]" }.joined(separator: ",") + "]"
    }

    /// `system.func`2` → `System.Func`2`: the open generic types, which MakeGenericType closes.
    static func openName(_ lowercased: String) -> String? {
        for (prefix, proper) in [("system.func`", "System.Func`"), ("system.action`", "System.Action`")] {
            if lowercased.hasPrefix(prefix), let n = Int(lowercased.dropFirst(prefix.count)), n >= 1, n <= 17 {
                return proper + String(n)
            }
        }
        return nil
    }

    /// A closed Func/Action name → whether it is a Func and its type argument names.
    static func signature(_ name: String) -> (isFunc: Bool, arguments: [String])? {
        let lower = name.lowercased()
        let isFunc = lower.hasPrefix("system.func`")
        guard isFunc || lower.hasPrefix("system.action`"), let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return nil }
        let inner = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
        return (isFunc, TypeRegistry.genericArguments(inner))
    }

    /// `[Func[int]]$block`: the delegate object, or nil when `name` is not a closed Func/Action.
    static func convert(_ block: PSScriptBlock, toNamed name: String, types: TypeRegistry?) throws -> PSValue? {
        guard let (isFunc, arguments) = signature(name) else { return nil }
        var returnType: PSType? = nil
        if isFunc, let last = arguments.last {
            returnType = (types ?? TypeRegistry()).resolve(last) ?? .named(last)
        }
        let o = PSObject(typeNames: [name, "System.MulticastDelegate", "System.Delegate", "System.Object"],
                         baseObject: Box(block: block, returnType: returnType))
        o.toStringHandler = { _ in name }
        return .object(o)
    }

    /// `Invoke(...)` and `DynamicInvoke(object[] args)` of a delegate object; nil for other methods.
    static func call(_ box: Box, _ lowercasedName: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        var arguments = args
        switch lowercasedName {
        case "invoke": break
        case "dynamicinvoke":
            // `params object[]`: one array argument is the argument list itself.
            if args.count == 1, case .array(let list) = args[0] { arguments = list.elements }
        default: return nil
        }
        if let function = box.function {
            let result = try function(arguments)
            guard let returnType = box.returnType else { return .null }
            return try PSConvert.convert(result, to: returnType, types: session.types)
        }
        let out = try session.invoke(box.block!, arguments: arguments)
        guard let returnType = box.returnType else { return .null }
        let result: PSValue = out.isEmpty ? .null : out.count == 1 ? out[0] : .array(PSArray(out))
        return try PSConvert.convert(result, to: returnType, types: session.types)
    }

    /// `[object].Assembly`: enough of System.Private.CoreLib for `.GetType('System.Action`1')`, the
    /// way scripts reach the open delegate types (a type hvsh does not know is $null, as .NET's is).
    static func assembly() -> PSObject {
        let o = PSObject(typeNames: ["System.Reflection.RuntimeAssembly", "System.Reflection.Assembly", "System.Object"])
        o.addMethod("GetType") { _, args in
            guard let name = args.first.map({ PSConvert.toString($0) }) else { return .null }
            return TypeRegistry().resolve(name).map { .type($0) } ?? .null
        }
        return o
    }
}
