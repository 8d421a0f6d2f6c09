import Foundation

/// `[Type]::Member` and `[Type]::Method()` for the .NET classes scripts commonly use.
enum StaticMembers {
    /// `System.IO.Path` → `io.path`; `[int]` → `int32`.
    static func key(_ t: PSType) -> String {
        var n = t.fullName.lowercased()
        if n.hasPrefix("system.") { n = String(n.dropFirst(7)) }
        return n
    }

    static func noMember(_ t: PSType, _ name: String) -> PSRuntimeError {
        PSRuntimeError.message("Method invocation failed because [\(t.fullName)] does not contain a method named '\(name)'.",
                               errorId: "MethodNotFound", category: .invalidOperation)
    }

    /// `[Type]::Name`. A property the type lacks is $null, as in PowerShell, except under strict mode 2
    /// and later (`strictMode` is asked only then, as finding it walks the scopes).
    static func get(_ t: PSType, _ name: String, session: ShellSession, strictMode: () -> Int = { 0 }) throws -> PSValue {
        if let v = try lookup(t, name, session: session) { return v }
        return try missing(name, strictMode: strictMode())
    }

    /// What reading a static property the type lacks gives.
    static func missing(_ name: String, strictMode: Int) throws -> PSValue {
        if strictMode >= 2 { throw StrictMode.propertyNotFound(name) }
        return .null
    }

    /// The static property's value, nil when the type has no such property.
    static func lookup(_ t: PSType, _ name: String, session: ShellSession) throws -> PSValue? {
        let n = name.lowercased()
        if case .enumType(let e) = t {
            return e.value(named: name).map { .enumValue($0) }
        }
        switch (key(t), n) {
        case ("int32", "maxvalue"): return .int(Int32.max)
        case ("int32", "minvalue"): return .int(Int32.min)
        case ("int64", "maxvalue"): return .long(Int64.max)
        case ("int64", "minvalue"): return .long(Int64.min)
        case ("uint32", "maxvalue"): return .uint32(UInt32.max)
        case ("uint64", "maxvalue"): return .uint64(UInt64.max)
        case ("byte", "maxvalue"): return .byte(255)
        case ("int16", "maxvalue"): return .int16(Int16.max)
        case ("double", "maxvalue"): return .double(Double.greatestFiniteMagnitude)
        case ("double", "minvalue"): return .double(-Double.greatestFiniteMagnitude)
        case ("double", "epsilon"): return .double(Double.leastNonzeroMagnitude)
        case ("double", "nan"): return .double(Double.nan)
        case ("double", "positiveinfinity"): return .double(Double.infinity)
        case ("double", "negativeinfinity"): return .double(-Double.infinity)
        case ("decimal", "maxvalue"): return .decimal(Decimal.greatestFiniteMagnitude)
        case ("string", "empty"): return .string("")
        case ("math", "pi"): return .double(Double.pi)
        case ("math", "e"): return .double(M_E)
        case ("guid", "empty"): return .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case ("datetime", "now"): return .dateTime(PSDateTime.now())
        case ("datetime", "utcnow"): return .dateTime(PSDateTime(date: Date(), kind: .utc))
        case ("datetime", "today"):
            let d = PSDateTime.now()
            return .dateTime(PSDateTime(ticks: d.ticks - d.ticks % 864_000_000_000, kind: .local))
        case ("datetime", "minvalue"): return .dateTime(PSDateTime(ticks: 0))
        case ("datetime", "maxvalue"): return .dateTime(PSDateTime(ticks: 3_155_378_975_999_999_999))
        case ("timespan", "zero"): return .timeSpan(PSTimeSpan(ticks: 0))
        case ("timespan", "maxvalue"): return .timeSpan(PSTimeSpan(ticks: .max))
        case ("timespan", "minvalue"): return .timeSpan(PSTimeSpan(ticks: .min))
        case ("net.ipaddress", "any"): return .ipAddress(PSIPAddress(bytes: [0, 0, 0, 0])!)
        case ("net.ipaddress", "loopback"): return .ipAddress(PSIPAddress(bytes: [127, 0, 0, 1])!)
        case ("net.ipaddress", "broadcast"): return .ipAddress(PSIPAddress(bytes: [255, 255, 255, 255])!)
        case ("net.ipaddress", "none"): return .ipAddress(PSIPAddress(bytes: [255, 255, 255, 255])!)
        case ("net.ipaddress", "ipv6any"): return .ipAddress(PSIPAddress(bytes: Array(repeating: 0, count: 16))!)
        case ("net.ipaddress", "ipv6loopback"): return .ipAddress(PSIPAddress(bytes: Array(repeating: 0, count: 15) + [1])!)
        case ("environment", "newline"): return .string("\n")
        case ("environment", "machinename"): return .string(ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost")
        case ("environment", "username"): return .string(ProcessInfo.processInfo.environment["USER"] ?? NSUserName())
        case ("environment", "processorcount"): return .int(Int32(ProcessInfo.processInfo.processorCount))
        case ("environment", "currentdirectory"): return .string(session.currentDirectory)
        case ("environment", "is64bitoperatingsystem"), ("environment", "is64bitprocess"): return .true
        case ("environment", "osversion"): return .string("Unix " + ProcessInfo.processInfo.operatingSystemVersionString)
        case ("environment", "tickcount"), ("environment", "tickcount64"): return .long(Int64(ProcessInfo.processInfo.systemUptime * 1000))
        case ("environment", "processid"): return .int(Int32(getpid()))
        case ("environment", "stacktrace"): return .string("")
        case ("io.path", "directoryseparatorchar"): return .char(UInt16(UInt8(ascii: "/")))
        case ("io.path", "pathseparator"): return .char(UInt16(UInt8(ascii: ":")))
        case ("text.encoding", "utf8"), ("text.encoding", "ascii"), ("text.encoding", "unicode"), ("text.encoding", "default"):
            return .object(encodingObject(n))
        case ("console", "windowwidth"), ("console", "bufferwidth"): return .int(Int32(session.host.windowWidth))
        case ("management.automation.actionpreference", _):
            return ActionPreference.enumType.value(named: name).map { .enumValue($0) }
        default:
            return UtilityTypes.staticProperty(t, n)
        }
    }

    static func set(_ t: PSType, _ name: String, _ value: PSValue, session: ShellSession) throws {
        if key(t) == "environment" && name.lowercased() == "currentdirectory" {
            session.currentDirectory = session.resolvePath(PSConvert.toString(value))
            return
        }
        throw PSRuntimeError.message("'\(name)' is a ReadOnly property.", errorId: "PropertyAssignmentException", category: .invalidOperation)
    }

    /// Boolean.Parse's rule: "true"/"false" in any case, with surrounding spaces.
    static func boolParse(_ s: String) -> PSValue? {
        switch s.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return .true
        case "false": return .false
        default: return nil
        }
    }

