/// One VHD file (fixed, dynamic or differencing): footer and dynamic header checked, BAT in memory
/// and checked against the file before any I/O.
final class VHDFile: DiskLayer {
    static let unallocated: UInt32 = 0xFFFF_FFFF
    /// Largest size read (Hyper-V makes at most 2040 GiB; other tools a little more).
    static let readableSize: UInt64 = 2 << 40

    let file: DiskFile
    let format = DiskFormat.vhd
    var footer: VHDFooter
    var dynamicHeader: VHDDynamicHeader?
    var bat: [UInt32] = []
    /// Where the footer is; new blocks go here and the footer moves behind them.
    var footerOffset: UInt64
    /// A block's sector bitmap, padded to whole sectors.
    var bitmapSize: UInt64 = 0
    /// Sector bitmaps of differencing blocks read so far (filled by concurrent readers too).
    var bitmaps: [Int: [UInt8]] = [:]
    let bitmapLock = CacheLock()
    /// Parent paths from the locators, already local; empty for non-differencing disks.
    private(set) var locatorPaths: [(code: UInt32, stored: String)] = []

    var type: DiskType {
        switch footer.diskType {
        case VHDFooter.fixed: return .fixed
        case VHDFooter.differencing: return .differencing
        default: return .dynamic
        }
    }
    var virtualSize: UInt64 { footer.currentSize }
    var logicalSectorSize: UInt32 { 512 }
    var physicalSectorSize: UInt32 { 512 }
    var blockSize: UInt32 { dynamicHeader?.blockSize ?? 0 }
    var diskIdentifier: GUID { footer.uniqueId }
    var identityForChildren: GUID { footer.uniqueId }

    init(file: DiskFile) throws(DiskError) {
        self.file = file
        let path = file.path
        let size = try file.size()
        guard size >= UInt64(VHDFooter.size) else { throw DiskError(.notVirtualDisk, path, "The file '\(path)' is neither a VHDX nor a VHD file.") }
        let end = try file.read(at: size - UInt64(VHDFooter.size), count: VHDFooter.size)
        do {
            footer = try VHDFooter.parse(end)
        } catch .badChecksum {
            throw DiskError.corrupt(path, "the checksum of its footer is wrong")
        } catch {
            // A dynamic VHD keeps a copy of the footer at its start: with that copy intact, the
            // end of the file is missing rather than the file being something else.
            let start = try file.read(at: 0, count: VHDFooter.size)
            if (try? VHDFooter.parse(start)) != nil {
                throw DiskError(.truncated, path, "The file '\(path)' is truncated: the footer at its end is missing.")
            }
            throw DiskError(.notVirtualDisk, path, "The file '\(path)' is neither a VHDX nor a VHD file.")
        }
        footerOffset = size - UInt64(VHDFooter.size)
        guard footer.currentSize > 0, footer.currentSize % 512 == 0, footer.currentSize <= Self.readableSize else {
            throw DiskError.corrupt(path, "its size \(footer.currentSize) is not a multiple of 512 bytes up to 2 TB")
        }
        switch footer.diskType {
        case VHDFooter.fixed:
            guard footerOffset >= footer.currentSize else {
                throw DiskError(.truncated, path, "The file '\(path)' is truncated: it holds \(footerOffset) of its \(footer.currentSize) bytes.")
            }
        case VHDFooter.dynamic, VHDFooter.differencing:
            try openDynamic(size: size)
        default:
            throw DiskError(.unsupported, path, "The file '\(path)' is a VHD of type \(footer.diskType), which hvsh does not handle.")
        }
    }

