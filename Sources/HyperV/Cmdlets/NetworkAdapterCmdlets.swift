import Foundation
import Inventory
import PSRuntime

private let adapterType = HyperVTypeNames.networkAdapter[0]

private func adapterObject(_ vm: VMConfiguration, _ adapter: NetworkAdapterSettings, index: Int, _ host: HyperVHost) -> PSValue {
    .object(DeviceObjects.networkAdapter.make(DeviceView(owner: HyperVObjects.owner(vm, host), settings: adapter, index: index)))
}

extension CmdletContext {
    /// The adapters a command is about: adapter objects in `objectParameter`, else the adapters of
    /// the VMs named or given, filtered by `-Name` (wildcards allowed).
    func targetAdapters(_ host: HyperVHost, objectParameter: String = "VMNetworkAdapter",
                        nameParameter: String = "Name") throws -> [(VMConfiguration, NetworkAdapterSettings)] {
        if isBound(objectParameter) {
            return try configsFromDevices(objectParameter, as: NetworkAdapterSettings.self, host).compactMap { vm, device in
                vm.networkAdapters.first { $0.adapterId == device.settings.adapterId }.map { (vm, $0) }
            }
        }
        let patterns = (strings(nameParameter) ?? []).map(WildcardPattern.init)
        var result: [(VMConfiguration, NetworkAdapterSettings)] = []
        for vm in try targetVMs(host) {
            for adapter in vm.networkAdapters where patterns.isEmpty || patterns.contains(where: { $0.matches(adapter.name) }) {
                result.append((vm, adapter))
            }
        }
        return result
    }

    func refuseManagementOS() throws -> Bool {
        guard switchPresent("ManagementOS") else { return false }
        try writeHyperV(HyperVError("\(commandName) -ManagementOS is not available in hvsh: management OS network adapters can be listed, added, renamed and removed (Get/Add/Rename/Remove-VMNetworkAdapter -ManagementOS), and enabled or disabled as NetAdapters (Enable/Disable-NetAdapter).",
                                    errorId: "NotSupported", category: .notImplemented))
        return true
    }
}

final class GetVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMNetworkAdapter", parameters: DeviceSource.vmSets + [
        DeviceSource.snapshotSet,
        ParameterDeclaration("Name", .string, aliases: ["VMNetworkAdapterName"], position: 1),
        ParameterDeclaration("IsLegacy", .bool, sets: ["VMName", "VMObject"]),
        ParameterDeclaration("ManagementOS", .switchParameter, mandatory: true, sets: ["ManagementOS"]),
        ParameterDeclaration("SwitchName", .string, sets: ["ManagementOS"]),
        ParameterDeclaration("All", .switchParameter, mandatory: true, sets: ["All"]),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
       outputTypes: [adapterType], synopsis: "Lists the network adapters of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        if context.switchPresent("ManagementOS") {
            try context.reportingFailures {
                for adapter in try host.managementOSAdapters(named: context.string("Name"), switchName: context.string("SwitchName")) {
                    try context.writeObject(ManagementOSAdapterObjects.make(adapter, host))
                }
            }
            return
        }
        let pattern = context.string("Name").map(WildcardPattern.init)
        let legacy = context.bool("IsLegacy")
        try context.reportingFailures {
            var sources: [DeviceSource]
            if context.switchPresent("All") {
                let listing = try host.allVMs()
                try context.reportDamaged(listing.damaged)
                sources = listing.records.map { DeviceSource(config: $0, owner: HyperVObjects.owner($0, host)) }
            } else {
                sources = try DeviceSource.resolve(context, host)
            }
            for source in sources {
                for (index, adapter) in source.config.networkAdapters.enumerated() {
                    if let pattern, !pattern.matches(adapter.name) { continue }
                    if let legacy, adapter.isLegacy != legacy { continue }
                    try context.writeObject(.object(DeviceObjects.networkAdapter.make(DeviceView(owner: source.owner, settings: adapter, index: index))))
                }
            }
            // -All covers the host's adapters too, when this host has networking.
            if context.switchPresent("All"), host.switches is any ManagementOSAdapterDirectory {
                for adapter in try host.managementOSAdapters(named: context.string("Name")) {
                    try context.writeObject(ManagementOSAdapterObjects.make(adapter, host))
                }
            }
        }
    }
}

