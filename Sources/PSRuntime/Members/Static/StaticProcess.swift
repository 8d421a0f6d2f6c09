/// System.Diagnostics.Process's static lookups, answered with Get-Process's objects (so
/// `[Diagnostics.Process]::GetCurrentProcess().Id -eq $PID` and Get-Process agree).
extension StaticTypes {
    nonisolated(unsafe) static let processTypes: [StaticType] = [
        StaticType(keys: ["diagnostics.process"], methods: [
            StaticType.method("GetCurrentProcess", "static System.Diagnostics.Process GetCurrentProcess()") { call in
                guard call.args.isEmpty else { throw call.wrongCount() }
                return try processes(call, "-Id $PID").first ?? .null
            },
            StaticType.method("GetProcessById", "static System.Diagnostics.Process GetProcessById(int processId)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                let id = try PSConvert.toInt32(call.args[0])
                guard let found = try processes(call, "-Id \(id)").first else {
                    throw DotNetErrors.methodInvocation(call.name, argumentCount: 1,
                        DotNetErrors.argument("Process with an Id of \(id) is not running."))
                }
                return found
            },
            StaticType.method("GetProcessesByName", "static System.Diagnostics.Process[] GetProcessesByName(string processName)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                // The name is exact here (Get-Process would read wildcards in it).
                let name = call.string(0)
                let all = try processes(call, "")
                return .array(PSArray(all.filter { v in
                    guard case .object(let o) = v, let n = (try? o.property("ProcessName")).flatMap({ $0 }) else { return false }
                    return PSConvert.toString(n).lowercased() == name.lowercased()
                }))
            },
            StaticType.method("GetProcesses", "static System.Diagnostics.Process[] GetProcesses()") { call in
                guard call.args.isEmpty else { throw call.wrongCount() }
                return .array(PSArray(try processes(call, "")))
            },
        ]),
    ]

    private static func processes(_ call: StaticCall, _ arguments: String) throws -> [PSValue] {
        try call.session.invoke("Get-Process \(arguments) -ErrorAction SilentlyContinue")
    }
}
