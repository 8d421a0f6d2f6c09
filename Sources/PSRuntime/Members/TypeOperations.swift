import Foundation

/// Object construction for `[T]::new(...)` and New-Object.
public enum TypeOperations {
    public static func construct(_ type: PSType, _ args: [PSValue], session: ShellSession) throws -> PSValue {
        func str(_ i: Int) -> String { i < args.count ? PSConvert.toString(args[i]) : "" }
        func int(_ i: Int) throws -> Int { try PSConvert.toInt(i < args.count ? args[i] : .int(0)) }
        switch type {
        case .scriptClass(let c):
            guard let construct = c.construct else { throw Members.argCount("new", args.count) }
            return .object(try construct(args))
        case .arrayList:
            if let first = args.first, case .array(let array) = first { return .array(PSArray(array.elements, kind: .arrayList)) }
            return .array(PSArray([], kind: .arrayList))
        case .list(let elementType):
            if let first = args.first, case .array(let array) = first {
                return .array(PSArray(try array.elements.map { try PSConvert.convert($0, to: elementType) }, kind: .genericList(elementType)))
            }
            return .array(PSArray([], kind: .genericList(elementType)))
        case .hashSet, .dictionary: return try GenericCollections.construct(type, args)
        case .collection(let elementType):
            // `new()`, or `new($list)` wrapping the given list's elements.
            let items = args.first?.arrayElements ?? []
            return .array(PSArray(try items.map { try PSConvert.convert($0, to: elementType) }, kind: .collection(elementType)))
        case .hashtable, .ordered:
            // .NET's constructors compare keys with the default comparer, exactly, unless given an
            // ignore-case one (`@{}` is PowerShell's own case-insensitive table); Hashtable(IDictionary) copies.
            let table = PSHashtable(ordered: type == .ordered)
            table.caseSensitive = !args.contains(where: UtilityTypes.isIgnoreCaseComparer)
            if type == .hashtable, let first = args.first, case .hashtable(let source) = first.unwrapped {
                for (key, value) in source.pairs { try table.add(key, value) }
            }
            return .hashtable(table)
        case .bool, .byte, .sbyte, .int16, .uint16, .int32, .uint32, .int64, .uint64, .single, .double, .char:
            // A .NET value type's parameterless constructor gives its default value (`[int]::new()`,
            // `New-Object char`); these types have no other constructor.
            guard args.isEmpty else { throw Members.argCount("new", args.count) }
            return try PSConvert.convert(.int(0), to: type)
        case .decimal:
            guard args.count <= 1 else { throw Members.argCount("new", args.count) }
            return try PSConvert.convert(args.first ?? .int(0), to: .decimal)
        case .psObject, .psCustomObject, .object: return .object(PSObject())
        case .string:
            if args.count == 2 {
                let count = try int(1)
                guard count >= 0 else {
                    throw DotNetErrors.methodInvocation(".ctor", argumentCount: 2,
                        DotNetErrors.argumentOutOfRange("Non-negative number required.", parameter: "count"))
                }
                try ResourceLimits.checkString(repeating: str(0).utf8.count, count: count)
                return .string(String(repeating: str(0), count: count))
            }
            if let first = args.first, case .array(let array) = first { return .string(array.elements.map { PSConvert.toString($0) }.joined()) }
            return .string(str(0))
        case .version:
            if args.count == 1 { return try PSConvert.convert(args[0], to: .version) }
            let numbers = try args.map { try PSConvert.toInt32($0) }
            guard numbers.count >= 2 else { return .version(PSVersion(0, 0)) }
            guard numbers.allSatisfy({ $0 >= 0 }) else {
                throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count,
                    DotNetErrors.argumentOutOfRange("Version's parameters must be greater than or equal to zero.", parameter: "major"))
            }
            return .version(PSVersion(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : -1, numbers.count > 3 ? numbers[3] : -1))
        case .dateTime:
            // The overloads ending in a DateTimeKind: (ticks, kind), (y, M, d, h, m, s, kind) and
            // (y, M, d, h, m, s, ms, kind); a 7th argument that is a kind (an enum value or a name)
            // is the kind, otherwise milliseconds.
            func isKind(_ v: PSValue) -> Bool {
                switch v.unwrapped {
                case .enumValue: return true
                case .string(let text): return Int(text) == nil
                default: return false
                }
            }
            var rest = args
            var kind = PSDateTime.Kind.unspecified
            if [2, 7, 8].contains(args.count), let last = args.last, args.count != 7 || isKind(last) {
                let value = try PSConvert.toEnum(last, DotNetEnums.dateTimeKind)
                kind = [.unspecified, .utc, .local][Int(value.rawValue)]
                rest.removeLast()
            }
            if rest.count == 1 {
                let ticks = try PSConvert.toInt64(rest[0])
                return try DotNetErrors.asMethodError(".ctor", args.count) { .dateTime(PSDateTime(ticks: try PSDateTime(checkedTicks: ticks).ticks, kind: kind)) }
            }
            guard rest.count >= 3 else { return .dateTime(PSDateTime(ticks: 0)) }
            let parts = try (0..<7).map { try PSConvert.toInt($0 < rest.count ? rest[$0] : .int(0)) }
            return try DotNetErrors.asMethodError(".ctor", args.count) {
                let date = try PSDateTime(checkedYear: parts[0], month: parts[1], day: parts[2], hour: parts[3],
                                          minute: parts[4], second: parts[5])
                return .dateTime(PSDateTime(ticks: date.ticks + Int64(parts[6]) * 10_000, kind: kind))
            }
        case .timeSpan:
            func part(_ i: Int) throws -> Int64 { Int64(try PSConvert.toInt32(i < args.count ? args[i] : .int(0))) }
            let span: () throws -> PSTimeSpan
            switch args.count {
            case 1:
                let ticks = try PSConvert.toInt64(args[0])
                span = { PSTimeSpan(ticks: ticks) }
            case 3:
                let parts = try (0..<3).map(part)
                span = { try PSTimeSpan(checkedDays: 0, hours: parts[0], minutes: parts[1], seconds: parts[2]) }
            case 4, 5:
                let parts = try (0..<5).map(part)
                span = { try PSTimeSpan(checkedDays: parts[0], hours: parts[1], minutes: parts[2], seconds: parts[3], milliseconds: parts[4]) }
            default: return .timeSpan(PSTimeSpan(ticks: 0))
            }
            return try DotNetErrors.asMethodError(".ctor", args.count) { .timeSpan(try span()) }
        case .guid:
            if args.isEmpty { return .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) }
            return try PSConvert.convert(args[0], to: .guid)
        case .regex:
            let ignoreCase = args.count > 1 && PSConvert.toString(args[1]).lowercased().contains("ignorecase")
            return .regex(try PSRegex(str(0), ignoreCase: ignoreCase))
        case .ipAddress:
            if let first = args.first, case .array(let array) = first {
                let bytes = try array.elements.map { UInt8(truncatingIfNeeded: try PSConvert.toInt($0)) }
                if let address = PSIPAddress(bytes: bytes) { return .ipAddress(address) }
            }
            return try PSConvert.convert(args.first ?? .null, to: .ipAddress)
        case .array(let elementType):
            // An array's length is an Int32; a negative one overflows, a huge one runs out of memory.
            let length = Int(try PSConvert.toInt32(args.first ?? .int(0)))
            try DotNetErrors.asMethodError(".ctor", 1) {
                guard length >= 0 else { throw DotNetErrors.overflow() }
                try ResourceLimits.checkArray(count: length)
            }
            let zero: PSValue = elementType == .object ? .null : ((try? PSConvert.convert(.null, to: elementType)) ?? .null)
            return .array(PSArray(Array(repeating: zero, count: max(0, length)), kind: elementType == .object ? .objectArray : .typed(elementType)))
        case .named(let name):
            let lower = name.lowercased()
            if let make = session.typeConstructors[lower] { return try make(args) }
            if let multi = MultiDimensionalArrays.parse(name), let element = session.types.resolve(multi.element) {
                return try MultiDimensionalArrays.construct(element: element, rank: multi.rank, args)
            }
            // A module's type whose one-string constructor is its conversion (`[System.IO.FileInfo]::new('a.txt')`).
            if args.count == 1, case .string = args[0].unwrapped, let convert = session.types.converter(to: lower),
               let made = try convert(args[0]) {
                return made
            }
            if lower.hasSuffix("exception") {
                let full = lower.contains(".") ? name : "System." + name
                // (message, innerException) stays with the general form below.
                let innerGiven = args.count > 1 && { if case .object(let o) = args[1] { return o.baseObject is PSException }; return false }()
                if !innerGiven, let argument = argumentException(full, args.map { PSConvert.toString($0) }) {
                    return .object(ErrorRecordObjects.wrap(argument))
                }
                let exception = PSException(args.isEmpty ? "Exception of type '\(full)' was thrown." : str(0), type: full)
                if args.count > 1, case .object(let object) = args[1], let inner = object.baseObject as? PSException { exception.innerException = inner }
                return .object(ErrorRecordObjects.wrap(exception))
            }
            if lower.hasSuffix("errorrecord") {
                guard args.count >= 3, case .object(let errorObject) = args[0], let exception = errorObject.baseObject as? PSException else {
                    throw Members.argCount("new", args.count)
                }
                let category = ErrorCategory.allCases.first { $0.rawValue.lowercased() == str(2).lowercased() } ?? .notSpecified
                return .object(ErrorRecordObjects.wrap(ErrorRecord(exception, errorId: str(1), category: category, target: args.count > 3 ? args[3] : .null)))
            }
            if let made = try DotNetClasses.construct(lower, args, session: session) { return made }
            if let made = try QueueStacks.construct(name, args, types: session.types) { return made }
            // `[System.Text.UTF8Encoding]::new($false)`: hvsh writes UTF-8 without a byte order mark.
            if lower == "system.text.utf8encoding" {
                guard args.count <= 2 else { throw Members.argCount("new", args.count) }
                let bom = args.first.map(PSConvert.toBool) ?? false
                return .object(TextEncodings.object(bom ? TextEncodings.utf8 : TextEncodings.utf8NoBOM))
            }
            if lower == "system.object" { return .object(PSObject(typeNames: ["System.Object"])) }
            if let made = try UtilityTypes.construct(type, args) { return made }
            if lower == DateTimeOffsetValue.typeName.lowercased() { return try DateTimeOffsets.construct(args) }
            if lower == StopwatchState.typeName.lowercased() {
                guard args.isEmpty else { throw Members.argCount("new", args.count) }
                return StopwatchState.object(StopwatchState())
            }
            if lower == ChoicePrompt.typeName.lowercased() {
                guard (1...2).contains(args.count) else { throw Members.argCount("new", args.count) }
                return ChoicePrompt.description(label: str(0), help: str(1))
            }
            fallthrough
        default:
            throw PSRuntimeError.message(
                "Cannot find type [\(type.fullName)]: verify that the assembly containing this type is loaded.",
                errorId: "TypeNotFound", category: .invalidType,
                exceptionType: "System.Management.Automation.PSArgumentException")
        }
    }

    /// .NET's argument exceptions take a parameter name, which their message ends with and
    /// ParamName gives back: `[ArgumentNullException]::new('path')` is "Value cannot be null. (Parameter 'path')".
    static func argumentException(_ fullName: String, _ args: [String]) -> PSException? {
        let defaults = ["system.argumentnullexception": "Value cannot be null.",
                        "system.argumentoutofrangeexception": "Specified argument was out of the range of valid values.",
                        "system.argumentexception": "Value does not fall within the expected range."]
        guard let standard = defaults[fullName.lowercased()], args.count <= 2 else { return nil }
        // ArgumentException takes (message, paramName); the other two (paramName, message).
        let messageFirst = fullName.lowercased() == "system.argumentexception"
        var paramName: String?, message = standard
        switch args.count {
        case 1: if messageFirst { message = args[0] } else { paramName = args[0] }
        case 2: (message, paramName) = messageFirst ? (args[0], args[1]) : (args[1], args[0])
        default: break
        }
        if let paramName, !paramName.isEmpty { message += " (Parameter '\(paramName)')" }
        let exception = PSException(message, type: fullName)
        exception.extraProperties.append(("ParamName", paramName.map { .string($0) } ?? .null))
        return exception
    }
}
