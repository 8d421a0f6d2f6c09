import Foundation

/// Object construction for `[T]::new(...)` and New-Object.
public enum TypeOperations {
    public static func construct(_ t: PSType, _ args: [PSValue], session: ShellSession) throws -> PSValue {
        func str(_ i: Int) -> String { i < args.count ? PSConvert.toString(args[i]) : "" }
        func int(_ i: Int) throws -> Int { try PSConvert.toInt(i < args.count ? args[i] : .int(0)) }
        switch t {
        case .arrayList:
            if let f = args.first, case .array(let a) = f { return .array(PSArray(a.elements, kind: .arrayList)) }
            return .array(PSArray([], kind: .arrayList))
        case .list(let e):
            if let f = args.first, case .array(let a) = f {
                return .array(PSArray(try a.elements.map { try PSConvert.convert($0, to: e) }, kind: .genericList(e)))
            }
            return .array(PSArray([], kind: .genericList(e)))
        case .hashSet, .dictionary: return try GenericCollections.construct(t, args)
        case .hashtable: return .hashtable(PSHashtable())
        case .ordered: return .hashtable(PSHashtable(ordered: true))
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
            if let f = args.first, case .array(let a) = f { return .string(a.elements.map { PSConvert.toString($0) }.joined()) }
            return .string(str(0))
        case .version:
            if args.count == 1 { return try PSConvert.convert(args[0], to: .version) }
            let n = try args.map { try PSConvert.toInt32($0) }
            guard n.count >= 2 else { return .version(PSVersion(0, 0)) }
            guard n.allSatisfy({ $0 >= 0 }) else {
                throw DotNetErrors.methodInvocation(".ctor", argumentCount: args.count,
                    DotNetErrors.argumentOutOfRange("Version's parameters must be greater than or equal to zero.", parameter: "major"))
            }
            return .version(PSVersion(n[0], n[1], n.count > 2 ? n[2] : -1, n.count > 3 ? n[3] : -1))
        case .dateTime:
            if args.count == 1 {
                let ticks = try PSConvert.toInt64(args[0])
                return try DotNetErrors.asMethodError(".ctor", 1) { .dateTime(try PSDateTime(checkedTicks: ticks)) }
            }
            guard args.count >= 3 else { return .dateTime(PSDateTime(ticks: 0)) }
            let parts = try (0..<6).map { try int($0) }
            return try DotNetErrors.asMethodError(".ctor", args.count) {
                .dateTime(try PSDateTime(checkedYear: parts[0], month: parts[1], day: parts[2], hour: parts[3],
                                         minute: parts[4], second: parts[5]))
            }
        case .timeSpan:
            func part(_ i: Int) throws -> Int64 { Int64(try PSConvert.toInt32(i < args.count ? args[i] : .int(0))) }
            let span: () throws -> PSTimeSpan
            switch args.count {
            case 1:
                let ticks = try PSConvert.toInt64(args[0])
                span = { PSTimeSpan(ticks: ticks) }
            case 3:
                let p = try (0..<3).map(part)
                span = { try PSTimeSpan(checkedDays: 0, hours: p[0], minutes: p[1], seconds: p[2]) }
            case 4, 5:
                let p = try (0..<5).map(part)
                span = { try PSTimeSpan(checkedDays: p[0], hours: p[1], minutes: p[2], seconds: p[3], milliseconds: p[4]) }
            default: return .timeSpan(PSTimeSpan(ticks: 0))
            }
            return try DotNetErrors.asMethodError(".ctor", args.count) { .timeSpan(try span()) }
        case .guid:
            if args.isEmpty { return .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) }
            return try PSConvert.convert(args[0], to: .guid)
        case .regex:
            let ic = args.count > 1 && PSConvert.toString(args[1]).lowercased().contains("ignorecase")
            return .regex(try PSRegex(str(0), ignoreCase: ic))
        case .ipAddress:
            if let f = args.first, case .array(let a) = f {
                let bytes = try a.elements.map { UInt8(truncatingIfNeeded: try PSConvert.toInt($0)) }
                if let ip = PSIPAddress(bytes: bytes) { return .ipAddress(ip) }
            }
            return try PSConvert.convert(args.first ?? .null, to: .ipAddress)
        case .array(let e):
            // An array's length is an Int32; a negative one overflows, a huge one runs out of memory.
            let n = Int(try PSConvert.toInt32(args.first ?? .int(0)))
            try DotNetErrors.asMethodError(".ctor", 1) {
                guard n >= 0 else { throw DotNetErrors.overflow() }
                try ResourceLimits.checkArray(count: n)
            }
            let zero: PSValue = e == .object ? .null : ((try? PSConvert.convert(.null, to: e)) ?? .null)
            return .array(PSArray(Array(repeating: zero, count: max(0, n)), kind: e == .object ? .objectArray : .typed(e)))
        case .named(let name):
            let lower = name.lowercased()
            if let multi = MultiDimensionalArrays.parse(name), let element = session.types.resolve(multi.element) {
                return try MultiDimensionalArrays.construct(element: element, rank: multi.rank, args)
            }
            if lower.hasSuffix("exception") {
                let full = lower.contains(".") ? name : "System." + name
                let ex = PSException(args.isEmpty ? "Exception of type '\(full)' was thrown." : str(0), type: full)
                if args.count > 1, case .object(let o) = args[1], let inner = o.baseObject as? PSException { ex.innerException = inner }
                return .object(ErrorRecordObjects.wrap(ex))
            }
            if lower.hasSuffix("errorrecord") {
                guard args.count >= 3, case .object(let eo) = args[0], let ex = eo.baseObject as? PSException else {
                    throw Members.argCount("new", args.count)
                }
                let cat = ErrorCategory.allCases.first { $0.rawValue.lowercased() == str(2).lowercased() } ?? .notSpecified
                return .object(ErrorRecordObjects.wrap(ErrorRecord(ex, errorId: str(1), category: cat, target: args.count > 3 ? args[3] : .null)))
            }
            if lower.hasSuffix("text.stringbuilder") || lower == "stringbuilder" {
                return .object(stringBuilder(args.first.map { PSConvert.toString($0) } ?? ""))
            }
            if lower == "system.object" { return .object(PSObject(typeNames: ["System.Object"])) }
            if let made = try UtilityTypes.construct(t, args) { return made }
            if lower == ChoicePrompt.typeName.lowercased() {
                guard (1...2).contains(args.count) else { throw Members.argCount("new", args.count) }
                return ChoicePrompt.description(label: str(0), help: str(1))
            }
            fallthrough
        default:
            throw PSRuntimeError.message(
                "Cannot find type [\(t.fullName)]: verify that the assembly containing this type is loaded.",
                errorId: "TypeNotFound", category: .invalidType,
                exceptionType: "System.Management.Automation.PSArgumentException")
        }
    }

    static func stringBuilder(_ initial: String) -> PSObject {
        let o = PSObject(typeNames: ["System.Text.StringBuilder", "System.Object"])
        final class Box { var s: String; init(_ s: String) { self.s = s } }
        let box = Box(initial)
        o.addProperty("Length") { _ in .int(Int32(box.s.utf16.count)) }
        o.addMethod("Append") { me, args in box.s += args.map { PSConvert.toString($0) }.joined(); return .object(me) }
        o.addMethod("AppendLine") { me, args in box.s += args.map { PSConvert.toString($0) }.joined() + "\n"; return .object(me) }
        o.addMethod("AppendFormat") { me, args in
            box.s += try PSFormat.format(PSConvert.toString(args.first ?? .null), Array(args.dropFirst()))
            return .object(me)
        }
        o.addMethod("Insert") { me, args in
            var chars = Array(box.s)
            chars.insert(contentsOf: PSConvert.toString(args.count > 1 ? args[1] : .null), at: min(chars.count, try PSConvert.toInt(args.first ?? .int(0))))
            box.s = String(chars)
            return .object(me)
        }
        o.addMethod("Clear") { me, _ in box.s = ""; return .object(me) }
        o.addMethod("ToString") { _, _ in .string(box.s) }
        o.toStringHandler = { _ in box.s }
        return o
    }
}
