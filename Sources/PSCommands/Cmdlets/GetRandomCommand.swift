// Get-Random, and the draws Get-SecureRandom shares with it.

import Foundation
import PSRuntime

/// Where Get-Random and Get-SecureRandom take their bytes from, as PowerShell's
/// PolymorphicRandomNumberGenerator does: System.Random's NextBytes once seeded, the cryptographic
/// generator otherwise. Every number is built from those bytes exactly as PowerShell builds it, so a
/// seeded sequence (`Get-Random -Maximum 100 -SetSeed 23` is 32, then 25, 93, 95) is PowerShell's own.
protocol RandomBytes {
    func fill(_ buffer: inout [UInt8])
}

extension RandomBytes {
    /// Four bytes read as a little-endian Int32.
    private func internalSample() -> Int32 {
        var b = [UInt8](repeating: 0, count: 4)
        fill(&b)
        return Int32(bitPattern: UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24)
    }

    /// A sample in [0, Int32.MaxValue) (PowerShell folds a negative one up by Int32.MaxValue).
    func next() -> Int32 {
        var r: Int32
        repeat { r = internalSample() } while r == .max
        return r < 0 ? r &+ .max : r
    }

    func nextDouble() -> Double { Double(next()) * (1.0 / Double(Int32.max)) }

    /// In [lo, hi); a span wider than Int32.MaxValue takes two samples.
    func next(_ lo: Int32, _ hi: Int32) -> Int32 {
        let range = Int64(hi) - Int64(lo)
        if range <= Int64(Int32.max) {
            return Int32(truncatingIfNeeded: Int64(nextDouble() * Double(range))) &+ lo
        }
        var sample: Double
        repeat { sample = Double(internalSample()) } while sample == Double(Int32.max)
        let large = (sample + Double(Int32.max)) * (1.0 / (2 * Double(UInt32(Int32.max))))
        return Int32(truncatingIfNeeded: Int64(large * Double(range)) &+ Int64(lo))
    }

    /// In [lo, hi): a span up to Int32.MaxValue as `next(0, span)`, a wider one as masked
    /// eight-byte draws retried until below the span.
    func nextInt64(_ lo: Int64, _ hi: Int64) -> Int64 {
        let span = UInt64(bitPattern: hi &- lo)   // hi > lo, so this is the exact difference
        if span <= UInt64(Int32.max) { return lo + Int64(next(0, Int32(span))) }
        let mask = UInt64.max >> UInt64(span.leadingZeroBitCount)
        var r: UInt64
        var b = [UInt8](repeating: 0, count: 8)
        repeat {
            fill(&b)
            r = b.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) } & mask
        } while span <= r
        // PowerShell adds the two as doubles; the conversion back saturates (.NET 9).
        let sum = Double(lo) + Double(r)
        return sum >= 9.223372036854775807e18 ? .max : Int64(sum)
    }

    /// In [lo, hi), retried (over an ever smaller span) while rounding lands on `hi`.
    func nextDouble(_ lo: Double, _ hi: Double) -> Double {
        var diff = hi - lo
        var result: Double
        if diff.isInfinite {
            repeat {
                let r = nextDouble()
                result = lo + r * hi - r * lo
            } while result >= hi
        } else {
            repeat {
                let r = nextDouble()
                result = lo + r * diff
                diff *= r
            } while result >= hi
        }
        return result
    }
}

/// The generator Get-Random calls share in a process: the cryptographic one until -SetSeed
/// replaces it by a seeded System.Random, which later calls then continue.
final class RandomSource: RandomBytes, @unchecked Sendable {
    static let shared = RandomSource()
    // Guarded by `lock`, which is why the class may be shared across threads.
    private let lock = NSLock()
    private var seeded: RandomNumbers.Generator?

    func seed(_ s: Int32) { lock.lock(); seeded = RandomNumbers.Generator(seed: s); lock.unlock() }

    func fill(_ buffer: inout [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        guard let seeded else { return SecureRandomSource().fill(&buffer) }
        // System.Random.NextBytes: the low byte of one sample per byte.
        for i in buffer.indices { buffer[i] = UInt8(truncatingIfNeeded: seeded.sample()) }
    }
}

final class GetRandomCommand: Cmdlet {
    static let maximum = Parameter<PSValue>("Maximum", position: 0)
    static let minimum = Parameter<PSValue>("Minimum")
    static let inputObject = Parameter<[PSValue]>("InputObject", valueFromPipeline: true)
    static let count = Parameter<Int>("Count", validate: [.range(min: 1, max: nil)])
    static let setSeed = Parameter<Int32>("SetSeed")
    static let shuffle = Parameter<SwitchParameter>("Shuffle")
    static let declaration = CmdletDeclaration("Get-Random", parameters: [maximum, minimum, inputObject, count, setSeed, shuffle], synopsis: "Gets a random number or picks random input objects.",
       description: "Writes a random integer in [Minimum, Maximum) (a double if either bound is a double), or -Count distinct objects chosen from the input; -Shuffle writes all input in random order. -SetSeed makes the sequence repeatable.")
    private var picker = RandomPicker()

    func begin(_ context: CmdletContext) throws {
        if let s = context[Self.setSeed] { RandomSource.shared.seed(s) }
        try picker.begin(context, RandomSource.shared)
    }

    func process(_ context: CmdletContext) throws {
        picker.process(context, RandomSource.shared)
    }

