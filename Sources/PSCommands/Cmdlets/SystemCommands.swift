// Get-Date, New-TimeSpan, Start-Sleep and Get-Process. Get-Random, Select-String, transcripts and the
// Windows-only cmdlets have files of their own.

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
    static let date = Parameter<PSValue>("Date", type: .dateTime, aliases: ["LastWriteTime"], position: 0, valueFromPipeline: true,
                                         valueFromPipelineByPropertyName: true)
    static let unixTimeSeconds = Parameter<Int64>("UnixTimeSeconds", aliases: ["UnixTime"])
    // PowerShell's own ranges: a part outside them is a binding error, never an impossible date.
    static let year = Parameter<Int>("Year", validate: [.range(min: 1, max: 9999)])
    static let month = Parameter<Int>("Month", validate: [.range(min: 1, max: 12)])
    static let day = Parameter<Int>("Day", validate: [.range(min: 1, max: 31)])
    static let hour = Parameter<Int>("Hour", validate: [.range(min: 0, max: 23)])
    static let minute = Parameter<Int>("Minute", validate: [.range(min: 0, max: 59)])
    static let second = Parameter<Int>("Second", validate: [.range(min: 0, max: 59)])
    static let millisecond = Parameter<Int>("Millisecond", validate: [.range(min: 0, max: 999)])
    static let displayHint = Parameter<String>("DisplayHint", validate: [.set(["Date", "Time", "DateTime"])])
    // -Format and -UFormat are in sets of their own, and -UFormat is mandatory in its set as in
    // PowerShell, so `-UFormat $null` or `-UFormat ''` is a binding error, not the default format.
    static let format = Parameter<String>("Format", sets: ["DateAndFormat"])
    static let uFormat = Parameter<String>("UFormat", mandatory: true, sets: ["DateAndUFormat"])
    static let asUTC = Parameter<SwitchParameter>("AsUTC")
    static let declaration = CmdletDeclaration("Get-Date", parameters: [
        date, unixTimeSeconds, year, month, day, hour, minute, second, millisecond, displayHint, format, uFormat, asUTC,
    ], defaultParameterSet: "DateAndFormat", synopsis: "Gets the current date and time, or a date built from parts.",
       description: "Writes a DateTime (now, -Date, or with -Year/-Month/... replaced), or a string with -Format (.NET format, e.g. 'yyyy-MM-dd HH:mm') or -UFormat (Unix style, e.g. '%Y%m%d').")

    func process(_ context: CmdletContext) throws {
        var d: PSDateTime
        if case .dateTime(let x)? = context[Self.date]?.unwrapped { d = x } else if let u = context[Self.unixTimeSeconds] {
            // DateTimeOffset.FromUnixTimeSeconds's range: 0001-01-01 to 9999-12-31.
            guard u >= -62_135_596_800 && u <= 253_402_300_799 else {
                throw context.terminatingError(from: DotNetErrors.argumentOutOfRange(
                    "Valid values are between -62135596800 and 253402300799, inclusive.", parameter: "seconds"))
            }
            d = PSDateTime(date: Date(timeIntervalSince1970: Double(u)))
        } else { d = PSDateTime.now() }
        if context[Self.asUTC] {
            d = PSDateTime(date: Date(timeIntervalSince1970: Double(d.ticks - PSDateTime.unixEpochTicks) / 1e7 - Double(DateParts(d).utcOffsetSeconds)), kind: .utc)
        }
        let c = d.components
        if [Self.year, Self.month, Self.day, Self.hour, Self.minute, Self.second, Self.millisecond].contains(where: { context.isBound($0) }) {
            let day = context[Self.day] ?? c.day
            var nd = PSDateTime(year: context[Self.year] ?? c.year, month: context[Self.month] ?? c.month, day: 1,
                                hour: context[Self.hour] ?? c.hour, minute: context[Self.minute] ?? c.minute,
                                second: context[Self.second] ?? c.second, kind: d.kind)
            let offset = Int64(day - 1) * 864_000_000_000 + (context[Self.millisecond].map { Int64($0) * 10_000 } ?? c.fraction)
            d = try context.reportingDotNetErrors { try nd.checkedAdding(ticks: offset) }
        }
        if let f = context[Self.format] {
            // The File* names are Get-Date's own: sortable, file-name-safe stamps (Universal ones in UTC).
            switch f.lowercased() {
            case "filedate": try context.writeObject(.string(DateFormatting.format(DateParts(d), "yyyyMMdd")))
            case "filedateuniversal": try context.writeObject(.string(DateFormatting.format(DateParts(d.toUniversal()), "yyyyMMdd'Z'")))
            case "filedatetime": try context.writeObject(.string(DateFormatting.format(DateParts(d), "yyyyMMdd'T'HHmmssffff")))
            case "filedatetimeuniversal":
                try context.writeObject(.string(DateFormatting.format(DateParts(d.toUniversal()), "yyyyMMdd'T'HHmmssffff'Z'")))
            default: try context.writeObject(.string(DateFormatting.format(DateParts(d), f)))
            }
        } else if let u = context[Self.uFormat] {
            let epoch = Int((d.ticks - PSDateTime.unixEpochTicks) / 10_000_000) - DateParts(d).utcOffsetSeconds
            try context.writeObject(.string(DateFormatting.uformat(DateParts(d), epochSeconds: epoch, u)))
        } else if let hint = context[Self.displayHint] {
            // The hint travels as a note on the date; formatting shows only the date or the time.
            let o = PSValue.dateTime(d).withAddedMembers()
            o.addNote("DisplayHint", .string(["date": "Date", "time": "Time"][hint.lowercased()] ?? "DateTime"))
            try context.writeObject(.object(o))
        } else {
            try context.writeObject(.dateTime(d))
        }
    }
}

