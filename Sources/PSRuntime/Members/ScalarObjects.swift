// .NET values hvsh models as objects that a serializer writes as one scalar, as ConvertTo-Json does
// (JsonObject.ProcessValue takes DateTimeOffset and Uri as they are; Json.NET writes the one as ISO
// text with its offset, the other as its OriginalString), and the members Add-Member gave them.

public enum ScalarObjects {
    public enum Scalar {
        /// The wall-clock time (no kind) and the offset in minutes east of UTC.
        case dateTimeOffset(wallClock: PSDateTime, offsetMinutes: Int)
        case uri(original: String)
    }

    /// The scalar an object stands for and the names of the properties added to it (in order), or nil
    /// when the object is not one of these values.
    public static func scalar(_ o: PSObject) -> (value: Scalar, added: [String])? {
        if let v = o.baseObject as? DateTimeOffsetValue {
            return (.dateTimeOffset(wallClock: v.dateTime, offsetMinutes: v.offsetMinutes), added(o, native: dateTimeOffsetNames))
        }
        if o.baseObject is Uris.UriBox || o.baseObject is Uris.RelativeUriBox {
            guard case .note(let original)? = o.member("OriginalString")?.kind else { return nil }
            return (.uri(original: PSConvert.toString(original)), added(o, native: uriNames))
        }
        return nil
    }

    private static func added(_ o: PSObject, native: Set<String>) -> [String] {
        o.properties.map(\.name).filter { !native.contains($0.lowercased()) }
    }

    static let dateTimeOffsetNames: Set<String> = Set([
        "DateTime", "UtcDateTime", "LocalDateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Millisecond",
        "Microsecond", "Nanosecond", "Minute", "Month", "Offset", "Second", "Ticks", "UtcTicks", "TimeOfDay", "Year",
    ].map { $0.lowercased() })

    static let uriNames: Set<String> = Set([
        "AbsolutePath", "AbsoluteUri", "LocalPath", "Authority", "HostNameType", "IsDefaultPort", "IsFile", "IsLoopback",
        "PathAndQuery", "Segments", "IsUnc", "Host", "Port", "Query", "Fragment", "Scheme", "OriginalString",
        "DnsSafeHost", "IdnHost", "IsAbsoluteUri", "UserEscaped", "UserInfo",
    ].map { $0.lowercased() })

    /// A class instance's properties as serializers reflect them (hidden ones too) and, apart, those
    /// Add-Member gave it; nil for an object that is no class instance.
    public static func classProperties(of o: PSObject) -> (declared: [String], added: [String])? {
        ClassInstances.reflectedProperties(of: o)
    }

    /// The properties PowerShell's own type data (types.ps1xml) gives a bare value's type, which an
    /// object wrapping it shows after its own: System.Guid's Guid, System.Net.IPAddress's
    /// IPAddressToString (DateTime's DateTime is left out: serializers skip a date's extra members).
    public static func typeDataProperties(of value: PSValue) -> [(name: String, value: PSValue)] {
        switch value {
        case .guid(let g): return [("Guid", .string(g.uuidString.lowercased()))]
        case .ipAddress(let ip): return [("IPAddressToString", .string(ip.description))]
        default: return []
        }
    }
}
