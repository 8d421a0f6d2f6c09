// The hash functions Get-FileHash offers (.NET's HashAlgorithm family: MD5, SHA1, SHA256, SHA384,
// SHA512), written over one Merkle–Damgård frame: bytes are buffered into blocks, each full block
// is compressed, and finishing pads with 0x80, zeros and the message's bit length. Streaming, so a
// large file or stream is hashed in fixed memory.

import Foundation

struct MessageDigest {
    enum Algorithm: String, CaseIterable {
        case SHA1, SHA256, SHA384, SHA512, MD5
    }

    private var compressor: any BlockCompressor
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init(_ algorithm: Algorithm) {
        switch algorithm {
        case .MD5: compressor = MD5Compressor()
        case .SHA1: compressor = SHA1Compressor()
        case .SHA256: compressor = SHA256Compressor()
        case .SHA384: compressor = SHA512Compressor(truncatedTo384: true)
        case .SHA512: compressor = SHA512Compressor(truncatedTo384: false)
        }
        pending.reserveCapacity(compressor.blockSize)
    }

    mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        length &+= UInt64(bytes.count)
        let size = compressor.blockSize
        for byte in bytes {
            pending.append(byte)
            if pending.count == size {
                compressor.compress(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    /// The digest; the value is spent afterwards.
    mutating func finish() -> [UInt8] {
        let size = compressor.blockSize
        let lengthBytes = size == 128 ? 16 : 8
        let bits = length &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % size != size - lengthBytes { tail.append(0) }
        var encoded = [UInt8](repeating: 0, count: lengthBytes)
        for i in 0..<8 {
            let byte = UInt8(truncatingIfNeeded: bits >> UInt64(8 * i))
            if compressor.littleEndian { encoded[i] = byte } else { encoded[lengthBytes - 1 - i] = byte }
        }
        let saved = length
        update(tail + encoded)
        length = saved
        return compressor.digest()
    }

    /// Upper-case hexadecimal, as Get-FileHash's Hash shows it.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

protocol BlockCompressor {
    var blockSize: Int { get }
    /// MD5 reads words and the length little-endian; the SHA family big-endian.
    var littleEndian: Bool { get }
    mutating func compress(_ block: [UInt8])
    func digest() -> [UInt8]
}

@inline(__always) private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
@inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
@inline(__always) private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

private func bigEndianWords32(_ block: [UInt8], _ count: Int) -> [UInt32] {
    (0..<count).map { i in
        UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8 | UInt32(block[4 * i + 3])
    }
}

private func bytes<W: FixedWidthInteger>(_ words: [W], littleEndian: Bool) -> [UInt8] {
    let width = W.bitWidth / 8
    var out: [UInt8] = []
    for w in words {
        for i in 0..<width {
            let shift = littleEndian ? 8 * i : 8 * (width - 1 - i)
            out.append(UInt8(truncatingIfNeeded: w >> shift))
        }
    }
    return out
}

struct MD5Compressor: BlockCompressor {
    let blockSize = 64
    let littleEndian = true
    private var state: [UInt32] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
    private static let shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
    // RFC 1321's table: the integer part of 2^32 * |sin(i + 1)|.
    private static let sines: [UInt32] = (0..<64).map { UInt32(truncatingIfNeeded: Int64(abs(sin(Double($0 + 1))) * 4294967296.0)) }

    mutating func compress(_ block: [UInt8]) {
        let m: [UInt32] = (0..<16).map { i in
            UInt32(block[4 * i]) | UInt32(block[4 * i + 1]) << 8 | UInt32(block[4 * i + 2]) << 16 | UInt32(block[4 * i + 3]) << 24
        }
        var a = state[0], b = state[1], c = state[2], d = state[3]
        for i in 0..<64 {
            var f: UInt32, g: Int
            switch i / 16 {
            case 0: f = (b & c) | (~b & d); g = i
            case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
            case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16
            default: f = c ^ (b | ~d); g = (7 * i) % 16
            }
            f = f &+ a &+ Self.sines[i] &+ m[g]
            a = d; d = c; c = b
            b = b &+ rotl(f, Self.shifts[(i / 16) * 4 + i % 4])
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
    }

    func digest() -> [UInt8] { bytes(state, littleEndian: true) }
}

struct SHA1Compressor: BlockCompressor {
    let blockSize = 64
    let littleEndian = false
    private var state: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]

    mutating func compress(_ block: [UInt8]) {
        var w = bigEndianWords32(block, 16)
        for i in 16..<80 { w.append(rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)) }
        var a = state[0], b = state[1], c = state[2], d = state[3], e = state[4]
        for i in 0..<80 {
            let f: UInt32, k: UInt32
            switch i / 20 {
            case 0: f = (b & c) | (~b & d); k = 0x5A827999
            case 1: f = b ^ c ^ d; k = 0x6ED9EBA1
            case 2: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
            default: f = b ^ c ^ d; k = 0xCA62C1D6
            }
            let t = rotl(a, 5) &+ f &+ e &+ k &+ w[i]
            e = d; d = c; c = rotl(b, 30); b = a; a = t
        }
        state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d; state[4] &+= e
    }

    func digest() -> [UInt8] { bytes(state, littleEndian: false) }
}

struct SHA256Compressor: BlockCompressor {
    let blockSize = 64
    let littleEndian = false
    private static let k: [UInt32] = DigestConstants.sha512RoundConstants.prefix(64).map { UInt32($0 >> 32) }
    private var state: [UInt32] = DigestConstants.squareRootFractions.prefix(8).map { UInt32($0 >> 32) }

    mutating func compress(_ block: [UInt8]) {
        var w = bigEndianWords32(block, 16)
        for i in 16..<64 {
            let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w.append(w[i - 16] &+ s0 &+ w[i - 7] &+ s1)
        }
        var v = state
        for i in 0..<64 {
            let s1 = rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25)
            let ch = (v[4] & v[5]) ^ (~v[4] & v[6])
            let t1 = v[7] &+ s1 &+ ch &+ Self.k[i] &+ w[i]
            let s0 = rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22)
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2])
            v = [t1 &+ s0 &+ maj, v[0], v[1], v[2], v[3] &+ t1, v[4], v[5], v[6]]
        }
        for i in 0..<8 { state[i] &+= v[i] }
    }

    func digest() -> [UInt8] { bytes(state, littleEndian: false) }
}