    private func openDynamic(size: UInt64) throws(DiskError) {
        let path = file.path
        guard footer.dataOffset >= 512, footer.dataOffset <= footerOffset, footerOffset - footer.dataOffset >= UInt64(VHDDynamicHeader.size) else {
            throw DiskError.corrupt(path, "its dynamic header lies outside the file")
        }
        guard let header = VHDDynamicHeader(try file.read(at: footer.dataOffset, count: VHDDynamicHeader.size)) else {
            throw DiskError.corrupt(path, "its dynamic header has a wrong cookie or checksum")
        }
        let block = UInt64(header.blockSize)
        guard block >= 4096, block <= 256 << 20, block & (block - 1) == 0 else {
            throw DiskError.corrupt(path, "its block size \(block) is not a power of two between 4 KB and 256 MB")
        }
        guard UInt64(header.maxTableEntries) * block >= footer.currentSize else {
            throw DiskError.corrupt(path, "its BAT has \(header.maxTableEntries) entries, too few for its size")
        }
        let tableBytes = UInt64(header.maxTableEntries) * 4
        guard tableBytes <= 64 << 20 else { throw DiskError.corrupt(path, "its BAT has \(header.maxTableEntries) entries") }
        guard header.tableOffset >= 512, header.tableOffset <= footerOffset, footerOffset - header.tableOffset >= tableBytes else {
            throw DiskError(.truncated, path, "The file '\(path)' is truncated: its BAT ends past the end of the file.")
        }
        dynamicHeader = header
        bitmapSize = roundUp(divideRoundingUp(block / 512, 8), to: 512)
        let raw = try file.read(at: header.tableOffset, count: Int(tableBytes))
        bat = (0..<Int(header.maxTableEntries)).map { raw.be32($0 * 4) }

        var spans: [(start: UInt64, end: UInt64, what: String)] = [
            (footer.dataOffset, footer.dataOffset + UInt64(VHDDynamicHeader.size), "the dynamic header"),
            (header.tableOffset, header.tableOffset + tableBytes, "the BAT"),
        ]
        if footer.diskType == VHDFooter.differencing {
            for locator in header.locators where locator.dataLength > 0 {
                let offset = locator.dataOffset, length = UInt64(locator.dataLength)
                guard length <= 64 << 10, offset >= 512, offset <= footerOffset, footerOffset - offset >= length else {
                    throw DiskError.corrupt(path, "a parent locator's data lies outside the file")
                }
                spans.append((offset, offset + length, "a parent locator"))
                if locator.platformCode == VHDDynamicHeader.absoluteLocator || locator.platformCode == VHDDynamicHeader.relativeLocator {
                    let text = UTF16Text.decode(try file.read(at: offset, count: Int(length))[...])
                    locatorPaths.append((locator.platformCode, text))
                }
            }
        }
        for (index, entry) in bat.enumerated() where entry != Self.unallocated {
            let start = UInt64(entry) * 512
            spans.append((start, start + bitmapSize + block, "the block of BAT entry \(index)"))
        }
        spans.sort { $0.start < $1.start }
        for (i, span) in spans.enumerated() {
            if span.end > footerOffset || span.start < 512 {
                throw DiskError.corrupt(path, "\(span.what) lies outside the file (bytes \(span.start)-\(span.end), the footer is at \(footerOffset))")
            }
            if i > 0, spans[i - 1].end > span.start { throw DiskError.corrupt(path, "\(span.what) overlaps \(spans[i - 1].what)") }
        }
    }

    var parent: ParentReference? {
        guard footer.diskType == VHDFooter.differencing, let header = dynamicHeader else { return nil }
        var candidates: [String] = []
        for (code, stored) in locatorPaths where code == VHDDynamicHeader.relativeLocator {
            candidates.append(WindowsPath.resolve(relative: stored, besideChild: file.path))
        }
        for (code, stored) in locatorPaths where code == VHDDynamicHeader.absoluteLocator {
            if let local = WindowsPath.localPath(stored) { candidates.append(local) }
        }
        if !header.parentName.isEmpty {
            candidates.append(WindowsPath.directory(of: file.path) + "/" + header.parentName)
        }
        let stored = locatorPaths.first { $0.code == VHDDynamicHeader.absoluteLocator }.map { WindowsPath.localPath($0.stored) ?? $0.stored }
            ?? locatorPaths.first?.stored ?? header.parentName
        return ParentReference(candidates: candidates, acceptedIdentities: [header.parentUniqueId], storedPath: stored)
    }

    func locatorPathsChanged(relative: String, absolute: String) {
        locatorPaths = [(VHDDynamicHeader.relativeLocator, relative), (VHDDynamicHeader.absoluteLocator, absolute)]
    }

    func allocatedBlockOffsets() -> [UInt64?] {
        bat.prefix(Int(divideRoundingUp(footer.currentSize, UInt64(max(blockSize, 1)))))
            .map { $0 == Self.unallocated ? nil : UInt64($0) * 512 + bitmapSize }
    }

    func flush() throws(DiskError) { try file.sync() }
}
