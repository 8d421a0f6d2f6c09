import Foundation
import Inventory
import PSRuntime

private let firmwareType = HyperVTypeNames.firmware[0]

final class GetVMFirmwareCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMFirmware", parameters: DeviceSource.vmSets + [DeviceSource.snapshotSet]
        + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
        outputTypes: [firmwareType], synopsis: "Shows the firmware settings of generation 2 virtual machines (with hvsh's direct-boot extension).")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            for source in try DeviceSource.resolve(context, host) {
                guard source.config.generation == 2 || source.config.firmware.kernelPath != nil else {
                    try context.writeHyperV(.generation1NoFirmware(source.config))
                    continue
                }
                try context.writeObject(.object(DeviceObjects.firmware.make(DeviceView(owner: source.owner, settings: source.config.firmware, index: 0))))
            }
        }
    }
}

/// Set-VMFirmware. `-KernelPath`, `-InitrdPath` and `-KernelCommandLine` are hvsh extensions:
/// they make the VM boot a Linux kernel (or ELF/flat image) directly, without a disk, and work on
/// both generations; an empty string removes the setting.
final class SetVMFirmwareCmdlet: Cmdlet {
    static let generation2Parameters = ["EnableSecureBoot", "SecureBootTemplate", "SecureBootTemplateId", "PreferredNetworkBootProtocol",
                                        "ConsoleMode", "PauseAfterBootFailure", "BootOrder", "FirstBootDevice"]

