import PSRuntime

/// Hyper-V's default table views. Columns have no fixed width, so the engine sizes them from the
/// data as PowerShell does for these views; every column is left-aligned, numbers included, as
/// Hyper-V's views print them (`CPUUsage(%)` shows `0` under the C).
enum HyperVFormatViews {
    static func megabytes(_ property: String) -> FormatValue {
        .computed { value in
            guard let object = value.asObject, let bytes = try object.property(property) else { return .null }
            return .long(((try? PSConvert.toInt64(bytes)) ?? 0) / 1_048_576)
        }
    }

    static func column(_ label: String, _ value: FormatValue? = nil) -> TableColumn {
        TableColumn(label, alignment: .left, value: value)
    }

    static var all: [FormatView] {
        [
            FormatView(name: "VirtualMachine", typeNames: [HyperVTypeNames.virtualMachine[0]], table: [
                column("Name"), column("State"), column("CPUUsage(%)", .property("CPUUsage")),
                column("MemoryAssigned(M)", megabytes("MemoryAssigned")), column("Uptime"), column("Status"), column("Version"),
            ]),
            FormatView(name: "VMProcessor", typeNames: [HyperVTypeNames.processor[0]], table: [
                column("VMName"), column("Count"), column("CompatibilityForMigrationEnabled"),
                column("CompatibilityForOlderOperatingSystemsEnabled"),
            ]),
            FormatView(name: "VMMemory", typeNames: [HyperVTypeNames.memory[0]], table: [
                column("VMName"), column("DynamicMemoryEnabled"), column("Minimum(M)", megabytes("Minimum")),
                column("Startup(M)", megabytes("Startup")), column("Maximum(M)", megabytes("Maximum")),
            ]),
            FormatView(name: "VMNetworkAdapter", typeNames: [HyperVTypeNames.networkAdapter[0], ManagementOSAdapterObjects.typeNames[0]], table: [
                column("Name"), column("IsManagementOs"), column("VMName"), column("SwitchName"), column("MacAddress"),
                column("Status"), column("IPAddresses"),
            ]),
            FormatView(name: "HardDiskDrive", typeNames: [HyperVTypeNames.hardDiskDrive[0]], table: [
                column("VMName"), column("ControllerType"), column("ControllerNumber"), column("ControllerLocation"),
                column("DiskNumber"), column("Path"),
            ]),
            FormatView(name: "DvdDrive", typeNames: [HyperVTypeNames.dvdDrive[0]], table: [
                column("VMName"), column("ControllerType"), column("ControllerNumber"), column("ControllerLocation"),
                column("DvdMediaType"), column("Path"),
            ]),
            FormatView(name: "VMSnapshot", typeNames: [HyperVTypeNames.snapshot[0]], table: [
                column("VMName"), column("Name"), column("SnapshotType"), column("CreationTime"), column("ParentSnapshotName"),
            ]),
            FormatView(name: "VMIntegrationComponent", typeNames: [HyperVTypeNames.integrationComponent[0]], table: [
                column("VMName"), column("Name"), column("Enabled"), column("PrimaryStatusDescription"), column("SecondaryStatusDescription"),
            ]),
            FormatView(name: "VMFirmware", typeNames: [HyperVTypeNames.firmware[0]], table: [
                column("VMName"), column("SecureBoot"), column("PreferredNetworkBootProtocol"), column("BootOrder"),
            ]),
            FormatView(name: "VMBootSource", typeNames: [HyperVTypeNames.bootSource[0]], table: [
                column("VMName"), column("BootType"), column("Device"), column("Description"), column("FirmwarePath"),
            ]),
            FormatView(name: "VMBios", typeNames: [HyperVTypeNames.bios[0]], table: [
                column("VMName"), column("StartupOrder"), column("NumLockEnabled"),
            ]),
            FormatView(name: "VMHost", typeNames: [HyperVTypeNames.host[0]], table: [
                column("Name"), column("LogicalProcessorCount"), column("MemoryCapacity(M)", megabytes("MemoryCapacity")),
                column("VirtualMachineMigrationEnabled"),
            ]),
        ]
    }
}
