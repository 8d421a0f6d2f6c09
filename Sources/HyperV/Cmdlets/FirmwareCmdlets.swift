import Foundation
import Inventory
import PSRuntime

private let firmwareType = HyperVTypeNames.firmware[0]

final class GetVMFirmwareCommand: Cmdlet {
    static let declaration = DeviceSource.getterDeclaration("Get-VMFirmware", outputType: firmwareType,
        synopsis: "Shows the firmware settings of generation 2 virtual machines (with hvsh's direct-boot extension).")

    func process(_ context: CmdletContext) throws {
        // A generation 1 VM has firmware settings only when it boots a kernel directly (hvsh's extension).
        try DeviceSource.writeSettings(context, DeviceObjects.firmware, refusing: { vm in
            vm.generation == 2 || vm.firmware.kernelPath != nil ? nil : .generation1NoFirmware(vm)
        }) { $0 }
    }
}

/// Set-VMFirmware. `-KernelPath`, `-InitrdPath` and `-KernelCommandLine` are hvsh extensions:
/// they make the VM boot a Linux kernel (or ELF/flat image) directly, without a disk, and work on
/// both generations; an empty string removes the setting.
final class SetVMFirmwareCommand: Cmdlet {
    static let vmFirmware = Parameter<[PSValue]>("VMFirmware", type: .array(.named(firmwareType)), position: 0, mandatory: true,
                                                 valueFromPipeline: true, sets: ["VMFirmware"])
    static let enableSecureBoot = Parameter<String>("EnableSecureBoot", type: .enumType(HyperVEnumTypes.onOffState))
    static let secureBootTemplate = Parameter<String>("SecureBootTemplate")
    static let secureBootTemplateId = Parameter<PSValue>("SecureBootTemplateId", type: .guid)
    static let preferredNetworkBootProtocol = Parameter<String>("PreferredNetworkBootProtocol",
                                                                type: .enumType(HyperVEnumTypes.ipProtocolPreference))
    static let consoleMode = Parameter<String>("ConsoleMode", type: .enumType(HyperVEnumTypes.consoleMode))
    static let pauseAfterBootFailure = Parameter<String>("PauseAfterBootFailure", type: .enumType(HyperVEnumTypes.onOffState))
    static let bootOrder = Parameter<[PSValue]>("BootOrder", type: .array(.named(HyperVTypeNames.componentObject)))
    static let firstBootDevice = Parameter<PSValue>("FirstBootDevice", type: .named(HyperVTypeNames.componentObject))
    static let kernelPath = Parameter<String>("KernelPath", help: "hvsh extension: a Linux bzImage, ELF or flat image to boot directly.")
    static let initrdPath = Parameter<String>("InitrdPath", help: "hvsh extension: the initrd for -KernelPath.")
    static let kernelCommandLine = Parameter<String>("KernelCommandLine", help: "hvsh extension: the kernel command line for -KernelPath.")