    static let declaration = CmdletDeclaration("Set-VMFirmware", parameters: DeviceSource.vmSets + [
        ParameterDeclaration("VMFirmware", .array(.named(firmwareType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMFirmware"]),
        ParameterDeclaration("EnableSecureBoot", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("SecureBootTemplate", .string),
        ParameterDeclaration("SecureBootTemplateId", .guid),
        ParameterDeclaration("PreferredNetworkBootProtocol", .enumType(HyperVEnumTypes.ipProtocolPreference)),
        ParameterDeclaration("ConsoleMode", .enumType(HyperVEnumTypes.consoleMode)),
        ParameterDeclaration("PauseAfterBootFailure", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("BootOrder", .array(.object)),
        ParameterDeclaration("FirstBootDevice", .object),
        ParameterDeclaration("KernelPath", .string, help: "hvsh extension: a Linux bzImage, ELF or flat image to boot directly."),
        ParameterDeclaration("InitrdPath", .string, help: "hvsh extension: the initrd for -KernelPath."),
        ParameterDeclaration("KernelCommandLine", .string, help: "hvsh extension: the kernel command line for -KernelPath."),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [firmwareType], synopsis: "Configures firmware and (hvsh extension) direct kernel boot of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let c = context
        let vms: [VMConfiguration] = c.isBound("VMFirmware")
            ? try c.configsFromDevices("VMFirmware", as: FirmwareSettings.self, host).map(\.0)
            : try c.targetVMs(host)
        let touchesGeneration2 = Self.generation2Parameters.contains { c.isBound($0) }
        func optionalPath(_ name: String) -> String?? {
            guard c.isBound(name) else { return nil }
            let text = c.string(name) ?? ""
            return .some(text.isEmpty ? nil : text)
        }
        for vm in vms {
            guard try c.shouldProcess(target: vm.name) else { continue }
            try c.reportingFailures {
                let updated = try host.setFirmware(of: vm, touchesGeneration2Settings: touchesGeneration2) { f in
                    if let v = c.enumName("EnableSecureBoot").flatMap(OnOffState.parse) { f.secureBoot = v }
                    if let v = c.string("SecureBootTemplate") { f.secureBootTemplate = v }
                    if let v = c.enumName("PreferredNetworkBootProtocol").flatMap(IPProtocolPreference.parse) { f.preferredNetworkBootProtocol = v }
                    if let v = c.enumName("ConsoleMode").flatMap(ConsoleMode.parse) { f.consoleMode = v }
                    if let v = c.enumName("PauseAfterBootFailure").flatMap(OnOffState.parse) { f.pauseAfterBootFailure = v }
                    if let v = optionalPath("KernelPath") { f.kernelPath = v }
                    if let v = optionalPath("InitrdPath") { f.initrdPath = v }
                    if let v = optionalPath("KernelCommandLine") { f.kernelCommandLine = v }
                }
                if c.passthru() {
                    try c.writeObject(.object(DeviceObjects.firmware.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated.firmware, index: 0))))
                }
            }
        }
    }
}

final class GetVMIntegrationServiceCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMIntegrationService", parameters: DeviceSource.vmSets + [
        DeviceSource.snapshotSet,
        ParameterDeclaration("Name", .array(.string), position: 1),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
       outputTypes: [HyperVTypeNames.integrationComponent[0]], synopsis: "Lists the integration services of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let patterns = (context.strings("Name") ?? []).map(WildcardPattern.init)
        try context.reportingFailures {
            for source in try DeviceSource.resolve(context, host) {
                for (index, service) in source.config.integrationServices.enumerated()
                where patterns.isEmpty || patterns.contains(where: { $0.matches(service.name) }) {
                    try context.writeObject(.object(DeviceObjects.integrationComponent.make(DeviceView(owner: source.owner, settings: service, index: index))))
                }
            }
        }
    }
}

/// Enable-VMIntegrationService and Disable-VMIntegrationService (one class, two names).
class SetVMIntegrationServiceState {
    static func parameters() -> [ParameterDeclaration] {
        [
            ParameterDeclaration("Name", .array(.string), memberships: [
                ParameterSetMembership(setName: "VMName", position: 0, mandatory: true),
                ParameterSetMembership(setName: "VMObject", position: 0, mandatory: true),
            ]),
            ParameterDeclaration("VMName", .array(.string), position: 1, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
            ParameterDeclaration("VM", .array(.named(HyperVCmdlet.vmType)), position: 1, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
            ParameterDeclaration("VMIntegrationService", .array(.named(HyperVTypeNames.integrationComponent[0])), position: 0, mandatory: true,
                                 valueFromPipeline: true, sets: ["ResourceObject"]),
            ParameterDeclaration("Passthru", .switchParameter),
        ] + HyperVCmdlet.remotingParameters
    }

    static func run(_ context: CmdletContext, enable: Bool) throws {
        let host = try HyperVSession.current()
        var targets: [(VMConfiguration, [String])] = []
        if context.isBound("VMIntegrationService") {
            for (vm, device) in try context.configsFromDevices("VMIntegrationService", as: IntegrationServiceSettings.self, host) {
                targets.append((vm, [device.settings.name]))
            }
        } else {
            let names = context.strings("Name") ?? []
            for vm in try context.targetVMs(host) { targets.append((vm, names)) }
        }
        for (vm, names) in targets {
            let patterns = names.map(WildcardPattern.init)
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
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
                if context.passthru() {
                    let owner = HyperVObjects.owner(updated, host)
                    for (index, service) in updated.integrationServices.enumerated() where patterns.contains(where: { $0.matches(service.name) }) {
                        try context.writeObject(.object(DeviceObjects.integrationComponent.make(DeviceView(owner: owner, settings: service, index: index))))
                    }
                }
            }
        }
    }
}

final class EnableVMIntegrationServiceCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Enable-VMIntegrationService", parameters: SetVMIntegrationServiceState.parameters(),
        defaultParameterSet: "VMName", supportsShouldProcess: true, outputTypes: [HyperVTypeNames.integrationComponent[0]],
        synopsis: "Enables integration services of virtual machines (Shutdown makes Stop-VM shut the guest down cleanly).")
    init() {}
    func process(_ context: CmdletContext) throws { try SetVMIntegrationServiceState.run(context, enable: true) }
}

final class DisableVMIntegrationServiceCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Disable-VMIntegrationService", parameters: SetVMIntegrationServiceState.parameters(),
        defaultParameterSet: "VMName", supportsShouldProcess: true, outputTypes: [HyperVTypeNames.integrationComponent[0]],
        synopsis: "Disables integration services of virtual machines.")
    init() {}
    func process(_ context: CmdletContext) throws { try SetVMIntegrationServiceState.run(context, enable: false) }
}
