import PSRuntime

/// Parameters several networking cmdlets declare alike. A cmdlet whose parameter differs in any
/// attribute (position, sets, a scalar type) declares its own key instead.
enum CommonNetworkingParameters {
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let inputObject = Parameter<[PSValue]>("InputObject", mandatory: true, valueFromPipeline: true, sets: ["InputObject"])
    static let cimSession = Parameter<[PSValue]>("CimSession", aliases: ["Session"])
    static let throttleLimit = Parameter<Int32>("ThrottleLimit")
    static let asJob = Parameter<SwitchParameter>("AsJob")
    static let computerName = Parameter<[String]>("ComputerName")
    /// What the CIM cmdlets (NetAdapter, NetTCPIP, NetNat) end their parameter lists with.
    static let cim: [any ParameterKey] = [cimSession, throttleLimit, asJob]

    /// The ShouldProcess common parameters the binder adds (no cmdlet declares them); read when
    /// deciding whether a removal would ask for confirmation.
    static let whatIf = Parameter<Bool>("WhatIf", type: .switchParameter)
    static let confirm = Parameter<Bool>("Confirm", type: .switchParameter)

    /// `-Name` / `-VMSwitch` of Set-VMSwitch and Remove-VMSwitch (Rename-VMSwitch shares `-VMSwitch`).
    static let switchName = Parameter<[String]>("Name", aliases: ["SwitchName"], position: 0, mandatory: true,
                                                valueFromPipeline: true, sets: ["Name"])
    static let vmSwitch = Parameter<[PSValue]>("VMSwitch", type: .array(.named(NetworkingTypes.vmSwitch)), position: 0,
                                               mandatory: true, valueFromPipeline: true, sets: ["SwitchObject"])

    /// The adapters Enable-, Disable- and Rename-NetAdapter act on: `-Name`, `-InterfaceDescription`
    /// or piped adapters (`inputObject`). Windows binds piped adapters through -InputObject only;
    /// taking -Name by property name as well lets `Get-NetAdapter X | Enable-NetAdapter` bind even
    /// where the binder settles on ByName first.
    static let adapterName = Parameter<[String]>("Name", aliases: ["ifAlias", "InterfaceAlias"], position: 0, mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["ByName"])
    static let adapterDescription = Parameter<[String]>("InterfaceDescription", aliases: ["ifDesc"], mandatory: true,
                                                        sets: ["ByInstanceID"])
    static let includeHidden = Parameter<SwitchParameter>("IncludeHidden")
    static let adapterSelection: [any ParameterKey] = [adapterName, adapterDescription, inputObject, includeHidden, passThru] + cim

    /// The address filters Get-, Remove- and Set-NetIPAddress share (each adds its own -PrefixLength).
    static let ipAddress = Parameter<[String]>("IPAddress", aliases: ["LocalAddress"], position: 0,
                                               valueFromPipelineByPropertyName: true, sets: ["Query"])
    static let interfaceIndex = Parameter<[UInt32]>("InterfaceIndex", aliases: ["ifIndex"], valueFromPipelineByPropertyName: true,
                                                    sets: ["Query"])
    static let interfaceAlias = Parameter<[String]>("InterfaceAlias", aliases: ["ifAlias"], valueFromPipelineByPropertyName: true,
                                                    sets: ["Query"])
    static let addressFamily = Parameter<[String]>("AddressFamily", type: .array(.enumType(NetworkingTypes.addressFamily)),
                                                   sets: ["Query"])
    static let type = Parameter<[String]>("Type", sets: ["Query"])
    static let prefixOrigin = Parameter<[String]>("PrefixOrigin", sets: ["Query"])
    static let suffixOrigin = Parameter<[String]>("SuffixOrigin", sets: ["Query"])
    static let addressState = Parameter<[String]>("AddressState", sets: ["Query"])
    static let policyStore = Parameter<String>("PolicyStore")
    static let includeAllCompartments = Parameter<SwitchParameter>("IncludeAllCompartments")
    static let addressFilters: [any ParameterKey] = [
        ipAddress, interfaceIndex, interfaceAlias, addressFamily, type, prefixOrigin, suffixOrigin, addressState, policyStore,
        includeAllCompartments,
    ] + cim
}
