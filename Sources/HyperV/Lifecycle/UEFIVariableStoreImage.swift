import Foundation

/// The variables in an OVMF variable-store file (`OVMF_VARS*.fd`): an EDK II firmware volume whose data is an
/// authenticated variable store, a run of variables each with a 60-byte header (start mark 0x55AA, state,
/// attributes, counters, name and data sizes, vendor GUID), its UTF-16 name and its data, 4-byte aligned.
/// The firmware appends a changed variable and marks the old copy deleted; `rewritten` writes the live variables
/// afresh instead, so a value taken out of the store leaves no copy behind.
struct UEFIVariableStoreImage {
    struct Variable {
        var name: String
        var vendor: [UInt8]
        /// The header as stored (its state and data size are set again when written).
        var header: [UInt8]
        var nameBytes: [UInt8]
        var data: [UInt8]
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    private let bytes: [UInt8]
    private let storeStart: Int
    private let storeEnd: Int
    private(set) var variables: [Variable] = []

    static let headerSize = 60
    static let storeHeaderSize = 28
    /// A variable fully written and not deleted (VAR_ADDED), possibly mid-way through being replaced.
    private static let liveStates: Set<UInt8> = [0x3F, 0x3E]

    init(_ data: Data) throws {
        bytes = Array(data)
        guard bytes.count >= 64, Array(bytes[40..<44]) == Array("_FVH".utf8) else {
            throw Malformed(description: "not a UEFI firmware volume (no _FVH signature)")
        }
        let headerLength = Int(Self.read16(bytes, 48))
        guard headerLength + Self.storeHeaderSize <= bytes.count else { throw Malformed(description: "the volume header is truncated") }
        storeStart = headerLength
        let size = Int(Self.read32(bytes, headerLength + 16))
        storeEnd = headerLength + size
        guard storeEnd <= bytes.count, bytes[headerLength + 20] == 0x5A else {
            throw Malformed(description: "the variable store header is damaged")
        }
        var offset = storeStart + Self.storeHeaderSize
        while offset + Self.headerSize <= storeEnd, Self.read16(bytes, offset) == 0x55AA {
            let nameSize = Int(Self.read32(bytes, offset + 36)), dataSize = Int(Self.read32(bytes, offset + 40))
            let end = offset + Self.headerSize + nameSize + dataSize
            guard end <= storeEnd else { throw Malformed(description: "a variable runs past the end of the store") }
            if Self.liveStates.contains(bytes[offset + 2]) {
                let nameBytes = Array(bytes[(offset + Self.headerSize)..<(offset + Self.headerSize + nameSize)])
                let units = stride(from: 0, to: nameBytes.count - 1, by: 2).map { UInt16(nameBytes[$0]) | UInt16(nameBytes[$0 + 1]) << 8 }
                variables.append(Variable(name: String(decoding: units.prefix { $0 != 0 }, as: UTF16.self),
                                          vendor: Array(bytes[(offset + 44)..<(offset + 60)]),
                                          header: Array(bytes[offset..<(offset + Self.headerSize)]), nameBytes: nameBytes,
                                          data: Array(bytes[(offset + Self.headerSize + nameSize)..<end])))
            }
            offset = (end + 3) & ~3
        }
        // A copy caught mid-way through being replaced (state 0x3E) counts only when its replacement never landed.
        variables = variables.enumerated().filter { index, variable in
            variable.header[2] == 0x3F || !variables[(index + 1)...].contains { $0.name == variable.name && $0.vendor == variable.vendor }
        }.map(\.element)
    }

    /// The live variable `name` of `vendor` (the last written, as the firmware reads it).
    func variable(_ name: String, vendor: [UInt8]) -> Variable? {
        variables.last { $0.name == name && $0.vendor == vendor }
    }

    mutating func setData(of name: String, vendor: [UInt8], to data: [UInt8]) throws {
        guard let index = variables.lastIndex(where: { $0.name == name && $0.vendor == vendor }) else {
            throw Malformed(description: "the store has no variable \(name)")
        }
        variables[index].data = data
    }

    /// The file with only the live variables, one copy each, and free space after them; everything outside the
    /// variable store (the volume header, the fault-tolerant-write area) as it was.
    func rewritten() throws -> Data {
        var out = bytes
        var offset = storeStart + Self.storeHeaderSize
        for variable in variables {
            let end = offset + Self.headerSize + variable.nameBytes.count + variable.data.count
            guard end <= storeEnd else { throw Malformed(description: "the variables do not fit in the store") }
            var header = variable.header
            header[2] = 0x3F
            let size = UInt32(variable.data.count)
            for byte in 0..<4 { header[40 + byte] = UInt8(truncatingIfNeeded: size >> (8 * UInt32(byte))) }
            out.replaceSubrange(offset..<(offset + Self.headerSize), with: header)
            out.replaceSubrange((offset + Self.headerSize)..<(offset + Self.headerSize + variable.nameBytes.count), with: variable.nameBytes)
            out.replaceSubrange((end - variable.data.count)..<end, with: variable.data)
            let aligned = min((end + 3) & ~3, storeEnd)
            for index in end..<aligned { out[index] = 0xFF }
            offset = aligned
        }
        for index in offset..<storeEnd { out[index] = 0xFF }
        return Data(out)
    }

    static func read16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func read32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) }
    }
}

/// An EFI_SIGNATURE_LIST run (the data of db, KEK, PK): each list is a type GUID, its total size, a header size
/// and an entry size, then entries (an owner GUID and, for X.509 lists, one DER certificate).
enum EFISignatureLists {
    static func split(_ data: [UInt8]) -> [[UInt8]] {
        var lists: [[UInt8]] = []
        var offset = 0
        while offset + 28 <= data.count {
            let size = Int(UEFIVariableStoreImage.read32(data, offset + 16))
            guard size >= 28, offset + size <= data.count else { break }
            lists.append(Array(data[offset..<(offset + size)]))
            offset += size
        }
        return lists
    }

    static func contains(_ list: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard list.count >= needle.count else { return false }
        return (0...(list.count - needle.count)).contains { start in list[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
