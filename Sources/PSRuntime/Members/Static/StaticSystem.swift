import Foundation
import LinuxSystem

/// Environment, Console, Thread, Dns, ScriptBlock, Enum, Object, WindowsIdentity and ActionPreference.
extension StaticTypes {
    nonisolated(unsafe) static let systemTypes: [StaticType] = [
        StaticType(keys: ["environment"], properties: environmentProperties, methods: environmentMethods),
        StaticType(
            keys: ["console"],
            properties: ["WindowWidth", "BufferWidth"].map { name in
                StaticType.property("int", name) { .int(Int32($0.host.windowWidth)) }
            } + ["WindowHeight", "BufferHeight"].map { name in
                StaticType.property("int", name) { _ in .int(Int32(clamping: ConsoleWindow.height)) }
            },
            methods: [
                StaticType.method("WriteLine", "static void WriteLine()", "static void WriteLine(System.Object value)",
                                  "static void WriteLine(string value)") { call in
                    call.session.host.write(call.args.map { PSConvert.toString($0) }.joined() + "\n", stream: .output)
                    return nil
                },
                StaticType.method("Write", "static void Write(System.Object value)", "static void Write(string value)") { call in
                    call.session.host.write(call.args.map { PSConvert.toString($0) }.joined(), stream: .output)
                    return nil
                },
                StaticType.method("ReadLine", "static string ReadLine()") { call in
                    call.session.host.readLine(prompt: "").map { .string($0) } ?? .null
                },
            ]),
        StaticType(keys: ["threading.thread"], properties: [
            StaticType.property("System.Threading.Thread", "CurrentThread") { session in .object(CultureInfoObjects.currentThread(session)) },
        ], methods: [
            StaticType.method("Sleep", "static void Sleep(int millisecondsTimeout)", "static void Sleep(timespan timeout)") { call in
                // In 50 ms steps, so that Ctrl+C ends a long sleep.
                var left = try PSConvert.toInt(call.args.first ?? .int(0))
                while left > 0 && !call.session.stopRequested { usleep(UInt32(min(left, 50)) * 1000); left -= 50 }
                return nil
            },
        ]),
        // What $IsLinux/$IsWindows/$IsMacOS/$IsCoreCLR say, and the Windows-only flags (all false here).
        StaticType(keys: ["management.automation.platform"], properties: [
            ("IsLinux", true), ("IsWindows", false), ("IsMacOS", false), ("IsCoreCLR", true), ("IsWindowsDesktop", false),
            ("IsNanoServer", false), ("IsIoT", false), ("IsStaSupported", false),
        ].map { name, value in StaticType.property("bool", name) { _ in .bool(value) } }),
        // hvsh has no experimental features: none is enabled ($EnabledExperimentalFeatures is empty too).
        StaticType(keys: ["management.automation.experimentalfeature"], methods: [
            StaticType.method("IsEnabled", "static bool IsEnabled(string featureName)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                return .false
            },
        ]),
        StaticType(keys: ["net.dns"], methods: [
            StaticType.method("GetHostName", "static string GetHostName()") { _ in .string(ProcessInfo.processInfo.hostName) },
        ]),
        StaticType(keys: ["management.automation.scriptblock", "scriptblock"], methods: [
            StaticType.method("Create", "static scriptblock Create(string script)") { call in
                // A .NET method: its ParseException reaches the script inside a MethodInvocationException.
                do { return .scriptBlock(try call.session.makeScriptBlock(call.string(0))) } catch let e as PSRuntimeError {
                    throw DotNetErrors.methodInvocation("Create", argumentCount: call.args.count, e)
                }
            },
        ]),
        StaticType(keys: ["enum"], methods: enumClassMethods),
        StaticType(keys: ["object"], methods: [
            StaticType.method("ReferenceEquals", "static bool ReferenceEquals(System.Object objA, System.Object objB)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                return .bool(Members.sameReference(call.args[0], call.args[1]))
            },
            StaticType.method("Equals", "static bool Equals(System.Object objA, System.Object objB)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                return .bool(Comparison.equals(call.args[0], call.args[1], caseSensitive: true))
            },
        ]),
        StaticType(keys: ["security.principal.windowsidentity"], methods: ["GetCurrent", "GetAnonymous"].map { name in
            // .NET on Linux has the Windows identity types, but every way of getting one fails.
            StaticType.method(name, "static System.Security.Principal.WindowsIdentity \(name)()") { call in
                throw call.failure("Windows Principal functionality is not supported on this platform.", id: "PlatformNotSupportedException")
            }
        }),
        // The preference enum also answers when its name did not resolve to the enum type.
        {
            let preferences = enumeration(ActionPreference.enumType)
            return StaticType(keys: ["management.automation.actionpreference"], properties: preferences.properties,
                              methods: preferences.methods)
        }(),
    ]