    static let declaration = CmdletDeclaration("Set-VMFirmware", parameters: HyperVParameters.vmSets + [
        vmFirmware, enableSecureBoot, secureBootTemplate, secureBootTemplateId, preferredNetworkBootProtocol, consoleMode,
        pauseAfterBootFailure, bootOrder, firstBootDevice, kernelPath, initrdPath, kernelCommandLine, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [firmwareType], synopsis: "Configures firmware and (hvsh extension) direct kernel boot of virtual machines.")

    /// Whether any setting only generation 2 VMs have was given.
    static func touchesGeneration2(_ c: CmdletContext) -> Bool {
        c.isBound(enableSecureBoot) || c.isBound(secureBootTemplate) || c.isBound(secureBootTemplateId)
            || c.isBound(preferredNetworkBootProtocol) || c.isBound(consoleMode) || c.isBound(pauseAfterBootFailure)
            || c.isBound(bootOrder) || c.isBound(firstBootDevice)
    }

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let c = context
        let vms = try c.deviceOwners(Self.vmFirmware, as: VMConfiguration.self, host)
        let touchesGeneration2 = Self.touchesGeneration2(c)
        // An empty string removes the setting.
        func optionalText(_ key: Parameter<String>) -> String?? {
            guard let text = c[key] else { return nil }
            return .some(text.isEmpty ? nil : text)
        }
        func optionalPath(_ key: Parameter<String>) throws -> String?? {
            guard let text = c[key] else { return nil }
            // `builtin:name` names one of hvsh's built-in boot images, not a file.
            return .some(text.isEmpty ? nil : text.hasPrefix("builtin:") ? text : try c.diskPath(text))
        }
        let kernel = try optionalPath(Self.kernelPath), initrd = try optionalPath(Self.initrdPath)
        let bootOrderChange: BootOrderChange?
        do {
            bootOrderChange = try Self.bootOrderChange(c)
        } catch let error as HyperVError {
            try c.writeFailure(error)
            return
        }
        try c.forEachConfirmed(vms) { vm in
            let updated = try host.setFirmware(of: vm, touchesGeneration2Settings: touchesGeneration2,
                                               bootOrder: bootOrderChange) { f in
                if let v = c[Self.enableSecureBoot].flatMap(OnOffState.parse) { f.secureBoot = v }
                if let v = c[Self.secureBootTemplate] { f.secureBootTemplate = v }
                if let v = c[Self.preferredNetworkBootProtocol].flatMap(IPProtocolPreference.parse) { f.preferredNetworkBootProtocol = v }
                if let v = c[Self.consoleMode].flatMap(ConsoleMode.parse) { f.consoleMode = v }
                if let v = c[Self.pauseAfterBootFailure].flatMap(OnOffState.parse) { f.pauseAfterBootFailure = v }
                if let v = kernel { f.kernelPath = v }
                if let v = initrd { f.initrdPath = v }
                if let v = optionalText(Self.kernelCommandLine) { f.kernelCommandLine = v }
            }
            try c.writePassthru(.object(DeviceObjects.firmware.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated, index: 0))))
        }
    }
}

extension SetVMFirmwareCommand {
    /// -BootOrder or -FirstBootDevice as a change of the boot order (both at once: Hyper-V applies
    /// the order, then puts the first device at its head).
    static func bootOrderChange(_ c: CmdletContext) throws -> BootOrderChange? {
        func reference(_ value: PSValue) throws -> BootDeviceReference {
            guard let found = BootObjects.reference(value) else {
                throw HyperVError("The object given is not a hard drive, DVD drive, network adapter or boot source of a virtual machine.",
                                  errorId: "InvalidParameter", category: .invalidArgument)
            }
            return BootDeviceReference(vmId: found.vmId, vmName: found.vmName, entry: found.entry)
        }
        let first = try c[firstBootDevice].flatMap { $0.isNull ? nil : try reference($0) }
        let order = try c[bootOrder].map { try $0.filter { !$0.isNull }.map(reference) }
        guard first != nil || order != nil else { return nil }
        return BootOrderChange(order: order, first: first)
    }
}

final class GetVMIntegrationServiceCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 1)
    static let declaration = CmdletDeclaration("Get-VMIntegrationService", parameters: DeviceSource.parameters + [name]
        + HyperVParameters.remoting, defaultParameterSet: "VMName",
       outputTypes: [HyperVTypeNames.integrationComponent[0]], synopsis: "Lists the integration services of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let patterns = (context[Self.name] ?? []).map { WildcardPattern($0) }
        try context.reporting {
            for source in try DeviceSource.resolve(context, host) {
                for (index, service) in source.config.integrationServices.enumerated()
                where patterns.isEmpty || patterns.contains(where: { $0.matches(service.name) }) {
                    try context.writeObject(.object(DeviceObjects.integrationComponent.make(DeviceView(owner: source.owner, settings: service, index: index))))
                }
            }
        }
    }
}

