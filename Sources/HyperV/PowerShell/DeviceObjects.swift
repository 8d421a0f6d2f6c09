import Foundation
import HostNetworking
import Inventory
import PSRuntime

/// The PSObject shapes of Hyper-V's device objects, properties in Hyper-V's order
/// (`../shared/reference/hyperv-object-properties.txt`, and the 35-property VMProcessor of current
/// Hyper-V from sample-outputs.md). Values Linux cannot mean carry what Hyper-V shows on a plain host.
enum DeviceObjects {
    typealias Processor = DeviceView<ProcessorSettings>
    typealias Memory = DeviceView<MemorySettings>
    typealias Adapter = DeviceView<NetworkAdapterSettings>
    typealias Disk = DeviceView<HardDriveSettings>
    typealias Dvd = DeviceView<DvdDriveSettings>
    typealias Integration = DeviceView<IntegrationServiceSettings>
    /// The whole configuration: the boot order names the VM's devices.
    typealias Firmware = DeviceView<VMConfiguration>

    static let processor = ObjectTemplate<Processor>(typeNames: HyperVTypeNames.processor, properties: [
        ("ResourcePoolName", { _ in .string("Primordial") }),
        ("Count", { .long($0.settings.count) }),
        ("CompatibilityForMigrationEnabled", { .bool($0.settings.compatibilityForMigrationEnabled) }),
        ("CompatibilityForMigrationMode", { $0.settings.compatibilityForMigrationMode.psValue }),
        ("CompatibilityForOlderOperatingSystemsEnabled", { .bool($0.settings.compatibilityForOlderOperatingSystemsEnabled) }),
        ("HwThreadCountPerCore", { .long($0.settings.hwThreadCountPerCore) }),
        ("ExposeVirtualizationExtensions", { .bool($0.settings.exposeVirtualizationExtensions) }),
        ("EnablePerfmonPmu", { .bool($0.settings.enablePerfmonPmu) }),
        ("EnablePerfmonLbr", { .bool($0.settings.enablePerfmonLbr) }),
        ("EnablePerfmonPebs", { .bool($0.settings.enablePerfmonPebs) }),
        ("EnablePerfmonIpt", { .bool($0.settings.enablePerfmonIpt) }),
        ("EnableLegacyApicMode", { .bool($0.settings.enableLegacyApicMode) }),
        ("ApicMode", { $0.settings.apicMode.psValue }),
        ("AllowACountMCount", { .bool($0.settings.allowACountMCount) }),
        ("CpuBrandString", { _ in .string("") }),
        ("PerfCpuFreqCapMhz", { _ in .long(0) }),
        ("Maximum", { .long($0.settings.maximum) }),
        ("Reserve", { .long($0.settings.reserve) }),
        ("RelativeWeight", { .int($0.settings.relativeWeight) }),
        ("MaximumCountPerNumaNode", { .int(Int32(clamping: $0.owner.host.logicalProcessorCount)) }),
        ("MaximumCountPerNumaSocket", { _ in .int(1) }),
        ("EnableHostResourceProtection", { .bool($0.settings.enableHostResourceProtection) }),
        ("OperationalStatus", { d in
            PS.list(d.settings.enableHostResourceProtection ? [VMOperationalStatus.Ok.psValue]
                    : [VMOperationalStatus.Ok.psValue, VMOperationalStatus.HostResourceProtectionDisabled.psValue])
        }),
        ("StatusDescription", { d in
            PS.strings(d.settings.enableHostResourceProtection ? ["OK"] : ["OK", "Host resource protection is disabled."])
        }),
        ("Name", { _ in .string("Processor") }),
        ("Id", { .string(DeviceIds.id($0.owner, DeviceIds.processorClass, "0")) }),
    ] + ownerTail({ $0.owner }, checkpointAliases: true), toString: { _ in "Processor" })

    static let memory = ObjectTemplate<Memory>(typeNames: HyperVTypeNames.memory, properties: [
        ("ResourcePoolName", { _ in .string("Primordial") }),
        ("Buffer", { .int($0.settings.buffer) }),
        ("DynamicMemoryEnabled", { .bool($0.settings.dynamicMemoryEnabled) }),
        ("Maximum", { .long($0.settings.maximum) }),
        ("MaximumPerNumaNode", { .long($0.owner.host.memoryCapacity / 1_048_576) }),
        ("Minimum", { .long($0.settings.minimum) }),
        ("Priority", { .int($0.settings.priority) }),
        ("Startup", { .long($0.settings.startup) }),
        ("Name", { _ in .string("Memory") }),
        ("Id", { .string(DeviceIds.id($0.owner, DeviceIds.memoryClass, "0")) }),
    ] + ownerTail({ $0.owner }, checkpointAliases: false), toString: { _ in "Memory" })

