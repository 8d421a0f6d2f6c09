/// `[ref]` (System.Management.Automation.PSReference): an object whose `Value` reads and writes
/// something else — a variable for `[ref]$x`, or a box of its own for `[ref]5`. Functions with a
/// `[ref]` parameter and .NET methods with `out`/`ref` arguments (`[int]::TryParse`) write through it.
public enum PSReference {
    public static let typeName = "System.Management.Automation.PSReference"

    public static func make(get: @escaping () throws -> PSValue, set: @escaping (PSValue) throws -> Void) -> PSValue {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addProperty("Value", get: { _ in try get() }, set: { _, v in try set(v) })
        o.toStringHandler = { _ in typeName }
        return .object(o)
    }

    /// A reference to a value of its own.
    public static func box(_ v: PSValue) -> PSValue {
        final class Box { var value: PSValue; init(_ v: PSValue) { value = v } }
        let b = Box(v)
        return make(get: { b.value }, set: { b.value = $0 })
    }

    public static func isReference(_ v: PSValue) -> Bool {
        if case .object(let o) = v { return o.typeNames.first == typeName }
        return false
    }

    /// Writes through a reference argument (an `out` parameter of a .NET method); ignores other values.
    static func assign(_ target: PSValue, _ value: PSValue) throws {
        guard case .object(let o) = target, o.typeNames.first == typeName else { return }
        try o.setProperty("Value", value)
    }
}
