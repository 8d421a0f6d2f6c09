// Get-Date, New-TimeSpan, Start-Sleep, Get-Random, Select-String, Get-Process, transcripts, and the
// Windows-only cmdlets lab scripts call (they fail with a clear, catchable error).

import Foundation
import PSRuntime

extension DateParts {
    init(_ d: PSDateTime) {
        let c = d.components
        let dayOfYear = Int((PSDateTime(year: c.year, month: c.month, day: c.day).ticks - PSDateTime(year: c.year, month: 1, day: 1).ticks) / 864_000_000_000) + 1
        let offset = d.kind == .utc ? 0 : TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double((d.ticks - PSDateTime.unixEpochTicks) / 10_000_000)))
        self.init(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second, ticks: Int(c.fraction),
                  weekday: d.dayOfWeek, dayOfYear: dayOfYear, utcOffsetSeconds: offset, isUTC: d.kind == .utc)
    }
}

final class GetDateCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Date", parameters: [
        ParameterDeclaration("Date", .dateTime, aliases: ["LastWriteTime"], position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("UnixTimeSeconds", .int64, aliases: ["UnixTime"]),
        ParameterDeclaration("Year", .int32), ParameterDeclaration("Month", .int32), ParameterDeclaration("Day", .int32),
        ParameterDeclaration("Hour", .int32), ParameterDeclaration("Minute", .int32), ParameterDeclaration("Second", .int32),
        ParameterDeclaration("Millisecond", .int32),
        ParameterDeclaration("DisplayHint", .string, validate: [.set(["Date", "Time", "DateTime"])]),
        ParameterDeclaration("Format", .string),
        ParameterDeclaration("UFormat", .string),
        ParameterDeclaration("AsUTC", .switchParameter),
    ], synopsis: "Gets the current date and time, or a date built from parts.",
       description: "Writes a DateTime (now, -Date, or with -Year/-Month/... replaced), or a string with -Format (.NET format, e.g. 'yyyy-MM-dd HH:mm') or -UFormat (Unix style, e.g. '%Y%m%d').")
    init() {}

    func process(_ context: CmdletContext) throws {
        var d: PSDateTime
        if case .dateTime(let x)? = context["Date"]?.unwrapped { d = x } else if let u = context.int("UnixTimeSeconds") {
            d = PSDateTime(date: Date(timeIntervalSince1970: Double(u)))
        } else { d = PSDateTime.now() }
        if context.switchPresent("AsUTC") {
            d = PSDateTime(date: Date(timeIntervalSince1970: Double(d.ticks - PSDateTime.unixEpochTicks) / 1e7 - Double(DateParts(d).utcOffsetSeconds)), kind: .utc)
        }
        let c = d.components
        if ["Year", "Month", "Day", "Hour", "Minute", "Second", "Millisecond"].contains(where: { context.isBound($0) }) {
            let day = context.int("Day") ?? c.day
            var nd = PSDateTime(year: context.int("Year") ?? c.year, month: context.int("Month") ?? c.month, day: 1,
                                hour: context.int("Hour") ?? c.hour, minute: context.int("Minute") ?? c.minute,
                                second: context.int("Second") ?? c.second, kind: d.kind)
            nd = nd.adding(ticks: Int64(day - 1) * 864_000_000_000 + (context.int("Millisecond").map { Int64($0) * 10_000 } ?? c.fraction))
            d = nd
        }
        if let f = context.string("Format") {
            try context.writeObject(.string(DateFormatting.format(DateParts(d), f)))
        } else if let u = context.string("UFormat") {
            let epoch = Int((d.ticks - PSDateTime.unixEpochTicks) / 10_000_000) - DateParts(d).utcOffsetSeconds
            try context.writeObject(.string(DateFormatting.uformat(DateParts(d), epochSeconds: epoch, u)))
        } else {
            try context.writeObject(.dateTime(d))
        }
    }
}