    private nonisolated(unsafe) static let environmentProperties: [StaticProperty] = [
        StaticProperty(name: "CurrentDirectory", typeName: "string", read: { .string($0.currentDirectory) },
                       write: { value, session in session.currentDirectory = session.resolvePath(PSConvert.toString(value)) }),
        StaticType.constant("bool", "Is64BitOperatingSystem", .true),
        StaticType.constant("bool", "Is64BitProcess", .true),
        StaticType.property("string", "MachineName") { _ in
            .string(ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost")
        },
        StaticType.constant("string", "NewLine", .string("\n")),
        StaticType.property("System.OperatingSystem", "OSVersion") { _ in
            .string("Unix " + ProcessInfo.processInfo.operatingSystemVersionString)
        },
        StaticType.property("int", "ProcessId") { _ in .int(Int32(getpid())) },
        // The running executable (.NET 6+).
        StaticType.property("string", "ProcessPath") { _ in Processes.executablePath().map { .string($0) } ?? .null },
        StaticType.property("int", "ProcessorCount") { _ in .int(Int32(ProcessInfo.processInfo.processorCount)) },
        StaticType.constant("string", "StackTrace", .string("")),
        StaticType.property("int", "TickCount") { _ in .long(Int64(ProcessInfo.processInfo.systemUptime * 1000)) },
        StaticType.property("long", "TickCount64") { _ in .long(Int64(ProcessInfo.processInfo.systemUptime * 1000)) },
        StaticType.property("string", "UserName") { _ in .string(ProcessInfo.processInfo.environment["USER"] ?? NSUserName()) },
    ]

    private nonisolated(unsafe) static let environmentMethods: [StaticMethod] = [
        StaticType.method("Exit", "static void Exit(int exitCode)") { call in
            try call.session.requireHostAccess("Ending the process")
            throw ExitSignal(code: try PSConvert.toInt32(call.args.first ?? .int(0)), endsProcess: true)
        },
        StaticType.method("GetEnvironmentVariable", "static string GetEnvironmentVariable(string variable)",
                          "static string GetEnvironmentVariable(string variable, System.EnvironmentVariableTarget target)") { call in
            ProcessEnvironment.value(call.string(0)).map { .string($0) } ?? .null
        },
        StaticType.method("GetEnvironmentVariables", "static System.Collections.IDictionary GetEnvironmentVariables()",
                          "static System.Collections.IDictionary GetEnvironmentVariables(System.EnvironmentVariableTarget target)") { _ in
            let table = PSHashtable()
            for (name, value) in ProcessInfo.processInfo.environment.sorted(by: { $0.key < $1.key }) { table[name] = .string(value) }
            return .hashtable(table)
        },
        StaticType.method("GetFolderPath", "static string GetFolderPath(System.Environment+SpecialFolder folder)",
                          "static string GetFolderPath(System.Environment+SpecialFolder folder, System.Environment+SpecialFolderOption option)") { call in
            let folder = try PSConvert.toEnum(call.args.first ?? .null, DotNetEnums.specialFolder)
            return .string(SpecialFolders.path(folder.rawValue))
        },
        StaticType.method("SetEnvironmentVariable", "static void SetEnvironmentVariable(string variable, string value)",
                          "static void SetEnvironmentVariable(string variable, string value, System.EnvironmentVariableTarget target)") { call in
            try call.session.requireHostAccess("Changing the environment")
            if call.args.count < 2 || call.args[1].isNull { unsetenv(call.string(0)) } else { setenv(call.string(0), call.string(1), 1) }
            return nil
        },
    ]

    /// `[Enum]::GetNames([SomeEnum])` and the rest of System.Enum's statics, given the enum type first.
    nonisolated(unsafe) static let enumClassMethods: [StaticMethod] = [
        enumClass("GetNames", "static string[] GetNames(type enumType)") { enumType, _ in
            .array(PSArray(enumType.memberNames.map { .string($0) }))
        },
        enumClass("GetValues", "static array GetValues(type enumType)") { enumType, _ in
            .array(PSArray(enumType.sortedMembers.map { .enumValue(enumType.value($0.value)) }))
        },
        enumClass("GetUnderlyingType", "static type GetUnderlyingType(type enumType)") { enumType, _ in
            .type(enumType.underlying)
        },
        enumClass("IsDefined", "static bool IsDefined(type enumType, System.Object value)") { enumType, call in
            guard call.args.count == 2 else { throw call.wrongCount() }
            let value = call.args[1]
            return .bool(enumType.value(named: call.string(1)) != nil || enumType.name(of: (try? PSConvert.toInt64(value)) ?? -1) != nil)
        },
        enumClass("Parse", "static System.Object Parse(type enumType, string value)",
                  "static System.Object Parse(type enumType, string value, bool ignoreCase)") { enumType, call in
            .enumValue(try PSConvert.toEnum(call.args.count > 1 ? call.args[1] : .null, enumType))
        },
        enumClass("ToObject", "static System.Object ToObject(type enumType, System.Object value)") { enumType, call in
            // Any number becomes the enum, defined or not (Enum.ToObject does not check).
            guard call.args.count == 2 else { throw call.wrongCount() }
            return .enumValue(enumType.value(try EnumTypeMethods.rawValue(call.args[1], enumType)))
        },
        enumClass("GetName", "static string GetName(type enumType, System.Object value)") { enumType, call in
            guard call.args.count == 2 else { throw call.wrongCount() }
            let raw = try EnumTypeMethods.rawValue(call.args[1], enumType)
            return enumType.name(of: raw).map { .string($0) } ?? .null
        },
        enumClass("GetValuesAsUnderlyingType", "static array GetValuesAsUnderlyingType(type enumType)") { enumType, _ in
            .array(PSArray(enumType.sortedMembers.map { enumType.underlyingValue($0.value) }))
        },
        enumClass("Format", "static string Format(type enumType, System.Object value, string format)") { enumType, call in
            guard call.args.count == 3 else { throw call.wrongCount() }
            let value = PSEnumValue(type: enumType, rawValue: try EnumTypeMethods.rawValue(call.args[1], enumType))
            return .string(try PSFormat.formatValue(.enumValue(value), spec: call.string(2)))
        },
    ]

    private static func enumClass(_ name: String, _ overloads: String...,
                                  answer: @escaping (PSEnumType, StaticCall) throws -> PSValue) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads) { call in
            var given = call.args.first
            // A type name converts to System.Type as PowerShell's method binder converts it:
            // `[Enum]::GetNames("System.DayOfWeek")`.
            if case .string(let typeName)? = given {
                guard let resolved = call.session.types.resolve(typeName) else {
                    throw PSRuntimeError.message(
                        "Cannot convert argument \"enumType\", with value: \"\(typeName)\", for \"\(call.name)\" to type \"System.Type\": \"Cannot convert the \"\(typeName)\" value of type \"System.String\" to type \"System.Type\".\"",
                        errorId: "MethodArgumentConversionInvalidCastArgument", category: .notSpecified,
                        exceptionType: "System.Management.Automation.MethodException")
                }
                given = .type(resolved)
            }
            // Every overload takes the enum type first: without arguments it is the count error.
            if call.args.isEmpty { throw call.wrongCount() }
            guard case .type(let type)? = given else { throw StaticMembers.noMember(call.type, call.name) }
            guard case .enumType(let enumType) = type else {
                throw call.failure("Type provided must be an Enum. (Parameter 'enumType')", id: "ArgumentException")
            }
            return try answer(enumType, call)
        }
    }
}
