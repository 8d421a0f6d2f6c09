/// Writing a new VHD. Dynamic and differencing layout as Hyper-V's: footer copy at 0, dynamic
/// header at 512, BAT at 1536 (padded to a sector), parent locators behind it in sector-aligned
/// slots, footer at the end; blocks are added at the end as data is written.
enum VHDCreate {
    static let headerOffset: UInt64 = 512
    static let tableOffset: UInt64 = 1536

    struct Parent {
        var uniqueId: GUID
        var timestamp: UInt32
        var fileName: String
        var relativePath: String
        var absolutePath: String
    }

    static func write(to file: DiskFile, type: DiskType, size: UInt64, blockSize: UInt32, uniqueId: GUID,
                      parent: Parent?) throws(DiskError) {
        if type == .fixed {
            try file.truncate(to: size + UInt64(VHDFooter.size))
            try file.preallocate(offset: 0, length: size)
            try file.write(VHDFooter(dataOffset: UInt64.max, size: size, diskType: VHDFooter.fixed, uniqueId: uniqueId).encoded(), at: size)
            try file.sync()
            return
        }
        let entries = UInt32(divideRoundingUp(size, UInt64(blockSize)))
        let tableBytes = roundUp(UInt64(entries) * 4, to: 512)
        var header = VHDDynamicHeader(tableOffset: tableOffset, maxTableEntries: entries, blockSize: blockSize)
        var end = tableOffset + tableBytes
        var locatorData: [(UInt64, [UInt8])] = []
        if let parent {
            header.parentUniqueId = parent.uniqueId
            header.parentTimestamp = parent.timestamp
            header.parentName = parent.fileName
            for (code, path) in [(VHDDynamicHeader.relativeLocator, parent.relativePath), (VHDDynamicHeader.absoluteLocator, parent.absolutePath)] {
                let data = UTF16Text.encode(path)
                let space = roundUp(UInt64(data.count), to: 512)
                // Data space counts 512-byte sectors, as the specification defines it.
                header.locators.append(.init(platformCode: code, dataSpace: UInt32(space / 512), dataLength: UInt32(data.count), dataOffset: end))
                locatorData.append((end, data))
                end += space
            }
        }
        let footer = VHDFooter(dataOffset: headerOffset, size: size,
                               diskType: parent == nil ? VHDFooter.dynamic : VHDFooter.differencing, uniqueId: uniqueId)
        try file.truncate(to: end + UInt64(VHDFooter.size))
        try file.write(footer.encoded(), at: 0)
        try file.write(header.encoded(), at: headerOffset)
        try file.write([UInt8](repeating: 0xFF, count: Int(UInt64(entries) * 4)), at: tableOffset)
        for (offset, data) in locatorData { try file.write(data, at: offset) }
        try file.write(footer.encoded(), at: end)
        try file.sync()
    }
}