final class NewTimeSpanCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-TimeSpan", parameters: [
        ParameterDeclaration("Start", .dateTime, aliases: ["LastWriteTime"], position: 0, sets: ["Date"]),
        ParameterDeclaration("End", .dateTime, position: 1, sets: ["Date"]),
        ParameterDeclaration("Days", .int32, sets: ["Time"]), ParameterDeclaration("Hours", .int32, sets: ["Time"]),
        ParameterDeclaration("Minutes", .int32, sets: ["Time"]), ParameterDeclaration("Seconds", .int32, sets: ["Time"]),
        ParameterDeclaration("Milliseconds", .int32, sets: ["Time"]),
    ], defaultParameterSet: "Date", synopsis: "Creates a time interval.",
       description: "Writes the TimeSpan between -Start and -End (each defaulting to now), or one built from -Days, -Hours, -Minutes, -Seconds and -Milliseconds.")
    init() {}
    func process(_ context: CmdletContext) throws {
        if ["Days", "Hours", "Minutes", "Seconds", "Milliseconds"].contains(where: { context.isBound($0) }) {
            try context.writeObject(.timeSpan(PSTimeSpan(days: context.int("Days") ?? 0, hours: context.int("Hours") ?? 0,
                                                         minutes: context.int("Minutes") ?? 0, seconds: context.int("Seconds") ?? 0,
                                                         milliseconds: context.int("Milliseconds") ?? 0)))
            return
        }
        let now = PSDateTime.now()
        var start = now, end = now
        if case .dateTime(let s)? = context["Start"]?.unwrapped { start = s }
        if case .dateTime(let e)? = context["End"]?.unwrapped { end = e }
        try context.writeObject(.timeSpan(PSTimeSpan(ticks: end.ticks - start.ticks)))
    }
}

final class StartSleepCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Start-Sleep", parameters: [
        ParameterDeclaration("Seconds", .double, position: 0, valueFromPipeline: true, sets: ["Seconds"]),
        ParameterDeclaration("Milliseconds", .int32, aliases: ["ms"], sets: ["Milliseconds"]),
        ParameterDeclaration("Duration", .timeSpan, sets: ["FromTimeSpan"]),
    ], defaultParameterSet: "Seconds", synopsis: "Waits for a while.", description: "Pauses the script for the given number of seconds or milliseconds.")
    init() {}
    func process(_ context: CmdletContext) throws {
        var seconds = context.double("Seconds") ?? 0
        if let ms = context.int("Milliseconds") { seconds = Double(ms) / 1000 }
        if case .timeSpan(let t)? = context["Duration"]?.unwrapped { seconds = t.totalSeconds }
        if seconds < 0 {
            throw context.terminatingError("Cannot validate argument on parameter 'Seconds'. The \(seconds) argument is less than the minimum allowed range of 0.",
                                           errorId: "ParameterArgumentValidationError", category: .invalidData)
        }
        // Sleep in short slices so an interrupted pipeline does not wait out the whole interval.
        let end = monotonicNanoseconds() + UInt64(seconds * 1e9)
        while true {
            let now = monotonicNanoseconds()
            if now >= end { break }
            if context.session.stopFlag.isSet { throw PipelineStoppedSignal() }
            usleep(useconds_t(min(50_000, (end - now) / 1000)))
        }
    }
}

/// A seedable generator (SplitMix64) shared by Get-Random calls of a process.
final class RandomSource: @unchecked Sendable {
    static let shared = RandomSource()
    // Guarded by `lock`, which is why the class may be shared across threads.
    private let lock = NSLock()
    private var state = UInt64(UInt(bitPattern: Int(monotonicNanoseconds() & 0x7fff_ffff_ffff))) &* 0x9E37_79B9_7F4A_7C15

    func seed(_ s: Int64) { lock.lock(); state = UInt64(bitPattern: s) &* 0x9E37_79B9_7F4A_7C15 &+ 1; lock.unlock() }

