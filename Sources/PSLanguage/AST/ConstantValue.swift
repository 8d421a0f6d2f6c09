import Foundation

/// A numeric literal's value, already converted to the .NET type PowerShell gives it
/// (suffix, hex/binary form and `kb`..`pb` multiplier applied).
public enum NumberValue: Sendable, Hashable, CustomStringConvertible {
    /// `y` suffix (System.SByte)
    case sbyte(Int8)
    /// `uy` suffix (System.Byte)
    case byte(UInt8)
    /// `s` suffix (System.Int16)
    case int16(Int16)
    /// `us` suffix (System.UInt16)
    case uint16(UInt16)
    /// unsuffixed integer that fits (System.Int32)
    case int32(Int32)
    /// `u` suffix that fits 32 bits (System.UInt32)
    case uint32(UInt32)
    /// `l` suffix or too large for Int32 (System.Int64)
    case int64(Int64)
    /// `ul` suffix, or `u` too large for UInt32 (System.UInt64)
    case uint64(UInt64)
    /// `d` suffix or an integer too large for Int64 (System.Decimal)
    /// (`scale`: the digits after the point as written, -1 when none were written or they are unknown)
    case decimal(Decimal, scale: Int8 = -1)
    /// real literals and integers too large for Decimal (System.Double)
    case double(Double)
    /// `n` suffix (System.Numerics.BigInteger), kept as its decimal digits with an optional `-`.
    case bigInteger(String)

    /// The .NET type name, as `GetType().Name` prints it.
    public var typeName: String {
        switch self {
        case .sbyte: return "SByte"
        case .byte: return "Byte"
        case .int16: return "Int16"
        case .uint16: return "UInt16"
        case .int32: return "Int32"
        case .uint32: return "UInt32"
        case .int64: return "Int64"
        case .uint64: return "UInt64"
        case .decimal: return "Decimal"
        case .double: return "Double"
        case .bigInteger: return "BigInteger"
        }
    }

    public var description: String {
        switch self {
        case .sbyte(let v): return "\(v)"
        case .byte(let v): return "\(v)"
        case .int16(let v): return "\(v)"
        case .uint16(let v): return "\(v)"
        case .int32(let v): return "\(v)"
        case .uint32(let v): return "\(v)"
        case .int64(let v): return "\(v)"
        case .uint64(let v): return "\(v)"
        case .decimal(let v, _): return "\(v)"
        case .double(let v): return "\(v)"
        case .bigInteger(let v): return v
        }
    }
}
