/// One entry of the BIOS memory map Linux reads from the zero page.
public struct E820Entry: Sendable, Equatable {
    public static let ram: UInt32 = 1
    public static let reserved: UInt32 = 2

    public var address: UInt64
    public var size: UInt64
    public var type: UInt32

    public init(address: UInt64, size: UInt64, type: UInt32) {
        self.address = address; self.size = size; self.type = type
    }

    /// The map for guest RAM laid out by `GuestMemory`: conventional memory up to the EBDA, the legacy
    /// BIOS area reserved, then RAM from 1 MiB (split around the MMIO hole when memory is large).
    public static func map(for regions: [GuestMemory.Region]) -> [E820Entry] {
        var entries = [E820Entry(address: 0, size: GuestLayout.ebdaStart, type: ram),
                       E820Entry(address: GuestLayout.ebdaStart, size: GuestLayout.highMemory - GuestLayout.ebdaStart, type: reserved)]
        for region in regions {
            let start = max(region.guestAddress, GuestLayout.highMemory)
            if region.end > start { entries.append(E820Entry(address: start, size: region.end - start, type: ram)) }
        }
        return entries
    }
}
