import Synchronization

/// Why a device stopped trusting its driver; any of these puts the device in DEVICE_NEEDS_RESET.
public enum VirtioError: Error, Sendable, Equatable, CustomStringConvertible {
    case queueOutsideRAM(queue: Int)
    case badQueueSize(Int)
    case descriptorIndex(UInt16)
    case descriptorLoop
    case descriptorOutsideRAM(address: UInt64, length: UInt32)
    case indirectDescriptor
    case chainTooLong(UInt64)
    case wrongDirection
    case availableIndexJump(UInt16)
    case noStatusByte

    public var description: String {
        switch self {
        case .queueOutsideRAM(let queue): return "virtqueue \(queue) lies outside guest RAM"
        case .badQueueSize(let size): return "virtqueue size \(size) is not a power of two within the maximum"
        case .descriptorIndex(let index): return "descriptor index \(index) is out of the table"
        case .descriptorLoop: return "descriptor chain loops"
        case .descriptorOutsideRAM(let address, let length): return "descriptor 0x\(String(address, radix: 16)) (+\(length)) lies outside guest RAM"
        case .indirectDescriptor: return "indirect descriptor used without being negotiated"
        case .chainTooLong(let length): return "descriptor chain of \(length) bytes is larger than any frame"
        case .wrongDirection: return "descriptor chain has buffers in the wrong direction"
        case .availableIndexJump(let jump): return "available ring index moved by \(jump), more than the queue holds"
        case .noStatusByte: return "block request has no device-writable status byte in guest RAM"
        }
    }
}

/// One buffer of a descriptor chain, already checked to lie inside guest RAM.
public struct VirtioBuffer: Sendable, Equatable {
    public var address: UInt64
    public var length: UInt32
    public var deviceWritable: Bool
}

/// A split virtqueue (virtio 1.x, section 2.7): the descriptor table, the driver's available ring and the
/// device's used ring, all in guest memory. Every index and address the guest supplies is checked.
public struct VirtQueue: Sendable {
    public static let maximumSize: UInt16 = 256
    static let flagNext: UInt16 = 1
    static let flagWrite: UInt16 = 2
    static let flagIndirect: UInt16 = 4

    public let size: UInt16
    public let descriptorTable: UInt64
    public let availableRing: UInt64
    public let usedRing: UInt64
    /// Ring positions: the next available entry to take and the next used entry to fill (saved in snapshots).
    public internal(set) var nextAvailable: UInt16 = 0
    public internal(set) var nextUsed: UInt16 = 0

    /// Checks size, alignment and that all three areas are guest RAM.
    public init(index: Int, size: UInt16, descriptorTable: UInt64, availableRing: UInt64, usedRing: UInt64,
                memory: GuestMemory, nextAvailable: UInt16 = 0, nextUsed: UInt16 = 0) throws(VirtioError) {
        self.nextAvailable = nextAvailable
        self.nextUsed = nextUsed
        guard size > 0, size <= VirtQueue.maximumSize, size & (size - 1) == 0 else { throw .badQueueSize(Int(size)) }
        let n = UInt64(size)
        guard descriptorTable % 16 == 0, availableRing % 2 == 0, usedRing % 4 == 0,
              memory.contains(descriptorTable, length: 16 * n),
              memory.contains(availableRing, length: 6 + 2 * n),
              memory.contains(usedRing, length: 6 + 8 * n) else { throw .queueOutsideRAM(queue: index) }
        self.size = size
        self.descriptorTable = descriptorTable
        self.availableRing = availableRing
        self.usedRing = usedRing
    }

    /// The next chain the driver made available, or nil when there is none.
    /// With `requireRAM` false, buffers outside guest RAM are returned as given, for a device that answers them
    /// with an error status instead of failing (virtio-blk); the device must then check each one itself.
    public mutating func pop(memory: GuestMemory, maximumLength: UInt64,
                             requireRAM: Bool = true) throws(VirtioError) -> (head: UInt16, buffers: [VirtioBuffer])? {
        guard let available = try? memory.load(UInt16.self, at: availableRing + 2) else { throw .queueOutsideRAM(queue: -1) }
        let pending = available &- nextAvailable
        if pending == 0 { return nil }
        guard pending <= size else { throw .availableIndexJump(pending) }
        atomicMemoryFence(ordering: .acquiring)
        let slot = availableRing + 4 + 2 * UInt64(nextAvailable % size)
        guard let head = try? memory.load(UInt16.self, at: slot) else { throw .queueOutsideRAM(queue: -1) }
        let buffers = try chain(from: head, memory: memory, maximumLength: maximumLength, requireRAM: requireRAM)
        nextAvailable &+= 1
        return (head, buffers)
    }

    /// Puts back the chain `pop` returned last (the device could not use it yet).
    public mutating func undoPop() { nextAvailable &-= 1 }

    func chain(from head: UInt16, memory: GuestMemory, maximumLength: UInt64, requireRAM: Bool = true) throws(VirtioError) -> [VirtioBuffer] {
        var buffers: [VirtioBuffer] = []
        var index = head
        var total: UInt64 = 0
        while true {
            guard index < size else { throw .descriptorIndex(index) }
            guard buffers.count < Int(size) else { throw .descriptorLoop }
            let entry = descriptorTable + 16 * UInt64(index)
            guard let address = try? memory.load(UInt64.self, at: entry),
                  let length = try? memory.load(UInt32.self, at: entry + 8),
                  let flags = try? memory.load(UInt16.self, at: entry + 12),
                  let next = try? memory.load(UInt16.self, at: entry + 14) else { throw .descriptorIndex(index) }
            guard flags & VirtQueue.flagIndirect == 0 else { throw .indirectDescriptor }
            guard !requireRAM || memory.contains(address, length: UInt64(length)) else { throw .descriptorOutsideRAM(address: address, length: length) }
            total += UInt64(length)
            guard total <= maximumLength else { throw .chainTooLong(total) }
            buffers.append(VirtioBuffer(address: address, length: length, deviceWritable: flags & VirtQueue.flagWrite != 0))
            guard flags & VirtQueue.flagNext != 0 else { return buffers }
            index = next
        }
    }

    /// Returns a chain to the driver with the number of bytes the device wrote into it.
    public mutating func pushUsed(head: UInt16, written: UInt32, memory: GuestMemory) throws(VirtioError) {
        let slot = usedRing + 4 + 8 * UInt64(nextUsed % size)
        do {
            try memory.store(UInt32(head), at: slot)
            try memory.store(written, at: slot + 4)
            atomicMemoryFence(ordering: .releasing)
            nextUsed &+= 1
            try memory.store(nextUsed, at: usedRing + 2)
        } catch { throw .queueOutsideRAM(queue: -1) }
    }
}
