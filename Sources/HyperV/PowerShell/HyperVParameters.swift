import PSRuntime

/// Parameters several Hyper-V cmdlets declare alike. A cmdlet whose parameter differs in any
/// attribute (position, sets, a scalar type) declares its own key instead.
enum HyperVParameters {
    /// The remoting parameters every Hyper-V cmdlet accepts; hvsh manages this host only.
    static let computerName = Parameter<[String]>("ComputerName")
    static let cimSession = Parameter<[PSValue]>("CimSession")
    static let credential = Parameter<[PSValue]>("Credential")
    static let remoting: [any ParameterKey] = [computerName, cimSession, credential]

    /// `-VMName` / `-VM` of the device cmdlets (Get-VMProcessor, Add-VMHardDiskDrive, ...).
    static let vmName = Parameter<[String]>("VMName", position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"])
    static let vm = Parameter<[PSValue]>("VM", type: .array(.named(HyperVCmdlet.vmType)), position: 0, mandatory: true,
                                         valueFromPipeline: true, sets: ["VMObject"])
    static let vmSets: [any ParameterKey] = [vmName, vm]
    /// The device getters' checkpoint source (`-VMSnapshot`, alias `-VMCheckpoint`).
    static let vmSnapshot = Parameter<[PSValue]>("VMSnapshot", type: .named(HyperVCmdlet.snapshotType), aliases: ["VMCheckpoint"],
                                                 position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMSnapshot"])

    /// `-Name` (alias `-VMName`) / `-VM` of the cmdlets about whole VMs (Set-VM, Start-VM, Checkpoint-VM, ...).
    static let name = Parameter<[String]>("Name", aliases: ["VMName"], position: 0, mandatory: true, valueFromPipeline: true,
                                          sets: ["Name"])

    static let passthru = Parameter<SwitchParameter>("Passthru")
    static let asJob = Parameter<SwitchParameter>("AsJob")
    static let force = Parameter<SwitchParameter>("Force")
    static let resourcePoolName = Parameter<String>("ResourcePoolName")
    static let allowUnverifiedPaths = Parameter<SwitchParameter>("AllowUnverifiedPaths")

    /// The drive slot filters of Get-VMHardDiskDrive, Add-VMHardDiskDrive and Get-VMDvdDrive.
    static let controllerType = Parameter<String>("ControllerType", type: .enumType(HyperVEnumTypes.controllerType), position: 1,
                                                  sets: ["VMName", "VMObject"])
    static let controllerNumber = Parameter<Int>("ControllerNumber", position: 2, sets: ["VMName", "VMObject"])
    static let controllerLocation = Parameter<Int>("ControllerLocation", position: 3)
}
