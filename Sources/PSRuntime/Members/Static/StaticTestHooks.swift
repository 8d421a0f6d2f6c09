/// System.Management.Automation.Internal.InternalTestHooks: switches PowerShell's own tests flip
/// (`SetTestHook(name, value)`). hvsh honours ForceFormatListFixedLabelWidth, which caps list labels at
/// 10 cells as PowerShell's ListWriter does, ShowMarkdownOutputBypass and
/// StopwatchIsNotHighResolution.
public enum TestHooks {
    static let typeName = "System.Management.Automation.Internal.InternalTestHooks"
    /// Read for every list entry formatted, so kept as a flag; other hooks are accepted and ignored.
    nonisolated(unsafe) public private(set) static var forceFormatListFixedLabelWidth = false

    /// Show-Markdown writes its text (or HTML) instead of showing it (launching a browser).
    nonisolated(unsafe) public private(set) static var showMarkdownOutputBypass = false

    /// Get-Uptime acts as on a platform whose Stopwatch is not high-resolution (it refuses).
    nonisolated(unsafe) public private(set) static var stopwatchIsNotHighResolution = false

    static func set(_ name: String, _ on: Bool) {
        if name.lowercased() == "stopwatchisnothighresolution" { stopwatchIsNotHighResolution = on }
        if name.lowercased() == "forceformatlistfixedlabelwidth" { forceFormatListFixedLabelWidth = on }
        if name.lowercased() == "showmarkdownoutputbypass" { showMarkdownOutputBypass = on }
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let testHookTypes: [StaticType] = [
        StaticType(keys: ["management.automation.internal.internaltesthooks"], methods: [
            StaticType.method("SetTestHook", "static void SetTestHook(string property, System.Object value)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                TestHooks.set(PSConvert.toString(call.args[0]), PSConvert.toBool(call.args[1]))
                return .null
            },
        ]),
    ]
}
