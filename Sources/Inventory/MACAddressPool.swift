import Foundation
import NetworkAddresses

/// The range dynamic MAC addresses are handed out from, and where the next search starts.
///
/// Like Hyper-V, the default range is Microsoft's prefix `00-15-5D`, two bytes derived from the
/// host, and a last byte of `00`-`FF` (256 addresses); `Set-VMHost -MacAddressMinimum/-Maximum`
/// widens or moves it. Hyper-V takes the two host bytes from the last two octets of a host IPv4
/// address when the role is installed, and keeps them; hvsh does the same the first time the pool
/// is created (falling back to a hash of the host name when there is no IPv4 address).
public struct MACAddressPool: Codable, Hashable, Sendable {
    public var minimum: MACAddress
    public var maximum: MACAddress
    /// Where the next allocation starts looking, so addresses go out in order and a freed address
    /// is not reused at once.
    public var next: MACAddress

    public init(minimum: MACAddress, maximum: MACAddress, next: MACAddress? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.next = next ?? minimum
    }

    /// How many addresses the range holds.
    public var capacity: UInt64 { maximum >= minimum ? maximum.rawValue - minimum.rawValue + 1 : 0 }

    /// `00155D` + the host's two bytes + `00`...`FF`.
    public static func hostDefault(hostBytes: (UInt8, UInt8) = MACAddressPool.hostBytes()) -> MACAddressPool {
        let base = MACAddress(rawValue: 0x0015_5D00_0000 | UInt64(hostBytes.0) << 16 | UInt64(hostBytes.1) << 8)
        return MACAddressPool(minimum: base, maximum: MACAddress(rawValue: base.rawValue | 0xFF))
    }

    /// The last two octets of the first non-loopback IPv4 address, else two bytes of an FNV-1a
    /// hash of the host name. Only read, never changes anything on the host.
    public static func hostBytes() -> (UInt8, UInt8) {
        var list: UnsafeMutablePointer<ifaddrs>?
        if getifaddrs(&list) == 0, let first = list {
            defer { freeifaddrs(list) }
            var cursor: UnsafeMutablePointer<ifaddrs>? = first
            while let entry = cursor {
                cursor = entry.pointee.ifa_next
                guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET),
                      (entry.pointee.ifa_flags & UInt32(IFF_LOOPBACK)) == 0 else { continue }
                let ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
                let octets = withUnsafeBytes(of: ipv4) { Array($0) } // network order: a.b.c.d
                return (octets[2], octets[3])
            }
        }
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        var hash: UInt32 = 2_166_136_261
        for byte in name.prefix(while: { $0 != 0 }) {
            hash = (hash ^ UInt32(UInt8(bitPattern: byte))) &* 16_777_619
        }
        return (UInt8(truncatingIfNeeded: hash >> 8), UInt8(truncatingIfNeeded: hash))
    }
}

/// Who holds an allocated address.
public struct MACAddressLease: Codable, Hashable, Sendable {
    public var address: MACAddress
    public var owner: UUID
}

extension InventoryTransaction {
    static let macPoolDocument = "MAC Address Pool"
    static let leaseFolder = "MAC Addresses"
    static let ownerPrefix = "owner="

    /// The dynamic MAC pool; created with the host default the first time it is asked for.
    public func macAddressPool() throws -> MACAddressPool {
        if let pool = try document(MACAddressPool.self, named: Self.macPoolDocument) { return pool }
        let pool = MACAddressPool.hostDefault()
        if isWritable { saveDocument(pool, named: Self.macPoolDocument) }
        return pool
    }

    /// Moves or resizes the pool (Set-VMHost -MacAddressMinimum/-MacAddressMaximum). Addresses
    /// already handed out stay with their owners.
    public func setMACAddressPool(minimum: MACAddress, maximum: MACAddress) throws {
        guard maximum >= minimum else { throw InventoryError.invalidMACRange(minimum: minimum, maximum: maximum) }
        var pool = try macAddressPool()
        pool.minimum = minimum
        pool.maximum = maximum
        pool.next = minimum
        saveDocument(pool, named: Self.macPoolDocument)
        inventory.macCursor.withLock { $0 = nil }
    }

    /// Hands out the next free address of the pool to `owner` (e.g. a network adapter's id).
    /// Unique across the inventory because it runs under the transaction's exclusive lock and an
    /// address is free only when no lease names it. A lease is a symbolic link
    /// `MAC Addresses/<MAC>` whose text names the owner: creating it is atomic and has no data to
    /// fsync, so New-VM pays for one fsynced file (the VM's config), not three. Where the search
    /// starts is remembered in memory (a new process starts at the pool's minimum and skips the
    /// leased addresses), so addresses go out in order and a freed one is not reused at once.
    public func allocateMACAddress(for owner: UUID) throws -> MACAddress {
        let pool = try macAddressPool()
        let capacity = pool.capacity
        guard capacity > 0 else { throw InventoryError.invalidMACRange(minimum: pool.minimum, maximum: pool.maximum) }
        let hint = inventory.macCursor.withLock { $0 } ?? pool.next
        var candidate = (hint >= pool.minimum && hint <= pool.maximum) ? hint : pool.minimum
        for _ in 0..<capacity {
            if !exists(leasePath(candidate)) {
                stage(.link(Self.ownerPrefix + owner.uuidString.uppercased()), at: leasePath(candidate))
                let next = candidate == pool.maximum ? pool.minimum : MACAddress(rawValue: candidate.rawValue + 1)
                inventory.macCursor.withLock { $0 = next }
                return candidate
            }
            candidate = candidate == pool.maximum ? pool.minimum : MACAddress(rawValue: candidate.rawValue + 1)
        }
        throw InventoryError.macPoolExhausted(minimum: pool.minimum, maximum: pool.maximum)
    }

    /// Returns an address to the pool; releasing an address nobody holds is not an error.
    public func releaseMACAddress(_ address: MACAddress) {
        stage(.delete, at: leasePath(address))
    }

    /// Who holds `address`, if anyone.
    public func leaseHolder(of address: MACAddress) throws -> UUID? {
        guard let text = linkTarget(leasePath(address)), text.hasPrefix(Self.ownerPrefix) else { return nil }
        return UUID(uuidString: String(text.dropFirst(Self.ownerPrefix.count)))
    }

    /// Every address currently handed out.
    public func macAddressLeases() throws -> [MACAddressLease] {
        let folder = "\(root)/\(Self.leaseFolder)"
        var leases: [MACAddressLease] = []
        for name in try FileSystemCalls.listDirectory(folder) where !name.hasPrefix(".") {
            guard let address = MACAddress(name), let owner = try leaseHolder(of: address) else { continue }
            leases.append(MACAddressLease(address: address, owner: owner))
        }
        return leases.sorted { $0.address < $1.address }
    }

    private func leasePath(_ address: MACAddress) -> String { "\(root)/\(Self.leaseFolder)/\(address.compact)" }
}
