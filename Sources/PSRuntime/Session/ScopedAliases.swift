/// Aliases that belong to one scope, as `Set-Alias x y` inside a function or script makes them: they
/// hide the session's aliases of that name while the scope lives and go with it. The global scope's
/// aliases (built-in ones and those set at top level) are the registry's.
extension Scope {
    /// The aliases this scope defines: spelling, target and details, by name ignoring case.
    public var localAliases: [(name: String, target: String, details: AliasDetails)] {
        aliases.sorted { $0.key < $1.key }.map { key, target in
            let note = aliasNotes[key]
            return (note?.name ?? key, target, note?.details ?? AliasDetails(description: "", options: "None"))
        }
    }

    public func localAlias(_ name: String) -> (name: String, target: String, details: AliasDetails)? {
        let key = name.caseInsensitiveKey
        guard let target = aliases[key] else { return nil }
        let note = aliasNotes[key]
        return (note?.name ?? name, target, note?.details ?? AliasDetails(description: "", options: "None"))
    }

    public func setAlias(_ name: String, _ target: String, details: AliasDetails) {
        let key = name.caseInsensitiveKey
        aliases[key] = target
        aliasNotes[key] = (name, details)
    }

    @discardableResult
    public func removeAlias(_ name: String) -> Bool {
        let key = name.caseInsensitiveKey
        aliasNotes[key] = nil
        return aliases.removeValue(forKey: key) != nil
    }

    /// The scopes from this one out to the global scope's child (the global scope's aliases are the registry's).
    public var scopesBelowGlobal: [Scope] {
        var out: [Scope] = []
        var s: Scope? = self
        while let cur = s, cur.parent != nil {
            out.append(cur)
            s = cur.parent
        }
        return out
    }
}
