/// System.Text.StringBuilder. Its table (Capacity, MaxCapacity, Length) is what a script prints when
/// it forgets `[void]` before `$sb.Append(...)`, so Capacity follows .NET's chunk growth: 16 at
/// first (or the initial text's length), then a new chunk of max(needed, min(Length, 8000)).
enum StringBuilders {
    static let typeName = "System.Text.StringBuilder"
    static let maxChunk = 8000

    final class State {
        var units: [UInt16]
        /// The capacities of .NET's chunks, oldest first; their sum is Capacity.
        var chunks: [Int]
        init(_ text: String, capacity: Int) {
            units = Array(text.utf16)
            chunks = [max(capacity, units.count)]
        }
        var text: String { String(decoding: units, as: UTF16.self) }
        var capacity: Int { chunks.reduce(0, +) }

        /// Room for `count` more units, as Append makes it: fill the last chunk, then one new chunk.
        func reserve(_ count: Int) {
            let free = capacity - units.count
            guard count > free else { return }
            chunks.append(max(count - free, min(capacity, StringBuilders.maxChunk)))
        }

        func append(_ more: [UInt16]) {
            reserve(more.count)
            units += more
        }

        /// The Length setter (and Clear): growing appends NULs; shrinking across a chunk boundary
        /// leaves one chunk of min(Capacity, max(Length * 6 / 5, last chunk)).
        func setLength(_ length: Int) {
            if length > units.count { append(Array(repeating: 0, count: length - units.count)); return }
            if chunks.count > 1, length < capacity - chunks[chunks.count - 1] {
                chunks = [min(capacity, max(units.count * 6 / 5, chunks[chunks.count - 1]))]
            }
            units.removeLast(units.count - length)
        }
    }

    static func construct(_ args: [PSValue]) throws -> PSValue {
        switch args.count {
        case 0: return .object(object(State("", capacity: 16)))
        case 1:
            if case .string(let s) = args[0].unwrapped { return .object(object(State(s, capacity: 16))) }
            if args[0].isNull { return .object(object(State("", capacity: 16))) }
            let capacity = try PSConvert.toInt(args[0])
            guard capacity >= 0 else {
                throw DotNetErrors.methodInvocation(".ctor", argumentCount: 1,
                    DotNetErrors.argumentOutOfRange("capacity ('\(capacity)') must be a non-negative value. (Parameter 'capacity')\nActual value was \(capacity)."))
            }
            return .object(object(State("", capacity: capacity)))
        case 2:
            let capacity = try PSConvert.toInt(args[1])
            if case .string(let s) = args[0].unwrapped { return .object(object(State(s, capacity: capacity == 0 ? 16 : capacity))) }
            return .object(object(State("", capacity: try PSConvert.toInt(args[0]))))
        default:
            throw Members.argCount("new", args.count)
        }
    }

    static func utf16(_ v: PSValue) -> [UInt16] {
        if case .char(let c) = v { return [c] }
        return Array(PSConvert.toString(v).utf16)
    }

    private static func outOfRange(_ method: String, _ count: Int, _ message: String, _ parameter: String) -> PSRuntimeError {
        DotNetErrors.methodInvocation(method, argumentCount: count, DotNetErrors.argumentOutOfRange(message, parameter: parameter))
    }

