/// System.Management.Automation.Internal.InternalTestHooks: switches PowerShell's own tests flip
/// (`SetTestHook(name, value)`). hvsh keeps them by name; formatting reads
/// ForceFormatListFixedLabelWidth, which caps list labels at 10 cells as PowerShell's ListWriter does.
public enum TestHooks {
    static let typeName = "System.Management.Automation.Internal.InternalTestHooks"
    nonisolated(unsafe) private static var values: [String: Bool] = [:]

    public static func isSet(_ name: String) -> Bool { values[name.lowercased()] ?? false }

    static func set(_ name: String, _ on: Bool) { values[name.lowercased()] = on }
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
