/// Frees deeply nested values without deep recursion. Swift releases an object's children from its
/// deinit, so dropping a chain of a million arrays built in a loop (`$a = ,$a`), hashtables or custom
/// objects recursed a million levels and took the stack with it (SIGSEGV). Containers hand their
/// children to this loop instead: each child that is about to die gives up its own children first,
/// so every deinit finds nothing left to release.
enum NestedRelease {
    /// Releases `children` (a dying container's) level by level; leaves it empty.
    static func release(_ children: inout [PSValue]) {
        // The common case, nothing nested: let Swift free the array as usual.
        guard children.contains(where: \.isContainer) else { return }
        var pending: [PSValue] = []
        swap(&pending, &children)
        while var value = pending.popLast() { detachChildren(&value, into: &pending) }
    }

    /// The container inside a value, retained once more (the pattern binding that found it is gone
    /// when this returns, so the only references left are the value's and this one).
    private enum Held {
        case array(Unmanaged<PSArray>), hashtable(Unmanaged<PSHashtable>), object(Unmanaged<PSObject>)
    }

    private static func hold(_ value: PSValue) -> Held? {
        switch value {
        case .array(let a): return .array(Unmanaged.passRetained(a))
        case .hashtable(let h): return .hashtable(Unmanaged.passRetained(h))
        case .object(let o): return .object(Unmanaged.passRetained(o))
        default: return nil
        }
    }

    /// When `value` holds the last reference to a container, moves the container's children to
    /// `pending` (the container then dies empty when this returns).
    private static func detachChildren(_ value: inout PSValue, into pending: inout [PSValue]) {
        guard let held = hold(value) else { return }
        value = .null
        switch held {
        case .array(let h):
            var array = h.takeRetainedValue()
            if isKnownUniquelyReferenced(&array) { array.detachElements(into: &pending) }
        case .hashtable(let h):
            var table = h.takeRetainedValue()
            if isKnownUniquelyReferenced(&table) { table.detachEntries(into: &pending) }
        case .object(let h):
            var object = h.takeRetainedValue()
            if isKnownUniquelyReferenced(&object) { object.detachValues(into: &pending) }
        }
    }
}

extension PSValue {
    /// Whether the value is a container whose release could recurse.
    var isContainer: Bool {
        switch self {
        case .array, .hashtable, .object: return true
        default: return false
        }
    }
}
