import Foundation

/// DateTimeOffset, TimeZone (the old CurrentTimeZone) and TimeZoneInfo: the zone facts scripts
/// read to turn dates into offsets and Unix times (Get-Date -UFormat's tests read them too).
extension StaticTypes {
    nonisolated(unsafe) static let zoneTypes: [StaticType] = [
        StaticType(
            keys: ["datetimeoffset"],
            properties: [
                StaticType.property("System.DateTimeOffset", "Now") { _ in DateTimeOffsets.object(.now(utc: false)) },
                StaticType.property("System.DateTimeOffset", "UtcNow") { _ in DateTimeOffsets.object(.now(utc: true)) },
                StaticType.constant("System.DateTimeOffset", "UnixEpoch", DateTimeOffsets.object(DateTimeOffsets.unixEpoch)),
                StaticType.constant("System.DateTimeOffset", "MinValue", DateTimeOffsets.object(DateTimeOffsetValue(utcTicks: 0, offsetMinutes: 0))),
                StaticType.constant("System.DateTimeOffset", "MaxValue",
                                    DateTimeOffsets.object(DateTimeOffsetValue(utcTicks: DateTimeOffsets.maxTicks, offsetMinutes: 0))),
            ],
            methods: [
                unixTime("FromUnixTimeSeconds", "seconds", ticksPerUnit: 10_000_000, limit: 253_402_300_799, low: -62_135_596_800),
                unixTime("FromUnixTimeMilliseconds", "milliseconds", ticksPerUnit: 10_000,
                         limit: 253_402_300_799_999, low: -62_135_596_800_000),
                StaticType.method("Parse", "static System.DateTimeOffset Parse(string input)",
                                  "static System.DateTimeOffset Parse(string input, System.IFormatProvider formatProvider)") { call in
                    guard let v = DateTimeOffsets.parse(call.string(0)) else {
                        throw call.failure("The string '\(call.string(0))' was not recognized as a valid DateTime. There is an unknown word starting at index '0'.", id: "FormatException")
                    }
                    return DateTimeOffsets.object(v)
                },
            ]),
        StaticType(keys: ["timezone"], properties: [
            StaticType.property("System.TimeZone", "CurrentTimeZone") { _ in .object(currentTimeZone()) },
        ]),
        StaticType(
            keys: ["timezoneinfo"],
            properties: [
                StaticType.property("System.TimeZoneInfo", "Local") { _ in .object(zoneInfo(TimeZone.current)) },
                StaticType.property("System.TimeZoneInfo", "Utc") { _ in .object(zoneInfo(TimeZone(identifier: "UTC")!)) },
            ],
            methods: [
                StaticType.method("FindSystemTimeZoneById", "static System.TimeZoneInfo FindSystemTimeZoneById(string id)") { call in
                    guard let zone = TimeZone(identifier: call.string(0)) else {
                        throw call.failure("The time zone ID '\(call.string(0))' was not found on the local computer.", id: "TimeZoneNotFoundException")
                    }
                    return .object(zoneInfo(zone))
                },
                StaticType.method("ConvertTimeToUtc", "static datetime ConvertTimeToUtc(datetime dateTime)") { call in
                    guard case .dateTime(let d)? = call.args.first?.unwrapped else { throw call.wrongCount() }
                    return .dateTime(d.toUniversal())
                },
                StaticType.method("ConvertTimeFromUtc", "static datetime ConvertTimeFromUtc(datetime dateTime, System.TimeZoneInfo destinationTimeZone)") { call in
                    guard call.args.count == 2, case .dateTime(let d) = call.args[0].unwrapped,
                          case .object(let zoneObject) = call.args[1].unwrapped, let zone = zoneObject.baseObject as? ZoneBox else {
                        throw call.wrongCount()
                    }
                    let offset = offsetTicks(zone.zone, atUTCTicks: d.ticks)
                    return .dateTime(PSDateTime(ticks: d.ticks + offset, kind: zone.zone == TimeZone.current ? .local : .unspecified))
                },
            ]),
    ]

    private static func unixTime(_ name: String, _ parameter: String, ticksPerUnit: Int64, limit: Int64, low: Int64) -> StaticMethod {
        StaticType.method(name, "static System.DateTimeOffset \(name)(long \(parameter))") { call in
            guard call.args.count == 1 else { throw call.wrongCount() }
            let n = try PSConvert.toInt64(call.args[0])
            guard n >= low, n <= limit else {
                throw call.failure("Valid values are between \(low) and \(limit), inclusive. (Parameter '\(parameter)')",
                                   id: "ArgumentOutOfRangeException")
            }
            return DateTimeOffsets.object(DateTimeOffsetValue(utcTicks: PSDateTime.unixEpochTicks + n * ticksPerUnit, offsetMinutes: 0))
        }
    }