    static func str(_ args: [PSValue], _ i: Int) -> String { i < args.count ? PSConvert.toString(args[i]) : "" }
    static func dbl(_ args: [PSValue], _ i: Int) throws -> Double { try PSConvert.toDouble(i < args.count ? args[i] : .int(0)) }

    static func invoke(_ t: PSType, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let n = name.lowercased()
        if n == "new" { return try TypeOperations.construct(t, args, session: session) }
        if case .enumType(let e) = t {
            switch n {
            case "parse": return .enumValue(try PSConvert.toEnum(args.last ?? .null, e))
            case "getnames": return .array(PSArray(e.memberNames.map { .string($0) }))
            case "getvalues": return .array(PSArray(e.members.map { .enumValue(e.value($0.value)) }))
            default: break
            }
        }
        let k = key(t)
        switch (k, n) {
        case ("int32", "parse"), ("int64", "parse"), ("double", "parse"), ("decimal", "parse"), ("byte", "parse"),
             ("uint32", "parse"), ("uint64", "parse"), ("int16", "parse"), ("single", "parse"):
            let text = str(args, 0)
            guard let parsed = try? PSConvert.convert(.string(text), to: t) else {
                if PSConvert.toNumber(.string(text)) != nil {
                    throw StringMethods.methodError(name, args, "Value was either too large or too small for \(t.name == "Int32" ? "an Int32" : "a " + t.name).", id: "OverflowException")
                }
                throw StringMethods.methodError(name, args, "The input string '\(text)' was not in a correct format.", id: "FormatException")
            }
            return parsed
        case ("int32", "tryparse"), ("int64", "tryparse"), ("double", "tryparse"), ("decimal", "tryparse"), ("byte", "tryparse"),
             ("uint32", "tryparse"), ("uint64", "tryparse"), ("int16", "tryparse"), ("single", "tryparse"),
             ("datetime", "tryparse"), ("timespan", "tryparse"), ("guid", "tryparse"), ("version", "tryparse"),
             ("boolean", "tryparse"):
            // TryParse(text, [ref]$result): the result (or the type's default) goes through the reference.
            guard args.count >= 2 else { throw Members.argCount(name, args.count) }
            let parsed = t == .bool ? boolParse(str(args, 0)) : try? PSConvert.convert(.string(str(args, 0)), to: t)
            try PSReference.assign(args[args.count - 1], parsed ?? ((try? PSConvert.convert(.null, to: t)) ?? .null))
            return .bool(parsed != nil)
        case ("object", "referenceequals"):
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            return .bool(Members.sameReference(args[0], args[1]))
        case ("object", "equals"):
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            return .bool(Comparison.equals(args[0], args[1], caseSensitive: true))
        case ("double", "isnan"): return .bool(try dbl(args, 0).isNaN)
        case ("double", "isinfinity"): return .bool(try dbl(args, 0).isInfinite)
        case ("string", "isnullorempty"): return .bool(args.first.map { $0.isNull || PSConvert.toString($0).isEmpty } ?? true)
        case ("string", "isnullorwhitespace"):
            return .bool(args.first.map { $0.isNull || PSConvert.toString($0).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? true)
        case ("string", "join"):
            let sep = str(args, 0)
            let rest = Array(args.dropFirst())
            let items = rest.count == 1 ? (rest[0].arrayElements ?? [rest[0]]) : rest
            return .string(items.map { PSConvert.toString($0) }.joined(separator: sep))
        case ("string", "concat"):
            let items = args.count == 1 ? (args[0].arrayElements ?? [args[0]]) : args
            return .string(items.map { PSConvert.toString($0) }.joined())
        case ("string", "format"):
            let rest = Array(args.dropFirst())
            return .string(try PSFormat.format(str(args, 0), rest.count == 1 ? (rest[0].arrayElements ?? rest) : rest))
        case ("string", "equals"): return .bool(str(args, 0) == str(args, 1))
        case ("string", "compare"):
            let ic = args.count > 2 && PSConvert.toBool(args[2])
            return .int(Int32(Comparison.compareStrings(str(args, 0), str(args, 1), caseSensitive: !ic)))
        case ("char", let m) where m.hasPrefix("is"):
            let c = Character(str(args, 0).isEmpty ? " " : String(str(args, 0).first!))
            switch m {
            case "isdigit": return .bool(c.isNumber && c.isASCII)
            case "isletter": return .bool(c.isLetter)
            case "isletterordigit": return .bool(c.isLetter || c.isNumber)
            case "iswhitespace": return .bool(c.isWhitespace)
            case "isupper": return .bool(c.isUppercase)
            case "islower": return .bool(c.isLowercase)
            case "ispunctuation": return .bool(c.isPunctuation)
            default: break
            }
        case ("char", "toupper"): return .char(str(args, 0).uppercased().utf16.first ?? 0)
        case ("char", "tolower"): return .char(str(args, 0).lowercased().utf16.first ?? 0)
        case ("math", _): return try math(n, args)
        case ("guid", "newguid"): return .guid(UUID())
        case ("guid", "parse"): return try PSConvert.convert(.string(str(args, 0)), to: .guid)
        case ("datetime", "parse"): return try PSConvert.convert(.string(str(args, 0)), to: .dateTime)
        case ("datetime", "parseexact"): return try PSConvert.convert(.string(str(args, 0)), to: .dateTime)
        case ("datetime", "daysinmonth"):
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            let month = try PSConvert.toInt(args[1]), year = try PSConvert.toInt(args[0])
            guard (1...9999).contains(year) else {
                throw StringMethods.methodError(name, args, "Year must be between 1 and 9999. (Parameter 'year')", id: "ArgumentOutOfRangeException")
            }
            guard (1...12).contains(month) else {
                throw StringMethods.methodError(name, args, "Month must be between one and twelve. (Parameter 'month')", id: "ArgumentOutOfRangeException")
            }
            return .int(Int32(DateMethods.daysInMonth(try PSConvert.toInt(args[0]), month)))
        case ("datetime", "isleapyear"):
            let y = try PSConvert.toInt(args.first ?? .int(0))
            return .bool((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)
        case ("timespan", let m) where m.hasPrefix("from"):
            let x = try dbl(args, 0)
            let per: Double
            switch m {
            case "fromdays": per = 864_000_000_000
            case "fromhours": per = 36_000_000_000
            case "fromminutes": per = 600_000_000
            case "fromseconds": per = 10_000_000
            case "frommilliseconds": per = 10_000
            default: per = 1
            }
            return try DotNetErrors.asMethodError(name, args.count) { .timeSpan(try PSTimeSpan.checkedInterval(x, ticksPerUnit: per)) }
        case ("timespan", "parse"): return try PSConvert.convert(.string(str(args, 0)), to: .timeSpan)
        case ("version", "parse"): return try PSConvert.convert(.string(str(args, 0)), to: .version)
        case ("net.ipaddress", "parse"): return try PSConvert.convert(.string(str(args, 0)), to: .ipAddress)
        case ("net.ipaddress", "tryparse"): return .bool(PSIPAddress(parsing: str(args, 0)) != nil)
        case ("text.regularexpressions.regex", _), ("regex", _):
            return try regexStatic(n, name, args, session: session)
        case ("environment", "getenvironmentvariable"):
            return ProcessEnvironment.value(str(args, 0)).map { .string($0) } ?? .null
        case ("environment", "setenvironmentvariable"):
            try session.requireHostAccess("Changing the environment")
            if args.count < 2 || args[1].isNull { unsetenv(str(args, 0)) } else { setenv(str(args, 0), str(args, 1), 1) }
            return nil
        case ("environment", "getenvironmentvariables"):
            let h = PSHashtable()
            for (k, v) in ProcessInfo.processInfo.environment.sorted(by: { $0.key < $1.key }) { h[k] = .string(v) }
            return .hashtable(h)
        case ("environment", "getfolderpath"): return .string(NSHomeDirectory())
        case ("security.principal.windowsidentity", "getcurrent"), ("security.principal.windowsidentity", "getanonymous"):
            // .NET on Linux has the Windows identity types, but every way of getting one fails.
            throw StringMethods.methodError(name, args, "Windows Principal functionality is not supported on this platform.",
                                            id: "PlatformNotSupportedException")
        case ("environment", "exit"):
            try session.requireHostAccess("Ending the process")
            throw ExitSignal(code: try PSConvert.toInt32(args.first ?? .int(0)), endsProcess: true)
        case ("io.path", _): return try pathMethod(n, args, session: session)
        case ("io.file", _):
            try session.requireHostAccess("Using System.IO.File")
            return try fileMethod(n, args, session: session)
        case ("io.directory", _):
            try session.requireHostAccess("Using System.IO.Directory")
            return try directoryMethod(n, args, session: session)
        case ("convert", _): return try convertMethod(n, args)
        case ("threading.thread", "sleep"):
            let ms = try PSConvert.toInt(args.first ?? .int(0))
            var left = ms
            while left > 0 && !session.stopRequested { usleep(UInt32(min(left, 50)) * 1000); left -= 50 }
            return nil
        case ("net.dns", "gethostname"): return .string(ProcessInfo.processInfo.hostName)
        case ("console", "writeline"):
            session.host.write(args.map { PSConvert.toString($0) }.joined() + "\n", stream: .output)
            return nil
        case ("console", "write"):
            session.host.write(args.map { PSConvert.toString($0) }.joined(), stream: .output)
            return nil
        case ("console", "readline"): return session.host.readLine(prompt: "").map { .string($0) } ?? .null
        case ("management.automation.scriptblock", "create"), ("scriptblock", "create"):
            return .scriptBlock(try session.makeScriptBlock(str(args, 0)))
        case ("enum", "getnames"), ("enum", "getvalues"), ("enum", "parse"), ("enum", "isdefined"), ("enum", "toobject"):
            guard case .type(let et)? = args.first, case .enumType(let e) = et else { throw noMember(t, name) }
            switch n {
            case "getnames": return .array(PSArray(e.memberNames.map { .string($0) }))
            case "getvalues": return .array(PSArray(e.members.map { .enumValue(e.value($0.value)) }))
            case "isdefined":
                guard args.count == 2 else { throw Members.argCount(name, args.count) }
                return .bool(e.value(named: str(args, 1)) != nil || e.name(of: (try? PSConvert.toInt64(args[1])) ?? -1) != nil)
            default: return .enumValue(try PSConvert.toEnum(args.count > 1 ? args[1] : .null, e))
            }
        default:
            if let answer = try UtilityTypes.staticMethod(t, n, name, args) { return answer }
        }
        throw noMember(t, name)
    }

    /// How many arguments each Math method needs (.NET has no overload with fewer).
    static let mathArity: [String: Int] = ["pow": 2, "max": 2, "min": 2, "atan2": 2, "divrem": 2, "clamp": 3]

    static func math(_ n: String, _ args: [PSValue]) throws -> PSValue? {
        if args.count < (mathArity[n] ?? 1) { throw Members.argCount(n, args.count) }
        let x = try dbl(args, 0)
        func same(_ d: Double) -> PSValue {
            // Math functions keep integer types where .NET's overloads do.
            if let f = args.first, case .int = f, let i = Int32(exactly: d) { return .int(i) }
            if let f = args.first, case .long = f, let i = Int64(exactly: d) { return .long(i) }
            if let f = args.first, case .decimal = f { return .decimal(Decimal(d)) }
            return .double(d)
        }
        switch n {
        case "abs": return same(abs(x))
        case "pow": return .double(pow(x, try dbl(args, 1)))
        case "sqrt": return .double(x.squareRoot())
        case "floor": return same(x.rounded(.down))
        case "ceiling": return same(x.rounded(.up))
        case "truncate": return same(x.rounded(.towardZero))
        case "round":
            var digits = 0
            var mode: FloatingPointRoundingRule = .toNearestOrEven
            for a in args.dropFirst() {
                if a.isNumeric { digits = try PSConvert.toInt(a) } else if PSConvert.toString(a).lowercased() == "awayfromzero" { mode = .toNearestOrAwayFromZero }
            }
            let m = pow(10.0, Double(digits))
            if case .decimal(let d, let s)? = args.first {
                var v = d, r = Decimal()
                NSDecimalRound(&r, &v, digits, mode == .toNearestOrEven ? .bankers : .plain)
                // .NET keeps the scale, cut to the digits asked for: Round(1.5000d, 2) is 1.50.
                return .decimal(r, scale: Int8(min(DecimalScale.effective(d, s), max(0, digits))))
            }
            return .double((x * m).rounded(mode) / m)
        case "max", "min":
            let y = try dbl(args, 1)
            let pick = n == "max" ? (x >= y ? 0 : 1) : (x <= y ? 0 : 1)
            let a = args[pick]
            if case .int = args[0], case .int = args[1] { return a }
            if case .long = a { return a }
            return .double(pick == 0 ? x : y)
        case "sign": return .int(x > 0 ? 1 : (x < 0 ? -1 : 0))
        case "log":
            if args.count > 1 { return .double(Foundation.log(x) / Foundation.log(try dbl(args, 1))) }
            return .double(Foundation.log(x))
        case "log10": return .double(log10(x))
        case "log2": return .double(log2(x))
        case "exp": return .double(exp(x))
        case "sin": return .double(sin(x))
        case "cos": return .double(cos(x))
        case "tan": return .double(tan(x))
        case "atan": return .double(atan(x))
        case "atan2": return .double(atan2(x, try dbl(args, 1)))
        case "clamp": return same(min(max(x, try dbl(args, 1)), try dbl(args, 2)))
        case "divrem":
            let a = try PSConvert.toInt64(args[0]), b = try PSConvert.toInt64(args[1])
            guard b != 0 else {
                throw StringMethods.methodError("DivRem", args, "Attempted to divide by zero.", id: "DivideByZeroException")
            }
            let (q, overflow) = a.dividedReportingOverflow(by: b)
            if overflow { throw DotNetErrors.methodInvocation("DivRem", argumentCount: args.count, DotNetErrors.overflow()) }
            return .long(q)
        default: throw noMember(.named("System.Math"), n)
        }
    }

    static func regexStatic(_ n: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        switch n {
        case "escape": return .string(NSRegularExpression.escapedPattern(for: str(args, 0)))
        case "unescape": return .string(str(args, 0).replacingOccurrences(of: "\\", with: ""))
        default:
            guard args.count >= 2 else { throw Members.argCount(name, args.count) }
            let ic = args.count > (n == "replace" ? 3 : 2) && PSConvert.toString(args.last!).lowercased().contains("ignorecase")
            let r = try PSRegex(str(args, 1), ignoreCase: ic)
            var rest = [args[0]]
            if n == "replace" { rest.append(args.count > 2 ? args[2] : .string("")) }
            return try regexInstance(r, n, name, rest, session: session)
        }
    }

    static func regexInstance(_ r: PSRegex, _ n: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let s = str(args, 0)
        let range = NSRange(location: 0, length: (s as NSString).length)
        switch n {
        case "ismatch": return .bool(r.regex.firstMatch(in: s, range: range) != nil)
        case "match":
            if let m = r.regex.firstMatch(in: s, range: range) { return .object(StringOperators.matchObject(m, in: s, regex: r.regex)) }
            let o = PSObject(typeNames: ["System.Text.RegularExpressions.Match", "System.Object"])
            o.addNote("Success", .false); o.addNote("Value", .string("")); o.addNote("Groups", .array(PSArray()))
            o.addNote("Index", .int(0)); o.addNote("Length", .int(0))
            return .object(o)
        case "matches":
            return .array(PSArray(r.regex.matches(in: s, range: range).map { .object(StringOperators.matchObject($0, in: s, regex: r.regex)) }))
        case "replace":
            var sb: ((PSValue) throws -> String)? = nil
            let rep = args.count > 1 ? args[1] : .string("")
            if case .scriptBlock(let block) = rep { sb = { m in session.expandToString(try session.invokeCollectValue(block, dollarUnder: m, arguments: [m])) } }
            return .string(try StringOperators.replace(s, regex: r, replacement: rep, scriptBlock: sb))
        case "split":
            var o = StringOperators.SplitOptions(); o.ignoreCase = r.ignoreCase
            return .array(PSArray(try StringOperators.split(s, delimiter: r.pattern, max: 0, options: o, cache: session.regexCache).map { .string($0) }))
        case "tostring": return .string(r.pattern)
        default: throw Members.methodNotFound(.regex(r), name)
        }
    }

    static func pathMethod(_ n: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let p = str(args, 0)
        let ns = p as NSString
        switch n {
        case "combine", "join":
            let parts = args.flatMap { $0.arrayElements ?? [$0] }.map { PSConvert.toString($0) }
            var out = ""
            for part in parts {
                if n == "combine" && part.hasPrefix("/") { out = part; continue }
                if out.isEmpty { out = part } else if out.hasSuffix("/") || part.hasPrefix("/") { out += part } else { out += "/" + part }
            }
            return .string(out)
        case "getfilename": return .string(p.hasSuffix("/") ? "" : ns.lastPathComponent)
        case "getfilenamewithoutextension": return .string((ns.lastPathComponent as NSString).deletingPathExtension)
        case "getextension": return .string(ns.pathExtension.isEmpty ? "" : "." + ns.pathExtension)
        case "hasextension": return .bool(!ns.pathExtension.isEmpty)
        case "getdirectoryname":
            // .NET's rule: everything before the last separator; "" for a bare name, null for the root.
            if p == "/" || p.isEmpty { return .null }
            guard let slash = p.lastIndex(of: "/") else { return .string("") }
            let d = String(p[..<slash])
            return .string(d.isEmpty ? "/" : d)
        case "gettemppath":
            var t = NSTemporaryDirectory()
            if !t.hasSuffix("/") { t += "/" }
            return .string(t)
        case "gettempfilename":
            try session.requireHostAccess("Creating a temporary file")
            let f = (NSTemporaryDirectory() as NSString).appendingPathComponent("tmp\(UInt32.random(in: 0...0xFFFFF)).tmp")
            FileManager.default.createFile(atPath: f, contents: nil)
            return .string(f)
        case "getrandomfilename":
            let chars = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            return .string(String((0..<8).map { _ in chars.randomElement()! }) + "." + String((0..<3).map { _ in chars.randomElement()! }))
        case "getfullpath": return .string(session.resolvePath(p))
        case "ispathrooted": return .bool(p.hasPrefix("/"))
        case "changeextension":
            let base = ns.deletingPathExtension
            let ext = str(args, 1)
            return .string(ext.isEmpty ? base : base + (ext.hasPrefix(".") ? ext : "." + ext))
        default: throw noMember(.named("System.IO.Path"), n)
        }
    }

    /// File and Directory methods take a path first: a missing or empty one is .NET's argument error,
    /// never the current directory (which `resolvePath("")` would give, and Delete would remove).
    static func requirePath(_ n: String, _ args: [PSValue]) throws {
        guard let first = args.first else { throw Members.argCount(n, 0) }
        if first.isNull || PSConvert.toString(first).isEmpty {
            throw StringMethods.methodError(n, args, "The value cannot be an empty string. (Parameter 'path')", id: "ArgumentException")
        }
    }

    static func fileMethod(_ n: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        if n == "exists" && PSConvert.toString(args.first ?? .null).isEmpty { return .false }
        try requirePath(n, args)
        let p = session.resolvePath(str(args, 0))
        func ioError(_ m: String) -> PSRuntimeError {
            StringMethods.methodError(n, args, m, id: "IOException")
        }
        switch n {
        case "exists":
            var d: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: p, isDirectory: &d) && !d.boolValue)
        case "readalltext":
            guard let t = try? String(contentsOfFile: p, encoding: .utf8) else { throw ioError("Could not find file '\(p)'.") }
            return .string(t)
        case "readalllines":
            guard let t = try? String(contentsOfFile: p, encoding: .utf8) else { throw ioError("Could not find file '\(p)'.") }
            var lines = t.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return .array(PSArray(lines.map { .string($0.hasSuffix("\r") ? String($0.dropLast()) : $0) }, kind: .typed(.string)))
        case "writealltext", "appendalltext":
            let text = str(args, 1)
            if n == "appendalltext", let h = FileHandle(forWritingAtPath: p) {
                h.seekToEndOfFile(); h.write(Data(text.utf8)); h.closeFile()
            } else if !FileManager.default.createFile(atPath: p, contents: Data(text.utf8)) {
                throw ioError("Could not find a part of the path '\(p)'.")
            }
            return nil
        case "writealllines":
            let lines = (args.count > 1 ? (args[1].arrayElements ?? [args[1]]) : []).map { PSConvert.toString($0) + "\n" }.joined()
            if !FileManager.default.createFile(atPath: p, contents: Data(lines.utf8)) { throw ioError("Could not find a part of the path '\(p)'.") }
            return nil
        case "delete":
            // File.Delete removes a file (a missing one is fine) and refuses a directory.
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else { return nil }
            if isDir.boolValue {
                throw StringMethods.methodError(n, args, "Access to the path '\(p)' is denied.", id: "UnauthorizedAccessException")
            }
            do { try FileManager.default.removeItem(atPath: p) } catch { throw ioError(error.localizedDescription) }
            return nil
        case "copy":
            let dest = session.resolvePath(str(args, 1))
            // Overwrite replaces a file, never a directory of that name.
            var destIsDir: ObjCBool = false
            if args.count > 2 && PSConvert.toBool(args[2]), FileManager.default.fileExists(atPath: dest, isDirectory: &destIsDir),
               !destIsDir.boolValue {
                try? FileManager.default.removeItem(atPath: dest)
            }
            do { try FileManager.default.copyItem(atPath: p, toPath: dest) } catch { throw ioError(error.localizedDescription) }
            return nil
        case "move":
            do { try FileManager.default.moveItem(atPath: p, toPath: session.resolvePath(str(args, 1))) } catch { throw ioError(error.localizedDescription) }
            return nil
        case "readallbytes":
            guard let d = FileManager.default.contents(atPath: p) else { throw ioError("Could not find file '\(p)'.") }
            return .array(PSArray(d.map { .byte($0) }, kind: .typed(.byte)))
        default: throw noMember(.named("System.IO.File"), n)
        }
    }

