/// The metadata region (MS-VHDX 2.6): a 64 KiB table of items, then the items. The known items
/// are decoded; unknown optional ones are kept byte for byte so a rewrite preserves them, as the
/// specification requires of implementations that do not understand them.
struct VHDXMetadata: Equatable {
    static let fileParameters = GUID("CAA16737-FA36-4D43-B3B6-33F0AA44E76B")!
    static let virtualDiskSizeItem = GUID("2FA54224-CD1B-4876-B211-5DBED83BF4B8")!
    static let page83Data = GUID("BECA12AB-B2E6-4523-93EF-C309E000C746")!
    static let logicalSectorSizeItem = GUID("8141BF1D-A96F-4709-BA47-F233A8FAAB5F")!
    static let physicalSectorSizeItem = GUID("CDA348C7-445D-4471-9CC9-E9885251C556")!
    static let parentLocatorItem = GUID("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C")!
    static let tableSize = 64 << 10

    struct UnknownItem: Equatable {
        var id: GUID
        var flags: UInt32
        var data: [UInt8]
    }

    var blockSize: UInt32
    var leaveBlocksAllocated: Bool
    var hasParent: Bool
    var virtualDiskSize: UInt64
    /// Page 83 data: the disk's identity as a guest sees it, and Get-VHD's DiskIdentifier.
    var diskIdentifier: GUID
    var logicalSectorSize: UInt32
    var physicalSectorSize: UInt32
    var parentLocator: VHDXParentLocator?
    var unknownItems: [UnknownItem] = []

    init(blockSize: UInt32, leaveBlocksAllocated: Bool, hasParent: Bool, virtualDiskSize: UInt64, diskIdentifier: GUID,
         logicalSectorSize: UInt32, physicalSectorSize: UInt32, parentLocator: VHDXParentLocator?) {
        self.blockSize = blockSize
        self.leaveBlocksAllocated = leaveBlocksAllocated
        self.hasParent = hasParent
        self.virtualDiskSize = virtualDiskSize
        self.diskIdentifier = diskIdentifier
        self.logicalSectorSize = logicalSectorSize
        self.physicalSectorSize = physicalSectorSize
        self.parentLocator = parentLocator
    }

