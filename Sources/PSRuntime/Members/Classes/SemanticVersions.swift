import Foundation

/// `[semver]` (System.Management.Automation.SemanticVersion): parsed as PowerShell's TryParseVersion
/// does (`major[.minor[.patch]][-pre][+build]`, SemVer 2.0 labels), compared by SemVer 2.0 precedence
/// (the build label ignored), constructed from a string, numbers and labels, or a [version].
enum SemanticVersions {
    static let typeName = "System.Management.Automation.SemanticVersion"

    struct Value {
        let major: Int32, minor: Int32, patch: Int32
        let pre: String?, build: String?

        var description: String {
            var s = "\(major).\(minor).\(patch)"
            if let pre, !pre.isEmpty { s += "-" + pre }
            if let build, !build.isEmpty { s += "+" + build }
            return s
        }
    }

    final class Box {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private static let versionSans = try! NSRegularExpression(pattern: #"^(\d+)(?:\.(\d+))?(?:\.(\d+))?$"#)
    private static let labelUnit = try! NSRegularExpression(pattern: #"^((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)$"#)
    private static let buildUnit = try! NSRegularExpression(pattern: #"^([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)$"#)
    private static let label = try! NSRegularExpression(pattern: #"^(?<preLabel>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+(?<buildLabel>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"#)

    private static func matches(_ r: NSRegularExpression, _ s: String) -> Bool {
        r.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// PowerShell's TryParseVersion; nil when the text is not a semantic version.
    static func parse(_ version: String) -> Value? {
        if version.hasSuffix("-") || version.hasSuffix("+") || version.hasSuffix(".") { return nil }
        let dash = version.firstIndex(of: "-"), plus = version.firstIndex(of: "+")
        var sans: String, pre: String?, build: String?
        var dashUsed = dash != nil
        switch (dash, plus) {
        case (nil, nil): sans = version
        case (let d?, nil): pre = String(version[version.index(after: d)...]); sans = String(version[..<d])
        case (nil, let p?): build = String(version[version.index(after: p)...]); sans = String(version[..<p])
        case (let d?, let p?):
            if d > p {
                build = String(version[version.index(after: p)...]); sans = String(version[..<p]); dashUsed = false
            } else {
                pre = String(version[version.index(after: d)..<p]); build = String(version[version.index(after: p)...]); sans = String(version[..<d])
            }
        }
        if (dashUsed && (pre ?? "").isEmpty) || (plus != nil && (build ?? "").isEmpty) || sans.isEmpty { return nil }
        guard let m = versionSans.firstMatch(in: sans, range: NSRange(sans.startIndex..., in: sans)) else { return nil }
        func group(_ k: Int) -> Int32?? {
            guard let r = Range(m.range(at: k), in: sans) else { return .some(nil) }
            guard let n = Int32(sans[r]) else { return nil }
            return .some(n)
        }
        guard let major = group(1), let minor = group(2), let patch = group(3) else { return nil }
        if let pre, !matches(labelUnit, pre) { return nil }
        if let build, !matches(buildUnit, build) { return nil }
        return Value(major: major ?? 0, minor: minor ?? 0, patch: patch ?? 0, pre: pre, build: build)
    }

    /// SemVer 2.0 precedence; the build label does not count.
    static func compare(_ a: Value, _ b: Value) -> Int {
        if a.major != b.major { return a.major > b.major ? 1 : -1 }
        if a.minor != b.minor { return a.minor > b.minor ? 1 : -1 }
        if a.patch != b.patch { return a.patch > b.patch ? 1 : -1 }
        let p1 = a.pre ?? "", p2 = b.pre ?? ""
        if p1.isEmpty { return p2.isEmpty ? 0 : 1 }
        if p2.isEmpty { return -1 }
        let u1 = p1.split(separator: ".", omittingEmptySubsequences: false), u2 = p2.split(separator: ".", omittingEmptySubsequences: false)
        for (x, y) in zip(u1, u2) {
            let n1 = Int32(x), n2 = Int32(y)
            if let n1, let n2 { if n1 != n2 { return n1 < n2 ? -1 : 1 }; continue }
            if n1 != nil { return -1 }
            if n2 != nil { return 1 }
            let c = String(x).compare(String(y), options: .literal)
            if c != .orderedSame { return c == .orderedAscending ? -1 : 1 }
        }
        return u1.count == u2.count ? 0 : (u1.count < u2.count ? -1 : 1)
    }

    static func value(_ v: PSValue) -> Value? {
        guard case .object(let o) = v, let box = o.baseObject as? Box else { return nil }
        return box.value
    }

    static func object(_ v: Value) -> PSValue {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: Box(v))
        let props: [(String, PSValue, String)] = [
            ("Major", .int(v.major), "int"), ("Minor", .int(v.minor), "int"), ("Patch", .int(v.patch), "int"),
            ("PreReleaseLabel", v.pre.map { .string($0) } ?? .null, "string"), ("BuildLabel", v.build.map { .string($0) } ?? .null, "string"),
        ]
        for (name, value, hint) in props {
            o.addProperty(name) { _ in value }
            o.setMemberType(name, "Property", typeHint: hint)
        }
        o.addMethod("CompareTo") { _, args in
            guard args.count == 1 else { throw Members.argCount("CompareTo", args.count) }
            if args[0].isNull { return .int(1) }
            guard let other = value(args[0]) else {
                throw DotNetErrors.methodInvocation("CompareTo", argumentCount: 1, argumentError("version"))
            }
            return .int(Int32(compare(v, other)))
        }
        o.addMethod("Equals") { _, args in
            guard args.count == 1 else { throw Members.argCount("Equals", args.count) }
            return .bool(value(args[0]).map { compare(v, $0) == 0 && $0.pre == v.pre } ?? false)
        }
        o.addMethod("GetHashCode") { _, _ in .int(Int32(truncatingIfNeeded: v.description.hashValue)) }
        o.toStringHandler = { _ in v.description }
        return .object(o)
    }

    private static func formatError(_ name: String) -> PSRuntimeError {
        PSRuntimeError.message(name, errorId: "FormatException", category: .notSpecified, exceptionType: "System.FormatException")
    }

    private static func argumentError(_ name: String) -> PSRuntimeError {
        PSRuntimeError.message("Cannot process argument because the value of argument \"\(name)\" is not valid. Change the value of the \"\(name)\" argument and run the operation again.",
                               errorId: "PSArgumentException", category: .invalidArgument, exceptionType: "System.Management.Automation.PSArgumentException")
    }

    private static func nullError(_ name: String) -> PSRuntimeError {
        PSRuntimeError.message("Cannot process argument because the value of argument \"\(name)\" is null. Change the value of argument \"\(name)\" to a non-null value.",
                               errorId: "PSArgumentNullException", category: .invalidArgument, exceptionType: "System.Management.Automation.PSArgumentNullException")
    }

    /// A SemanticVersion from a [version] (Revision must be undefined).
    private static func fromVersion(_ ver: PSVersion) throws -> Value {
        guard ver.revision < 0 else { throw argumentError("version") }
        return Value(major: ver.major, minor: ver.minor, patch: max(ver.build, 0), pre: nil, build: nil)
    }

    /// `[SemanticVersion]::new(...)`.
    static func construct(_ args: [PSValue]) throws -> PSValue {
        func fail(_ e: PSRuntimeError) -> PSRuntimeError { DotNetErrors.methodInvocation(".ctor", argumentCount: args.count, e) }
        switch args.count {
        case 1:
            if case .version(let ver) = args[0].unwrapped { do { return object(try fromVersion(ver)) } catch let e as PSRuntimeError { throw fail(e) } }
            if args[0].isNull || isNullString(args[0]) { throw fail(nullError("version")) }
            if case .string(let s) = args[0].unwrapped {
                guard let v = parse(s) else { throw fail(formatError("version")) }
                return object(v)
            }
            return try numbers(args, fail)
        case 2, 3: return try numbers(args, fail)
        case 4, 5:
            let base = try numbers(Array(args.prefix(3)), fail)
            let b = value(base)!
            if args.count == 5 {
                let pre = args[3].isNull ? nil : PSConvert.toString(args[3]), build = args[4].isNull ? nil : PSConvert.toString(args[4])
                if let pre, !pre.isEmpty, !matches(labelUnit, pre) { throw fail(formatError("preReleaseLabel")) }
                if let build, !build.isEmpty, !matches(buildUnit, build) { throw fail(formatError("buildLabel")) }
                return object(Value(major: b.major, minor: b.minor, patch: b.patch, pre: pre, build: build))
            }
            let text = args[3].isNull ? "" : PSConvert.toString(args[3])
            if text.isEmpty { return base }
            guard let m = label.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { throw fail(formatError("label")) }
            let pre = Range(m.range(withName: "preLabel"), in: text).map { String(text[$0]) }
            let build = Range(m.range(withName: "buildLabel"), in: text).map { String(text[$0]) }
            return object(Value(major: b.major, minor: b.minor, patch: b.patch, pre: pre, build: build))
        default:
            throw Members.argCount("new", args.count)
        }
    }

    private static func isNullString(_ v: PSValue) -> Bool {
        if case .object(let o) = v { return o.typeNames.first == "System.Management.Automation.Language.NullString" }
        return false
    }

    private static func numbers(_ args: [PSValue], _ fail: (PSRuntimeError) -> PSRuntimeError) throws -> PSValue {
        var parts: [Int32] = []
        for (k, a) in args.enumerated() {
            let n = Int32(truncatingIfNeeded: try PSConvert.toInt(a))
            guard n >= 0 else { throw fail(argumentError(["major", "minor", "patch"][k])) }
            parts.append(n)
        }
        while parts.count < 3 { parts.append(0) }
        return object(Value(major: parts[0], minor: parts[1], patch: parts[2], pre: nil, build: nil))
    }

    /// `[semver]$x`: strings parse (a failure is PowerShell's cast error), versions convert.
    static func cast(_ v: PSValue) throws -> PSValue {
        if value(v) != nil { return v }
        if case .version(let ver) = v.unwrapped {
            do { return object(try fromVersion(ver)) } catch let e as PSRuntimeError {
                throw PSConvert.cannotConvert(v, to: .named(typeName), detail: e.record.exception.message)
            }
        }
        let text = PSConvert.toString(v)
        guard let parsed = parse(text) else {
            throw PSConvert.cannotConvert(v, to: .named(typeName), detail: "Exception calling \".ctor\" with \"1\" argument(s): \"version\"")
        }
        return object(parsed)
    }

    /// Comparison with a SemanticVersion on either side (the other side converted); nil otherwise.
    static func compareValues(_ left: PSValue, _ right: PSValue) -> Int? {
        let l = value(left), r = value(right)
        guard l != nil || r != nil else { return nil }
        if l != nil, right.isNull { return 1 }
        if r != nil, left.isNull { return -1 }
        guard let a = l ?? (try? cast(left)).flatMap(value), let b = r ?? (try? cast(right)).flatMap(value) else { return nil }
        return compare(a, b)
    }
}

extension StaticTypes {
    nonisolated(unsafe) static let semanticVersionTypes: [StaticType] = [
        StaticType(
            keys: ["management.automation.semanticversion", "semver"],
            methods: [
                StaticType.method("Parse", "static semver Parse(string version)") { call in
                    guard call.args.count == 1 else { throw call.wrongCount() }
                    let text = call.args[0].isNull ? "" : call.string(0)
                    guard let v = SemanticVersions.parse(text) else {
                        throw DotNetErrors.methodInvocation(call.name, argumentCount: 1, PSRuntimeError.message(
                            "version", errorId: "FormatException", category: .notSpecified, exceptionType: "System.FormatException"))
                    }
                    return SemanticVersions.object(v)
                },
                StaticType.method("TryParse", "static bool TryParse(string version, [ref] semver result)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    let parsed = call.args[0].isNull ? nil : SemanticVersions.parse(call.string(0))
                    try PSReference.assign(call.args[1], parsed.map(SemanticVersions.object) ?? .null)
                    return .bool(parsed != nil)
                },
                StaticType.method("Compare", "static int Compare(semver versionA, semver versionB)") { call in
                    guard call.args.count == 2 else { throw call.wrongCount() }
                    if call.args[0].isNull { return .int(call.args[1].isNull ? 0 : -1) }
                    return .int(Int32(SemanticVersions.compareValues(call.args[0], call.args[1]) ?? 0))
                },
            ]),
    ]
}

/// The .NET IComparable values the runtime keeps as objects ([bigint], [semver]), for comparers
/// outside the runtime (Sort-Object, Compare-Object): their order, nil when neither value is one.
public enum ComparableObjects {
    public static func compare(_ a: PSValue, _ b: PSValue) -> Int? {
        // A script class that declares CompareTo orders by it (Sort-Object, Measure-Object).
        if case .object(let o) = a, o.baseObject is PSClassType, let c = try? ClassInstances.compare(o, b) { return c }
        return BigIntegers.compare(a, b) ?? SemanticVersions.compareValues(a, b)
    }
}
