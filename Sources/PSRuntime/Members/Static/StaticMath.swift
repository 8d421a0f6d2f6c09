import Foundation

/// System.Math: the overloads Get-Member lists and one implementation that keeps .NET's result types.
extension StaticTypes {
    nonisolated(unsafe) static let mathMethods: [StaticMethod] =
        ["Atan", "Cos", "Exp", "Log10", "Log2", "Sin", "Sqrt", "Tan"].map { math($0, "static double \($0)(double d)") } + [
            math("Abs", "static int Abs(int value)", "static long Abs(long value)", "static double Abs(double value)",
                 "static decimal Abs(decimal value)"),
            math("Atan2", "static double Atan2(double y, double x)"),
            math("Ceiling", "static decimal Ceiling(decimal d)", "static double Ceiling(double a)"),
            math("Clamp", "static int Clamp(int value, int min, int max)", "static long Clamp(long value, long min, long max)",
                 "static double Clamp(double value, double min, double max)"),
            math("DivRem", "static int DivRem(int a, int b, [ref] int result)", "static long DivRem(long a, long b, [ref] long result)"),
            math("Floor", "static decimal Floor(decimal d)", "static double Floor(double d)"),
            math("Log", "static double Log(double d)", "static double Log(double a, double newBase)"),
            math("Max", "static int Max(int val1, int val2)", "static long Max(long val1, long val2)",
                 "static double Max(double val1, double val2)", "static decimal Max(decimal val1, decimal val2)"),
            math("Min", "static int Min(int val1, int val2)", "static long Min(long val1, long val2)",
                 "static double Min(double val1, double val2)", "static decimal Min(decimal val1, decimal val2)"),
            math("Pow", "static double Pow(double x, double y)"),
            math("Round", "static decimal Round(decimal d)", "static decimal Round(decimal d, int decimals)",
                 "static double Round(double a)", "static double Round(double value, int digits)",
                 "static double Round(double value, System.MidpointRounding mode)",
                 "static double Round(double value, int digits, System.MidpointRounding mode)"),
            math("Sign", "static int Sign(int value)", "static int Sign(long value)", "static int Sign(double value)",
                 "static int Sign(decimal value)"),
            math("Truncate", "static decimal Truncate(decimal d)", "static double Truncate(double d)"),
        ]

    private static func math(_ name: String, _ overloads: String...) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads) { call in try mathResult(name.lowercased(), call) }
    }

    /// How many arguments each Math method needs (.NET has no overload with fewer).
    private static let mathArity: [String: Int] = ["pow": 2, "max": 2, "min": 2, "atan2": 2, "divrem": 2, "clamp": 3]

    private static func mathResult(_ lowercasedName: String, _ call: StaticCall) throws -> PSValue {
        let args = call.args
        if args.count < (mathArity[lowercasedName] ?? 1) { throw Members.argCount(lowercasedName, args.count) }
        let operand = try call.double(0)
        func keepingType(_ result: Double) -> PSValue {
            // Math functions keep integer types where .NET's overloads do.
            if let first = args.first, case .int = first, let narrowed = Int32(exactly: result) { return .int(narrowed) }
            if let first = args.first, case .long = first, let narrowed = Int64(exactly: result) { return .long(narrowed) }
            if let first = args.first, case .decimal = first { return .decimal(Decimal(result)) }
            return .double(result)
        }
        switch lowercasedName {
        case "abs": return keepingType(abs(operand))
        case "pow": return .double(pow(operand, try call.double(1)))
        case "sqrt": return .double(operand.squareRoot())
        case "floor": return keepingType(operand.rounded(.down))
        case "ceiling": return keepingType(operand.rounded(.up))
        case "truncate": return keepingType(operand.rounded(.towardZero))
        case "round": return try round(operand, args)
        case "max", "min":
            let other = try call.double(1)
            let pick = lowercasedName == "max" ? (operand >= other ? 0 : 1) : (operand <= other ? 0 : 1)
            let picked = args[pick]
            if case .int = args[0], case .int = args[1] { return picked }
            if case .long = picked { return picked }
            return .double(pick == 0 ? operand : other)
        case "sign": return .int(operand > 0 ? 1 : (operand < 0 ? -1 : 0))
        case "log":
            if args.count > 1 { return .double(Foundation.log(operand) / Foundation.log(try call.double(1))) }
            return .double(Foundation.log(operand))
        case "log10": return .double(log10(operand))
        case "log2": return .double(log2(operand))
        case "exp": return .double(exp(operand))
        case "sin": return .double(sin(operand))
        case "cos": return .double(cos(operand))
        case "tan": return .double(tan(operand))
        case "atan": return .double(atan(operand))
        case "atan2": return .double(atan2(operand, try call.double(1)))
        case "clamp": return keepingType(min(max(operand, try call.double(1)), try call.double(2)))
        default: return try divRem(args)
        }
    }

    /// Round(value[, digits][, mode]): banker's rounding unless AwayFromZero is asked for.
    private static func round(_ operand: Double, _ args: [PSValue]) throws -> PSValue {
        var digits = 0
        var mode: FloatingPointRoundingRule = .toNearestOrEven
        for argument in args.dropFirst() {
            if argument.isNumeric {
                digits = try PSConvert.toInt(argument)
            } else if PSConvert.toString(argument).lowercased() == "awayfromzero" {
                mode = .toNearestOrAwayFromZero
            }
        }
        if case .decimal? = args.first {
            guard (0...28).contains(digits) else {
                throw StringMethods.methodError("Round", args, "Decimal can only round to between 0 and 28 digits of precision. (Parameter 'decimals')")
            }
        } else if !(0...15).contains(digits) {
            throw StringMethods.methodError("Round", args, "Rounding digits must be between 0 and 15, inclusive. (Parameter 'digits')")
        }
        let scale = pow(10.0, Double(digits))
        if case .decimal(let decimal, let decimalScale)? = args.first {
            var value = decimal, rounded = Decimal()
            NSDecimalRound(&rounded, &value, digits, mode == .toNearestOrEven ? .bankers : .plain)
            // .NET keeps the scale, cut to the digits asked for: Round(1.5000d, 2) is 1.50.
            return .decimal(rounded, scale: Int8(min(DecimalScale.effective(decimal, decimalScale), max(0, digits))))
        }
        // From 10^16 up a Double has no fraction left to round, and scaling it could overflow.
        guard abs(operand) < 1e16 else { return .double(operand) }
        return .double((operand * scale).rounded(mode) / scale)
    }

    private static func divRem(_ args: [PSValue]) throws -> PSValue {
        let dividend = try PSConvert.toInt64(args[0]), divisor = try PSConvert.toInt64(args[1])
        guard divisor != 0 else {
            throw StringMethods.methodError("DivRem", args, "Attempted to divide by zero.", id: "DivideByZeroException")
        }
        let (quotient, overflow) = dividend.dividedReportingOverflow(by: divisor)
        if overflow { throw DotNetErrors.methodInvocation("DivRem", argumentCount: args.count, DotNetErrors.overflow()) }
        return .long(quotient)
    }
}