    static func adapterStatus(_ d: Adapter) -> PSValue {
        d.owner.isRunning ? PS.list([VMOperationalStatus.Ok.psValue]) : PS.empty
    }

    /// Hyper-V learns these from the guest's integration services; hvsh from the host's neighbour
    /// table (what answered from the adapter's MAC on the switch its port is on now), read when the
    /// property is, for a running VM only.
    static func adapterAddresses(_ d: Adapter) -> PSValue {
        guard d.owner.isRunning, !d.settings.switchName.isEmpty, let mac = d.settings.macAddress else { return PS.empty }
        return PS.strings(PortSecurity.learnedAddresses(of: mac.compact, port: NetworkSwitchDirectory.tapName(for: d.settings)))
    }

    static let networkAdapter = ObjectTemplate<Adapter>(typeNames: HyperVTypeNames.networkAdapter, properties: [
        ("ClusterMonitored", { .bool(!$0.settings.notMonitoredInCluster) }),
        ("MacAddress", { .string($0.settings.macAddress?.compact ?? "000000000000") }),
        ("MediaType", { _ in .string("Ethernet") }),
        ("DynamicMacAddressEnabled", { .bool($0.settings.dynamicMacAddressEnabled) }),
        ("InterruptModeration", { _ in .true }),
        ("AllowPacketDirect", { _ in .false }),
        ("NumaAwarePlacement", { _ in .false }),
        ("IsLegacy", { .bool($0.settings.isLegacy) }),
        ("IsSynthetic", { .bool(!$0.settings.isLegacy) }),
        ("IPAddresses", { adapterAddresses($0) }),
        ("DeviceNaming", { $0.settings.deviceNaming.psValue }),
        ("IovWeight", { .uint32($0.settings.iovWeight) }),
        ("IovQueuePairsRequested", { .uint32($0.settings.iovQueuePairsRequested) }),
        ("IovInterruptModeration", { $0.settings.iovInterruptModeration.psValue }),
        ("PacketDirectNumProcs", { _ in .uint32(0) }),
        ("PacketDirectModerationCount", { _ in .uint32(64) }),
        ("PacketDirectModerationInterval", { _ in .uint32(1_000_000) }),
        ("IovQueuePairsAssigned", { _ in .uint32(0) }),
        ("IovUsage", { _ in .int(0) }),
        ("VirtualFunction", { _ in .null }),
        ("MandatoryFeatureId", { PS.strings($0.settings.mandatoryFeatureIds) }),
        ("MandatoryFeatureName", { _ in PS.empty }),
        ("PoolName", { _ in .string("") }),
        ("Connected", { .bool(!$0.settings.switchName.isEmpty && $0.owner.isRunning) }),
        ("SwitchName", { .string($0.settings.switchName) }),
        ("AdapterId", { .string($0.settings.adapterId.uuidString.uppercased()) }),
        ("TestReplicaPoolName", { .string($0.settings.testReplicaPoolName) }),
        ("TestReplicaSwitchName", { .string($0.settings.testReplicaSwitchName) }),
        ("StatusDescription", { $0.owner.isRunning ? PS.strings(["OK"]) : PS.empty }),
        ("Status", { adapterStatus($0) }),
        ("IsManagementOs", { _ in .false }),
        ("IsExternalAdapter", { _ in .false }),
        ("Id", { .string("Microsoft:\($0.owner.vmId.uuidString.uppercased())\\\($0.settings.adapterId.uuidString.uppercased())") }),
        ("SwitchId", { $0.settings.switchId.map { .string($0.uuidString.lowercased()) } ?? .null }),
        ("AclList", { _ in PS.empty }),
        ("ExtendedAclList", { _ in PS.empty }),
        ("IsolationSetting", { _ in .null }),
        ("RoutingDomainList", { _ in PS.empty }),
        ("VlanSetting", { _ in .null }),
        ("BandwidthSetting", { d in
            d.settings.maximumBandwidth == 0 && d.settings.minimumBandwidthAbsolute == 0 && d.settings.minimumBandwidthWeight == 0 ? .null
                : .string("MaximumBandwidth=\(d.settings.maximumBandwidth); MinimumBandwidthAbsolute=\(d.settings.minimumBandwidthAbsolute); MinimumBandwidthWeight=\(d.settings.minimumBandwidthWeight)")
        }),
        ("CurrentIsolationMode", { _ in .string("Vlan") }),
        ("MacAddressSpoofing", { $0.settings.macAddressSpoofing.psValue }),
        ("DhcpGuard", { $0.settings.dhcpGuard.psValue }),
        ("RouterGuard", { $0.settings.routerGuard.psValue }),
        ("PortMirroringMode", { $0.settings.portMirroringMode.psValue }),
        ("IeeePriorityTag", { $0.settings.ieeePriorityTag.psValue }),
        ("VirtualSubnetId", { .uint32($0.settings.virtualSubnetId) }),
        ("DynamicIPAddressLimit", { .uint32($0.settings.dynamicIPAddressLimit) }),
        ("StormLimit", { .uint32($0.settings.stormLimit) }),
        ("AllowTeaming", { $0.settings.allowTeaming.psValue }),
        ("FixSpeed10G", { $0.settings.fixSpeed10G.psValue }),
        ("VMQWeight", { .uint32($0.settings.vmqWeight) }),
        ("IPsecOffloadMaxSA", { .uint32($0.settings.ipsecOffloadMaxSA) }),
        ("VrssEnabled", { .bool($0.settings.vrssEnabled) }),
        ("VrssEnabledRequested", { .bool($0.settings.vrssEnabled) }),
        ("VmmqEnabled", { .bool($0.settings.vmmqEnabled) }),
        ("VmmqEnabledRequested", { .bool($0.settings.vmmqEnabled) }),
        ("VrssMaxQueuePairs", { .uint32($0.settings.vrssMaxQueuePairs) }),
        ("VrssMaxQueuePairsRequested", { .uint32($0.settings.vrssMaxQueuePairs) }),
        ("VrssMinQueuePairs", { .uint32($0.settings.vrssMinQueuePairs) }),
        ("VrssMinQueuePairsRequested", { .uint32($0.settings.vrssMinQueuePairs) }),
    ] + adapterPortDefaults() + [
        ("Name", { .string($0.settings.name) }),
    ] + ownerTail({ $0.owner }, checkpointAliases: false), toString: { $0.settings.name })

