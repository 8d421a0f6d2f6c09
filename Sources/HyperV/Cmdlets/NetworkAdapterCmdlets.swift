import Foundation
import Inventory
import PSRuntime

private let adapterType = HyperVTypeNames.networkAdapter[0]

private func adapterObject(_ vm: VMConfiguration, _ adapter: NetworkAdapterSettings, index: Int, _ host: HyperVHost) -> PSValue {
    .object(DeviceObjects.networkAdapter.make(DeviceView(owner: HyperVObjects.owner(vm, host), settings: adapter, index: index)))
}

extension CmdletContext {
    /// Runs `change` on each (VM, adapter) the user confirms, a failure reported per adapter; -PassThru
    /// writes the adapter `change` returns.
    func changeEachAdapter(_ targets: [(VMConfiguration, NetworkAdapterSettings)], _ host: HyperVHost,
                           _ change: (VMConfiguration, NetworkAdapterSettings) throws -> NetworkAdapterSettings) throws {
        for (vm, adapter) in targets {
            guard try shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try reporting {
                let result = try change(vm, adapter)
                if self[HyperVParameters.passthru] { try writeObject(adapterObject(vm, result, index: 0, host)) }
            }
        }
    }

    /// The adapters a command is about: adapter objects bound to `adapters`, else the adapters of
    /// the VMs named or given, filtered by the adapter names in `patterns` (wildcards allowed).
    func targetAdapters(_ host: HyperVHost, adapters: Parameter<[PSValue]>, named patterns: [String],
                        vmNames: Parameter<[String]>, vms: Parameter<[PSValue]>?) throws -> [(VMConfiguration, NetworkAdapterSettings)] {
        if isBound(adapters) {
            return try configsFromDevices(adapters, as: NetworkAdapterSettings.self, host).compactMap { vm, device in
                vm.networkAdapters.first { $0.adapterId == device.settings.adapterId }.map { (vm, $0) }
            }
        }
        let patterns = patterns.map { WildcardPattern($0) }
        var result: [(VMConfiguration, NetworkAdapterSettings)] = []
        for vm in try targetVMs(host, names: vmNames, objects: vms) {
            for adapter in vm.networkAdapters where patterns.isEmpty || patterns.contains(where: { $0.matches(adapter.name) }) {
                result.append((vm, adapter))
            }
        }
        return result
    }

    func refuseManagementOS() throws {
        try writeFailure(HyperVError("\(commandName) -ManagementOS is not available in hvsh: management OS network adapters can be listed, added, renamed and removed (Get/Add/Rename/Remove-VMNetworkAdapter -ManagementOS), and enabled or disabled as NetAdapters (Enable/Disable-NetAdapter).",
                                    errorId: "NotSupported", category: .notImplemented))
    }
}

final class GetVMNetworkAdapterCommand: Cmdlet {
    static let name = Parameter<String>("Name", aliases: ["VMNetworkAdapterName"], position: 1)
    static let isLegacy = Parameter<Bool>("IsLegacy", sets: ["VMName", "VMObject"])
    static let managementOS = Parameter<SwitchParameter>("ManagementOS", mandatory: true, sets: ["ManagementOS"])
    static let switchName = Parameter<String>("SwitchName", sets: ["ManagementOS"])
    static let all = Parameter<SwitchParameter>("All", mandatory: true, sets: ["All"])
    static let declaration = CmdletDeclaration("Get-VMNetworkAdapter", parameters: DeviceSource.parameters + [
        name, isLegacy, managementOS, switchName, all,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName",
       outputTypes: [adapterType], synopsis: "Lists the network adapters of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        if context[Self.managementOS] {
            try context.reporting {
                for adapter in try host.managementOSAdapters(named: context[Self.name], switchName: context[Self.switchName]) {
                    try context.writeObject(ManagementOSAdapterObjects.make(adapter, host))
                }
            }
            return
        }
        let pattern = context[Self.name].map { WildcardPattern($0) }
        let legacy = context[Self.isLegacy]
        try context.reporting {
            var sources: [DeviceSource]
            if context[Self.all] {
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
            if context[Self.all], host.switches is any ManagementOSAdapterDirectory {
                for adapter in try host.managementOSAdapters(named: context[Self.name]) {
                    try context.writeObject(ManagementOSAdapterObjects.make(adapter, host))
                }
            }
        }
    }
}

final class SetVMNetworkAdapterCommand: Cmdlet {
    private static func onOff(_ name: String) -> Parameter<String> {
        Parameter<String>(name, type: .enumType(HyperVEnumTypes.onOffState))
    }
    private static let deviceSets = ["VMName", "VMObject", "ResourceObject"]