    /// Decodes the region at `regionOffset` of `file`, `regionLength` bytes long.
    init(file: DiskFile, regionOffset: UInt64, regionLength: UInt32) throws(DiskError) {
        let path = file.path
        guard regionLength >= UInt32(Self.tableSize) else { throw DiskError.corrupt(path, "the metadata region is smaller than its table") }
        let table = try file.read(at: regionOffset, count: Self.tableSize)
        guard table.matches("metadata") else { throw DiskError.corrupt(path, "the metadata table has no 'metadata' signature") }
        let count = Int(table.le16(10))
        guard count <= 2047 else { throw DiskError.corrupt(path, "the metadata table lists \(count) entries (at most 2047 are allowed)") }
        var items: [GUID: [UInt8]] = [:]
        var unknown: [UnknownItem] = []
        for i in 0..<count {
            let at = 32 + i * 32
            let id = GUID(table[at..<(at + 16)])
            let offset = table.le32(at + 16), length = table.le32(at + 20), flags = table.le32(at + 24)
            let isUser = flags & 1 != 0, isRequired = flags & 4 != 0
            if length == 0 { items[id] = []; continue }
            guard offset >= UInt32(Self.tableSize), length <= 1 << 20,
                  UInt64(offset) + UInt64(length) <= UInt64(regionLength) else {
                throw DiskError.corrupt(path, "metadata item \(id) lies outside the metadata region")
            }
            let data = try file.read(at: regionOffset + UInt64(offset), count: Int(length))
            if !isUser && Self.known.contains(id) {
                items[id] = data
            } else if isRequired {
                throw DiskError(.unsupported, path, "The file '\(path)' needs metadata item \(id), which hvsh does not know.")
            } else {
                unknown.append(UnknownItem(id: id, flags: flags, data: data))
            }
        }
        func item(_ id: GUID, _ name: String, atLeast size: Int) throws(DiskError) -> [UInt8] {
            guard let data = items[id] else { throw DiskError.corrupt(path, "the \(name) metadata item is missing") }
            guard data.count >= size else { throw DiskError.corrupt(path, "the \(name) metadata item is too short") }
            return data
        }
        let parameters = try item(Self.fileParameters, "file parameters", atLeast: 8)
        blockSize = parameters.le32(0)
        leaveBlocksAllocated = parameters.le32(4) & 1 != 0
        hasParent = parameters.le32(4) & 2 != 0
        virtualDiskSize = try item(Self.virtualDiskSizeItem, "virtual disk size", atLeast: 8).le64(0)
        diskIdentifier = GUID(try item(Self.page83Data, "page 83 data", atLeast: 16)[0..<16])
        logicalSectorSize = try item(Self.logicalSectorSizeItem, "logical sector size", atLeast: 4).le32(0)
        physicalSectorSize = try item(Self.physicalSectorSizeItem, "physical sector size", atLeast: 4).le32(0)
        unknownItems = unknown
        if let locator = items[Self.parentLocatorItem] {
            parentLocator = try VHDXParentLocator(locator, path: path)
        }

        guard blockSize >= VHDXLayout.minimumBlockSize, blockSize <= VHDXLayout.maximumBlockSize, blockSize & (blockSize - 1) == 0 else {
            throw DiskError.corrupt(path, "the block size \(blockSize) is not a power of two between 1 MB and 256 MB")
        }
        guard logicalSectorSize == 512 || logicalSectorSize == 4096 else {
            throw DiskError.corrupt(path, "the logical sector size \(logicalSectorSize) is neither 512 nor 4096")
        }
        guard physicalSectorSize == 512 || physicalSectorSize == 4096 else {
            throw DiskError.corrupt(path, "the physical sector size \(physicalSectorSize) is neither 512 nor 4096")
        }
        guard virtualDiskSize > 0, virtualDiskSize % UInt64(logicalSectorSize) == 0, virtualDiskSize <= VHDXLayout.maximumDiskSize else {
            throw DiskError.corrupt(path, "the virtual disk size \(virtualDiskSize) is not a multiple of the sector size up to 64 TB")
        }
        if hasParent {
            guard let parentLocator else { throw DiskError.corrupt(path, "a differencing disk without a parent locator") }
            guard parentLocator.type == VHDXParentLocator.vhdxType else {
                throw DiskError(.unsupported, path, "The file '\(path)' has a parent locator of type \(parentLocator.type), which hvsh does not know.")
            }
            guard parentLocator.linkage != nil else { throw DiskError.corrupt(path, "the parent locator has no valid parent_linkage") }
        }
    }

    private static let known: Set<GUID> = [fileParameters, virtualDiskSizeItem, page83Data, logicalSectorSizeItem,
                                           physicalSectorSizeItem, parentLocatorItem]