final class SetVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Set-VMNetworkAdapter", parameters: [
        ParameterDeclaration("VMName", .string, position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
        ParameterDeclaration("VM", .named(HyperVCmdlet.vmType), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("VMNetworkAdapter", .named(HyperVCmdlet.adapterBaseType), position: 0, mandatory: true,
                             valueFromPipeline: true, sets: ["ResourceObject"]),
        ParameterDeclaration("ManagementOS", .switchParameter, mandatory: true, sets: ["ManagementOS"]),
        ParameterDeclaration("Name", .string, aliases: ["VMNetworkAdapterName"], sets: ["VMName", "VMObject", "ManagementOS"]),
        ParameterDeclaration("DynamicMacAddress", .switchParameter, sets: ["VMName", "VMObject", "ResourceObject"]),
        ParameterDeclaration("StaticMacAddress", .string, sets: ["VMName", "VMObject", "ResourceObject"]),
        ParameterDeclaration("MacAddressSpoofing", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("DhcpGuard", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("RouterGuard", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("PortMirroring", .enumType(HyperVEnumTypes.portMirroringMode)),
        ParameterDeclaration("IeeePriorityTag", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("VmqWeight", .uint32),
        ParameterDeclaration("IovQueuePairsRequested", .uint32),
        ParameterDeclaration("IovInterruptModeration", .enumType(HyperVEnumTypes.iovInterruptModeration)),
        ParameterDeclaration("IovWeight", .uint32),
        ParameterDeclaration("IPsecOffloadMaximumSecurityAssociation", .uint32),
        ParameterDeclaration("MaximumBandwidth", .int64),
        ParameterDeclaration("MinimumBandwidthAbsolute", .int64),
        ParameterDeclaration("MinimumBandwidthWeight", .uint32),
        ParameterDeclaration("MandatoryFeatureId", .array(.string)),
        ParameterDeclaration("ResourcePoolName", .string),
        ParameterDeclaration("TestReplicaPoolName", .string),
        ParameterDeclaration("TestReplicaSwitchName", .string),
        ParameterDeclaration("VirtualSubnetId", .uint32),
        ParameterDeclaration("AllowTeaming", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("NotMonitoredInCluster", .bool),
        ParameterDeclaration("StormLimit", .uint32),
        ParameterDeclaration("DynamicIPAddressLimit", .uint32),
        ParameterDeclaration("DeviceNaming", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("FixSpeed10G", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("VrssEnabled", .bool),
        ParameterDeclaration("VmmqEnabled", .bool),
        ParameterDeclaration("VrssMaxQueuePairs", .uint32, aliases: ["VmmqQueuePairs"]),
        ParameterDeclaration("VrssMinQueuePairs", .uint32),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.adapterBaseType], synopsis: "Configures network adapters of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let c = context
        if try c.refuseManagementOS() { return }
        func on(_ name: String) -> OnOffState? { c.enumName(name).flatMap(OnOffState.parse) }
        func u32(_ name: String) -> UInt32? { c[name].flatMap { try? PSConvert.toInt64($0) }.map { UInt32(clamping: $0) } }
        func i64(_ name: String) -> Int64? { c[name].flatMap { try? PSConvert.toInt64($0) } }
        for (vm, adapter) in try c.targetAdapters(host) {
            guard try c.shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try c.reportingFailures {
                let updated = try host.updateNetworkAdapter(adapter.adapterId, of: vm, dynamicMac: c.switchPresent("DynamicMacAddress"),
                                                            staticMacAddress: c.string("StaticMacAddress")) { a in
                    if let v = on("MacAddressSpoofing") { a.macAddressSpoofing = v }
                    if let v = on("DhcpGuard") { a.dhcpGuard = v }
                    if let v = on("RouterGuard") { a.routerGuard = v }
                    if let v = c.enumName("PortMirroring").flatMap(VMNetworkAdapterPortMirroringMode.parse) { a.portMirroringMode = v }
                    if let v = on("IeeePriorityTag") { a.ieeePriorityTag = v }
                    if let v = u32("VmqWeight") { a.vmqWeight = v }
                    if let v = u32("IovQueuePairsRequested") { a.iovQueuePairsRequested = v }
                    if let v = c.enumName("IovInterruptModeration").flatMap(IovInterruptModerationValue.parse) { a.iovInterruptModeration = v }
                    if let v = u32("IovWeight") { a.iovWeight = v }
                    if let v = u32("IPsecOffloadMaximumSecurityAssociation") { a.ipsecOffloadMaxSA = v }
                    if let v = i64("MaximumBandwidth") { a.maximumBandwidth = v }
                    if let v = i64("MinimumBandwidthAbsolute") { a.minimumBandwidthAbsolute = v }
                    if let v = u32("MinimumBandwidthWeight") { a.minimumBandwidthWeight = v }
                    if let v = c.strings("MandatoryFeatureId") { a.mandatoryFeatureIds = v }
                    if let v = c.string("TestReplicaPoolName") { a.testReplicaPoolName = v }
                    if let v = c.string("TestReplicaSwitchName") { a.testReplicaSwitchName = v }
                    if let v = u32("VirtualSubnetId") { a.virtualSubnetId = v }
                    if let v = on("AllowTeaming") { a.allowTeaming = v }
                    if let v = c.bool("NotMonitoredInCluster") { a.notMonitoredInCluster = v }
                    if let v = u32("StormLimit") { a.stormLimit = v }
                    if let v = u32("DynamicIPAddressLimit") { a.dynamicIPAddressLimit = v }
                    if let v = on("DeviceNaming") { a.deviceNaming = v }
                    if let v = on("FixSpeed10G") { a.fixSpeed10G = v }
                    if let v = c.bool("VrssEnabled") { a.vrssEnabled = v }
                    if let v = c.bool("VmmqEnabled") { a.vmmqEnabled = v }
                    if let v = u32("VrssMaxQueuePairs") { a.vrssMaxQueuePairs = v }
                    if let v = u32("VrssMinQueuePairs") { a.vrssMinQueuePairs = v }
                }
                if c.passthru() {
                    let fresh = try host.vm(id: vm.id) ?? vm
                    try c.writeObject(adapterObject(fresh, updated, index: fresh.networkAdapters.firstIndex { $0.adapterId == updated.adapterId } ?? 0, host))
                }
            }
        }
    }
}

final class AddVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Add-VMNetworkAdapter", parameters: DeviceSource.vmSets + [
        ParameterDeclaration("ManagementOS", .switchParameter, sets: ["ManagementOS"]),
        ParameterDeclaration("SwitchName", .string),
        ParameterDeclaration("IsLegacy", .bool, sets: ["VMName", "VMObject"]),
        ParameterDeclaration("Name", .string, aliases: ["VMNetworkAdapterName"]),
        ParameterDeclaration("DynamicMacAddress", .switchParameter),
        ParameterDeclaration("StaticMacAddress", .string),
        ParameterDeclaration("Passthru", .switchParameter),
        ParameterDeclaration("ResourcePoolName", .string, sets: ["VMName", "VMObject"]),
        ParameterDeclaration("DeviceNaming", .enumType(HyperVEnumTypes.onOffState)),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Adds a network adapter to virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        if context.switchPresent("ManagementOS") { return try addToManagementOS(context, host) }
        for vm in try context.targetVMs(host) {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let added = try host.addNetworkAdapter(to: vm, name: context.string("Name"), switchName: context.string("SwitchName"),
                                                       staticMacAddress: context.string("StaticMacAddress"),
                                                       isLegacy: context.bool("IsLegacy") ?? false,
                                                       deviceNaming: context.enumName("DeviceNaming").flatMap(OnOffState.parse))
                if context.passthru() {
                    let fresh = try host.vm(id: vm.id) ?? vm
                    try context.writeObject(adapterObject(fresh, added, index: fresh.networkAdapters.count - 1, host))
                }
            }
        }
    }
}

extension AddVMNetworkAdapterCmdlet {
    /// `-ManagementOS`: a host adapter `vEthernet (<Name>)` on the switch (a veth pair into its bridge).
    func addToManagementOS(_ context: CmdletContext, _ host: HyperVHost) throws {
        guard let switchName = context.string("SwitchName"), !switchName.isEmpty else {
            try context.writeHyperV(HyperVError("A management OS network adapter needs a virtual switch: specify -SwitchName.",
                                                errorId: "InvalidParameter", category: .invalidArgument))
            return
        }
        let name = context.string("Name") ?? switchName
        guard try context.shouldProcess(target: name) else { return }
        try context.reportingFailures {
            let mac = try context.string("StaticMacAddress").map { try HyperVHost.parseStaticMac($0).colonSeparated }
            let added = try host.managementOS().addManagementOSAdapter(name: name, switchName: switchName, staticMacAddress: mac)
            if context.passthru() { try context.writeObject(ManagementOSAdapterObjects.make(added, host)) }
        }
    }
}

final class RemoveVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VMNetworkAdapter", parameters: [
        ParameterDeclaration("VMName", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
        ParameterDeclaration("VM", .array(.named(HyperVCmdlet.vmType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("VMNetworkAdapter", .array(.named(HyperVCmdlet.adapterBaseType)), position: 0, mandatory: true,
                             valueFromPipeline: true, sets: ["ResourceObject"]),
        ParameterDeclaration("ManagementOS", .switchParameter, mandatory: true, sets: ["ManagementOS"]),
        ParameterDeclaration("Name", .string, aliases: ["VMNetworkAdapterName"], position: 1, sets: ["VMName", "VMObject", "ManagementOS"]),
        ParameterDeclaration("SwitchName", .string, sets: ["ManagementOS"]),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Removes network adapters from virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        if context.switchPresent("ManagementOS") { return try removeFromManagementOS(context, host) }
        let hostAdapters = (context.values("VMNetworkAdapter") ?? []).compactMap { $0.asObject?.model(as: ManagementOSAdapterView.self)?.adapter }
        if !hostAdapters.isEmpty { try remove(hostAdapters, context, host) }
        for (vm, adapter) in try context.targetAdapters(host) {
            guard try context.shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try context.reportingFailures {
                try host.removeNetworkAdapter(adapter.adapterId, from: vm)
                if context.passthru() { try context.writeObject(adapterObject(vm, adapter, index: 0, host)) }
            }
        }
    }
}

extension RemoveVMNetworkAdapterCmdlet {
    /// `-ManagementOS [-Name] [-SwitchName]`: host adapters by name (wildcards; all when no name),
    /// optionally only on one switch. A plain name that matches nothing is Hyper-V's not-found error.
    func removeFromManagementOS(_ context: CmdletContext, _ host: HyperVHost) throws {
        try context.reportingFailures {
            let pattern = context.string("Name") ?? "*"
            let matches = try host.managementOSAdapters(named: pattern, switchName: context.string("SwitchName"))
            if matches.isEmpty && !WildcardPattern(pattern).hasWildcards {
                throw HyperVError("Hyper-V was unable to find a management OS network adapter named \"\(pattern)\".",
                                  errorId: "ObjectNotFound", category: .objectNotFound, target: pattern)
            }
            try remove(matches, context, host)
        }
    }

    func remove(_ adapters: [ManagementOSAdapter], _ context: CmdletContext, _ host: HyperVHost) throws {
        for adapter in adapters {
            guard try context.shouldProcess(target: adapter.name) else { continue }
            try context.reportingFailures {
                try host.managementOS().removeManagementOSAdapters([adapter])
                if context.passthru() { try context.writeObject(ManagementOSAdapterObjects.make(adapter, host)) }
            }
        }
    }
}

final class RenameVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Rename-VMNetworkAdapter", parameters: [
        ParameterDeclaration("VMName", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
        ParameterDeclaration("VM", .array(.named(HyperVCmdlet.vmType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("VMNetworkAdapter", .array(.named(adapterType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["ResourceObject"]),
        ParameterDeclaration("ManagementOS", .switchParameter, mandatory: true, sets: ["ManagementOS"]),
        ParameterDeclaration("Name", .string, aliases: ["VMNetworkAdapterName"], position: 1, sets: ["VMName", "VMObject", "ManagementOS"]),
        ParameterDeclaration("NewName", .string, mandatory: true),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Renames network adapters of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        if context.switchPresent("ManagementOS") { return try renameInManagementOS(context, host) }
        let newName = context.string("NewName") ?? ""
        for (vm, adapter) in try context.targetAdapters(host) {
            guard try context.shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try context.reportingFailures {
                let updated = try host.updateNetworkAdapter(adapter.adapterId, of: vm) { $0.name = newName }
                if context.passthru() { try context.writeObject(adapterObject(vm, updated, index: 0, host)) }
            }
        }
    }
}

extension RenameVMNetworkAdapterCmdlet {
    /// `-ManagementOS -Name X -NewName Y`: the host adapter's VMNetworkAdapter name.
    func renameInManagementOS(_ context: CmdletContext, _ host: HyperVHost) throws {
        let newName = context.string("NewName") ?? ""
        try context.reportingFailures {
            guard let pattern = context.string("Name") else {
                throw HyperVError("Name the management OS network adapter to rename with -Name.",
                                  errorId: "InvalidParameter", category: .invalidArgument)
            }
            let matches = try host.managementOSAdapters(named: pattern)
            if matches.isEmpty {
                throw HyperVError("Hyper-V was unable to find a management OS network adapter named \"\(pattern)\".",
                                  errorId: "ObjectNotFound", category: .objectNotFound, target: pattern)
            }
            for adapter in matches {
                guard try context.shouldProcess(target: adapter.name) else { continue }
                try context.reportingFailures {
                    let renamed = try host.managementOS().renameManagementOSAdapter(adapter, to: newName)
                    if context.passthru() { try context.writeObject(ManagementOSAdapterObjects.make(renamed, host)) }
                }
            }
        }
    }
}

final class ConnectVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Connect-VMNetworkAdapter", parameters: [
        ParameterDeclaration("VMNetworkAdapter", .array(.named(adapterType)), memberships: [
            ParameterSetMembership(setName: "Object_SwitchName", position: 0, mandatory: true, valueFromPipeline: true),
            ParameterSetMembership(setName: "Object_SwitchObject", position: 0, mandatory: true, valueFromPipeline: true),
            ParameterSetMembership(setName: "Object_UseAutomaticConnection", position: 0, mandatory: true, valueFromPipeline: true),
        ]),
        ParameterDeclaration("Name", .array(.string), aliases: ["VMNetworkAdapterName"], memberships: [
            ParameterSetMembership(setName: "Name_SwitchName", position: 1),
            ParameterSetMembership(setName: "Name_SwitchObject", position: 1),
            ParameterSetMembership(setName: "Name_UseAutomaticConnection", position: 1),
        ]),
        ParameterDeclaration("SwitchName", .string, memberships: [
            ParameterSetMembership(setName: "Object_SwitchName", position: 1, mandatory: true),
            ParameterSetMembership(setName: "Name_SwitchName", position: 2, mandatory: true),
        ]),
        ParameterDeclaration("VMSwitch", .named("Microsoft.HyperV.PowerShell.VMSwitch"), memberships: [
            ParameterSetMembership(setName: "Name_SwitchObject", position: 2, mandatory: true, valueFromPipeline: true),
            ParameterSetMembership(setName: "Object_SwitchObject", position: 1, mandatory: true, valueFromPipeline: true),
        ]),
        ParameterDeclaration("UseAutomaticConnection", .switchParameter, memberships: [
            ParameterSetMembership(setName: "Object_UseAutomaticConnection", mandatory: true),
            ParameterSetMembership(setName: "Name_UseAutomaticConnection", mandatory: true),
        ]),
        ParameterDeclaration("VMName", .array(.string), memberships: [
            ParameterSetMembership(setName: "Name_SwitchObject", position: 0, mandatory: true),
            ParameterSetMembership(setName: "Name_SwitchName", position: 0, mandatory: true),
            ParameterSetMembership(setName: "Name_UseAutomaticConnection", position: 0, mandatory: true),
        ]),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name_SwitchName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Connects network adapters of virtual machines to a virtual switch.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        var switchName = context.string("SwitchName")
        if switchName == nil, let object = context["VMSwitch"]?.asObject {
            switchName = (try? object.property("Name")).flatMap { $0.map { PSConvert.toString($0) } }
        }
        if context.switchPresent("UseAutomaticConnection") {
            try context.writeHyperV(HyperVError("Automatic connection uses resource pools, which hvsh does not have; connect to a switch by name.",
                                                errorId: "NotSupported", category: .notImplemented))
            return
        }
        for (vm, adapter) in try context.targetAdapters(host) {
            guard try context.shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try context.reportingFailures {
                let updated = try host.updateNetworkAdapter(adapter.adapterId, of: vm, connectTo: switchName)
                if context.passthru() { try context.writeObject(adapterObject(vm, updated, index: 0, host)) }
            }
        }
    }
}

final class DisconnectVMNetworkAdapterCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Disconnect-VMNetworkAdapter", parameters: [
        ParameterDeclaration("VMName", .array(.string), position: 0, mandatory: true, sets: ["Name"]),
        ParameterDeclaration("Name", .array(.string), aliases: ["VMNetworkAdapterName"], position: 1, sets: ["Name"]),
        ParameterDeclaration("VMNetworkAdapter", .array(.named(adapterType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["Object"]),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Disconnects network adapters of virtual machines from their switch.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        for (vm, adapter) in try context.targetAdapters(host) {
            guard try context.shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try context.reportingFailures {
                let updated = try host.updateNetworkAdapter(adapter.adapterId, of: vm, disconnect: true)
                if context.passthru() { try context.writeObject(adapterObject(vm, updated, index: 0, host)) }
            }
        }
    }
}