struct SHA512Compressor: BlockCompressor {
    let blockSize = 128
    let littleEndian = false
    private let truncatedTo384: Bool
    private var state: [UInt64]

    init(truncatedTo384: Bool) {
        self.truncatedTo384 = truncatedTo384
        let roots = DigestConstants.squareRootFractions
        state = truncatedTo384 ? Array(roots[8..<16]) : Array(roots[0..<8])
    }

    mutating func compress(_ block: [UInt8]) {
        let k = DigestConstants.sha512RoundConstants
        var w: [UInt64] = (0..<16).map { i in
            (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(block[8 * i + $1]) }
        }
        for i in 16..<80 {
            let s0 = rotr(w[i - 15], 1) ^ rotr(w[i - 15], 8) ^ (w[i - 15] >> 7)
            let s1 = rotr(w[i - 2], 19) ^ rotr(w[i - 2], 61) ^ (w[i - 2] >> 6)
            w.append(w[i - 16] &+ s0 &+ w[i - 7] &+ s1)
        }
        var v = state
        for i in 0..<80 {
            let s1 = rotr(v[4], 14) ^ rotr(v[4], 18) ^ rotr(v[4], 41)
            let ch = (v[4] & v[5]) ^ (~v[4] & v[6])
            let t1 = v[7] &+ s1 &+ ch &+ k[i] &+ w[i]
            let s0 = rotr(v[0], 28) ^ rotr(v[0], 34) ^ rotr(v[0], 39)
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2])
            v = [t1 &+ s0 &+ maj, v[0], v[1], v[2], v[3] &+ t1, v[4], v[5], v[6]]
        }
        for i in 0..<8 { state[i] &+= v[i] }
    }

    func digest() -> [UInt8] { bytes(truncatedTo384 ? Array(state.prefix(6)) : state, littleEndian: false) }
}