    static func directoryMethod(_ n: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        if n == "exists" && PSConvert.toString(args.first ?? .null).isEmpty { return .false }
        if n != "getcurrentdirectory" { try requirePath(n, args) }
        let p = session.resolvePath(str(args, 0))
        switch n {
        case "exists":
            var d: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue)
        case "createdirectory":
            try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
            return .string(p)
        case "delete":
            // Directory.Delete(path) removes an empty directory; its contents go only with recursive = $true.
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw StringMethods.methodError(n, args, "Could not find a part of the path '\(p)'.", id: "DirectoryNotFoundException")
            }
            guard isDir.boolValue else { throw StringMethods.methodError(n, args, "Not a directory : '\(p)'", id: "IOException") }
            let recursive = args.count > 1 && PSConvert.toBool(args[1])
            if !recursive, !((try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []).isEmpty {
                throw StringMethods.methodError(n, args, "Directory not empty : '\(p)'", id: "IOException")
            }
            do { try FileManager.default.removeItem(atPath: p) } catch {
                throw StringMethods.methodError(n, args, error.localizedDescription, id: "IOException")
            }
            return nil
        case "getfiles", "getdirectories":
            let items = (try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []
            let wantDirs = n == "getdirectories"
            return .array(PSArray(items.sorted().compactMap { item in
                let full = (p as NSString).appendingPathComponent(item)
                var d: ObjCBool = false
                FileManager.default.fileExists(atPath: full, isDirectory: &d)
                return d.boolValue == wantDirs ? .string(full) : nil
            }, kind: .typed(.string)))
        case "getcurrentdirectory": return .string(session.currentDirectory)
        default: throw noMember(.named("System.IO.Directory"), n)
        }
    }

