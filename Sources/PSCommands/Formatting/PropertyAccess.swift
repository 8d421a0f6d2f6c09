// Reading properties of any value the way formatting and the utility cmdlets need: PSObject
// members, dictionary keys, string Length, array Count, and the .NET properties of built-in scalars
// from the runtime's own table (ValueProperties), so scripts and formatting read the same values.

import PSRuntime

enum PropertyAccess {
    /// Type names that identify a DictionaryEntry produced by enumerating a hashtable.
    static let dictionaryEntryTypeNames = ["System.Collections.DictionaryEntry", "System.ValueType", "System.Object"]

    /// A hashtable entry as an object with Name (=Key), Key and Value.
    static func dictionaryEntry(key: PSValue, value: PSValue) -> PSValue {
        let o = PSObject(typeNames: dictionaryEntryTypeNames)
        o.addNote("Name", key)
        o.addNote("Key", key)
        o.addNote("Value", value)
        o.toStringHandler = { _ in "System.Collections.DictionaryEntry" }
        return .object(o)
    }

    /// A generic Dictionary's entry: Key and Value only, and no format view of its own.
    static func keyValuePair(key: PSValue, value: PSValue) -> PSValue {
        let o = PSObject(typeNames: ["System.Collections.Generic.KeyValuePair`2", "System.ValueType", "System.Object"])
        o.addNote("Key", key)
        o.addNote("Value", value)
        o.toStringHandler = { _ in "[\(PSConvert.toString(key)), \(PSConvert.toString(value))]" }
        return .object(o)
    }

    /// TimeSpan's properties in .NET 8's order (Select-Object *, ConvertTo-Json); its format view
    /// shows fewer (Days ... TotalMilliseconds).
    static let timeSpanPropertyNames = ["Ticks", "Days", "Hours", "Milliseconds", "Microseconds", "Nanoseconds", "Minutes",
                                        "Seconds", "TotalDays", "TotalHours", "TotalMilliseconds", "TotalMicroseconds",
                                        "TotalNanoseconds", "TotalMinutes", "TotalSeconds"]

    /// The property names in display order.
    static func propertyNames(_ v: PSValue) -> [String] {
        switch v {
        case .object(let o):
            if let base = o.baseValue, o.properties.isEmpty { return propertyNames(base) }
            return o.propertyNames
        case .string: return ["Length"]
        case .array: return ["Length", "LongLength", "Rank", "SyncRoot", "IsReadOnly", "IsFixedSize", "IsSynchronized", "Count"]
        case .hashtable: return ["IsReadOnly", "IsFixedSize", "IsSynchronized", "Keys", "Values", "SyncRoot", "Count"]
        case .dateTime:
            return ["DisplayHint", "DateTime", "Date", "Day", "DayOfWeek", "DayOfYear", "Hour", "Kind", "Millisecond",
                    "Microsecond", "Nanosecond", "Minute", "Month", "Second", "Ticks", "TimeOfDay", "Year"]
        case .timeSpan: return timeSpanPropertyNames
        case .version: return ["Major", "Minor", "Build", "Revision", "MajorRevision", "MinorRevision"]
        case .guid: return ["Guid"]
        default: return []
        }
    }

    /// The value of property `name`, or nil when the value has no such property.
    static func value(_ v: PSValue, _ name: String) -> PSValue? {
        switch v {
        case .object(let o):
            if let m = o.member(name) {
                if case .note(let v) = m.kind { return v }
                return ((try? o.property(name)) ?? nil) ?? .null
            }
            if let base = o.baseValue { return value(base, name) }
            return nil
        case .hashtable(let h):
            if let x = h[.string(name)] { return x }
            switch name.lowercased() {
            case "count": return .int(Int32(h.count))
            case "keys": return .list(h.keys)
            case "values": return .list(h.values)
            default: return nil
            }
        case .string(let s):
            return name.lowercased() == "length" ? .int(Int32(s.utf16.count)) : nil
        case .array(let a):
            switch name.lowercased() {
            case "count", "length": return .int(Int32(a.count))
            default:
                // Member enumeration: the property of each element.
                let values = a.elements.compactMap { value($0, name) }
                return values.isEmpty ? nil : (values.count == 1 ? values[0] : .list(values))
            }
        case .dateTime:
            // Get-Date's note, listed first among a date's properties: DateTime unless -DisplayHint said otherwise.
            if name.lowercased() == "displayhint" { return .enumValue(PSEnumValue(type: displayHintType, rawValue: 2)) }
            return ValueProperties.value(v, lowercasedName: name.lowercased())
        case .timeSpan, .version, .guid, .ipAddress:
            return ValueProperties.value(v, lowercasedName: name.lowercased())
        case .type(let t):
            return TypeFacts.property(t, name)
        default:
            return nil
        }
    }

    static let displayHintType = PSEnumType(fullName: "Microsoft.PowerShell.Commands.DisplayHintType",
                                            members: [("Date", 0), ("Time", 1), ("DateTime", 2)])

    /// Values a formatter treats as scalars: printed as their string, never as a table or list.
    static func isScalar(_ v: PSValue) -> Bool {
        switch v {
        case .object(let o):
            if let base = o.baseValue { return isScalar(base) }
            // BigInteger prints as its digits, as the primitive numbers do.
            return o.typeNames.first == "System.Numerics.BigInteger"
        case .hashtable, .array, .dateTime, .timeSpan, .version, .guid, .ipAddress: return false
        default: return true
        }
    }
}
