import Foundation
import Inventory
import PSRuntime

private func hostObject(_ host: HyperVHost) throws -> PSValue {
    .object(MachineObjects.host.make(HostView(info: host.info, settings: try host.hostSettings(), pool: try host.macAddressPool())))
}

final class GetVMHostCommand: Cmdlet {
    static let computerName = Parameter<[String]>("ComputerName", position: 0, sets: ["ComputerName"])
    static let credential = Parameter<[PSValue]>("Credential", position: 1, sets: ["ComputerName"])
    static let cimSession = Parameter<[PSValue]>("CimSession", position: 0, mandatory: true, sets: ["CimSession"])
    static let declaration = CmdletDeclaration("Get-VMHost", parameters: [computerName, credential, cimSession],
        defaultParameterSet: "ComputerName", outputTypes: [HyperVTypeNames.host[0]], synopsis: "Shows this Hyper-V host's settings.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.reporting { try context.writeObject(try hostObject(host)) }
    }
}

final class SetVMHostCommand: Cmdlet {
    static let maximumStorageMigrations = Parameter<UInt32>("MaximumStorageMigrations")
    static let maximumVirtualMachineMigrations = Parameter<UInt32>("MaximumVirtualMachineMigrations")
    static let virtualMachineMigrationAuthenticationType = Parameter<String>("VirtualMachineMigrationAuthenticationType")
    static let useAnyNetworkForMigration = Parameter<Bool>("UseAnyNetworkForMigration")
    static let virtualMachineMigrationPerformanceOption = Parameter<String>("VirtualMachineMigrationPerformanceOption")
    static let resourceMeteringSaveInterval = Parameter<PSValue>("ResourceMeteringSaveInterval", type: .timeSpan)
    static let fibreChannelWwnn = Parameter<String>("FibreChannelWwnn")
    static let fibreChannelWwpnMaximum = Parameter<String>("FibreChannelWwpnMaximum")
    static let fibreChannelWwpnMinimum = Parameter<String>("FibreChannelWwpnMinimum")
    static let macAddressMaximum = Parameter<String>("MacAddressMaximum")
    static let macAddressMinimum = Parameter<String>("MacAddressMinimum")
    static let virtualHardDiskPath = Parameter<String>("VirtualHardDiskPath")
    static let virtualMachinePath = Parameter<String>("VirtualMachinePath")
    static let numaSpanningEnabled = Parameter<Bool>("NumaSpanningEnabled")
    static let enableEnhancedSessionMode = Parameter<Bool>("EnableEnhancedSessionMode")
    static let declaration = CmdletDeclaration("Set-VMHost", parameters: [
        maximumStorageMigrations, maximumVirtualMachineMigrations, virtualMachineMigrationAuthenticationType,
        useAnyNetworkForMigration, virtualMachineMigrationPerformanceOption, resourceMeteringSaveInterval, fibreChannelWwnn,
        fibreChannelWwpnMaximum, fibreChannelWwpnMinimum, macAddressMaximum, macAddressMinimum, virtualHardDiskPath,
        virtualMachinePath, numaSpanningEnabled, enableEnhancedSessionMode, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.host[0]], synopsis: "Changes this Hyper-V host's settings (paths, dynamic MAC address range).")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        guard try context.shouldProcess(target: host.info.computerName) else { return }
        try context.reporting {
            try host.setHost(virtualMachinePath: try context.diskPath(context[Self.virtualMachinePath]),
                             virtualHardDiskPath: try context.diskPath(context[Self.virtualHardDiskPath]),
                             macMinimum: context[Self.macAddressMinimum], macMaximum: context[Self.macAddressMaximum],
                             enableEnhancedSessionMode: context[Self.enableEnhancedSessionMode],
                             numaSpanningEnabled: context[Self.numaSpanningEnabled])
            try context.writePassthru(hostObject(host))
        }
    }
}
