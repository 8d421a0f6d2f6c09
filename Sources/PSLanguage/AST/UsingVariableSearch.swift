/// The `$using:` variables a ForEach-Object -Parallel script block reads in its own calling scope:
/// every `$using:name` in the block and in script blocks nested in it (`& { $using:x }`), except
/// those inside a script block passed to a nested `ForEach-Object -Parallel` (or `foreach`/`%`),
/// which that inner call collects from its own runspace (as PowerShell's
/// GetUsingValuesForEachParallel filters them).
public enum UsingVariableSearch {
    public static func find(in block: ScriptBlock) -> [VariablePath] {
        var found: [VariablePath] = []
        var walker = ASTWalker()
        walker.onVariable = { path, _ in if path.qualifier?.lowercased() == "using" { found.append(path) } }
        walker.skipsBlockArguments = isParallelForEach
        walker.scriptBlock(block)
        return found
    }

    /// `ForEach-Object -Parallel ...`, by its name or the aliases `foreach` and `%`.
    static func isParallelForEach(_ c: Command) -> Bool {
        guard let name = c.nameText?.lowercased(), ["foreach-object", "foreach", "%"].contains(name) else { return false }
        return c.elements.contains { element in
            guard case .parameter(let p) = element else { return false }
            let n = p.name.lowercased()
            return n.count >= 2 && "parallel".hasPrefix(n)
        }
    }
}
