import PSRuntime

/// The Hyper-V module: every cmdlet, alias, enum, type name and view of hvsh's Hyper-V emulation.
/// The hvsh executable registers it with `HyperVModule.register(in: session)` (or lists
/// `HyperVModule.module` among the session's modules).
public enum HyperVModule {
    public static var module: PSModule { module(factories: HyperVSession.defaultFactories) }

    /// The module with its host made by `factories` (tests pass a settable VM monitor, no switches, ...).
    public static func module(factories: HyperVSession.Factories) -> PSModule {
        PSModule(name: "Hyper-V", version: PSVersion(2, 0, 0, 0), cmdlets: cmdlets,
                 aliases: [
                     ("Get-VMCheckpoint", "Get-VMSnapshot"),
                     ("Restore-VMCheckpoint", "Restore-VMSnapshot"),
                     ("Remove-VMCheckpoint", "Remove-VMSnapshot"),
                     ("Rename-VMCheckpoint", "Rename-VMSnapshot"),
                     ("Export-VMCheckpoint", "Export-VMSnapshot"),
                 ],
                 enums: HyperVEnumTypes.all, typeNames: HyperVTypeNames.all, formatViews: HyperVFormatViews.all,
                 onImport: { session in
                     session.services.provide(HyperVHost.self) { try HyperVSession.makeHost(factories) }
                     session.drives.add(SystemDrive.make())
                     WindowsEnvironment.apply()
                 },
                 commandClassName: HyperVCmdlet.className)
    }

    static var cmdlets: [any Cmdlet.Type] {
        [
            GetVMCommand.self, NewVMCommand.self, SetVMCommand.self, RenameVMCommand.self, RemoveVMCommand.self,
            GetVMProcessorCommand.self, SetVMProcessorCommand.self, GetVMMemoryCommand.self, SetVMMemoryCommand.self,
            GetVMNetworkAdapterCommand.self, SetVMNetworkAdapterCommand.self, AddVMNetworkAdapterCommand.self,
            RemoveVMNetworkAdapterCommand.self, RenameVMNetworkAdapterCommand.self, ConnectVMNetworkAdapterCommand.self,
            DisconnectVMNetworkAdapterCommand.self,
            GetVMHardDiskDriveCommand.self, AddVMHardDiskDriveCommand.self, RemoveVMHardDiskDriveCommand.self,
            GetVMDvdDriveCommand.self, AddVMDvdDriveCommand.self, SetVMDvdDriveCommand.self,
            GetVMFirmwareCommand.self, SetVMFirmwareCommand.self, GetVMBiosCommand.self, SetVMBiosCommand.self, GetVMIntegrationServiceCommand.self,
            EnableVMIntegrationServiceCommand.self, DisableVMIntegrationServiceCommand.self,
            CheckpointVMCommand.self, GetVMSnapshotCommand.self, RestoreVMSnapshotCommand.self, RemoveVMSnapshotCommand.self,
            RenameVMSnapshotCommand.self, RemoveVMSavedStateCommand.self,
            GetVMHostCommand.self, SetVMHostCommand.self, NewVHDCommand.self, GetVHDCommand.self, TestVHDCommand.self,
            ResizeVHDCommand.self, ConvertVHDCommand.self, MergeVHDCommand.self, OptimizeVHDCommand.self, SetVHDCommand.self,
            StartVMCommand.self, StopVMCommand.self, SaveVMCommand.self, SuspendVMCommand.self, ResumeVMCommand.self,
            RestartVMCommand.self, ExportVMCommand.self, ExportVMSnapshotCommand.self, ImportVMCommand.self, GetVMConsoleCommand.self, ConnectVMConsoleCommand.self,
        ]
    }

    /// Registers the module in a session.
    public static func register(in session: ShellSession) {
        session.importModule(module)
    }
}