    func end(_ context: CmdletContext) throws {
        try picker.end(context, RandomSource.shared)
    }
}

/// What Get-Random and Get-SecureRandom do with their generator (PowerShell's GetRandomCommandBase):
/// numbers written at the start, or a reservoir of -Count input objects (all of them with -Shuffle)
/// written in random order at the end.
struct RandomPicker {
    private var listMode = false
    private var chosen: [PSValue] = []
    private var processed = 0

    mutating func begin(_ context: CmdletContext, _ rng: some RandomBytes) throws {
        let maximum = context[GetRandomCommand.maximum]
        // An array given as -Maximum (`Get-Random 1,2,3`) is the input to pick from.
        if let elements = maximum?.unwrapped.arrayElements {
            listMode = true
            add(elements, context, rng)
            return
        }
        listMode = context[GetRandomCommand.shuffle] || context.isBound(GetRandomCommand.inputObject)
            || (context.expectingInput && maximum == nil && context[GetRandomCommand.minimum] == nil)
        if !listMode { try writeNumbers(context, rng) }
    }

    mutating func process(_ context: CmdletContext, _ rng: some RandomBytes) {
        guard listMode, let input = context[GetRandomCommand.inputObject] else { return }
        add(input, context, rng)
    }

    /// Reservoir sampling: the first -Count items are kept, each later one replaces a kept one
    /// with probability Count/seen.
    private mutating func add(_ items: [PSValue], _ context: CmdletContext, _ rng: some RandomBytes) {
        let count = context[GetRandomCommand.count] ?? 1
        for item in items {
            if context[GetRandomCommand.shuffle] || processed < count {
                chosen.append(item)
            } else if Int(rng.next(0, Int32(clamping: processed + 1))) < count {
                chosen[Int(rng.next(0, Int32(chosen.count)))] = item
            }
            processed += 1
        }
    }

    /// The kept items in random order: each place drawn from the ones not yet written.
    mutating func end(_ context: CmdletContext, _ rng: some RandomBytes) throws {
        guard listMode else { return }
        let n = chosen.count
        for i in 0..<n {
            let j = Int(rng.next(Int32(i), Int32(n)))
            try context.writeObject(chosen[j])
            if i != j { chosen[j] = chosen[i] }
        }
    }

    // PowerShell's rule: a $null bound counts as not given; strings are read as number literals
    // ('1kb', '+100.0', '100099000001'); two Int32 bounds make an Int32 (up to [int]::MaxValue),
    // Int32 or Int64 ones an Int64 (up to [long]::MaxValue), anything else a double.
    private func writeNumbers(_ context: CmdletContext, _ rng: some RandomBytes) throws {
        let (maxV, minV): (PSValue?, PSValue?)
        do {
            (maxV, minV) = (try Self.operand(context[GetRandomCommand.maximum]), try Self.operand(context[GetRandomCommand.minimum]))
        } catch let e as PSRuntimeError {
            throw context.terminatingError(from: e)
        }
        let kind = [maxV, minV].compactMap { $0 }.map(Self.kind).max() ?? 0
        let count = context[GetRandomCommand.count] ?? 1
        switch kind {
        case 2:
            let lo = minV.flatMap { try? PSConvert.toDouble($0) } ?? 0
            let hi = maxV.flatMap { try? PSConvert.toDouble($0) } ?? Double.greatestFiniteMagnitude
            try Self.check(.double(lo), .double(hi), lo >= hi, context)
            for _ in 0..<count { try context.writeObject(.double(rng.nextDouble(lo, hi))) }
        case 1:
            let lo = minV.flatMap { try? PSConvert.toInt64($0) } ?? 0
            let hi = maxV.flatMap { try? PSConvert.toInt64($0) } ?? Int64.max
            try Self.check(.long(lo), .long(hi), lo >= hi, context)
            for _ in 0..<count { try context.writeObject(.long(rng.nextInt64(lo, hi))) }
        default:
            let lo = minV.flatMap { try? PSConvert.toInt32($0) } ?? 0
            let hi = maxV.flatMap { try? PSConvert.toInt32($0) } ?? Int32.max
            try Self.check(.int(lo), .int(hi), lo >= hi, context)
            for _ in 0..<count { try context.writeObject(.int(rng.next(lo, hi))) }
        }
    }

    /// A bound as Get-Random reads it: nil for $null, a string as the number it spells, else as an
    /// Int32 (PowerShell's Parser.ScanNumber, so `-Maximum abc` is a conversion error).
    static func operand(_ value: PSValue?) throws -> PSValue? {
        guard let value = value?.unwrapped, !value.isNull else { return nil }
        if case .string(let text) = value { return try NumberFormatting.parse(text) ?? .int(PSConvert.toInt32(value)) }
        return value
    }

    /// 0 Int32, 1 Int64, 2 Double: only Int32 and Int64 bounds stay integers (a byte or a decimal
    /// bound makes a double, as in PowerShell).
    static func kind(_ value: PSValue) -> Int {
        switch value {
        case .int: return 0
        case .long: return 1
        default: return 2
        }
    }

    private static func check(_ lo: PSValue, _ hi: PSValue, _ refused: Bool, _ context: CmdletContext) throws {
        if refused {
            throw context.terminatingError("The Minimum value (\(ValueText.elementName(lo))) cannot be greater than or equal to the Maximum value (\(ValueText.elementName(hi))).",
                                           errorId: "MinGreaterThanOrEqualMax", category: .invalidArgument)
        }
    }
}