    func next() -> UInt64 {
        lock.lock(); defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    func below(_ n: UInt64) -> UInt64 { n == 0 ? 0 : next() % n }
}

final class GetRandomCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Random", parameters: [
        ParameterDeclaration("Maximum", .object, position: 0),
        ParameterDeclaration("Minimum", .object),
        ParameterDeclaration("InputObject", .array(.object), valueFromPipeline: true),
        ParameterDeclaration("Count", .int32, validate: [.range(min: 1, max: nil)]),
        ParameterDeclaration("SetSeed", .int32),
        ParameterDeclaration("Shuffle", .switchParameter),
    ], synopsis: "Gets a random number or picks random input objects.",
       description: "Writes a random integer in [Minimum, Maximum) (a double if either bound is a double), or -Count distinct objects chosen from the input; -Shuffle writes all input in random order. -SetSeed makes the sequence repeatable.")
    private var items: [PSValue] = []
    init() {}

    func begin(_ context: CmdletContext) throws {
        if let s = context.int("SetSeed") { RandomSource.shared.seed(Int64(s)) }
    }

    func process(_ context: CmdletContext) throws {
        if let v = context.values("InputObject") { items += v }
    }

    func end(_ context: CmdletContext) throws {
        let rng = RandomSource.shared
        if !items.isEmpty || context.isBound("InputObject") {
            var pool = items
            let count = context.switchPresent("Shuffle") ? pool.count : min(context.int("Count") ?? 1, pool.count)
            for _ in 0..<count {
                let i = Int(rng.below(UInt64(pool.count)))
                try context.writeObject(pool.remove(at: i))
            }
            return
        }
        let maxV = context["Maximum"]?.unwrapped
        let minV = context["Minimum"]?.unwrapped
        let isDouble: Bool = {
            if case .double? = maxV { return true }
            if case .double? = minV { return true }
            return false
        }()
        for _ in 0..<(context.int("Count") ?? 1) {
            if isDouble {
                let lo = minV.flatMap { try? PSConvert.toDouble($0) } ?? 0
                let hi = maxV.flatMap { try? PSConvert.toDouble($0) } ?? Double(Int32.max)
                try check(lo, hi, context)
                try context.writeObject(.double(lo + (hi - lo) * rng.unit()))
            } else {
                let lo = minV.flatMap { try? PSConvert.toInt64($0) } ?? 0
                let hi = maxV.flatMap { try? PSConvert.toInt64($0) } ?? Int64(Int32.max)
                try check(Double(lo), Double(hi), context)
                let r = lo + Int64(rng.below(UInt64(hi - lo)))
                try context.writeObject(r >= Int64(Int32.min) && r <= Int64(Int32.max) && hi <= Int64(Int32.max) ? .int(Int32(r)) : .long(r))
            }
        }
    }

    private func check(_ lo: Double, _ hi: Double, _ context: CmdletContext) throws {
        if lo >= hi {
            throw context.terminatingError("The Minimum value (\(ValueText.elementName(.double(lo)))) cannot be greater than or equal to the Maximum value (\(ValueText.elementName(.double(hi)))).",
                                           errorId: "MinGreaterThanOrEqualMax", category: .invalidArgument)
        }
    }
}

