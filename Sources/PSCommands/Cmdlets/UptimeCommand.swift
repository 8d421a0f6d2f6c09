import Foundation
import LinuxSystem
import PSRuntime

/// Get-Uptime: how long the system has run, as .NET measures it on Linux (the monotonic clock,
/// which counts from boot), or with -Since the local time it started.
final class GetUptimeCommand: Cmdlet {
    static let since = Parameter<SwitchParameter>("Since", sets: ["Since"])
    static let declaration = CmdletDeclaration(
        "Get-Uptime", parameters: [since], defaultParameterSet: "Timespan",
        outputTypes: ["System.TimeSpan", "System.DateTime"], synopsis: "Gets how long the system has been running.",
        description: "Writes the time since the system started as a TimeSpan, or with -Since the date and time it started.")

    func process(_ context: CmdletContext) throws {
        // PowerShell refuses where Stopwatch's timestamps are not ticks since boot; its test hook says so here.
        if TestHooks.stopwatchIsNotHighResolution {
            throw context.terminatingError("\"The platform is not supported (System.Diagnostics.Stopwatch.IsHighResolution is false).\"",
                                           errorId: "GetUptimePlatformIsNotSupported", category: .notImplemented,
                                           exceptionType: "System.NotSupportedException")
        }
        let uptime = PSTimeSpan(ticks: Int64(Clock.monotonicNanoseconds() / 100))
        if context[Self.since] {
            let now = PSDateTime.now()
            try context.writeObject(.dateTime(PSDateTime(ticks: now.ticks - uptime.ticks, kind: .local)))
        } else {
            try context.writeObject(.timeSpan(uptime))
        }
    }
}