    /// The zone's offset from UTC at a moment, in ticks.
    static func offsetTicks(_ zone: TimeZone, atUTCTicks ticks: Int64) -> Int64 {
        let seconds = Double(ticks - PSDateTime.unixEpochTicks) / 10_000_000
        return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))) * 10_000_000
    }

    /// The offset a DateTime has in `zone`: a UTC one none, any other read as that zone's wall clock.
    private static func utcOffset(_ zone: TimeZone, of date: PSValue?) -> PSValue {
        guard case .dateTime(let d)? = date?.unwrapped else { return .timeSpan(PSTimeSpan(ticks: offsetTicks(zone, atUTCTicks: PSDateTime.now().toUniversal().ticks))) }
        if d.kind == .utc { return .timeSpan(PSTimeSpan(ticks: 0)) }
        let guess = offsetTicks(zone, atUTCTicks: d.ticks)
        return .timeSpan(PSTimeSpan(ticks: offsetTicks(zone, atUTCTicks: d.ticks - guess)))
    }

    final class ZoneBox { let zone: TimeZone; init(_ zone: TimeZone) { self.zone = zone } }

    private static func currentTimeZone() -> PSObject {
        let zone = TimeZone.current
        let o = PSObject(typeNames: ["System.CurrentSystemTimeZone", "System.TimeZone", "System.Object"], baseObject: ZoneBox(zone))
        o.addNote("StandardName", .string(zone.localizedName(for: .standard, locale: Locale(identifier: "en_US")) ?? zone.identifier))
        o.addNote("DaylightName", .string(zone.localizedName(for: .daylightSaving, locale: Locale(identifier: "en_US")) ?? zone.identifier))
        o.addMethod("GetUtcOffset") { _, args in utcOffset(zone, of: args.first) }
        o.addMethod("IsDaylightSavingTime") { _, _ in .bool(zone.isDaylightSavingTime()) }
        o.addMethod("ToUniversalTime") { _, args in
            guard case .dateTime(let d)? = args.first?.unwrapped else { throw Members.argCount("ToUniversalTime", args.count) }
            return .dateTime(d.toUniversal())
        }
        o.addMethod("ToLocalTime") { _, args in
            guard case .dateTime(let d)? = args.first?.unwrapped else { throw Members.argCount("ToLocalTime", args.count) }
            if d.kind == .local { return .dateTime(d) }
            return .dateTime(PSDateTime(ticks: d.ticks + offsetTicks(zone, atUTCTicks: d.ticks), kind: .local))
        }
        return o
    }

    private static func zoneInfo(_ zone: TimeZone) -> PSObject {
        let o = PSObject(typeNames: ["System.TimeZoneInfo", "System.Object"], baseObject: ZoneBox(zone))
        let base = zone.secondsFromGMT()
        let english = Locale(identifier: "en_US")
        let standard = zone.localizedName(for: .standard, locale: english) ?? zone.identifier
        let m = abs(base) / 60
        let display = base == 0 && (standard == "GMT" || standard.contains("Coordinated Universal Time") || zone.identifier.hasSuffix("UTC"))
            ? "(UTC) Coordinated Universal Time"
            : "(UTC\(base < 0 ? "-" : "+")\(String(format: "%02d:%02d", m / 60, m % 60))) " + (zone.localizedName(for: .generic, locale: english) ?? standard)
        o.addNote("Id", .string(zone.identifier))
        o.addNote("HasIanaId", .true)
        o.addNote("DisplayName", .string(display))
        o.addNote("StandardName", .string(base == 0 && display.hasPrefix("(UTC) ") ? "Coordinated Universal Time" : standard))
        let hasDaylight = zone.nextDaylightSavingTimeTransition != nil
        let standardText = base == 0 && display.hasPrefix("(UTC) ") ? "Coordinated Universal Time" : standard
        o.addNote("DaylightName", .string(hasDaylight ? zone.localizedName(for: .daylightSaving, locale: english) ?? standardText : standardText))
        o.addNote("BaseUtcOffset", .timeSpan(PSTimeSpan(ticks: Int64(base) * 10_000_000)))
        o.addNote("SupportsDaylightSavingTime", .bool(hasDaylight))
        o.addMethod("GetUtcOffset") { _, args in utcOffset(zone, of: args.first) }
        o.addMethod("IsDaylightSavingTime") { _, _ in .bool(zone.isDaylightSavingTime()) }
        o.addMethod("ToString") { _, _ in .string(display) }
        o.toStringHandler = { _ in display }
        return o
    }
}
