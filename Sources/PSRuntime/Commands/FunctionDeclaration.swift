/// What Get-Command shows of a script function or script block: its `param()` block as a cmdlet-style
/// declaration (the binder's own metadata, so `.Parameters` lists exactly what binding accepts).
extension PSScriptBlock {
    /// The declaration of the block's parameters under `name`, or nil for a block built in Swift.
    public func declaration(named name: String) -> CmdletDeclaration? {
        guard let body else { return nil }
        let m = body.metadata
        var parameters = Array(m.parameters.prefix(m.commonParameterStart))
        if !m.isAdvanced {
            // A simple function binds its parameters by position in declaration order (switches aside);
            // its binder does that without positions, but Get-Command shows them as PowerShell does.
            var position = 0
            for i in parameters.indices where !parameters[i].isSwitch && !parameters[i].sets.contains(where: { $0.position != nil }) {
                for j in parameters[i].sets.indices { parameters[i].sets[j].position = position }
                position += 1
            }
        }
        return CmdletDeclaration(name, declarations: parameters,
                                 defaultParameterSet: m.defaultParameterSet,
                                 supportsShouldProcess: m.supportsShouldProcess, confirmImpact: m.confirmImpact)
    }

    /// True for an advanced function (`[CmdletBinding()]` or a `[Parameter()]` attribute): it takes the
    /// common parameters.
    public var isAdvanced: Bool { body?.metadata.isAdvanced ?? false }
}

extension CommonParameters {
    /// The common parameters an advanced command takes, with -WhatIf/-Confirm when it supports ShouldProcess.
    public static func declarations(shouldProcess: Bool) -> [ParameterDeclaration] {
        declarations + (shouldProcess ? shouldProcessDeclarations : [])
    }
}
