import PSRuntime

extension CoreCommands {
    /// Every cmdlet beyond Out-* and Format-*; each file adds its own.
    static var utilityCmdlets: [any Cmdlet.Type] {
        []
    }
}