final class SelectStringCommand: Cmdlet {
    static let matchInfoType = "Microsoft.PowerShell.Commands.MatchInfo"
    static let declaration = CmdletDeclaration("Select-String", parameters: [
        ParameterDeclaration("Pattern", .array(.string), position: 0, mandatory: true),
        ParameterDeclaration("Path", .array(.string), position: 1, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("SimpleMatch", .switchParameter),
        ParameterDeclaration("CaseSensitive", .switchParameter),
        ParameterDeclaration("NotMatch", .switchParameter),
        ParameterDeclaration("AllMatches", .switchParameter),
        ParameterDeclaration("Quiet", .switchParameter),
        ParameterDeclaration("List", .switchParameter),
        ParameterDeclaration("Raw", .switchParameter),
        ParameterDeclaration("Include", .array(.string)),
        ParameterDeclaration("Exclude", .array(.string)),
        ParameterDeclaration("Encoding", .string),
        ParameterDeclaration("Context", .array(.int32)),
    ], synopsis: "Finds text matching a pattern in strings or files.",
       description: "Writes a MatchInfo for each input line (or file line with -Path) that matches one of the regular expressions (plain text with -SimpleMatch); case-insensitive unless -CaseSensitive. -Quiet writes only True or False; -Raw writes the matching lines themselves.")
    private var any = false
    /// The patterns compiled once, before any input (nil entries with -SimpleMatch).
    private var regexes: [NSRegularExpression?] = []
    init() {}

    func begin(_ context: CmdletContext) throws {
        for p in context.strings("Pattern") ?? [] {
            if context.switchPresent("SimpleMatch") { regexes.append(nil); continue }
            do {
                regexes.append(try WhereObjectCommand.regex(p, caseSensitive: context.switchPresent("CaseSensitive")))
            } catch {
                throw context.terminatingError("The string \(p) is not a valid regular expression: Invalid pattern '\(p)'.",
                                               errorId: "InvalidRegex", category: .invalidArgument,
                                               exceptionType: "System.ArgumentException")
            }
        }
    }

    private func matches(_ line: String, _ context: CmdletContext) throws -> [String] {
        var found: [String] = []
        for (k, p) in (context.strings("Pattern") ?? []).enumerated() {
            if context.switchPresent("SimpleMatch") {
                let hay = context.switchPresent("CaseSensitive") ? line : line.lowercased()
                let needle = context.switchPresent("CaseSensitive") ? p : p.lowercased()
                if hay.contains(needle) { found.append(p) }
            } else {
                guard k < regexes.count, let re = regexes[k] else { continue }
                let ns = NSRange(line.startIndex..., in: line)
                for m in re.matches(in: line, range: ns) {
                    if let r = Range(m.range, in: line) { found.append(String(line[r])) }
                    if !context.switchPresent("AllMatches") { break }
                }
            }
            if !found.isEmpty && !context.switchPresent("AllMatches") { break }
        }
        return found
    }

    private func emit(line: String, number: Int, path: String, found: [String], _ context: CmdletContext) throws {
        let hit = !found.isEmpty != context.switchPresent("NotMatch")
        guard hit else { return }
        any = true
        if context.switchPresent("Quiet") { return }
        if context.switchPresent("Raw") { try context.writeObject(.string(line)); return }
        let o = PSObject(typeNames: [SelectStringCommand.matchInfoType, "System.Object"])
        o.addNote("IgnoreCase", .bool(!context.switchPresent("CaseSensitive")))
        o.addNote("LineNumber", .int(Int32(number)))
        o.addNote("Line", .string(line))
        o.addNote("Filename", .string(path == "InputStream" ? "InputStream" : (path as NSString).lastPathComponent))
        o.addNote("Path", .string(path))
        o.addNote("Pattern", .string(context.strings("Pattern")?.first ?? ""))
        o.addNote("Matches", .list(found.map { .string($0) }))
        let display = path == "InputStream" ? line : "\(path):\(number):\(line)"
        o.toStringHandler = { _ in display }
        try context.writeObject(.object(o))
    }

    func process(_ context: CmdletContext) throws {
        if let input = context["InputObject"], !context.isBound("Path") && !context.isBound("LiteralPath") {
            let line = PSConvert.toString(input)
            try emit(line: line, number: 1, path: "InputStream", found: try matches(line, context), context)
            return
        }
        for path in try FileItems.paths(context) {
            guard let text = FileText.read(path) else { continue }
            var lines = LineBreaking.splitLines(text)
            if text.hasSuffix("\n") { lines.removeLast() }
            for (i, l) in lines.enumerated() {
                let before = any
                try emit(line: l, number: i + 1, path: path, found: try matches(l, context), context)
                if context.switchPresent("List") && any && !before { break }
            }
        }
    }

    func end(_ context: CmdletContext) throws {
        if context.switchPresent("Quiet") { try context.writeObject(.bool(any)) }
    }
}

final class GetProcessCommand: Cmdlet {
    static let processType = "System.Diagnostics.Process"
    static let declaration = CmdletDeclaration("Get-Process", parameters: [
        ParameterDeclaration("Name", .array(.string), aliases: ["ProcessName"], position: 0, valueFromPipelineByPropertyName: true, sets: ["Name"]),
        ParameterDeclaration("Id", .array(.int32), aliases: ["PID"], mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Id"]),
        ParameterDeclaration("IncludeUserName", .switchParameter),
    ], defaultParameterSet: "Name", synopsis: "Lists running processes.",
       description: "Writes an object per running process (from /proc): Id, ProcessName, CPU seconds, working set and more, filtered by -Name (wildcards) or -Id.")
    init() {}

    static func read(_ pid: Int32) -> PSValue? {
        guard let stat = FileText.read("/proc/\(pid)/stat"), let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
        let name = String(stat[stat.index(after: open)..<close])
        let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let utime = Double(fields.count > 11 ? fields[11] : "0") ?? 0
        let stime = Double(fields.count > 12 ? fields[12] : "0") ?? 0
        let threads = Int32(fields.count > 17 ? fields[17] : "1") ?? 1
        let session = Int32(fields.count > 3 ? fields[3] : "0") ?? 0
        var rss: Int64 = 0, vm: Int64 = 0
        if let status = FileText.read("/proc/\(pid)/status") {
            for line in status.split(separator: "\n") {
                let parts = line.split(separator: " ", omittingEmptySubsequences: true)
                if line.hasPrefix("VmRSS:"), parts.count > 1 { rss = (Int64(parts[1]) ?? 0) * 1024 }
                if line.hasPrefix("VmSize:"), parts.count > 1 { vm = (Int64(parts[1]) ?? 0) * 1024 }
            }
        }
        let handles = Int32(((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).count)
        let o = PSObject(typeNames: [processType, "System.ComponentModel.Component", "System.Object"])
        o.addNote("Id", .int(pid))
        o.addNote("ProcessName", .string(name))
        o.addAlias("Name", target: "ProcessName")
        o.addNote("CPU", .double((utime + stime) / ticks))
        o.addNote("WorkingSet64", .long(rss))
        o.addAlias("WS", target: "WorkingSet64")
        o.addNote("PrivateMemorySize64", .long(rss))
        o.addAlias("PM", target: "PrivateMemorySize64")
        o.addNote("VirtualMemorySize64", .long(vm))
        o.addNote("NonpagedSystemMemorySize64", .long(0))
        o.addAlias("NPM", target: "NonpagedSystemMemorySize64")
        o.addNote("HandleCount", .int(handles))
        o.addAlias("Handles", target: "HandleCount")
        o.addNote("Threads", .int(threads))
        o.addNote("SessionId", .int(session))
        o.addAlias("SI", target: "SessionId")
        o.addNote("Path", .string((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""))
        o.toStringHandler = { _ in "System.Diagnostics.Process (\(name))" }
        return .object(o)
    }

    func process(_ context: CmdletContext) throws {
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.sorted()
        if let ids = context.values("Id") {
            for v in ids {
                let id = (try? PSConvert.toInt32(v)) ?? -1
                if let p = GetProcessCommand.read(id) { try context.writeObject(p) } else {
                    try context.writeError(ErrorRecord(message: "Cannot find a process with the process identifier \(id).",
                                                       errorId: context.qualifiedErrorId("NoProcessFoundForGivenId"),
                                                       category: .objectNotFound, target: .int(id),
                                                       exceptionType: "Microsoft.PowerShell.Commands.ProcessCommandException"))
                }
            }
            return
        }
        let all = pids.compactMap { GetProcessCommand.read($0) }
        guard let names = context.strings("Name") else {
            for p in all.sorted(by: { PSConvert.toString(PropertyAccess.value($0, "ProcessName") ?? .null).lowercased() < PSConvert.toString(PropertyAccess.value($1, "ProcessName") ?? .null).lowercased() }) {
                try context.writeObject(p)
            }
            return
        }
        for n in names {
            let pat = WildcardPattern(n)
            let hits = all.filter { pat.matches(PSConvert.toString(PropertyAccess.value($0, "ProcessName") ?? .null)) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a process with the name \"\(n)\". Verify the process name and call the cmdlet again.",
                                                   errorId: context.qualifiedErrorId("NoProcessFoundForGivenName"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "Microsoft.PowerShell.Commands.ProcessCommandException"))
            }
            for h in hits { try context.writeObject(h) }
        }
    }
}

// MARK: - Transcripts

/// Wraps the session's host and copies everything written to a transcript file.
final class TranscriptHost: PSHost {
    let inner: PSHost
    let path: String
    private let handle: FileHandle?

    init(inner: PSHost, path: String, append: Bool) {
        self.inner = inner
        self.path = path
        if !append || !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    func record(_ text: String) { try? handle?.write(contentsOf: Data(text.utf8)) }
    func close() { try? handle?.close() }

    func write(_ text: String, stream: HostStream) {
        inner.write(text, stream: stream)
        if stream != .progress { record(text) }
    }
    func readLine(prompt: String) -> String? {
        let line = inner.readLine(prompt: prompt)
        record(prompt + (line ?? "") + "\n")
        return line
    }
    var windowWidth: Int { inner.windowWidth }
    var isInteractive: Bool { inner.isInteractive }
    var name: String { inner.name }
    func progress(activity: String, status: String, percentComplete: Int, completed: Bool) {
        inner.progress(activity: activity, status: status, percentComplete: percentComplete, completed: completed)
    }
    func confirm(caption: String, message: String) -> Bool { inner.confirm(caption: caption, message: message) }
}

final class StartTranscriptCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Start-Transcript", parameters: [
        ParameterDeclaration("Path", .string, aliases: ["LiteralPath", "PSPath"], position: 0),
        ParameterDeclaration("OutputDirectory", .string),
        ParameterDeclaration("Append", .switchParameter),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("NoClobber", .switchParameter),
        ParameterDeclaration("IncludeInvocationHeader", .switchParameter),
        ParameterDeclaration("UseMinimalHeader", .switchParameter),
    ], synopsis: "Records the session's output in a file.", description: "Copies everything the shell shows from now on into a text file, until Stop-Transcript.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let session = context.session
        var path: String
        if let p = context.string("Path") { path = FileSystemPaths.resolve(p, session: session) } else {
            let dir = context.string("OutputDirectory").map { FileSystemPaths.resolve($0, session: session) } ?? (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp")
            let stamp = DateFormatting.format(DateParts(PSDateTime.now()), "yyyyMMddHHmmss")
            path = dir + "/PowerShell_transcript.\(ProcessInfo.processInfo.hostName).\(stamp).txt"
        }
        if context.switchPresent("NoClobber"), FileManager.default.fileExists(atPath: path) {
            throw context.terminatingError("File \(path) already exists and NoClobber was specified.", errorId: "NoClobber", category: .resourceExists)
        }
        let dir = (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: dir) else {
            throw context.terminatingError("Transcription cannot be started due to the error: Could not find a part of the path '\(path)'.",
                                           errorId: "CannotStartTranscription", category: .invalidOperation, target: .string(path))
        }
        let host = TranscriptHost(inner: session.host, path: path, append: context.switchPresent("Append"))
        let stamp = DateFormatting.format(DateParts(PSDateTime.now()), "yyyyMMddHHmmss")
        host.record("**********************\nPowerShell transcript start\nStart time: \(stamp)\n**********************\n")
        session.host = host
        try context.writeObject(.string("Transcript started, output file is \(path)"))
    }
}

final class StopTranscriptCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Stop-Transcript", synopsis: "Stops recording the session's output.",
        description: "Closes the transcript file started by Start-Transcript.")
    init() {}
    func process(_ context: CmdletContext) throws {
        guard let t = context.session.host as? TranscriptHost else {
            throw context.terminatingError("An error occurred stopping transcription: The host is not currently transcribing.",
                                           errorId: "InvalidOperation", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        let stamp = DateFormatting.format(DateParts(PSDateTime.now()), "yyyyMMddHHmmss")
        t.record("**********************\nPowerShell transcript end\nEnd time: \(stamp)\n**********************\n")
        t.close()
        context.session.host = t.inner
        try context.writeObject(.string("Transcript stopped, output file is \(t.path)"))
    }
}

// MARK: - Windows-only

/// Cmdlets that exist only on Windows: they bind their usual parameters and then fail with a
/// PlatformNotSupported error that `try/catch` and `-ErrorAction` handle like any other.
class WindowsOnlyBase {
    func begin(_ context: CmdletContext) throws {
        throw context.terminatingError("\(context.commandName) is not supported on this platform: it needs Windows (WMI/CIM, Windows features or UEFI services), which hvsh on Linux does not have.",
                                       errorId: "PlatformNotSupported", category: .notImplemented,
                                       exceptionType: "System.PlatformNotSupportedException")
    }
    static func parameters(_ names: [(String, PSType)]) -> [ParameterDeclaration] {
        names.enumerated().map { i, p in ParameterDeclaration(p.0, p.1, position: i == 0 && p.1 != .switchParameter ? 0 : nil) }
            + [ParameterDeclaration("RemainingArguments", .array(.object), valueFromRemainingArguments: true, dontShow: true)]
    }
}

final class OutGridViewCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Out-GridView", parameters: [ParameterDeclaration("InputObject", .object, valueFromPipeline: true)]
        + parameters([("Title", .string), ("PassThru", .switchParameter), ("OutputMode", .string), ("Wait", .switchParameter)]),
        synopsis: "Not available: shows objects in a window on Windows.", description: "Fails with a PlatformNotSupported error: there is no graphical grid view on this platform.")
    required override init() {}
}

