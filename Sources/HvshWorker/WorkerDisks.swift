import LinuxSystem
import VirtualDisk
import VMM

/// How the worker opens a VM's disks: VHD and VHDX files (and their differencing chains, parents read-only)
/// through the VirtualDisk library, straight from the files; anything else (an ISO in a DVD drive, a raw
/// image) as a plain file.
enum WorkerDisks {
    static let opener: Machine.DiskOpener = { attachment throws(VMMError) in
        let image: DiskImage
        do throws(DiskError) { image = try DiskImage.open(attachment.path, writable: !attachment.readOnly) } catch {
            guard error.kind == .notVirtualDisk else { throw .invalidConfiguration(error.message) }
            return try RawFileBackend(path: attachment.path, readOnly: attachment.readOnly)
        }
        return VirtualDiskBackend(image)
    }

    /// The same from files the shell opened and handed over (a jailed worker opens nothing by path): a VHD
    /// or VHDX chain, newest file first, or one file of any other kind.
    static func adopting(_ passed: PassedDescriptors, path: String, readOnly: Bool) throws(VMMError) -> any BlockBackend {
        guard passed.count > 0 else { throw .invalidConfiguration("the files of \(path) were not handed over with the request") }
        let spare = passed.duplicate(0)
        do throws(DiskError) {
            return VirtualDiskBackend(try DiskImage.open(adopting: passed, path: path, writable: !readOnly))
        } catch {
            guard error.kind == .notVirtualDisk, passed.count == 1, let spare else { throw .invalidConfiguration(error.message) }
            return try RawFileBackend(adopting: spare, path: path, readOnly: readOnly)
        }
    }
}

/// A VHD or VHDX chain behind a virtio-blk device. `DiskImage` serialises its calls itself.
final class VirtualDiskBackend: BlockBackend, @unchecked Sendable {
    // The image is only touched through its own thread-safe methods; `image` is never reassigned.
    let image: DiskImage

    init(_ image: DiskImage) { self.image = image }

    var size: UInt64 { image.size }
    var isReadOnly: Bool { !image.isWritable }
    var logicalSectorSize: UInt32 { image.logicalSectorSize }
    var physicalSectorSize: UInt32 { image.physicalSectorSize }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        do { try image.read(into: buffer, at: offset) } catch { throw BlockBackendError(error.message) }
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        do { try image.write(buffer, at: offset) } catch { throw BlockBackendError(error.message) }
    }

    func flush() throws(BlockBackendError) {
        do { try image.flush() } catch { throw BlockBackendError(error.message) }
    }

    func resize(to size: UInt64) throws(BlockBackendError) {
        do { try image.resize(to: size) } catch { throw BlockBackendError(error.message) }
    }
}