    /// Port settings Linux has no counterpart for, shown with Hyper-V's defaults in VM and host adapters alike.
    static func adapterPortDefaults<Model>() -> [(String, (Model) -> PSValue)] {
        [
            ("VrssQueueSchedulingMode", { _ in .string("StaticVrss") }),
            ("VrssQueueSchedulingModeRequested", { _ in .string("StaticVrss") }),
            ("VrssExcludePrimaryProcessor", { _ in .false }),
            ("VrssExcludePrimaryProcessorRequested", { _ in .false }),
            ("VrssIndependentHostSpreading", { _ in .false }),
            ("VrssIndependentHostSpreadingRequested", { _ in .false }),
            ("VrssVmbusChannelAffinityPolicy", { _ in .string("Strong") }),
            ("VrssVmbusChannelAffinityPolicyRequested", { _ in .string("Strong") }),
            ("VmqUsage", { _ in .uint32(0) }),
            ("IPsecOffloadSAUsage", { _ in .uint32(0) }),
            ("VFDataPathActive", { _ in .false }),
            ("VMQueue", { _ in .null }),
            ("BandwidthPercentage", { _ in .uint32(0) }),
            ("IsTemplate", { _ in .false }),
        ]
    }

    /// A drive's name as Hyper-V gives it: `Hard Drive on SCSI controller number 0 at location 1`.
    static func driveName(_ kind: String, _ drive: some SlottedDrive) -> String {
        "\(kind) on \(drive.controllerType.rawValue) controller number \(drive.controllerNumber) at location \(drive.controllerLocation)"
    }

    /// The properties every drive object ends with: its controller slot, its name (`kind` is "Hard
    /// Drive" or "DVD Drive"), pool and id, then its VM's.
    static func slotProperties<Drive: SlottedDrive>(_ kind: String) -> [(String, (DeviceView<Drive>) -> PSValue)] {
        [
            ("ControllerLocation", { .int(Int32(clamping: $0.settings.controllerLocation)) }),
            ("ControllerNumber", { .int(Int32(clamping: $0.settings.controllerNumber)) }),
            ("ControllerType", { $0.settings.controllerType.psValue }),
            ("Name", { .string(driveName(kind, $0.settings)) }),
            ("PoolName", { _ in .string("Primordial") }),
            ("Id", { .string("Microsoft:\($0.owner.vmId.uuidString.uppercased())\\\($0.settings.id.uuidString.uppercased())") }),
        ] + ownerTail({ $0.owner }, checkpointAliases: false)
    }

