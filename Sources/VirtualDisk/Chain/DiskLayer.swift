/// The two formats and three kinds of disk this library reads and writes.
public enum DiskFormat: String, Sendable, Equatable {
    case vhd = "VHD"
    case vhdx = "VHDX"
}

public enum DiskType: String, Sendable, Equatable {
    case fixed = "Fixed"
    case dynamic = "Dynamic"
    case differencing = "Differencing"
}

/// Where a piece of a virtual range lives in one file of a chain.
enum Piece {
    /// `length` bytes at `fileOffset` of this layer's file.
    case data(fileOffset: UInt64, length: Int)
    /// `length` bytes defined to be zero by this layer.
    case zero(length: Int)
    /// `length` bytes this layer does not hold: its parent's (zeros when there is none).
    case parent(length: Int)

    var length: Int {
        switch self {
        case .data(_, let length), .zero(let length), .parent(let length): return length
        }
    }
}

/// What a differencing disk says about its parent: where to look and which identities to accept.
struct ParentReference: Equatable {
    /// Paths to try, best first, already turned into this machine's paths.
    var candidates: [String]
    /// The parent's identity as the child recorded it (VHDX: the parent's DataWriteGuid, or the
    /// second linkage; VHD: the parent's unique id).
    var acceptedIdentities: [GUID]
    /// The path as the child stores it, for messages.
    var storedPath: String
}

/// One file of a chain, of either format.
protocol DiskLayer: AnyObject {
    var file: DiskFile { get }
    var format: DiskFormat { get }
    var type: DiskType { get }
    var virtualSize: UInt64 { get }
    var logicalSectorSize: UInt32 { get }
    var physicalSectorSize: UInt32 { get }
    /// Payload block size (VHDX: from the file parameters even for fixed disks; fixed VHD: 0).
    var blockSize: UInt32 { get }
    /// Get-VHD's DiskIdentifier: VHDX page 83 data, VHD footer unique id.
    var diskIdentifier: GUID { get }
    /// What a child made from this layer records as its parent's identity.
    var identityForChildren: GUID { get }
    var parent: ParentReference? { get }

    /// Visits the pieces of `[offset, offset + length)`, in order; the range lies within the disk.
    func map(offset: UInt64, length: Int, _ visit: (Piece) throws(DiskError) -> Void) throws(DiskError)
    /// Writes within the disk; a differencing layer gets whole logical sectors only.
    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(DiskError)
    func flush() throws(DiskError)
    /// File offsets and lengths of the allocated payload blocks, in virtual order (fragmentation,
    /// optimize); nil for entries not allocated.
    func allocatedBlockOffsets() -> [UInt64?]
}
