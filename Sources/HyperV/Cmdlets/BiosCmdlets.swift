import Foundation
import PSRuntime

private let biosType = HyperVTypeNames.bios[0]

/// Get-VMBios: the BIOS of generation 1 VMs (startup order, Num Lock).
final class GetVMBiosCommand: Cmdlet {
    static let declaration = DeviceSource.getterDeclaration("Get-VMBios", outputType: biosType,
                                                           synopsis: "Shows the BIOS settings of generation 1 virtual machines.")

    func process(_ context: CmdletContext) throws {
        try DeviceSource.writeSettings(context, BootObjects.bios, refusing: { $0.generation == 1 ? nil : .generation2NoBios($0) }) { $0 }
    }
}

/// Set-VMBios: the startup order (each of Floppy, CD, IDE and LegacyNetworkAdapter once) and Num Lock.
final class SetVMBiosCommand: Cmdlet {
    static let vmBios = Parameter<[PSValue]>("VMBios", type: .array(.named(biosType)), position: 0, mandatory: true,
                                             valueFromPipeline: true, sets: ["VMBios"])
    static let disableNumLock = Parameter<SwitchParameter>("DisableNumLock")
    static let enableNumLock = Parameter<SwitchParameter>("EnableNumLock")
    static let startupOrder = Parameter<[String]>("StartupOrder", type: .array(.enumType(HyperVEnumTypes.bootDevice)))

    static let declaration = CmdletDeclaration("Set-VMBios", parameters: HyperVParameters.vmSets + [
        vmBios, disableNumLock, enableNumLock, startupOrder, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [biosType], synopsis: "Sets the startup order and Num Lock state of generation 1 virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let c = context
        let vms = try c.deviceOwners(Self.vmBios, as: VMConfiguration.self, host)
        if c[Self.enableNumLock] && c[Self.disableNumLock] {
            throw c.terminatingError("Parameters EnableNumLock and DisableNumLock cannot be used together.",
                                     errorId: "InvalidParameter", category: .invalidArgument)
        }
        let numLock: Bool? = c[Self.enableNumLock] ? true : c[Self.disableNumLock] ? false : nil
        let order = c[Self.startupOrder]?.compactMap(BootDevice.parse)
        try c.forEachConfirmed(vms) { vm in
            let updated = try host.setBios(of: vm, startupOrder: order, numLockEnabled: numLock)
            try c.writePassthru(.object(BootObjects.bios.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated, index: 0))))
        }
    }
}
