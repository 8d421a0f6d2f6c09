/// System.Random. A seeded generator is .NET's compatible one (Knuth's subtractive generator, which
/// `new Random(seed)` still uses), so a script's seeded sequence is reproducible run to run.
public enum RandomNumbers {
    static let typeName = "System.Random"

    public final class Generator {
        private var seeds = [Int32](repeating: 0, count: 56)
        private var next = 0, nextP = 21

        public init(seed: Int32) {
            let big = Int32.max
            var mj = 161_803_398 - (seed == .min ? Int32.max : abs(seed))
            seeds[55] = mj
            var mk: Int32 = 1, ii = 0
            for _ in 1..<55 {
                ii += 21; if ii >= 55 { ii -= 55 }
                seeds[ii] = mk
                mk = mj &- mk
                if mk < 0 { mk = mk &+ big }
                mj = seeds[ii]
            }
            for _ in 1..<5 {
                for i in 1..<56 {
                    var n = i + 30; if n >= 55 { n -= 55 }
                    seeds[i] = seeds[i] &- seeds[1 + n]
                    if seeds[i] < 0 { seeds[i] = seeds[i] &+ big }
                }
            }
        }

        public func sample() -> Int32 {
            next += 1; if next >= 56 { next = 1 }
            nextP += 1; if nextP >= 56 { nextP = 1 }
            var value = seeds[next] &- seeds[nextP]
            if value == .max { value -= 1 }
            if value < 0 { value = value &+ .max }
            seeds[next] = value
            return value
        }

        func unit() -> Double { Double(sample()) * (1.0 / Double(Int32.max)) }
    }

    static func construct(_ args: [PSValue]) throws -> PSValue {
        switch args.count {
        case 0: return .object(object(Generator(seed: Int32.random(in: 0...Int32.max))))
        case 1: return .object(object(Generator(seed: try PSConvert.toInt32(args[0]))))
        default: throw Members.argCount("new", args.count)
        }
    }

    static func object(_ generator: Generator) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: generator)
        func outOfRange(_ count: Int, _ message: String, _ parameter: String) -> PSRuntimeError {
            DotNetErrors.methodInvocation("Next", argumentCount: count, DotNetErrors.argumentOutOfRange(message, parameter: parameter))
        }
        o.addMethod("Next") { _, args in
            switch args.count {
            case 0: return .int(generator.sample())
            case 1:
                let max = try PSConvert.toInt32(args[0])
                guard max >= 0 else { throw outOfRange(1, "maxValue ('\(max)') must be a non-negative value.", "maxValue") }
                return .int(Int32(generator.unit() * Double(max)))
            case 2:
                let low = try PSConvert.toInt32(args[0]), high = try PSConvert.toInt32(args[1])
                guard low <= high else { throw outOfRange(2, "'minValue' cannot be greater than maxValue.", "minValue") }
                let range = Int64(high) - Int64(low)
                return .int(Int32(Int64(generator.unit() * Double(range)) + Int64(low)))
            default: throw Members.argCount("Next", args.count)
            }
        }
        o.addMethod("NextDouble") { _, _ in .double(generator.unit()) }
        o.addMethod("NextInt64") { _, args in
            guard args.count <= 2 else { throw Members.argCount("NextInt64", args.count) }
            let low = args.count == 2 ? try PSConvert.toInt64(args[0]) : 0
            let high = args.isEmpty ? Int64.max : try PSConvert.toInt64(args[args.count - 1])
            guard low <= high else { throw outOfRange(args.count, "'minValue' cannot be greater than maxValue.", "minValue") }
            return .long(low &+ Int64(generator.unit() * Double(high &- low)))
        }
        o.toStringHandler = { _ in typeName }
        return o
    }
}