    /// The whole region, `regionLength` bytes: table, then the items one after the other.
    func encoded(regionLength: Int) -> [UInt8] {
        var region = [UInt8](repeating: 0, count: regionLength)
        var parameters = [UInt8](repeating: 0, count: 8)
        parameters.putLE32(blockSize, at: 0)
        parameters.putLE32((leaveBlocksAllocated ? 1 : 0) | (hasParent ? 2 : 0), at: 4)
        var size = [UInt8](repeating: 0, count: 8)
        size.putLE64(virtualDiskSize, at: 0)
        var logical = [UInt8](repeating: 0, count: 4)
        logical.putLE32(logicalSectorSize, at: 0)
        var physical = [UInt8](repeating: 0, count: 4)
        physical.putLE32(physicalSectorSize, at: 0)
        // Flags: bit 0 IsUser, bit 1 IsVirtualDisk, bit 2 IsRequired.
        var items: [(GUID, UInt32, [UInt8])] = [
            (Self.fileParameters, 4, parameters),
            (Self.virtualDiskSizeItem, 6, size),
            (Self.page83Data, 6, diskIdentifier.bytes),
            (Self.logicalSectorSizeItem, 6, logical),
            (Self.physicalSectorSizeItem, 6, physical),
        ]
        if let parentLocator { items.append((Self.parentLocatorItem, 4, parentLocator.encoded())) }
        items += unknownItems.map { ($0.id, $0.flags, $0.data) }
        region.put(Array("metadata".utf8), at: 0)
        region.putLE16(UInt16(items.count), at: 10)
        var offset = Self.tableSize
        for (i, (id, flags, data)) in items.enumerated() {
            let at = 32 + i * 32
            region.put(id.bytes, at: at)
            region.putLE32(data.isEmpty ? 0 : UInt32(offset), at: at + 16)
            region.putLE32(UInt32(data.count), at: at + 20)
            region.putLE32(flags, at: at + 24)
            region.put(data, at: offset)
            offset += data.count
        }
        return region
    }
}

/// The parent locator item (MS-VHDX 2.6.2.6): a type and UTF-16 key/value pairs.
struct VHDXParentLocator: Equatable {
    static let vhdxType = GUID("B04AEFB7-D19E-4A81-B789-25B8E9445913")!

    var type: GUID
    /// In file order; keys are unique.
    var entries: [(key: String, value: String)]

    static func == (a: VHDXParentLocator, b: VHDXParentLocator) -> Bool {
        a.type == b.type && a.entries.elementsEqual(b.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    init(type: GUID = vhdxType, entries: [(key: String, value: String)]) {
        self.type = type
        self.entries = entries
    }

    init(_ bytes: [UInt8], path: String) throws(DiskError) {
        guard bytes.count >= 20 else { throw DiskError.corrupt(path, "the parent locator is too short") }
        type = GUID(bytes[0..<16])
        let count = Int(bytes.le16(18))
        guard 20 + count * 12 <= bytes.count else { throw DiskError.corrupt(path, "the parent locator's entries run past its end") }
        entries = []
        for i in 0..<count {
            let at = 20 + i * 12
            let keyOffset = Int(bytes.le32(at)), valueOffset = Int(bytes.le32(at + 4))
            let keyLength = Int(bytes.le16(at + 8)), valueLength = Int(bytes.le16(at + 10))
            guard keyOffset > 0, valueOffset > 0, keyLength > 0, valueLength > 0,
                  keyOffset + keyLength <= bytes.count, valueOffset + valueLength <= bytes.count else {
                throw DiskError.corrupt(path, "a parent locator entry lies outside the locator")
            }
            let key = UTF16Text.decode(bytes[keyOffset..<(keyOffset + keyLength)])
            let value = UTF16Text.decode(bytes[valueOffset..<(valueOffset + valueLength)])
            entries.append((key, value))
        }
    }

    subscript(key: String) -> String? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// The parent identities this child accepts: the parent's DataWriteGuid when the child was made.
    var linkage: GUID? { self["parent_linkage"].flatMap { GUID($0) } }
    var linkage2: GUID? { self["parent_linkage2"].flatMap { GUID($0) } }

    func encoded() -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 20 + entries.count * 12)
        header.put(type.bytes, at: 0)
        header.putLE16(UInt16(entries.count), at: 18)
        var strings = [UInt8]()
        for (i, entry) in entries.enumerated() {
            let key = UTF16Text.encode(entry.key), value = UTF16Text.encode(entry.value)
            let at = 20 + i * 12
            header.putLE32(UInt32(header.count + strings.count), at: at)
            strings += key
            header.putLE32(UInt32(header.count + strings.count), at: at + 4)
            strings += value
            header.putLE16(UInt16(key.count), at: at + 8)
            header.putLE16(UInt16(value.count), at: at + 10)
        }
        return header + strings
    }
}