final class NewTimeSpanCommand: Cmdlet {
    static let start = Parameter<PSValue>("Start", type: .dateTime, aliases: ["LastWriteTime"], position: 0, sets: ["Date"])
    static let end = Parameter<PSValue>("End", type: .dateTime, position: 1, sets: ["Date"])
    static let days = Parameter<Int>("Days", sets: ["Time"])
    static let hours = Parameter<Int>("Hours", sets: ["Time"])
    static let minutes = Parameter<Int>("Minutes", sets: ["Time"])
    static let seconds = Parameter<Int>("Seconds", sets: ["Time"])
    static let milliseconds = Parameter<Int>("Milliseconds", sets: ["Time"])
    static let declaration = CmdletDeclaration("New-TimeSpan", parameters: [start, end, days, hours, minutes, seconds, milliseconds], defaultParameterSet: "Date", synopsis: "Creates a time interval.",
       description: "Writes the TimeSpan between -Start and -End (each defaulting to now), or one built from -Days, -Hours, -Minutes, -Seconds and -Milliseconds.")
    func process(_ context: CmdletContext) throws {
        if [Self.days, Self.hours, Self.minutes, Self.seconds, Self.milliseconds].contains(where: { context.isBound($0) }) {
            let span = try context.reportingDotNetErrors {
                try PSTimeSpan(checkedDays: Int64(context[Self.days] ?? 0), hours: Int64(context[Self.hours] ?? 0),
                               minutes: Int64(context[Self.minutes] ?? 0), seconds: Int64(context[Self.seconds] ?? 0),
                               milliseconds: Int64(context[Self.milliseconds] ?? 0))
            }
            try context.writeObject(.timeSpan(span))
            return
        }
        let now = PSDateTime.now()
        var start = now, end = now
        if case .dateTime(let s)? = context[Self.start]?.unwrapped { start = s }
        if case .dateTime(let e)? = context[Self.end]?.unwrapped { end = e }
        try context.writeObject(.timeSpan(PSTimeSpan(ticks: end.ticks - start.ticks)))
    }
}

