/// Incremental UTF-8 decoding for the line editor's byte-at-a-time reads.
enum UTF8Decoding {
    enum Step: Equatable {
        case incomplete
        case scalar(UInt32)
        case invalid
    }

    /// Decodes the bytes read so far of one character.
    static func decode(_ bytes: [UInt8]) -> Step {
        guard let first = bytes.first else { return .incomplete }
        let length: Int
        switch first {
        case 0x00...0x7F: return .scalar(UInt32(first))
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return .invalid
        }
        for byte in bytes.dropFirst() where byte & 0xC0 != 0x80 { return .invalid }
        guard bytes.count >= length else { return .incomplete }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return .scalar(scalar.value) }
        return .invalid
    }
}
