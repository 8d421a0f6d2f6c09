import Foundation

/// Automatic and preference variables a new session starts with.
enum BuiltinVariables {
    static func install(in s: ShellSession) {
        let g = s.globalScope
        func set(_ n: String, _ v: PSValue, _ o: VariableOptions = []) { g.set(n, v).options = o }
        set("ErrorActionPreference", ActionPreference.continue.value)
        set("WarningPreference", ActionPreference.continue.value)
        set("VerbosePreference", ActionPreference.silentlyContinue.value)
        set("DebugPreference", ActionPreference.silentlyContinue.value)
        set("InformationPreference", ActionPreference.silentlyContinue.value)
        set("ProgressPreference", ActionPreference.continue.value)
        // PowerShell's global preference variables are [ActionPreference]: a string assigned to one
        // becomes the enum value, and Suspend or a name no member has is refused.
        for name in ["ErrorActionPreference", "WarningPreference", "VerbosePreference", "DebugPreference",
                     "InformationPreference", "ProgressPreference"] {
            g.localVariable(name)?.typeConstraint = .enumType(ActionPreference.enumType)
        }
        let errorView = g.set("ErrorView", .enumValue(ErrorViews.enumType.value(named: "ConciseView")!))
        errorView.typeConstraint = .enumType(ErrorViews.enumType)
        set("ConfirmPreference", .string("High"))
        set("WhatIfPreference", .false)
        set("MaximumErrorCount", .int(256))
        set("MaximumHistoryCount", .int(Int32(CommandHistory.defaultSize)))
        set("FormatEnumerationLimit", .int(4))
        set("PSDefaultParameterValues", .hashtable(PSHashtable()))
        set("Error", .array(s.errorList), .constant)
        set("LASTEXITCODE", .int(0))
        set("?", .true)
        // The first and last token of the last line the host read ($^ and $$); none yet.
        set("^", .null)
        set("$", .null)
        let env = ProcessInfo.processInfo.environment
        set("HOME", .string(env["HOME"] ?? NSHomeDirectory()), .readOnly)
        set("IsLinux", .true, .constant)
        set("IsWindows", .false, .constant)
        set("IsMacOS", .false, .constant)
        set("IsCoreCLR", .true, .constant)
        set("PID", .int(Int32(getpid())), .constant)
        set("ShellId", .string("Microsoft.PowerShell"), .constant)
        set("PSEdition", .string("Core"))
        set("PSCulture", .string("en-US"))
        set("PSUICulture", .string("en-US"))
        set("NestedPromptLevel", .int(0))
        set("PSHOME", .string(Bundle.main.executableURL?.deletingLastPathComponent().path ?? "/usr/local/bin"))
        set("PSVersionTable", .hashtable(versionTable()), .readOnly)
        set("PSNativeCommandUseErrorActionPreference", .false)
        set("Host", .object(HostObject.make(s)))
        set("PSStyle", .object(PSStyleObject.make()))
    }

    static func versionTable() -> PSHashtable {
        var uts = utsname()
        uname(&uts)
        func field<T>(_ t: T) -> String {
            withUnsafeBytes(of: t) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let h = PSHashtable()
        // PowerShell 7's own version is a SemanticVersion (Major Minor Patch PreReleaseLabel BuildLabel).
        h["PSVersion"] = SemanticVersions.parse("7.4.6").map(SemanticVersions.object) ?? .version(PSVersion(7, 4, 6))
        h["PSEdition"] = .string("Core")
        h["GitCommitId"] = .string("7.4.6")
        h["OS"] = .string("\(field(uts.sysname)) \(field(uts.release)) \(field(uts.version))")
        h["Platform"] = .string("Unix")
        h["PSCompatibleVersions"] = .list([.version(PSVersion(1, 0)), .version(PSVersion(2, 0)), .version(PSVersion(3, 0)),
                                          .version(PSVersion(4, 0)), .version(PSVersion(5, 0)), .version(PSVersion(5, 1)),
                                          .version(PSVersion(6, 0)), .version(PSVersion(7, 0))])
        h["PSRemotingProtocolVersion"] = .version(PSVersion(2, 3))
        h["SerializationVersion"] = .version(PSVersion(1, 1, 0, 1))
        h["WSManStackVersion"] = .version(PSVersion(3, 0))
        return h
    }
}
