// The Windows-only cmdlets lab scripts call: they bind their usual parameters and then fail with a
// clear, catchable error.

import PSRuntime

/// Cmdlets that exist only on Windows: they bind their usual parameters and then fail with a
/// PlatformNotSupported error that `try/catch` and `-ErrorAction` handle like any other. Their
/// parameters are declared (so scripts bind) but never read.
class WindowsOnlyBase {
    func begin(_ context: CmdletContext) throws {
        throw context.terminatingError("\(context.commandName) is not supported on this platform: it needs Windows (WMI/CIM, Windows features or UEFI services), which hvsh on Linux does not have.",
                                       errorId: "PlatformNotSupported", category: .notImplemented,
                                       exceptionType: "System.PlatformNotSupportedException")
    }

    /// Takes whatever else a script passes, so the call reaches the PlatformNotSupported error
    /// instead of failing to bind.
    static let remainingArguments = Parameter<[PSValue]>("RemainingArguments", valueFromRemainingArguments: true, dontShow: true)

    static func parameters(_ keys: [any ParameterKey]) -> [any ParameterKey] { keys + [remainingArguments] }
}

final class OutGridViewCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Out-GridView", parameters: parameters([
        Parameter<PSValue>("InputObject", valueFromPipeline: true),
        Parameter<String>("Title", position: 0), Parameter<SwitchParameter>("PassThru"), Parameter<String>("OutputMode"),
        Parameter<SwitchParameter>("Wait"),
    ]), synopsis: "Not available: shows objects in a window on Windows.", description: "Fails with a PlatformNotSupported error: there is no graphical grid view on this platform.")
    required override init() {}
}

final class GetCimInstanceCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Get-CimInstance", parameters: parameters([
        Parameter<String>("ClassName", position: 0), Parameter<String>("Namespace"), Parameter<String>("Filter"),
        Parameter<String>("Query"), Parameter<[String]>("ComputerName"), Parameter<PSValue>("CimSession"),
        Parameter<[String]>("Property"), Parameter<SwitchParameter>("KeyOnly"),
    ]), synopsis: "Not available: reads CIM/WMI classes on Windows.", description: "Fails with a PlatformNotSupported error: there is no CIM/WMI service on this platform.",
        className: "Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand")
    required override init() {}
}

final class GetWmiObjectCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Get-WmiObject", parameters: parameters([
        Parameter<String>("Class", position: 0), Parameter<String>("Namespace"), Parameter<String>("Filter"),
        Parameter<String>("Query"), Parameter<[String]>("ComputerName"), Parameter<[String]>("Property"),
        Parameter<SwitchParameter>("List"),
    ]), synopsis: "Not available: reads WMI classes on Windows.", description: "Fails with a PlatformNotSupported error: there is no WMI service on this platform.")
    required override init() {}
}

final class InstallWindowsFeatureCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Install-WindowsFeature", parameters: parameters([
        Parameter<[String]>("Name", position: 0), Parameter<SwitchParameter>("IncludeManagementTools"),
        Parameter<SwitchParameter>("IncludeAllSubFeature"), Parameter<SwitchParameter>("Restart"),
        Parameter<String>("ComputerName"), Parameter<String>("Source"),
    ]), synopsis: "Not available: installs Windows Server roles and features.", description: "Fails with a PlatformNotSupported error: Windows features do not exist on this platform; hvsh's Hyper-V cmdlets are always available.",
        className: "Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand")
    required override init() {}
}

final class GetWindowsOptionalFeatureCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Get-WindowsOptionalFeature", parameters: parameters([
        Parameter<String>("FeatureName", position: 0), Parameter<SwitchParameter>("Online"), Parameter<String>("Path"),
    ]), synopsis: "Not available: lists Windows optional features.", description: "Fails with a PlatformNotSupported error: Windows optional features do not exist on this platform.",
        className: "Microsoft.Dism.Commands.GetWindowsOptionalFeatureCommand")
    required override init() {}
}

final class EnableWindowsOptionalFeatureCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Enable-WindowsOptionalFeature", parameters: parameters([
        Parameter<[String]>("FeatureName", position: 0), Parameter<SwitchParameter>("Online"), Parameter<SwitchParameter>("All"),
        Parameter<SwitchParameter>("NoRestart"), Parameter<String>("Path"),
    ]), synopsis: "Not available: enables Windows optional features.", description: "Fails with a PlatformNotSupported error: Windows optional features do not exist on this platform.",
        className: "Microsoft.Dism.Commands.EnableWindowsOptionalFeatureCommand")
    required override init() {}
}

final class ConfirmSecureBootUEFICommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Confirm-SecureBootUEFI", parameters: parameters([]),
        synopsis: "Not available: reports the host's UEFI Secure Boot state on Windows.", description: "Fails with a PlatformNotSupported error: hvsh does not read UEFI variables.",
        className: "Microsoft.SecureBoot.Commands.ConfirmSecureBootUefiCommand")
    required override init() {}
}
