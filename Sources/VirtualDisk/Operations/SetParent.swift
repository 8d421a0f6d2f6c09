/// Set-VHD -ParentPath: points a differencing disk at its parent's new place. The disk found
/// there must be the parent the child was made from, unless the caller accepts another one.
extension DiskFiles {
    public static func setParent(_ path: String, parentPath: String, ignoreIdentityMismatch: Bool = false) throws(DiskError) {
        let layer = try DiskImage.openLayer(path, writable: true, lock: .exclusive)
        guard layer.type == .differencing, let reference = layer.parent else {
            throw DiskError(.invalidArgument, path, "The virtual disk '\(path)' is not a differencing disk; it has no parent to set.")
        }
        let parent = try DiskImage.open(parentPath)
        guard parent.format == layer.format, parent.logicalSectorSize == layer.logicalSectorSize else {
            throw DiskError(.parentMismatch, path, "'\(parentPath)' cannot be the parent of '\(path)': their formats or sector sizes differ.")
        }
        let identity = parent.layers[0].identityForChildren
        let matches = reference.acceptedIdentities.contains(identity)
        guard matches || ignoreIdentityMismatch else {
            throw DiskError(.parentMismatch, path, "'\(parentPath)' is not the disk '\(path)' was created from (its identity differs).")
        }
        let relative = WindowsPath.storedRelative(parent: parent.path, child: path)
        let absolute = WindowsPath.storedAbsolute(parent.path)
        if let vhdx = layer as? VHDXFile {
            // Another parent means other data under this disk: readers must see a new identity.
            if !matches { try vhdx.beginDataModification() }
            var locator = vhdx.metadata.parentLocator ?? VHDXParentLocator(entries: [])
            locator["parent_linkage"] = identity.bracedLowercase
            locator["parent_linkage2"] = nil
            locator["volume_path"] = nil
            locator["relative_path"] = relative
            locator["absolute_win32_path"] = absolute
            let old = vhdx.metadata.encoded(regionLength: Int(vhdx.metadataLength))
            vhdx.metadata.parentLocator = locator
            try vhdx.commitThroughLog(replacing: old, with: vhdx.metadata.encoded(regionLength: Int(vhdx.metadataLength)), at: vhdx.metadataOffset)
        } else if let vhd = layer as? VHDFile, let parentLayer = parent.layers[0] as? VHDFile {
            try vhd.setParent(uniqueId: identity, timestamp: parentLayer.footer.timestamp,
                              name: WindowsPath.fileName(of: parent.path), relative: relative, absolute: absolute)
        }
        try layer.flush()
    }
}

extension VHDFile {
    /// New parent fields and locators; locator data that no longer fits its slot moves to the end
    /// of the file (the footer moves behind it).
    func setParent(uniqueId: GUID, timestamp: UInt32, name: String, relative: String, absolute: String) throws(DiskError) {
        guard var header = dynamicHeader else { return }
        header.parentUniqueId = uniqueId
        header.parentTimestamp = timestamp
        header.parentName = name
        var slots = header.locators.filter { $0.platformCode == VHDDynamicHeader.relativeLocator || $0.platformCode == VHDDynamicHeader.absoluteLocator }
        var locators: [VHDDynamicHeader.Locator] = []
        for (code, path) in [(VHDDynamicHeader.relativeLocator, relative), (VHDDynamicHeader.absoluteLocator, absolute)] {
            let data = UTF16Text.encode(path)
            let space = roundUp(UInt64(data.count), to: 512)
            var offset: UInt64
            if let index = slots.firstIndex(where: { UInt64($0.dataSpace) * 512 >= space }) {
                offset = slots[index].dataOffset
                slots.remove(at: index)
            } else {
                offset = footerOffset
                footerOffset += space
                try file.truncate(to: footerOffset + UInt64(VHDFooter.size))
            }
            try file.write(data + [UInt8](repeating: 0, count: Int(space) - data.count), at: offset)
            locators.append(.init(platformCode: code, dataSpace: UInt32(space / 512), dataLength: UInt32(data.count), dataOffset: offset))
        }
        header.locators = locators + header.locators.filter {
            $0.platformCode != VHDDynamicHeader.relativeLocator && $0.platformCode != VHDDynamicHeader.absoluteLocator
        }
        try file.sync()
        dynamicHeader = header
        try file.write(header.encoded(), at: footer.dataOffset)
        try writeFooters()
        locatorPathsChanged(relative: relative, absolute: absolute)
    }
}

/// Set-VHD -PhysicalSectorSizeBytes and -DiskIdentifier / -ResetDiskIdentifier.
extension DiskFiles {
    /// A VHDX's physical sector size (512 or 4096); a VHD has none to set.
    public static func setPhysicalSectorSize(_ path: String, _ size: UInt32) throws(DiskError) {
        guard size == 512 || size == 4096 else {
            throw DiskError(.invalidArgument, path, "The physical sector size must be 512 or 4096 bytes; \(size) was given.")
        }
        let layer = try DiskImage.openLayer(path, writable: true, lock: .exclusive)
        guard let vhdx = layer as? VHDXFile else {
            throw DiskError(.unsupported, path, "A VHD has no physical sector size to set; only VHDX files do.")
        }
        try vhdx.changeMetadata { $0.physicalSectorSize = size }
    }

    /// A new disk identity (VHDX page 83 data; VHD unique id, which a VHD's children record).
    public static func setDiskIdentifier(_ path: String, _ identifier: GUID) throws(DiskError) {
        let layer = try DiskImage.openLayer(path, writable: true, lock: .exclusive)
        if let vhdx = layer as? VHDXFile {
            try vhdx.changeMetadata { $0.diskIdentifier = identifier }
        } else if let vhd = layer as? VHDFile {
            vhd.footer.uniqueId = identifier
            try vhd.writeFooters()
        }
    }
}

extension VHDXFile {
    /// A change of virtual-disk metadata: a new DataWriteGuid first, then the region through the log.
    func changeMetadata(_ change: (inout VHDXMetadata) -> Void) throws(DiskError) {
        try beginDataModification()
        let old = metadata.encoded(regionLength: Int(metadataLength))
        change(&metadata)
        try commitThroughLog(replacing: old, with: metadata.encoded(regionLength: Int(metadataLength)), at: metadataOffset)
    }
}