    static let vmName = Parameter<[String]>("VMName", type: .string, position: 0, mandatory: true, valueFromPipeline: true,
                                            sets: ["VMName"])
    static let vm = Parameter<[PSValue]>("VM", type: .named(HyperVCmdlet.vmType), position: 0, mandatory: true,
                                         valueFromPipeline: true, sets: ["VMObject"])
    static let vmNetworkAdapter = Parameter<[PSValue]>("VMNetworkAdapter", type: .named(HyperVCmdlet.adapterBaseType), position: 0,
                                                       mandatory: true, valueFromPipeline: true, sets: ["ResourceObject"])
    static let managementOS = Parameter<SwitchParameter>("ManagementOS", mandatory: true, sets: ["ManagementOS"])
    static let name = Parameter<String>("Name", aliases: ["VMNetworkAdapterName"], sets: ["VMName", "VMObject", "ManagementOS"])
    static let dynamicMacAddress = Parameter<SwitchParameter>("DynamicMacAddress", sets: deviceSets)
    static let staticMacAddress = Parameter<String>("StaticMacAddress", sets: deviceSets)
    static let macAddressSpoofing = onOff("MacAddressSpoofing")
    static let dhcpGuard = onOff("DhcpGuard")
    static let routerGuard = onOff("RouterGuard")
    static let portMirroring = Parameter<String>("PortMirroring", type: .enumType(HyperVEnumTypes.portMirroringMode))
    static let ieeePriorityTag = onOff("IeeePriorityTag")
    static let vmqWeight = Parameter<UInt32>("VmqWeight")
    static let iovQueuePairsRequested = Parameter<UInt32>("IovQueuePairsRequested")
    static let iovInterruptModeration = Parameter<String>("IovInterruptModeration", type: .enumType(HyperVEnumTypes.iovInterruptModeration))
    static let iovWeight = Parameter<UInt32>("IovWeight")
    static let ipsecOffloadMaximumSecurityAssociation = Parameter<UInt32>("IPsecOffloadMaximumSecurityAssociation")
    static let maximumBandwidth = Parameter<Int64>("MaximumBandwidth")
    static let minimumBandwidthAbsolute = Parameter<Int64>("MinimumBandwidthAbsolute")
    static let minimumBandwidthWeight = Parameter<UInt32>("MinimumBandwidthWeight")
    static let mandatoryFeatureId = Parameter<[String]>("MandatoryFeatureId")
    static let testReplicaPoolName = Parameter<String>("TestReplicaPoolName")
    static let testReplicaSwitchName = Parameter<String>("TestReplicaSwitchName")
    static let virtualSubnetId = Parameter<UInt32>("VirtualSubnetId")
    static let allowTeaming = onOff("AllowTeaming")
    static let notMonitoredInCluster = Parameter<Bool>("NotMonitoredInCluster")
    static let stormLimit = Parameter<UInt32>("StormLimit")
    static let dynamicIPAddressLimit = Parameter<UInt32>("DynamicIPAddressLimit")
    static let deviceNaming = onOff("DeviceNaming")
    static let fixSpeed10G = onOff("FixSpeed10G")
    static let vrssEnabled = Parameter<Bool>("VrssEnabled")
    static let vmmqEnabled = Parameter<Bool>("VmmqEnabled")
    static let vrssMaxQueuePairs = Parameter<UInt32>("VrssMaxQueuePairs", aliases: ["VmmqQueuePairs"])
    static let vrssMinQueuePairs = Parameter<UInt32>("VrssMinQueuePairs")
    static let declaration = CmdletDeclaration("Set-VMNetworkAdapter", parameters: [
        vmName, vm, vmNetworkAdapter, managementOS, name, dynamicMacAddress, staticMacAddress, macAddressSpoofing, dhcpGuard,
        routerGuard, portMirroring, ieeePriorityTag, vmqWeight, iovQueuePairsRequested, iovInterruptModeration, iovWeight,
        ipsecOffloadMaximumSecurityAssociation, maximumBandwidth, minimumBandwidthAbsolute, minimumBandwidthWeight,
        mandatoryFeatureId, HyperVParameters.resourcePoolName, testReplicaPoolName, testReplicaSwitchName, virtualSubnetId,
        allowTeaming, notMonitoredInCluster, stormLimit, dynamicIPAddressLimit, deviceNaming, fixSpeed10G, vrssEnabled,
        vmmqEnabled, vrssMaxQueuePairs, vrssMinQueuePairs, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.adapterBaseType], synopsis: "Configures network adapters of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let c = context
        if c[Self.managementOS] { return try c.refuseManagementOS() }
        func on(_ key: Parameter<String>) -> OnOffState? { c[key].flatMap(OnOffState.parse) }
        let targets = try c.targetAdapters(host, adapters: Self.vmNetworkAdapter, named: c[Self.name].map { [$0] } ?? [],
                                           vmNames: Self.vmName, vms: Self.vm)
        for (vm, adapter) in targets {
            guard try c.shouldProcess(target: "\(adapter.name) (\(vm.name))") else { continue }
            try c.reporting {
                let updated = try host.updateNetworkAdapter(adapter.adapterId, of: vm, dynamicMac: c[Self.dynamicMacAddress],
                                                            staticMacAddress: c[Self.staticMacAddress]) { a in
                    if let v = on(Self.macAddressSpoofing) { a.macAddressSpoofing = v }
                    if let v = on(Self.dhcpGuard) { a.dhcpGuard = v }
                    if let v = on(Self.routerGuard) { a.routerGuard = v }
                    if let v = c[Self.portMirroring].flatMap(VMNetworkAdapterPortMirroringMode.parse) { a.portMirroringMode = v }
                    if let v = on(Self.ieeePriorityTag) { a.ieeePriorityTag = v }
                    if let v = c[Self.vmqWeight] { a.vmqWeight = v }
                    if let v = c[Self.iovQueuePairsRequested] { a.iovQueuePairsRequested = v }
                    if let v = c[Self.iovInterruptModeration].flatMap(IovInterruptModerationValue.parse) { a.iovInterruptModeration = v }
                    if let v = c[Self.iovWeight] { a.iovWeight = v }
                    if let v = c[Self.ipsecOffloadMaximumSecurityAssociation] { a.ipsecOffloadMaxSA = v }
                    if let v = c[Self.maximumBandwidth] { a.maximumBandwidth = v }
                    if let v = c[Self.minimumBandwidthAbsolute] { a.minimumBandwidthAbsolute = v }
                    if let v = c[Self.minimumBandwidthWeight] { a.minimumBandwidthWeight = v }
                    if let v = c[Self.mandatoryFeatureId] { a.mandatoryFeatureIds = v }
                    if let v = c[Self.testReplicaPoolName] { a.testReplicaPoolName = v }
                    if let v = c[Self.testReplicaSwitchName] { a.testReplicaSwitchName = v }
                    if let v = c[Self.virtualSubnetId] { a.virtualSubnetId = v }
                    if let v = on(Self.allowTeaming) { a.allowTeaming = v }
                    if let v = c[Self.notMonitoredInCluster] { a.notMonitoredInCluster = v }
                    if let v = c[Self.stormLimit] { a.stormLimit = v }
                    if let v = c[Self.dynamicIPAddressLimit] { a.dynamicIPAddressLimit = v }
                    if let v = on(Self.deviceNaming) { a.deviceNaming = v }
                    if let v = on(Self.fixSpeed10G) { a.fixSpeed10G = v }
                    if let v = c[Self.vrssEnabled] { a.vrssEnabled = v }
                    if let v = c[Self.vmmqEnabled] { a.vmmqEnabled = v }
                    if let v = c[Self.vrssMaxQueuePairs] { a.vrssMaxQueuePairs = v }
                    if let v = c[Self.vrssMinQueuePairs] { a.vrssMinQueuePairs = v }
                }
                if c[HyperVParameters.passthru] {
                    let fresh = try host.vm(id: vm.id) ?? vm
                    try c.writeObject(adapterObject(fresh, updated, index: fresh.networkAdapters.firstIndex { $0.adapterId == updated.adapterId } ?? 0, host))
                }
            }
        }
    }
}

final class AddVMNetworkAdapterCommand: Cmdlet {
    static let managementOS = Parameter<SwitchParameter>("ManagementOS", sets: ["ManagementOS"])
    static let switchName = Parameter<String>("SwitchName")
    static let isLegacy = Parameter<Bool>("IsLegacy", sets: ["VMName", "VMObject"])
    static let name = Parameter<String>("Name", aliases: ["VMNetworkAdapterName"])
    static let dynamicMacAddress = Parameter<SwitchParameter>("DynamicMacAddress")
    static let staticMacAddress = Parameter<String>("StaticMacAddress")
    static let resourcePoolName = Parameter<String>("ResourcePoolName", sets: ["VMName", "VMObject"])
    static let deviceNaming = Parameter<String>("DeviceNaming", type: .enumType(HyperVEnumTypes.onOffState))
    static let declaration = CmdletDeclaration("Add-VMNetworkAdapter", parameters: HyperVParameters.vmSets + [
        managementOS, switchName, isLegacy, name, dynamicMacAddress, staticMacAddress, HyperVParameters.passthru,
        resourcePoolName, deviceNaming,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Adds a network adapter to virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        if context[Self.managementOS] { return try addToManagementOS(context, host) }
        try context.forEachConfirmedVM(host) { vm in
            let added = try host.addNetworkAdapter(to: vm, name: context[Self.name], switchName: context[Self.switchName],
                                                   staticMacAddress: context[Self.staticMacAddress],
                                                   isLegacy: context[Self.isLegacy] ?? false,
                                                   deviceNaming: context[Self.deviceNaming].flatMap(OnOffState.parse))
            if context[HyperVParameters.passthru] {
                let fresh = try host.vm(id: vm.id) ?? vm
                try context.writeObject(adapterObject(fresh, added, index: fresh.networkAdapters.count - 1, host))
            }
        }
    }
}

extension AddVMNetworkAdapterCommand {
    /// `-ManagementOS`: a host adapter `vEthernet (<Name>)` on the switch (a veth pair into its bridge).
    func addToManagementOS(_ context: CmdletContext, _ host: HyperVHost) throws {
        guard let switchName = context[Self.switchName], !switchName.isEmpty else {
            try context.writeFailure(HyperVError("A management OS network adapter needs a virtual switch: specify -SwitchName.",
                                                errorId: "InvalidParameter", category: .invalidArgument))
            return
        }
        let name = context[Self.name] ?? switchName
        guard try context.shouldProcess(target: name) else { return }
        try context.reporting {
            let mac = try context[Self.staticMacAddress].map { try HyperVHost.parseStaticMac($0).colonSeparated }
            let added = try host.managementOS().addManagementOSAdapter(name: name, switchName: switchName, staticMacAddress: mac)
            try context.writePassthru(ManagementOSAdapterObjects.make(added, host))
        }
    }
}

final class RemoveVMNetworkAdapterCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"])
    static let vmNetworkAdapter = Parameter<[PSValue]>("VMNetworkAdapter", type: .array(.named(HyperVCmdlet.adapterBaseType)),
                                                       position: 0, mandatory: true, valueFromPipeline: true, sets: ["ResourceObject"])
    static let managementOS = Parameter<SwitchParameter>("ManagementOS", mandatory: true, sets: ["ManagementOS"])
    static let name = Parameter<String>("Name", aliases: ["VMNetworkAdapterName"], position: 1,
                                        sets: ["VMName", "VMObject", "ManagementOS"])
    static let switchName = Parameter<String>("SwitchName", sets: ["ManagementOS"])
    static let declaration = CmdletDeclaration("Remove-VMNetworkAdapter", parameters: [
        vmName, HyperVParameters.vm, vmNetworkAdapter, managementOS, name, switchName, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Removes network adapters from virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        if context[Self.managementOS] { return try removeFromManagementOS(context, host) }
        let hostAdapters = (context[Self.vmNetworkAdapter] ?? []).compactMap { $0.asObject?.model(as: ManagementOSAdapterView.self)?.adapter }
        if !hostAdapters.isEmpty { try remove(hostAdapters, context, host) }
        let targets = try context.targetAdapters(host, adapters: Self.vmNetworkAdapter, named: context[Self.name].map { [$0] } ?? [],
                                                 vmNames: Self.vmName, vms: HyperVParameters.vm)
        try context.changeEachAdapter(targets, host) { vm, adapter in
            try host.removeNetworkAdapter(adapter.adapterId, from: vm)
            return adapter
        }
    }
}

extension RemoveVMNetworkAdapterCommand {
    /// `-ManagementOS [-Name] [-SwitchName]`: host adapters by name (wildcards; all when no name),
    /// optionally only on one switch. A plain name that matches nothing is Hyper-V's not-found error.
    func removeFromManagementOS(_ context: CmdletContext, _ host: HyperVHost) throws {
        try context.reporting {
            let pattern = context[Self.name] ?? "*"
            let matches = try host.managementOSAdapters(named: pattern, switchName: context[Self.switchName])
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
            try context.reporting {
                try host.managementOS().removeManagementOSAdapters([adapter])
                try context.writePassthru(ManagementOSAdapterObjects.make(adapter, host))
            }
        }
    }
}

final class RenameVMNetworkAdapterCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"])
    static let vmNetworkAdapter = Parameter<[PSValue]>("VMNetworkAdapter", type: .array(.named(adapterType)), position: 0,
                                                       mandatory: true, valueFromPipeline: true, sets: ["ResourceObject"])
    static let managementOS = Parameter<SwitchParameter>("ManagementOS", mandatory: true, sets: ["ManagementOS"])
    static let name = Parameter<String>("Name", aliases: ["VMNetworkAdapterName"], position: 1,
                                        sets: ["VMName", "VMObject", "ManagementOS"])
    static let newName = Parameter<String>("NewName", mandatory: true)
    static let declaration = CmdletDeclaration("Rename-VMNetworkAdapter", parameters: [
        vmName, HyperVParameters.vm, vmNetworkAdapter, managementOS, name, newName, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Renames network adapters of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        if context[Self.managementOS] { return try renameInManagementOS(context, host) }
        let newName = context[Self.newName] ?? ""
        let targets = try context.targetAdapters(host, adapters: Self.vmNetworkAdapter, named: context[Self.name].map { [$0] } ?? [],
                                                 vmNames: Self.vmName, vms: HyperVParameters.vm)
        try context.changeEachAdapter(targets, host) { vm, adapter in
            try host.updateNetworkAdapter(adapter.adapterId, of: vm) { $0.name = newName }
        }
    }
}

extension RenameVMNetworkAdapterCommand {
    /// `-ManagementOS -Name X -NewName Y`: the host adapter's VMNetworkAdapter name.
    func renameInManagementOS(_ context: CmdletContext, _ host: HyperVHost) throws {
        let newName = context[Self.newName] ?? ""
        try context.reporting {
            guard let pattern = context[Self.name] else {
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
                try context.reporting {
                    let renamed = try host.managementOS().renameManagementOSAdapter(adapter, to: newName)
                    try context.writePassthru(ManagementOSAdapterObjects.make(renamed, host))
                }
            }
        }
    }
}

final class ConnectVMNetworkAdapterCommand: Cmdlet {
    static let vmNetworkAdapter = Parameter<[PSValue]>("VMNetworkAdapter", type: .array(.named(adapterType)), memberships: [
        ParameterSetMembership(setName: "Object_SwitchName", position: 0, mandatory: true, valueFromPipeline: true),
        ParameterSetMembership(setName: "Object_SwitchObject", position: 0, mandatory: true, valueFromPipeline: true),
        ParameterSetMembership(setName: "Object_UseAutomaticConnection", position: 0, mandatory: true, valueFromPipeline: true),
    ])
    static let name = Parameter<[String]>("Name", aliases: ["VMNetworkAdapterName"], memberships: [
        ParameterSetMembership(setName: "Name_SwitchName", position: 1),
        ParameterSetMembership(setName: "Name_SwitchObject", position: 1),
        ParameterSetMembership(setName: "Name_UseAutomaticConnection", position: 1),
    ])
    static let switchName = Parameter<String>("SwitchName", memberships: [
        ParameterSetMembership(setName: "Object_SwitchName", position: 1, mandatory: true),
        ParameterSetMembership(setName: "Name_SwitchName", position: 2, mandatory: true),
    ])
    static let vmSwitch = Parameter<PSValue>("VMSwitch", type: .named("Microsoft.HyperV.PowerShell.VMSwitch"), memberships: [
        ParameterSetMembership(setName: "Name_SwitchObject", position: 2, mandatory: true, valueFromPipeline: true),
        ParameterSetMembership(setName: "Object_SwitchObject", position: 1, mandatory: true, valueFromPipeline: true),
    ])
    static let useAutomaticConnection = Parameter<SwitchParameter>("UseAutomaticConnection", memberships: [
        ParameterSetMembership(setName: "Object_UseAutomaticConnection", mandatory: true),
        ParameterSetMembership(setName: "Name_UseAutomaticConnection", mandatory: true),
    ])
    static let vmName = Parameter<[String]>("VMName", memberships: [
        ParameterSetMembership(setName: "Name_SwitchObject", position: 0, mandatory: true),
        ParameterSetMembership(setName: "Name_SwitchName", position: 0, mandatory: true),
        ParameterSetMembership(setName: "Name_UseAutomaticConnection", position: 0, mandatory: true),
    ])
    static let declaration = CmdletDeclaration("Connect-VMNetworkAdapter", parameters: [
        vmNetworkAdapter, name, switchName, vmSwitch, useAutomaticConnection, vmName, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name_SwitchName", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Connects network adapters of virtual machines to a virtual switch.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        var switchName = context[Self.switchName]
        if switchName == nil, let object = context[Self.vmSwitch]?.asObject {
            switchName = (try? object.property("Name")).flatMap { $0.map { PSConvert.toString($0) } }
        }
        if context[Self.useAutomaticConnection] {
            try context.writeFailure(HyperVError("Automatic connection uses resource pools, which hvsh does not have; connect to a switch by name.",
                                                errorId: "NotSupported", category: .notImplemented))
            return
        }
        let targets = try context.targetAdapters(host, adapters: Self.vmNetworkAdapter, named: context[Self.name] ?? [],
                                                 vmNames: Self.vmName, vms: nil)
        try context.changeEachAdapter(targets, host) { vm, adapter in
            try host.updateNetworkAdapter(adapter.adapterId, of: vm, connectTo: switchName)
        }
    }
}

final class DisconnectVMNetworkAdapterCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", position: 0, mandatory: true, sets: ["Name"])
    static let name = Parameter<[String]>("Name", aliases: ["VMNetworkAdapterName"], position: 1, sets: ["Name"])
    static let vmNetworkAdapter = Parameter<[PSValue]>("VMNetworkAdapter", type: .array(.named(adapterType)), position: 0,
                                                       mandatory: true, valueFromPipeline: true, sets: ["Object"])
    static let declaration = CmdletDeclaration("Disconnect-VMNetworkAdapter", parameters: [
        vmName, name, vmNetworkAdapter, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [adapterType], synopsis: "Disconnects network adapters of virtual machines from their switch.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let targets = try context.targetAdapters(host, adapters: Self.vmNetworkAdapter, named: context[Self.name] ?? [],
                                                 vmNames: Self.vmName, vms: nil)
        try context.changeEachAdapter(targets, host) { vm, adapter in
            try host.updateNetworkAdapter(adapter.adapterId, of: vm, disconnect: true)
        }
    }
}
