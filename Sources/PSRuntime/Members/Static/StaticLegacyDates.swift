/// DateTime's conversions from Windows' own time formats: FILETIME (100 ns since 1601, what the
/// registry and AD attributes such as lastLogonTimestamp hold) and OLE Automation dates (days since
/// 1899-12-30, what Excel and COM hand over).
extension StaticTypes {
    static let fileTimeEpochTicks: Int64 = 504_911_232_000_000_000
    static let oaDateEpochTicks: Int64 = 599_264_352_000_000_000
    static let maxTicks: Int64 = 3_155_378_975_999_999_999

    nonisolated(unsafe) static let legacyDateMethods: [StaticMethod] = [
        StaticType.method("FromFileTime", "static datetime FromFileTime(long fileTime)") { call in
            let utc = try fileTimeTicks(call)
            let local = utc + Int64(DateTimeOffsetValue.localOffsetMinutes(atUTCTicks: utc)) * 600_000_000
            return .dateTime(PSDateTime(ticks: local, kind: .local))
        },
        StaticType.method("FromFileTimeUtc", "static datetime FromFileTimeUtc(long fileTime)") { call in
            .dateTime(PSDateTime(ticks: try fileTimeTicks(call), kind: .utc))
        },
        StaticType.method("FromOADate", "static datetime FromOADate(double d)") { call in
            guard call.args.count == 1 else { throw call.wrongCount() }
            let days = try PSConvert.toDouble(call.args[0])
            guard days < 2_958_466, days > -657_435 else {
                throw DotNetErrors.methodInvocation(call.name, argumentCount: 1, DotNetErrors.argument("Not a legal OleAut date."))
            }
            // .NET rounds to the millisecond; before 1899-12-30 the fraction counts forward from the day.
            var millis = Int64(days * 86_400_000 + (days >= 0 ? 0.5 : -0.5))
            if millis < 0 { millis -= (millis % 86_400_000) * 2 }
            return .dateTime(PSDateTime(ticks: oaDateEpochTicks + millis * 10_000))
        },
    ]

    private static func fileTimeTicks(_ call: StaticCall) throws -> Int64 {
        guard call.args.count == 1 else { throw call.wrongCount() }
        let fileTime = try PSConvert.toInt64(call.args[0])
        guard fileTime >= 0, fileTime <= maxTicks - fileTimeEpochTicks else {
            throw DotNetErrors.methodInvocation(call.name, argumentCount: 1,
                DotNetErrors.argumentOutOfRange("Not a valid Win32 FileTime.", parameter: "fileTime"))
        }
        return fileTime + fileTimeEpochTicks
    }
}