    static let hardDiskDrive = ObjectTemplate<Disk>(typeNames: HyperVTypeNames.hardDiskDrive, properties: [
        ("Path", { .string(SystemDrive.shown($0.settings.path)) }),
        ("DiskNumber", { $0.settings.diskNumber.map { .uint32($0) } ?? .null }),
        ("MaximumIOPS", { .uint64($0.settings.maximumIOPS) }),
        ("MinimumIOPS", { .uint64($0.settings.minimumIOPS) }),
        ("QoSPolicyID", { _ in PS.zeroGuid }),
        ("SupportPersistentReservations", { .bool($0.settings.supportPersistentReservations) }),
        ("WriteHardeningMethod", { _ in .string("WriteThrough") }),
    ] + slotProperties("Hard Drive"), toString: { driveName("Hard Drive", $0.settings) })

    static let dvdDrive = ObjectTemplate<Dvd>(typeNames: HyperVTypeNames.dvdDrive, properties: [
        ("Path", { .string(SystemDrive.shown($0.settings.path) ?? "") }),
        ("DvdMediaType", { .string($0.settings.path == nil ? "None" : "ISO") }),
    ] + slotProperties("DVD Drive"), toString: { driveName("DVD Drive", $0.settings) })

    /// An enabled service of a running VM is OK, except Heartbeat, which shows what the guest's answers
    /// show (No Contact until it answers, Lost Communication once it stops).
    static func integrationStatus(_ d: Integration) -> (VMIntegrationComponentOperationalStatus, String)? {
        guard d.owner.isRunning, d.settings.enabled else { return nil }
        guard d.settings.name == "Heartbeat" else { return (.Ok, "OK") }
        switch d.owner.heartbeat {
        case .NoContact?: return (.NoContact, "No Contact")
        case .LostCommunication?: return (.LostCommunication, "Lost Communication")
        default: return (.Ok, "OK")
        }
    }

    static let integrationComponent = ObjectTemplate<Integration>(typeNames: HyperVTypeNames.integrationComponent, properties: [
        ("Enabled", { .bool($0.settings.enabled) }),
        ("OperationalStatus", { d in integrationStatus(d).map { PS.list([$0.0.psValue]) } ?? PS.empty }),
        ("PrimaryOperationalStatus", { d in integrationStatus(d)?.0.psValue ?? .null }),
        ("PrimaryStatusDescription", { d in integrationStatus(d).map { .string($0.1) } ?? .null }),
        ("SecondaryOperationalStatus", { _ in .null }),
        ("SecondaryStatusDescription", { _ in .null }),
        ("StatusDescription", { d in integrationStatus(d).map { PS.strings([$0.1]) } ?? PS.empty }),
        ("Name", { .string($0.settings.name) }),
        ("Id", { .string("Microsoft:\($0.owner.vmId.uuidString.uppercased())\\\($0.settings.serviceId)") }),
    ] + ownerTail({ $0.owner }, checkpointAliases: false), toString: { $0.settings.name })

    /// Generation 2 firmware, then hvsh's own direct-boot properties (an extension, at the end so
    /// Hyper-V's order is kept for everything Hyper-V has).
    static let firmware = ObjectTemplate<Firmware>(typeNames: HyperVTypeNames.firmware, properties: [
        ("SecureBoot", { $0.settings.firmware.secureBoot.psValue }),
        ("SecureBootTemplate", { .string($0.settings.firmware.secureBootTemplate) }),
        ("SecureBootTemplateId", { _ in .string("1734c6e8-3154-4dda-ba5f-a874cc483422") }),
        ("PreferredNetworkBootProtocol", { $0.settings.firmware.preferredNetworkBootProtocol.psValue }),
        ("BootOrder", { BootObjects.bootOrder($0) }),
        ("PauseAfterBootFailure", { $0.settings.firmware.pauseAfterBootFailure.psValue }),
        ("ConsoleMode", { $0.settings.firmware.consoleMode.psValue }),
    ] + ownerTail({ $0.owner }, checkpointAliases: false) + [
        ("KernelPath", { PS.string(SystemDrive.shown($0.settings.firmware.kernelPath)) }),
        ("InitrdPath", { PS.string(SystemDrive.shown($0.settings.firmware.initrdPath)) }),
        ("KernelCommandLine", { PS.string($0.settings.firmware.kernelCommandLine) }),
    ], toString: { _ in "Firmware" })

    static let comPort = ObjectTemplate<(VMOwner, Int)>(typeNames: HyperVTypeNames.comPort, properties: [
        ("Path", { _ in .string("") }),
        ("DebuggerMode", { _ in OnOffState.Off.psValue }),
        ("Name", { .string("COM \($0.1)") }),
        ("Id", { .string("Microsoft:\($0.0.vmId.uuidString.uppercased())\\8E3A359F-559A-4B6A-98A9-1690A6100ED7\\\($0.1 - 1)") }),
    ] + ownerTail({ $0.0 }, checkpointAliases: false), toString: { "COM \($0.1)" })
}
