/// The Function: drive's view of the functions a scope sees.
extension Scope {
    /// Every function visible from this scope (an inner definition hides an outer one of the same name).
    public var visibleFunctions: [FunctionInfo] {
        var seen: Set<String> = []
        var out: [FunctionInfo] = []
        var s: Scope? = self
        while let cur = s {
            for (key, f) in cur.functions where seen.insert(key).inserted { out.append(f) }
            s = cur.parent
        }
        return out
    }

    /// Removes the visible function `name` from the scope that defines it; false when there is none.
    @discardableResult
    public func removeVisibleFunction(_ name: String) -> Bool {
        let key = name.lowercased()
        var s: Scope? = self
        while let cur = s {
            if cur.functions.removeValue(forKey: key) != nil { return true }
            s = cur.parent
        }
        return false
    }
}
