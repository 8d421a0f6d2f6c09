/// System.Collections.Queue and Stack and their generic forms (Queue[T], Stack[T]): PSArrays of kind
/// `.queue`/`.stack` whose elements are kept in enumeration order (a stack's top first), so the
/// pipeline, `foreach` and output enumerate them as .NET does. Empty Dequeue/Pop/Peek are .NET's
/// InvalidOperationException ("Queue empty." / "Stack empty.").
enum QueueStacks {
    /// The type names a script writes, resolved by TypeRegistry (generic ones with their element).
    static let queueName = "System.Collections.Queue"
    static let stackName = "System.Collections.Stack"

    static func genericName(_ stack: Bool, _ element: PSType) -> String {
        "System.Collections.Generic.\(stack ? "Stack" : "Queue")`1[[\(element.fullName)]]"
    }

    static func typeName(_ kind: PSArray.Kind) -> String? {
        switch kind {
        case .queue(let e): return e.map { genericName(false, $0) } ?? queueName
        case .stack(let e): return e.map { genericName(true, $0) } ?? stackName
        default: return nil
        }
    }

    /// `[Queue]::new()`, `::new(capacity)`, `::new(collection)`; nil when the name is none of these.
    static func construct(_ fullName: String, _ args: [PSValue], types: TypeRegistry) throws -> PSValue? {
        let lower = fullName.lowercased()
        var kind: PSArray.Kind
        if lower == queueName.lowercased() { kind = .queue(nil) }
        else if lower == stackName.lowercased() { kind = .stack(nil) }
        else if lower.hasPrefix("system.collections.generic.queue`1[["), let e = element(fullName, types) { kind = .queue(e) }
        else if lower.hasPrefix("system.collections.generic.stack`1[["), let e = element(fullName, types) { kind = .stack(e) }
        else { return nil }
        guard args.count <= 2 else { throw Members.argCount("new", args.count) }
        let made = PSArray([], kind: kind)
        if let first = args.first, let items = first.arrayElements {
            for item in items { try add(made, item, method: ".ctor", count: args.count) }
        }
        return .array(made)
    }

    private static func element(_ fullName: String, _ types: TypeRegistry) -> PSType? {
        guard let open = fullName.range(of: "`1[["), fullName.hasSuffix("]]") else { return nil }
        return types.resolve(String(fullName[open.upperBound..<fullName.index(fullName.endIndex, offsetBy: -2)]))
    }

    private static func elementType(_ kind: PSArray.Kind) -> PSType? {
        switch kind {
        case .queue(let e), .stack(let e): return e
        default: return nil
        }
    }

    private static func isStack(_ kind: PSArray.Kind) -> Bool {
        if case .stack = kind { return true }
        return false
    }

    /// Enqueue or Push, converting to the element type of a generic collection.
    private static func add(_ a: PSArray, _ item: PSValue, method: String, count: Int) throws {
        var value = item
        if let e = elementType(a.kind) {
            do { value = try PSConvert.convert(item, to: e) } catch {
                throw DotNetClasses.argumentConversion(method: method, parameter: "item", value: item, type: e.fullName)
            }
        }
        if isStack(a.kind) { a.elements.insert(value, at: 0) } else { a.elements.append(value) }
    }

    private static func empty(_ a: PSArray, _ method: String, _ count: Int) -> PSRuntimeError {
        DotNetErrors.methodInvocation(method, argumentCount: count,
                                      DotNetClasses.invalidOperation(isStack(a.kind) ? "Stack empty." : "Queue empty."))
    }

    /// The methods of a queue or stack; nil for the ones every collection has (Contains, Clear, ...).
    static func call(_ a: PSArray, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue?? {
        let stack = isStack(a.kind)
        switch lower {
        case "enqueue" where !stack, "push" where stack:
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            try add(a, args[0], method: name, count: 1)
            return .some(nil)
        case "dequeue" where !stack, "pop" where stack:
            guard args.isEmpty else { throw Members.argCount(name, args.count) }
            guard !a.elements.isEmpty else { throw empty(a, name, 0) }
            return .some(a.elements.removeFirst())
        case "peek":
            guard args.isEmpty else { throw Members.argCount(name, args.count) }
            guard let first = a.elements.first else { throw empty(a, name, 0) }
            return .some(first)
        case "trydequeue" where !stack && elementType(a.kind) != nil, "trypop" where stack && elementType(a.kind) != nil,
             "trypeek" where elementType(a.kind) != nil:
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            let none = try PSConvert.convert(.null, to: elementType(a.kind)!)
            guard let first = a.elements.first else { try PSReference.assign(args[0], none); return .some(.false) }
            if lower != "trypeek" { a.elements.removeFirst() }
            try PSReference.assign(args[0], first)
            return .some(.true)
        case "toarray":
            guard args.isEmpty else { throw Members.argCount(name, args.count) }
            return .some(.array(PSArray(a.elements, kind: elementType(a.kind).map { .typed($0) } ?? .objectArray)))
        case "contains":
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            return .some(.bool(a.elements.contains { Comparison.equals($0, args[0], caseSensitive: true) }))
        case "clear":
            guard args.isEmpty else { throw Members.argCount(name, args.count) }
            a.elements.removeAll()
            return .some(nil)
        case "clone" where elementType(a.kind) == nil:
            return .some(.array(a.copy()))
        case "trimexcess", "ensurecapacity":
            return .some(lower == "ensurecapacity" ? .int(Int32(a.count)) : nil)
        case "add", "remove", "insert", "removeat", "addrange", "indexof", "sort", "reverse", "enqueue", "dequeue", "push", "pop":
            throw Members.methodNotFound(.array(a), name)
        default:
            return .none
        }
    }
}