    static func convertMethod(_ n: String, _ args: [PSValue]) throws -> PSValue? {
        let v = args.first ?? .null
        switch n {
        case "toint32", "toint64", "toint16", "tobyte", "touint32", "touint64":
            let target: PSType = n == "toint32" ? .int32 : n == "toint64" ? .int64 : n == "toint16" ? .int16 : n == "tobyte" ? .byte : n == "touint32" ? .uint32 : .uint64
            if args.count > 1 {
                let base = try PSConvert.toInt(args[1])
                guard [2, 8, 10, 16].contains(base) else {
                    throw StringMethods.methodError("To" + target.name, args, "Invalid Base. (Parameter 'fromBase')", id: "ArgumentException")
                }
                var s = PSConvert.toString(v).lowercased()
                if base == 16 && s.hasPrefix("0x") { s = String(s.dropFirst(2)) }
                guard let i = Int64(s, radix: base) else {
                    throw StringMethods.methodError("To" + target.name, args, "Could not find any recognizable digits.", id: "FormatException")
                }
                return try PSConvert.convert(.long(i), to: target)
            }
            return try PSConvert.convert(v, to: target)
        case "tostring":
            if args.count > 1 {
                let base = try PSConvert.toInt(args[1])
                // .NET takes bases 2, 8, 10 and 16 only (and prints negative numbers in two's complement).
                guard [2, 8, 10, 16].contains(base) else {
                    throw StringMethods.methodError("ToString", args, "Invalid Base. (Parameter 'toBase')", id: "ArgumentException")
                }
                let number = try PSConvert.toInt64(v)
                return .string(base == 10 || number >= 0 ? String(number, radix: base) : String(UInt64(bitPattern: number), radix: base))
            }
            return .string(PSConvert.toString(v))
        case "todouble": return .double(try PSConvert.toDouble(v))
        case "todecimal": return .decimal(try PSConvert.toDecimal(v))
        case "toboolean":
            if case .string(let s) = v {
                switch s.trimmingCharacters(in: .whitespaces).lowercased() {
                case "true": return .true
                case "false": return .false
                default: throw StringMethods.methodError("ToBoolean", args, "String '\(s)' was not recognized as a valid Boolean.", id: "FormatException")
                }
            }
            return .bool(PSConvert.toBool(v))
        case "tochar": return try PSConvert.convert(v, to: .char)
        case "tobase64string":
            let bytes = (v.arrayElements ?? [v]).map { UInt8(truncatingIfNeeded: (try? PSConvert.toInt($0)) ?? 0) }
            return .string(Data(bytes).base64EncodedString())
        case "frombase64string":
            guard let d = Data(base64Encoded: PSConvert.toString(v)) else {
                throw StringMethods.methodError("FromBase64String", args, "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.", id: "FormatException")
            }
            return .array(PSArray(d.map { .byte($0) }, kind: .typed(.byte)))
        default: throw noMember(.named("System.Convert"), n)
        }
    }

    /// `[Text.Encoding]::UTF8` with GetBytes/GetString.
    static func encodingObject(_ name: String) -> PSObject {
        let o = PSObject(typeNames: ["System.Text.UTF8Encoding", "System.Text.Encoding", "System.Object"])
        o.addNote("EncodingName", .string(name == "ascii" ? "US-ASCII" : "Unicode (UTF-8)"))
        o.addMethod("GetBytes") { _, args in
            .array(PSArray(Array(PSConvert.toString(args.first ?? .null).utf8).map { .byte($0) }, kind: .typed(.byte)))
        }
        o.addMethod("GetString") { _, args in
            let bytes = (args.first?.arrayElements ?? []).map { UInt8(truncatingIfNeeded: (try? PSConvert.toInt($0)) ?? 0) }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        return o
    }
}
