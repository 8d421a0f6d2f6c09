import LinuxSystem

/// Guest RAM: one anonymous, lazily backed host mapping, presented to the guest as up to two regions
/// (below the 3 GiB MMIO hole and above 4 GiB). Every access by guest-physical address is bounds-checked,
/// so nothing the guest names can reach host memory outside its RAM.
public final class GuestMemory: @unchecked Sendable {
    // The mapping never moves or shrinks while the object lives; concurrent byte access from vCPU and device
    // threads is the guest's own business, as on real hardware.

    /// A contiguous run of guest-physical RAM and where it starts in the host mapping.
    public struct Region: Sendable, Equatable {
        public var guestAddress: UInt64
        public var size: UInt64
        public var hostOffset: UInt64
        public var end: UInt64 { guestAddress + size }
    }

    /// Start of the MMIO hole below 4 GiB; RAM beyond this continues at 4 GiB.
    public static let mmioHoleStart: UInt64 = 0xC000_0000
    public static let mmioHoleEnd: UInt64 = 0x1_0000_0000

    public let size: UInt64
    public let regions: [Region]
    private let mapping: MemoryMapping
    let base: UnsafeMutableRawPointer

    /// Maps `size` bytes of zeroed RAM, backed only where the guest touches it.
    public init(size: UInt64) throws(VMMError) {
        guard size >= 2 << 20, size % 4096 == 0 else {
            throw .invalidConfiguration("memory size \(size) must be a multiple of 4096 and at least 2 MiB")
        }
        do { mapping = try MemoryMapping.anonymous(length: Int(size), reserve: false) } catch {
            throw .system("mmap(guest memory, \(size) bytes)", error)
        }
        self.size = size
        self.base = mapping.base
        self.regions = GuestMemory.layout(size: size)
    }

    /// Maps a snapshot's memory file copy-on-write: pages load on first touch, the file is never written.
    public init(size: UInt64, file: borrowing FileDescriptor) throws(VMMError) {
        do { mapping = try MemoryMapping(file: file, length: Int(size), shared: false, reserve: false) } catch {
            throw .system("mmap(snapshot memory)", error)
        }
        self.size = size
        self.base = mapping.base
        self.regions = GuestMemory.layout(size: size)
    }

    static func layout(size: UInt64) -> [Region] {
        if size <= mmioHoleStart { return [Region(guestAddress: 0, size: size, hostOffset: 0)] }
        return [Region(guestAddress: 0, size: mmioHoleStart, hostOffset: 0),
                Region(guestAddress: mmioHoleEnd, size: size - mmioHoleStart, hostOffset: mmioHoleStart)]
    }

    /// Registers every region with KVM as memory slots.
    public func register(with vm: KVMVirtualMachine) throws(VMMError) {
        for (slot, region) in regions.enumerated() {
            try vm.setMemoryRegion(slot: UInt32(slot), guestAddress: region.guestAddress, size: region.size,
                                   host: base + Int(region.hostOffset))
        }
    }

    /// The host pointer for `length` bytes at guest-physical `address`, when the whole range is RAM.
    public func pointer(_ address: UInt64, length: UInt64) -> UnsafeMutableRawPointer? {
        for region in regions where address >= region.guestAddress && address < region.end {
            let (end, overflow) = address.addingReportingOverflow(length)
            guard !overflow, end <= region.end else { return nil }
            return base + Int(region.hostOffset + (address - region.guestAddress))
        }
        return nil
    }

    /// Whether `length` bytes at `address` are all guest RAM.
    public func contains(_ address: UInt64, length: UInt64) -> Bool { pointer(address, length: length) != nil }

    func checked(_ address: UInt64, _ length: Int) throws(VMMError) -> UnsafeMutableRawPointer {
        guard let pointer = pointer(address, length: UInt64(length)) else {
            throw .guestAddressOutOfRange(address: address, length: UInt64(length))
        }
        return pointer
    }

    public func write(_ bytes: some Collection<UInt8>, at address: UInt64) throws(VMMError) {
        let target = try checked(address, bytes.count)
        // Kernels and snapshots are megabytes: copy in one go when the bytes are contiguous.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
            if let base = source.baseAddress { target.copyMemory(from: base, byteCount: source.count) }
        }
        if copied == nil {
            var offset = 0
            for byte in bytes { target.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self); offset += 1 }
        }
    }

    public func read(_ address: UInt64, count: Int) throws(VMMError) -> [UInt8] {
        let source = try checked(address, count)
        return Array(UnsafeRawBufferPointer(start: source, count: count))
    }

    /// Stores a little-endian integer.
    public func store<T: FixedWidthInteger>(_ value: T, at address: UInt64) throws(VMMError) {
        try checked(address, MemoryLayout<T>.size).storeBytes(of: value.littleEndian, as: T.self)
    }

    /// Loads a little-endian integer.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at address: UInt64) throws(VMMError) -> T {
        T(littleEndian: try checked(address, MemoryLayout<T>.size).loadUnaligned(as: T.self))
    }

    /// Fills a range with zero bytes.
    public func zero(_ address: UInt64, count: Int) throws(VMMError) {
        try checked(address, count).initializeMemory(as: UInt8.self, repeating: 0, count: count)
    }

    /// The whole host mapping, for snapshots.
    var allBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: Int(size)) }
}