final class StartSleepCommand: Cmdlet {
    // PowerShell 7's ranges (int.MaxValue milliseconds at most).
    static let seconds = Parameter<Double>("Seconds", position: 0, valueFromPipeline: true, sets: ["Seconds"],
                                           validate: [.range(min: 0, max: 2_147_483)])
    static let milliseconds = Parameter<Int32>("Milliseconds", aliases: ["ms"], sets: ["Milliseconds"],
                                               validate: [.range(min: 0, max: nil)])
    // Position 0 too, as in PowerShell: a TimeSpan given by position binds here, not to -Seconds.
    static let duration = Parameter<PSValue>("Duration", type: .timeSpan, aliases: ["ts"], position: 0, valueFromPipeline: true,
                                             sets: ["FromTimeSpan"], validate: [.custom(nonNegativeSpan)])
    /// `[ValidateRange(ValidateRangeKind.NonNegative)]` on a TimeSpan.
    @Sendable static func nonNegativeSpan(_ value: PSValue) -> String? {
        guard case .timeSpan(let span) = value.unwrapped, span.ticks < 0 else { return nil }
        return "The argument \"\(span)\" cannot be validated because its value is not greater than or equal to zero."
    }
    /// PowerShell sleeps at most int.MaxValue milliseconds.
    static let maximumSleep = PSTimeSpan(ticks: Int64(Int32.max) * 10_000)
    static let declaration = CmdletDeclaration("Start-Sleep", parameters: [seconds, milliseconds, duration], defaultParameterSet: "Seconds", synopsis: "Waits for a while.", description: "Pauses the script for the given number of seconds or milliseconds.")
    func process(_ context: CmdletContext) throws {
        var seconds = context[Self.seconds] ?? 0
        if let ms = context[Self.milliseconds] { seconds = Double(ms) / 1000 }
        if case .timeSpan(let t)? = context[Self.duration]?.unwrapped {
            if t.ticks > Self.maximumSleep.ticks {
                throw context.terminatingError("The '-Duration' parameter value must not exceed '\(Self.maximumSleep)', provided value was '\(t)'.",
                                               errorId: "MaximumDurationExceeded", category: .invalidArgument,
                                               exceptionType: "System.Management.Automation.PSArgumentException")
            }
            seconds = t.totalSeconds
        }
        if seconds < 0 {
            throw context.terminatingError("Cannot validate argument on parameter 'Seconds'. The \(seconds) argument is less than the minimum allowed range of 0.",
                                           errorId: "ParameterArgumentValidationError", category: .invalidData)
        }
        // Sleep in short slices so an interrupted pipeline does not wait out the whole interval. A
        // -Duration up to TimeSpan.MaxValue (29,000 years) is capped at a century of nanoseconds.
        let end = monotonicNanoseconds() &+ UInt64(min(seconds, 3.2e9) * 1e9)
        while true {
            let now = monotonicNanoseconds()
            if now >= end { break }
            if context.session.stopFlag.isSet { throw PipelineStoppedSignal() }
            usleep(useconds_t(min(50_000, (end - now) / 1000)))
        }
    }
}

final class GetProcessCommand: Cmdlet {
    static let processType = "System.Diagnostics.Process"
    static let name = Parameter<[String]>("Name", aliases: ["ProcessName"], position: 0, valueFromPipelineByPropertyName: true, sets: ["Name"])
    static let id = Parameter<[Int32]>("Id", aliases: ["PID"], mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Id"])
    static let includeUserName = Parameter<SwitchParameter>("IncludeUserName")
    static let declaration = CmdletDeclaration("Get-Process", parameters: [name, id, includeUserName], defaultParameterSet: "Name", synopsis: "Lists running processes.",
       description: "Writes an object per running process (from /proc): Id, ProcessName, CPU seconds, working set and more, filtered by -Name (wildcards) or -Id.")

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
        let o = PSObject(typeNames: [processType, "System.ComponentModel.Component", "System.MarshalByRefObject", "System.Object"])
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
        if let ids = context[Self.id] {
            for id in ids {
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
        guard let names = context[Self.name] else {
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