final class GetCimInstanceCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Get-CimInstance", parameters: parameters([
        ("ClassName", .string), ("Namespace", .string), ("Filter", .string), ("Query", .string), ("ComputerName", .array(.string)),
        ("CimSession", .object), ("Property", .array(.string)), ("KeyOnly", .switchParameter),
    ]), synopsis: "Not available: reads CIM/WMI classes on Windows.", description: "Fails with a PlatformNotSupported error: there is no CIM/WMI service on this platform.",
        className: "Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand")
    required override init() {}
}

final class GetWmiObjectCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Get-WmiObject", parameters: parameters([
        ("Class", .string), ("Namespace", .string), ("Filter", .string), ("Query", .string), ("ComputerName", .array(.string)),
        ("Property", .array(.string)), ("List", .switchParameter),
    ]), synopsis: "Not available: reads WMI classes on Windows.", description: "Fails with a PlatformNotSupported error: there is no WMI service on this platform.")
    required override init() {}
}

final class InstallWindowsFeatureCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Install-WindowsFeature", parameters: parameters([
        ("Name", .array(.string)), ("IncludeManagementTools", .switchParameter), ("IncludeAllSubFeature", .switchParameter),
        ("Restart", .switchParameter), ("ComputerName", .string), ("Source", .string),
    ]), synopsis: "Not available: installs Windows Server roles and features.", description: "Fails with a PlatformNotSupported error: Windows features do not exist on this platform; hvsh's Hyper-V cmdlets are always available.",
        className: "Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand")
    required override init() {}
}

final class GetWindowsOptionalFeatureCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Get-WindowsOptionalFeature", parameters: parameters([
        ("FeatureName", .string), ("Online", .switchParameter), ("Path", .string),
    ]), synopsis: "Not available: lists Windows optional features.", description: "Fails with a PlatformNotSupported error: Windows optional features do not exist on this platform.",
        className: "Microsoft.Dism.Commands.GetWindowsOptionalFeatureCommand")
    required override init() {}
}

final class EnableWindowsOptionalFeatureCommand: WindowsOnlyBase, Cmdlet {
    static let declaration = CmdletDeclaration("Enable-WindowsOptionalFeature", parameters: parameters([
        ("FeatureName", .array(.string)), ("Online", .switchParameter), ("All", .switchParameter), ("NoRestart", .switchParameter), ("Path", .string),
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