    static func object(_ state: State) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        // Properties in .NET's order (what the default table shows).
        o.addProperty("Capacity", get: { _ in .int(Int32(state.capacity)) })
        o.addProperty("MaxCapacity", get: { _ in .int(Int32.max) })
        o.addProperty("Length", get: { _ in .int(Int32(state.units.count)) }, set: { _, v in
            let length = try PSConvert.toInt(v)
            guard length >= 0 else {
                throw DotNetErrors.argumentOutOfRange("Length cannot be less than zero.", parameter: "length")
            }
            state.setLength(length)
        })
        o.addMethod("Append") { me, args in
            switch args.count {
            case 1:
                // An array is one object to Append(object): its .NET type name, not its elements.
                if case .array = args[0].unwrapped { state.append(Array("System.Object[]".utf16)) } else { state.append(utf16(args[0])) }
            case 2:
                // Append(char, repeatCount)
                guard case .char(let c) = try PSConvert.convert(args[0], to: .char) else { break }
                let count = try PSConvert.toInt(args[1])
                guard count >= 0 else { throw outOfRange("Append", 2, "Count cannot be less than zero.", "repeatCount") }
                try ResourceLimits.checkString(repeating: 1, count: count)
                state.append(Array(repeating: c, count: count))
            case 3:
                // Append(string, startIndex, count)
                let s = utf16(args[0]), start = try PSConvert.toInt(args[1]), count = try PSConvert.toInt(args[2])
                guard start >= 0, count >= 0, start + count <= s.count else {
                    throw outOfRange("Append", 3, "Index and count must refer to a location within the buffer.", "startIndex")
                }
                state.append(Array(s[start..<(start + count)]))
            default:
                throw Members.argCount("Append", args.count)
            }
            return .object(me)
        }
        o.addMethod("AppendLine") { me, args in
            guard args.count <= 1 else { throw Members.argCount("AppendLine", args.count) }
            if let first = args.first { state.append(utf16(first)) }
            state.append([10])
            return .object(me)
        }
        o.addMethod("AppendFormat") { me, args in
            guard let format = args.first else { throw Members.argCount("AppendFormat", 0) }
            let rest = Array(args.dropFirst())
            let values = rest.count == 1 ? (rest[0].arrayElements ?? rest) : rest
            let text = try DotNetErrors.asMethodError("AppendFormat", args.count) { try PSFormat.format(PSConvert.toString(format), values) }
            state.append(Array(text.utf16))
            return .object(me)
        }
        o.addMethod("AppendJoin") { me, args in
            guard args.count >= 2 else { throw Members.argCount("AppendJoin", args.count) }
            let rest = Array(args.dropFirst())
            let values = rest.count == 1 ? (rest[0].arrayElements ?? rest) : rest
            state.append(Array(values.map { PSConvert.toString($0) }.joined(separator: PSConvert.toString(args[0])).utf16))
            return .object(me)
        }
        o.addMethod("Insert") { me, args in
            guard args.count == 2 || args.count == 3 else { throw Members.argCount("Insert", args.count) }
            let index = try PSConvert.toInt(args[0])
            let repeats = args.count == 3 ? try PSConvert.toInt(args[2]) : 1
            guard index >= 0, index <= state.units.count else {
                throw outOfRange("Insert", args.count, "Index was out of range. Must be non-negative and less than or equal to the size of the collection.", "index")
            }
            guard repeats >= 0 else { throw outOfRange("Insert", args.count, "Count cannot be less than zero.", "count") }
            let piece = utf16(args[1])
            try ResourceLimits.checkString(repeating: piece.count, count: repeats)
            let inserted = Array([[UInt16]](repeating: piece, count: repeats).joined())
            state.reserve(inserted.count)
            state.units.insert(contentsOf: inserted, at: index)
            return .object(me)
        }
        o.addMethod("Remove") { me, args in
            guard args.count == 2 else { throw Members.argCount("Remove", args.count) }
            let start = try PSConvert.toInt(args[0]), length = try PSConvert.toInt(args[1])
            guard length >= 0 else { throw outOfRange("Remove", 2, "Length cannot be less than zero.", "length") }
            guard start >= 0 else { throw outOfRange("Remove", 2, "StartIndex cannot be less than zero.", "startIndex") }
            guard length <= state.units.count - start else {
                throw outOfRange("Remove", 2, "Index and length must refer to a location within the string.", "length")
            }
            state.units.removeSubrange(start..<(start + length))
            return .object(me)
        }
        o.addMethod("Replace") { me, args in
            guard args.count == 2 || args.count == 4 else { throw Members.argCount("Replace", args.count) }
            if args[0].isNull {
                throw DotNetErrors.methodInvocation("Replace", argumentCount: args.count, DotNetErrors.argumentNull(parameter: "oldValue"))
            }
            let old = utf16(args[0]), new = args[1].isNull ? [] : utf16(args[1])
            guard !old.isEmpty else {
                throw DotNetErrors.methodInvocation("Replace", argumentCount: args.count,
                    DotNetErrors.argument("The value cannot be an empty string. (Parameter 'oldValue')"))
            }
            var start = 0, count = state.units.count
            if args.count == 4 {
                start = try PSConvert.toInt(args[2]); count = try PSConvert.toInt(args[3])
                guard start >= 0, count >= 0, start + count <= state.units.count else {
                    throw outOfRange("Replace", 4, "Index and count must refer to a location within the buffer.", "count")
                }
            }
            var out = Array(state.units[..<start]), i = start
            let end = start + count
            while i < end {
                if i + old.count <= end, Array(state.units[i..<(i + old.count)]) == old {
                    out += new; i += old.count
                } else {
                    out.append(state.units[i]); i += 1
                }
            }
            out += state.units[end...]
            if out.count > state.units.count { state.reserve(out.count - state.units.count) }
            state.units = out
            return .object(me)
        }
        o.addMethod("Clear") { me, args in
            guard args.isEmpty else { throw Members.argCount("Clear", args.count) }
            state.setLength(0)
            return .object(me)
        }
        o.addMethod("EnsureCapacity") { _, args in
            guard args.count == 1 else { throw Members.argCount("EnsureCapacity", args.count) }
            let wanted = try PSConvert.toInt(args[0])
            guard wanted >= 0 else { throw outOfRange("EnsureCapacity", 1, "Capacity cannot be less than zero.", "capacity") }
            if wanted > state.capacity { state.chunks[state.chunks.count - 1] += wanted - state.capacity }
            return .int(Int32(state.capacity))
        }
        o.addMethod("ToString") { _, args in
            switch args.count {
            case 0: return .string(state.text)
            case 2:
                let start = try PSConvert.toInt(args[0]), length = try PSConvert.toInt(args[1])
                guard start >= 0, length >= 0, start + length <= state.units.count else {
                    throw outOfRange("ToString", 2, "Index and length must refer to a location within the string.", "length")
                }
                return .string(String(decoding: state.units[start..<(start + length)], as: UTF16.self))
            default: throw Members.argCount("ToString", args.count)
            }
        }
        o.toStringHandler = { _ in state.text }
        return o
    }
}
