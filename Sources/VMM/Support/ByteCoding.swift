/// Appends little-endian values and raw C structures, for snapshot files.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A plain C structure (no pointers), byte for byte.
    public mutating func appendRaw<T>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(bytes other: [UInt8]) {
        append(UInt32(other.count))
        bytes.append(contentsOf: other)
    }
}

/// Reads what `ByteWriter` wrote; running out of bytes is a bad snapshot, never a crash.
public struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset >= bytes.count }

    mutating func take(_ count: Int) throws(VMMError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw .badSnapshot("state file is truncated") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    public mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws(VMMError) -> T {
        let slice = try take(MemoryLayout<T>.size)
        var value = T.zero
        for (shift, byte) in slice.enumerated() { value |= T(truncatingIfNeeded: byte) << (shift * 8) }
        return value
    }

    public mutating func readRaw<T>(_ type: T.Type, zero: T) throws(VMMError) -> T {
        let slice = try take(MemoryLayout<T>.size)
        var value = zero
        withUnsafeMutableBytes(of: &value) { target in
            slice.withUnsafeBytes { target.copyMemory(from: $0) }
        }
        return value
    }

    public mutating func readBytes() throws(VMMError) -> [UInt8] {
        let count = Int(try read(UInt32.self))
        return Array(try take(count))
    }
}
