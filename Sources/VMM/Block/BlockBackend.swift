/// Where a virtio-blk device's bytes live. The device validates every request against `size` and the
/// read-only flag before it calls in, so a backend only sees offsets and lengths inside the disk.
///
/// The VMM ships `RawFileBackend` (ISO images, raw files); the worker serves VHD and VHDX files (and their
/// differencing chains) through the VirtualDisk library behind this same protocol.
/// A backend owns its files and releases them when the last reference to it goes (its descriptors close
/// by ownership); a device that lets go of a backend (`VirtioBlock.detach`) flushes it first.
public protocol BlockBackend: AnyObject, Sendable {
    /// The disk's size in bytes as the guest sees it.
    var size: UInt64 { get }
    /// Writes are refused with an error status (DVD media, the parents of a differencing chain).
    var isReadOnly: Bool { get }
    /// The sector size the guest should use (512 or 4096); requests are still addressed in 512-byte units.
    var logicalSectorSize: UInt32 { get }
    var physicalSectorSize: UInt32 { get }
    /// Fills `buffer` with the bytes at `offset`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BlockBackendError)
    /// Stores `buffer` at `offset`. Data may stay in caches until `flush`.
    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(BlockBackendError)
    /// Makes every completed write durable (the guest's cache flush): after it returns, the data survives
    /// the worker being killed and the host losing power.
    func flush() throws(BlockBackendError)
    /// Changes the disk's size while it is in use (an online resize); afterwards `size` is the new size.
    func resize(to size: UInt64) throws(BlockBackendError)
}

extension BlockBackend {
    public var logicalSectorSize: UInt32 { 512 }
    public var physicalSectorSize: UInt32 { 4096 }
    public func resize(to size: UInt64) throws(BlockBackendError) {
        throw BlockBackendError("this disk cannot be resized while it is in use")
    }
}

/// Why a backend could not do what it was asked; the guest sees VIRTIO_BLK_S_IOERR, the message goes to the
/// worker's log.
public struct BlockBackendError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
