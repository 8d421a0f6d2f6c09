/// Writing a new VHDX file. Layout (all structures 1 MiB aligned, as 2.1 requires): header section,
/// a 1 MiB log at 1 MiB (empty: its GUID in the headers is zero), the metadata region at 2 MiB, the
/// BAT at 3 MiB, payload blocks after it. A small dynamic disk is 4 MiB, as Hyper-V's are.
enum VHDXCreate {
    static let logOffset: UInt64 = 1 << 20
    static let logLength: UInt32 = 1 << 20
    static let metadataOffset: UInt64 = 2 << 20
    static let metadataLength: UInt32 = 1 << 20
    static let batOffset: UInt64 = 3 << 20

    struct Parent {
        var dataWriteGuid: GUID
        var relativePath: String
        var absolutePath: String
    }

    static func write(to file: DiskFile, type: DiskType, size: UInt64, blockSize: UInt32, logicalSectorSize: UInt32,
                      physicalSectorSize: UInt32, diskIdentifier: GUID, parent: Parent?) throws(DiskError) {
        let differencing = parent != nil
        let entries = VHDXFile.batEntryCount(size: size, blockSize: blockSize, logicalSectorSize: logicalSectorSize,
                                             differencing: differencing)
        let batLength = roundUp(entries * 8, to: VHDXLayout.megabyte)

        var identifier = [UInt8](repeating: 0, count: 64 << 10)
        identifier.put(Array("vhdxfile".utf8), at: 0)
        identifier.put(UTF16Text.encode("hvsh"), at: 8)
        try file.write(identifier, at: 0)

        let fileWrite = GUID.random(), dataWrite = GUID.random()
        for (slot, offset) in VHDXLayout.headerOffsets.enumerated() {
            let header = VHDXHeader(sequenceNumber: UInt64(slot + 1), fileWriteGuid: fileWrite, dataWriteGuid: dataWrite,
                                    logGuid: .zero, logLength: logLength, logOffset: logOffset)
            try file.write(header.encoded(), at: offset)
        }
        try writeRegionTables(file, batOffset: batOffset, batLength: batLength)

        var locator: VHDXParentLocator?
        if let parent {
            locator = VHDXParentLocator(entries: [
                ("parent_linkage", parent.dataWriteGuid.bracedLowercase),
                ("relative_path", parent.relativePath),
                ("absolute_win32_path", parent.absolutePath),
            ])
        }
        let metadata = VHDXMetadata(blockSize: blockSize, leaveBlocksAllocated: type == .fixed, hasParent: differencing,
                                    virtualDiskSize: size, diskIdentifier: diskIdentifier, logicalSectorSize: logicalSectorSize,
                                    physicalSectorSize: physicalSectorSize, parentLocator: locator)
        try file.write(metadata.encoded(regionLength: Int(metadataLength)), at: metadataOffset)

        var bat = [UInt8](repeating: 0, count: Int(batLength))
        var end = batOffset + batLength
        if type == .fixed {
            let ratio = VHDXLayout.sectorsPerBitmapBlock * UInt64(logicalSectorSize) / UInt64(blockSize)
            let blocks = divideRoundingUp(size, UInt64(blockSize))
            for block in 0..<blocks {
                let index = Int(block + block / ratio)
                bat.putLE64(end | VHDXFile.fullyPresent, at: index * 8)
                end += UInt64(blockSize)
            }
        }
        try file.write(bat, at: batOffset)
        try file.truncate(to: end)
        if type == .fixed { try file.preallocate(offset: batOffset + batLength, length: end - batOffset - batLength) }
        try file.sync()
    }

    static func writeRegionTables(_ file: DiskFile, batOffset: UInt64, batLength: UInt64) throws(DiskError) {
        let table = VHDXRegionTable(entries: [
            .init(guid: VHDXLayout.batRegion, fileOffset: batOffset, length: UInt32(batLength), required: true),
            .init(guid: VHDXLayout.metadataRegion, fileOffset: metadataOffset, length: metadataLength, required: true),
        ]).encoded()
        for offset in VHDXLayout.regionTableOffsets { try file.write(table, at: offset) }
    }
}
