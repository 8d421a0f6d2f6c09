/// One virtio-blk request (virtio 1.x, section 5.2.6) taken apart and carried out: a 16-byte header the
/// device reads (type, reserved, sector), the data, and a status byte the device writes last.
///
/// Everything in the chain comes from the guest and is untrusted. The rules:
/// - a chain whose status byte cannot be written (no device-writable buffer at the end, or it lies outside
///   RAM) cannot be answered, so the device fails (DEVICE_NEEDS_RESET), as virtio-net does for bad chains;
/// - anything else wrong (short header, data outside RAM or not a whole number of sectors, sectors past the
///   end, writes to a read-only disk, buffers in the wrong direction) is answered VIRTIO_BLK_S_IOERR, and an
///   unknown request type VIRTIO_BLK_S_UNSUPP, before any byte of the disk or of guest RAM is touched.
/// The driver may split header, data and status across descriptors any way it likes, so both directions
/// are handled as byte streams.
enum BlockRequest {
    static let typeIn: UInt32 = 0
    static let typeOut: UInt32 = 1
    static let typeFlush: UInt32 = 4
    static let typeGetID: UInt32 = 8

    static let statusOK: UInt8 = 0
    static let statusIOError: UInt8 = 1
    static let statusUnsupported: UInt8 = 2

    static let headerSize: UInt64 = 16
    static let sectorSize: UInt64 = 512
    static let identifierSize = 20

    /// A run of guest RAM already resolved to a host pointer.
    struct Segment {
        var pointer: UnsafeMutableRawPointer
        var length: Int
    }

    enum Outcome: Equatable {
        /// Status written; `written` bytes of the chain's device-writable part were filled (status included).
        case answered(status: UInt8, written: UInt32)
        /// The request cannot be answered at all.
        case unanswerable(VirtioError)
    }

    /// Carries out the request in `buffers` and writes its status byte.
    static func serve(_ buffers: [VirtioBuffer], memory: GuestMemory, backend: (any BlockBackend)?,
                      identifier: [UInt8]) -> Outcome {
        // The status byte is the last byte of the last buffer, which must be device-writable and in RAM.
        // The guest picks the address: near 2^64 the sum would overflow (a trap, so a dead worker).
        guard let last = buffers.last, last.deviceWritable, last.length > 0,
              case let (statusAddress, overflow) = last.address.addingReportingOverflow(UInt64(last.length) - 1), !overflow,
              let statusPointer = memory.pointer(statusAddress, length: 1) else {
            return .unanswerable(.noStatusByte)
        }
        var writtenData = 0
        let status = perform(buffers, memory: memory, backend: backend, identifier: identifier, written: &writtenData)
        statusPointer.storeBytes(of: status, as: UInt8.self)
        return .answered(status: status, written: UInt32(clamping: writtenData + 1))
    }

    private static func perform(_ buffers: [VirtioBuffer], memory: GuestMemory, backend: (any BlockBackend)?,
                                identifier: [UInt8], written: inout Int) -> UInt8 {
        // Readable buffers first, then writable ones (section 2.7.4); anything else is malformed.
        guard let firstWritable = buffers.firstIndex(where: \.deviceWritable),
              buffers[firstWritable...].allSatisfy(\.deviceWritable) else { return statusIOError }
        let readable = Array(buffers[..<firstWritable])
        var writable = Array(buffers[firstWritable...])
        writable[writable.count - 1].length -= 1 // the status byte is not data
        let readableBytes = readable.reduce(UInt64(0)) { $0 + UInt64($1.length) }
        let writableBytes = writable.reduce(UInt64(0)) { $0 + UInt64($1.length) }

        guard readableBytes >= headerSize, let header = resolve(readable, from: 0, count: headerSize, memory: memory) else {
            return statusIOError
        }
        var headerBytes = [UInt8](repeating: 0, count: Int(headerSize))
        var offset = 0
        for segment in header {
            headerBytes.withUnsafeMutableBytes { ($0.baseAddress! + offset).copyMemory(from: segment.pointer, byteCount: segment.length) }
            offset += segment.length
        }
        let type = headerBytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) }
        let sector = headerBytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }

        switch type {
        case typeIn:
            guard readableBytes == headerSize, let backend,
                  inRange(sector: sector, bytes: writableBytes, backend: backend),
                  let data = resolve(writable, from: 0, count: writableBytes, memory: memory) else { return statusIOError }
            var position = sector * sectorSize
            for segment in data {
                do throws(BlockBackendError) {
                    try backend.read(into: UnsafeMutableRawBufferPointer(start: segment.pointer, count: segment.length), at: position)
                } catch { return statusIOError }
                position += UInt64(segment.length)
                written += segment.length
            }
            return statusOK
        case typeOut:
            let dataBytes = readableBytes - headerSize
            guard writableBytes == 0, let backend, !backend.isReadOnly,
                  inRange(sector: sector, bytes: dataBytes, backend: backend),
                  let data = resolve(readable, from: headerSize, count: dataBytes, memory: memory) else { return statusIOError }
            var position = sector * sectorSize
            for segment in data {
                do throws(BlockBackendError) {
                    try backend.write(UnsafeRawBufferPointer(start: segment.pointer, count: segment.length), at: position)
                } catch { return statusIOError }
                position += UInt64(segment.length)
            }
            return statusOK
        case typeFlush:
            guard let backend else { return statusIOError }
            do throws(BlockBackendError) { try backend.flush() } catch { return statusIOError }
            return statusOK
        case typeGetID:
            let count = min(UInt64(identifierSize), writableBytes)
            guard readableBytes == headerSize, let data = resolve(writable, from: 0, count: count, memory: memory) else {
                return statusIOError
            }
            var index = 0
            for segment in data {
                for byte in 0..<segment.length {
                    segment.pointer.storeBytes(of: index < identifier.count ? identifier[index] : 0, toByteOffset: byte, as: UInt8.self)
                    index += 1
                }
            }
            written = index
            return statusOK
        default:
            return statusUnsupported
        }
    }

    /// Whether `bytes` of data at `sector` are whole sectors inside the disk (overflow-safe).
    static func inRange(sector: UInt64, bytes: UInt64, backend: any BlockBackend) -> Bool {
        guard bytes % sectorSize == 0 else { return false }
        let capacity = backend.size / sectorSize
        return sector <= capacity && bytes / sectorSize <= capacity - sector
    }

    /// The host memory behind bytes `from ..< from + count` of the concatenated buffers, or nil when any of it
    /// lies outside guest RAM or the buffers are shorter.
    static func resolve(_ buffers: [VirtioBuffer], from start: UInt64, count: UInt64, memory: GuestMemory) -> [Segment]? {
        var segments: [Segment] = []
        var skip = start
        var remaining = count
        for buffer in buffers where remaining > 0 {
            let length = UInt64(buffer.length)
            if skip >= length { skip -= length; continue }
            let take = min(length - skip, remaining)
            guard buffer.address <= UInt64.max - skip, let pointer = memory.pointer(buffer.address + skip, length: take) else { return nil }
            segments.append(Segment(pointer: pointer, length: Int(take)))
            remaining -= take
            skip = 0
        }
        return remaining == 0 ? segments : nil
    }
}
