import PSRuntime
import Foundation

/// What a CIM instance prints as in a string (`"$(Get-NetAdapter -Name x)"`): its class name and key
/// properties, as Microsoft.Management.Infrastructure's CimInstance.ToString writes them:
///
///     MSFT_NetAdapter (CreationClassName = "MSFT_NetAdapter", DeviceID = "{…}", SystemCreationClassName = "CIM_NetworkPort", SystemName = "host")
enum CimInstanceText {
    static func text(className: String, keys: [(String, String)]) -> String {
        className + " (" + keys.map { "\($0.0) = \"\($0.1)\"" }.joined(separator: ", ") + ")"
    }

    /// The object, printing as that text (what `"$adapter"` shows of a CIM instance).
    static func printing(_ object: PSObject, className: String, keys: [(String, String)]) -> PSObject {
        let text = text(className: className, keys: keys)
        object.toStringHandler = { _ in text }
        return object
    }

    /// A network adapter's DeviceID: Windows' interface GUID. Linux has none, so hvsh derives a stable
    /// one from the adapter's kernel name and MAC address.
    static func deviceID(kernelName: String, macAddress: String) -> String {
        let h1 = fnv1a64(kernelName + "|" + macAddress), h2 = fnv1a64(macAddress + "|" + kernelName)
        let hex = String(format: "%016llX%016llX", h1, h2)
        let c = Array(hex)
        return "{" + String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-"
            + String(c[16..<20]) + "-" + String(c[20..<32]) + "}"
    }

    /// Windows' instance ids of IP addresses, routes and NAT objects are opaque strings of the
    /// characters `5`…`D`; hvsh makes one from the object's identity the same way (not Windows' own
    /// encoding, which is undocumented).
    static func opaqueID(_ identity: String) -> String {
        var out = ""
        for byte in withUnsafeBytes(of: fnv1a64(identity).bigEndian, Array.init) {
            out.append(Character(Unicode.Scalar(0x35 + (byte >> 4))))
            out.append(Character(Unicode.Scalar(0x35 + (byte & 0x0F))))
        }
        return out
    }

    private static func fnv1a64(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
