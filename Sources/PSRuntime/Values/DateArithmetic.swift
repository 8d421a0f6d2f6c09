/// DateTime and TimeSpan arithmetic with .NET's range checks. A script's numbers reach these
/// (`(Get-Date).AddDays(1e7)`, `[timespan]::FromSeconds($x)`), so every step that could leave the
/// types' ranges reports .NET's exception instead of trapping on overflow.
extension PSDateTime {
    /// DateTime.MaxValue.Ticks (9999-12-31 23:59:59.9999999); MinValue is 0.
    public static let maxTicks: Int64 = 3_155_378_975_999_999_999
    static let ticksPerDay: Int64 = 864_000_000_000
    /// Days from 0001-01-01 to 10000-01-01: the bound .NET puts on AddDays and friends.
    static let daysTo10000: Double = 3_652_059

    /// `new DateTime(ticks)`.
    public init(checkedTicks ticks: Int64, kind: Kind = .unspecified) throws {
        guard ticks >= 0 && ticks <= PSDateTime.maxTicks else {
            throw DotNetErrors.argumentOutOfRange("Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks.",
                                                  parameter: "ticks")
        }
        self.init(ticks: ticks, kind: kind)
    }

    /// `new DateTime(y, m, d, h, mi, s)`: each part in its range, the day within its month.
    public init(checkedYear year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                kind: Kind = .unspecified) throws {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= PSDateTime.daysInMonth(year: year, month: month) else {
            throw DotNetErrors.argumentOutOfRange("Year, Month, and Day parameters describe an un-representable DateTime.")
        }
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else {
            throw DotNetErrors.argumentOutOfRange("Hour, Minute, and Second parameters describe an un-representable DateTime.")
        }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second, kind: kind)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `AddTicks` and `DateTime + TimeSpan`: the result must stay within MinValue...MaxValue.
    public func checkedAdding(ticks delta: Int64, parameter: String = "value") throws -> PSDateTime {
        let (sum, overflow) = ticks.addingReportingOverflow(delta)
        guard !overflow, sum >= 0, sum <= PSDateTime.maxTicks else {
            throw DotNetErrors.argumentOutOfRange("The added or subtracted value results in an un-representable DateTime.",
                                                  parameter: parameter)
        }
        return PSDateTime(ticks: sum, kind: kind)
    }

    /// `AddDays(double)` and the other unit adders: .NET first bounds the count of units (ten
    /// thousand years' worth), then the sum; the fraction of a unit is truncated to whole ticks.
    public func checkedAdding(units value: Double, ticksPerUnit: Int64) throws -> PSDateTime {
        let maxUnits = PSDateTime.daysTo10000 * Double(PSDateTime.ticksPerDay) / Double(ticksPerUnit)
        guard !(abs(value) > maxUnits) else {
            throw DotNetErrors.argumentOutOfRange("Value to add was out of range.", parameter: "value")
        }
        let scaled = value * Double(ticksPerUnit)
        guard scaled.isFinite, let delta = Int64(exactly: scaled.rounded(.towardZero)) else {
            throw DotNetErrors.argumentOutOfRange("The added or subtracted value results in an un-representable DateTime.",
                                                  parameter: "value")
        }
        return try checkedAdding(ticks: delta)
    }

    /// `AddMonths(n)` (and `AddYears` as 12 n months): the day is clipped to the new month's length.
    public func checkedAdding(months: Int64, parameter: String = "months") throws -> PSDateTime {
        let c = components
        let (total, o1) = Int64(c.year * 12 + c.month - 1).addingReportingOverflow(months)
        let year = o1 ? 0 : Int(total.floorDivided(by: 12))
        guard !o1, (1...9999).contains(year) else {
            throw DotNetErrors.argumentOutOfRange("The added or subtracted value results in an un-representable DateTime.",
                                                  parameter: parameter)
        }
        let month = Int(total - Int64(year) * 12) + 1
        let day = min(c.day, PSDateTime.daysInMonth(year: year, month: month))
        var r = PSDateTime(year: year, month: month, day: day, hour: c.hour, minute: c.minute, second: c.second, kind: kind)
        r.ticks += c.fraction
        return r
    }
}

extension PSTimeSpan {
    static let tooLong = "TimeSpan overflowed because the duration is too long."

    /// `new TimeSpan(days, hours, minutes, seconds, milliseconds)`: the total must fit in Int64 ticks.
    public init(checkedDays days: Int64, hours: Int64, minutes: Int64, seconds: Int64, milliseconds: Int64 = 0) throws {
        // Summed in 128 bits, as .NET does, so no part of the sum can overflow on its way.
        let ms = ((Int128(days) * 86_400 + Int128(hours) * 3600 + Int128(minutes) * 60 + Int128(seconds)) * 1000
                  + Int128(milliseconds))
        guard ms.magnitude <= UInt128(Int64.max / 10_000) else { throw DotNetErrors.argumentOutOfRange(PSTimeSpan.tooLong) }
        self.init(ticks: Int64(ms) * 10_000)
    }

    /// `TimeSpan.FromDays(double)` and friends (.NET 7+: rounded to whole ticks, NaN refused).
    public static func checkedInterval(_ value: Double, ticksPerUnit: Double) throws -> PSTimeSpan {
        if value.isNaN { throw DotNetErrors.argument("TimeSpan does not accept floating point Not-a-Number values.") }
        let ticks = (value * ticksPerUnit).rounded()
        guard ticks.isFinite, ticks >= -9.223372036854775808e18, ticks < 9.223372036854775808e18 else {
            throw DotNetErrors.overflow(tooLong)
        }
        return PSTimeSpan(ticks: Int64(ticks))
    }

    /// `TimeSpan.Add` / `+`.
    public func checkedAdding(_ other: PSTimeSpan) throws -> PSTimeSpan {
        let (sum, overflow) = ticks.addingReportingOverflow(other.ticks)
        if overflow { throw DotNetErrors.overflow(PSTimeSpan.tooLong) }
        return PSTimeSpan(ticks: sum)
    }

    /// `TimeSpan.Subtract` / `-`.
    public func checkedSubtracting(_ other: PSTimeSpan) throws -> PSTimeSpan {
        let (difference, overflow) = ticks.subtractingReportingOverflow(other.ticks)
        if overflow { throw DotNetErrors.overflow(PSTimeSpan.tooLong) }
        return PSTimeSpan(ticks: difference)
    }

    public func checkedNegated() throws -> PSTimeSpan {
        if ticks == Int64.min { throw DotNetErrors.overflow("Negating the minimum value of a twos complement number is invalid.") }
        return PSTimeSpan(ticks: -ticks)
    }

    public func checkedDuration() throws -> PSTimeSpan {
        if ticks == Int64.min {
            throw DotNetErrors.overflow("The duration cannot be returned for TimeSpan.MinValue because the absolute value of TimeSpan.MinValue exceeds the value of TimeSpan.MaxValue.")
        }
        return PSTimeSpan(ticks: abs(ticks))
    }
}

private extension Int64 {
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
