/// A device that answers reads and writes on a range of I/O ports or MMIO addresses.
/// Offsets are relative to the start of the range the device was attached at.
public protocol BusDevice: AnyObject, Sendable {
    func read(offset: UInt64, into data: UnsafeMutableRawBufferPointer)
    func write(offset: UInt64, data: UnsafeRawBufferPointer)
}

/// Routes guest accesses to devices by address, so the vCPU loop never names a device.
/// Built before the vCPUs start and immutable afterwards.
public struct Bus: Sendable {
    struct Entry: Sendable {
        let base: UInt64
        let length: UInt64
        let device: any BusDevice
    }

    private var entries: [Entry] = []

    public init() {}

    /// Attaches a device; ranges may not overlap.
    public mutating func attach(_ device: any BusDevice, at base: UInt64, length: UInt64) throws(VMMError) {
        precondition(length > 0)
        for entry in entries where base < entry.base + entry.length && entry.base < base + length {
            throw .invalidConfiguration("bus range 0x\(String(base, radix: 16)) overlaps a device at 0x\(String(entry.base, radix: 16))")
        }
        entries.append(Entry(base: base, length: length, device: device))
        entries.sort { $0.base < $1.base }
    }

    func find(_ address: UInt64) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let entry = entries[middle]
            if address < entry.base { high = middle }
            else if address - entry.base >= entry.length { low = middle + 1 }
            else { return entry }
        }
        return nil
    }

    /// A guest read. Nothing attached reads as all ones, like a floating ISA bus. Returns whether a device answered.
    @discardableResult
    public func read(_ address: UInt64, into data: UnsafeMutableRawBufferPointer) -> Bool {
        guard let entry = find(address) else {
            data.initializeMemory(as: UInt8.self, repeating: 0xFF)
            return false
        }
        entry.device.read(offset: address - entry.base, into: data)
        return true
    }

    /// A guest write; to nothing, it is dropped. Returns whether a device took it.
    @discardableResult
    public func write(_ address: UInt64, data: UnsafeRawBufferPointer) -> Bool {
        guard let entry = find(address) else { return false }
        entry.device.write(offset: address - entry.base, data: data)
        return true
    }
}
