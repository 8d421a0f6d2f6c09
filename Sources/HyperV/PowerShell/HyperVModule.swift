import PSRuntime

/// The Hyper-V module: every cmdlet, alias, enum, type name and view of hvsh's Hyper-V emulation.
/// The hvsh executable registers it with `HyperVModule.register(in: session)` (or lists
/// `HyperVModule.module` among the session's modules).
public enum HyperVModule {
    public static var module: PSModule {
        PSModule(name: "Hyper-V", version: PSVersion(2, 0, 0, 0), cmdlets: cmdlets,
                 aliases: [
                     ("Get-VMCheckpoint", "Get-VMSnapshot"),
                     ("Restore-VMCheckpoint", "Restore-VMSnapshot"),
                     ("Remove-VMCheckpoint", "Remove-VMSnapshot"),
                     ("Rename-VMCheckpoint", "Rename-VMSnapshot"),
                 ],
                 enums: HyperVEnumTypes.all, typeNames: HyperVTypeNames.all, formatViews: HyperVFormatViews.all)
    }

    static var cmdlets: [any Cmdlet.Type] {
        [
            GetVMCmdlet.self, NewVMCmdlet.self, SetVMCmdlet.self, RenameVMCmdlet.self, RemoveVMCmdlet.self,
            GetVMProcessorCmdlet.self, SetVMProcessorCmdlet.self, GetVMMemoryCmdlet.self, SetVMMemoryCmdlet.self,
            GetVMNetworkAdapterCmdlet.self, SetVMNetworkAdapterCmdlet.self, AddVMNetworkAdapterCmdlet.self,
            RemoveVMNetworkAdapterCmdlet.self, RenameVMNetworkAdapterCmdlet.self, ConnectVMNetworkAdapterCmdlet.self,
            DisconnectVMNetworkAdapterCmdlet.self,
            GetVMHardDiskDriveCmdlet.self, AddVMHardDiskDriveCmdlet.self, RemoveVMHardDiskDriveCmdlet.self,
            GetVMDvdDriveCmdlet.self, AddVMDvdDriveCmdlet.self, SetVMDvdDriveCmdlet.self,
            GetVMFirmwareCmdlet.self, SetVMFirmwareCmdlet.self, GetVMIntegrationServiceCmdlet.self,
            EnableVMIntegrationServiceCmdlet.self, DisableVMIntegrationServiceCmdlet.self,
            CheckpointVMCmdlet.self, GetVMSnapshotCmdlet.self, RestoreVMSnapshotCmdlet.self, RemoveVMSnapshotCmdlet.self,
            RenameVMSnapshotCmdlet.self, RemoveVMSavedStateCmdlet.self,
            GetVMHostCmdlet.self, SetVMHostCmdlet.self, NewVHDCmdlet.self, GetVHDCmdlet.self,
            StartVMCmdlet.self, StopVMCmdlet.self, SaveVMCmdlet.self, SuspendVMCmdlet.self, ResumeVMCmdlet.self,
            RestartVMCmdlet.self, GetVMConsoleCmdlet.self, ConnectVMConsoleCmdlet.self,
        ]
    }

    /// Registers the module in a session.
    public static func register(in session: ShellSession) {
        session.importModule(module)
    }
}