/// Enable-VMIntegrationService and Disable-VMIntegrationService: the same parameters and work.
enum SetVMIntegrationServiceState {
    static let name = Parameter<[String]>("Name", memberships: [
        ParameterSetMembership(setName: "VMName", position: 0, mandatory: true),
        ParameterSetMembership(setName: "VMObject", position: 0, mandatory: true),
    ])
    static let vmName = Parameter<[String]>("VMName", position: 1, mandatory: true, valueFromPipeline: true, sets: ["VMName"])
    static let vm = Parameter<[PSValue]>("VM", type: .array(.named(HyperVCmdlet.vmType)), position: 1, mandatory: true,
                                         valueFromPipeline: true, sets: ["VMObject"])
    static let vmIntegrationService = Parameter<[PSValue]>("VMIntegrationService", type: .array(.named(HyperVTypeNames.integrationComponent[0])),
                                                           position: 0, mandatory: true, valueFromPipeline: true, sets: ["ResourceObject"])
    static let parameters: [any ParameterKey] = [name, vmName, vm, vmIntegrationService, HyperVParameters.passthru]
        + HyperVParameters.remoting

    /// Enable- and Disable-VMIntegrationService declare the same parameters.
    static func declaration(_ name: String, synopsis: String) -> CmdletDeclaration {
        CmdletDeclaration(name, parameters: parameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
                          outputTypes: [HyperVTypeNames.integrationComponent[0]], synopsis: synopsis)
    }

    static func run(_ context: CmdletContext, enable: Bool) throws {
        let host = try context.service(HyperVHost.self)
        var targets: [(VMConfiguration, [String])] = []
        if context.isBound(Self.vmIntegrationService) {
            for (vm, device) in try context.configsFromDevices(Self.vmIntegrationService, as: IntegrationServiceSettings.self, host) {
                targets.append((vm, [device.settings.name]))
            }
        } else {
            let names = context[Self.name] ?? []
            for vm in try context.targetVMs(host, names: Self.vmName, objects: Self.vm) { targets.append((vm, names)) }
        }
        for (vm, names) in targets {
            let patterns = names.map { WildcardPattern($0) }
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reporting {
                let updated = try host.updateVM(id: vm.id, name: vm.name) { v, _, _ in
                    var matched = false
                    for index in v.integrationServices.indices where patterns.contains(where: { $0.matches(v.integrationServices[index].name) }) {
                        v.integrationServices[index].enabled = enable
                        matched = true
                    }
                    if !matched {
                        throw HyperVError("No integration service named '\(names.joined(separator: ", "))' was found on virtual machine '\(v.name)'.",
                                          errorId: "ObjectNotFound", category: .objectNotFound, target: names.first)
                    }
                }
                if context[HyperVParameters.passthru] {
                    let owner = HyperVObjects.owner(updated, host)
                    for (index, service) in updated.integrationServices.enumerated() where patterns.contains(where: { $0.matches(service.name) }) {
                        try context.writeObject(.object(DeviceObjects.integrationComponent.make(DeviceView(owner: owner, settings: service, index: index))))
                    }
                }
            }
        }
    }
}

final class EnableVMIntegrationServiceCommand: Cmdlet {
    static let declaration = SetVMIntegrationServiceState.declaration("Enable-VMIntegrationService",
        synopsis: "Enables integration services of virtual machines (Shutdown makes Stop-VM shut the guest down cleanly).")
    func process(_ context: CmdletContext) throws { try SetVMIntegrationServiceState.run(context, enable: true) }
}

final class DisableVMIntegrationServiceCommand: Cmdlet {
    static let declaration = SetVMIntegrationServiceState.declaration("Disable-VMIntegrationService",
        synopsis: "Disables integration services of virtual machines.")
    func process(_ context: CmdletContext) throws { try SetVMIntegrationServiceState.run(context, enable: false) }
}
