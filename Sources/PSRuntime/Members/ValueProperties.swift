import Foundation

/// The .NET properties of built-in scalar values (DateTime, TimeSpan, Version, Guid, IPAddress): one
/// table for `$x.Prop` in scripts and for the formatter and cmdlets that read properties by name.
public enum ValueProperties {
    /// The property's value, or nil when the value has no property of that (lower-cased) name.
    public static func value(_ v: PSValue, lowercasedName lower: String) -> PSValue? {
        switch v {
        case .dateTime(let d):
            let c = d.components
            switch lower {
            case "year": return .int(Int32(c.year))
            case "month": return .int(Int32(c.month))
            case "day": return .int(Int32(c.day))
            case "hour": return .int(Int32(c.hour))
            case "minute": return .int(Int32(c.minute))
            case "second": return .int(Int32(c.second))
            case "millisecond": return .int(Int32(c.fraction / 10_000))
            case "microsecond": return .int(Int32(c.fraction / 10 % 1_000))
            case "nanosecond": return .int(Int32(c.fraction % 10 * 100))
            case "ticks": return .long(d.ticks)
            case "dayofweek": return .enumValue(DotNetEnums.dayOfWeek.value(Int64(d.dayOfWeek)))
            case "dayofyear":
                let start = PSDateTime(year: c.year, month: 1, day: 1)
                return .int(Int32((d.ticks - start.ticks) / 864_000_000_000 + 1))
            case "date": return .dateTime(PSDateTime(ticks: d.ticks - d.ticks % 864_000_000_000, kind: d.kind))
            case "timeofday": return .timeSpan(PSTimeSpan(ticks: d.ticks % 864_000_000_000))
            case "kind": return .enumValue(DotNetEnums.dateTimeKind.value(d.kind == .utc ? 1 : d.kind == .local ? 2 : 0))
            case "datetime": return .string(PSFormat.formatDate(d, "dddd, MMMM d, yyyy h:mm:ss tt"))
            default: return nil
            }
        case .timeSpan(let t):
            switch lower {
            case "days": return .int(Int32(t.days))
            case "hours": return .int(Int32(t.hours))
            case "minutes": return .int(Int32(t.minutes))
            case "seconds": return .int(Int32(t.seconds))
            case "milliseconds": return .int(Int32(t.milliseconds))
            case "microseconds": return .int(Int32(t.ticks / 10 % 1_000))
            case "nanoseconds": return .int(Int32(t.ticks % 10 * 100))
            case "totalmicroseconds": return .double(Double(t.ticks) / 10)
            case "totalnanoseconds": return .double(Double(t.ticks) * 100)
            case "ticks": return .long(t.ticks)
            case "totaldays": return .double(Double(t.ticks) / 864_000_000_000)
            case "totalhours": return .double(Double(t.ticks) / 36_000_000_000)
            case "totalminutes": return .double(Double(t.ticks) / 600_000_000)
            case "totalseconds": return .double(Double(t.ticks) / 10_000_000)
            case "totalmilliseconds": return .double(Double(t.ticks) / 10_000)
            default: return nil
            }
        case .version(let ver):
            switch lower {
            case "major": return .int(ver.major)
            case "minor": return .int(ver.minor)
            case "build": return .int(ver.build)
            case "revision": return .int(ver.revision)
            // .NET's Int16 halves of Revision (-1 for both when Revision is undefined).
            case "majorrevision": return .int16(Int16(truncatingIfNeeded: ver.revision >> 16))
            case "minorrevision": return .int16(Int16(truncatingIfNeeded: ver.revision & 0xFFFF))
            default: return nil
            }
        case .ipAddress(let ip):
            switch lower {
            case "addressfamily": return .enumValue(DotNetEnums.addressFamily.value(ip.isIPv4 ? 2 : 23))
            case "ipaddresstostring": return .string(ip.description)
            case "isipv6linklocal": return .bool(!ip.isIPv4 && ip.bytes[0] == 0xfe && (ip.bytes[1] & 0xc0) == 0x80)
            case "isipv6sitelocal": return .bool(!ip.isIPv4 && ip.bytes[0] == 0xfe && (ip.bytes[1] & 0xc0) == 0xc0)
            case "isipv6multicast": return .bool(!ip.isIPv4 && ip.bytes[0] == 0xff)
            case "isipv6teredo": return .bool(!ip.isIPv4 && ip.bytes[0] == 0x20 && ip.bytes[1] == 0x01 && ip.bytes[2] == 0 && ip.bytes[3] == 0)
            case "isipv6uniquelocal": return .bool(!ip.isIPv4 && (ip.bytes[0] & 0xfe) == 0xfc)
            case "isipv4mappedtoipv6":
                return .bool(!ip.isIPv4 && ip.bytes[0..<10].allSatisfy { $0 == 0 } && ip.bytes[10] == 0xff && ip.bytes[11] == 0xff)
            // The address as the Int64 of its bytes in memory order (IPv4 only; IPv6 throws in .NET).
            case "address" where ip.isIPv4:
                return .long(Int64(ip.bytes[0]) | Int64(ip.bytes[1]) << 8 | Int64(ip.bytes[2]) << 16 | Int64(ip.bytes[3]) << 24)
            // IPv6 only (an IPv4 address throws in .NET).
            case "scopeid" where !ip.isIPv4: return .long(0)
            default: return nil
            }
        case .guid(let g):
            return lower == "guid" ? .string(g.uuidString.lowercased()) : nil
        default:
            return nil
        }
    }
}
