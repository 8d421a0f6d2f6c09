import Foundation

/// `+ - * / %` and the bitwise operators with PowerShell's typing: the left operand decides the
/// operation (string concatenation, array/hashtable addition, numbers), Int32 overflow widens to
/// Double, integer division that leaves a remainder yields Double.
enum Arithmetic {
    /// Numeric rank used to pick the common type of two numbers.
    enum Kind: Int, Comparable {
        case int32, uint32, int64, uint64, decimal, double
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    static func kind(_ v: PSValue) -> Kind {
        switch v {
        case .long: return .int64
        case .uint32: return .uint32
        case .uint64: return .uint64
        case .decimal: return .decimal
        case .double, .single: return .double
        default: return .int32
        }
    }

    /// The common kind: signed/unsigned mixes of one width go to the next signed width.
    static func common(_ a: Kind, _ b: Kind) -> Kind {
        if a == .double || b == .double { return .double }
        if a == .decimal || b == .decimal { return .decimal }
        let (lo, hi) = a < b ? (a, b) : (b, a)
        if hi == .uint64 && (lo == .int32 || lo == .int64) { return .decimal }
        if hi == .uint32 && lo == .int32 { return .int64 }
        return hi
    }

    static func numericOperand(_ v: PSValue, op: String, other: PSValue, leftIsNumber: Bool) throws -> PSValue {
        if let n = PSConvert.toNumber(v) { return n }
        if case .string(let s) = v {
            throw PSConvert.cannotConvert(v, to: leftIsNumber ? PSType.int32 : PSType.double,
                                          detail: "The input string '\(s)' was not in a correct format.")
        }
        throw opNotSupported(op, v)
    }

    static func opNotSupported(_ op: String, _ v: PSValue) -> PSRuntimeError {
        let method: String
        switch op {
        case "+": method = "op_Addition"
        case "-": method = "op_Subtraction"
        case "*": method = "op_Multiply"
        case "/": method = "op_Division"
        default: method = "op_Modulus"
        }
        return PSRuntimeError.message(
            "Method invocation failed because [\(v.typeFullName)] does not contain a method named '\(method)'.",
            errorId: "MethodNotFound", category: .invalidOperation, target: v)
    }

    /// A RuntimeException around .NET's DivideByZeroException (`catch [System.DivideByZeroException]` takes it).
    static func divideByZero() -> PSRuntimeError {
        let message = "Attempted to divide by zero."
        let ex = PSException(message, inner: PSException(message, type: "System.DivideByZeroException"))
        return PSRuntimeError(ErrorRecord(ex, errorId: "RuntimeException", category: .notSpecified))
    }

    /// A RuntimeException around the OverflowException of a decimal result beyond System.Decimal.
    static func decimalOverflow() -> PSRuntimeError {
        let message = "Value was either too large or too small for a Decimal."
        let ex = PSException(message, inner: PSException(message, type: "System.OverflowException"))
        return PSRuntimeError(ErrorRecord(ex, errorId: "RuntimeException", category: .notSpecified))
    }

    // MARK: +

    static func add(_ left: PSValue, _ right: PSValue) throws -> PSValue {
        if case .int(let leftInt) = left, case .int(let rightInt) = right {
            let (sum, overflow) = leftInt.addingReportingOverflow(rightInt)
            return overflow ? .double(Double(leftInt) + Double(rightInt)) : .int(sum)
        }
        if case .enumValue(let e) = left { return try EnumTypeMethods.arithmetic(e, right, add) }
        if let big = try bigInteger(left, right, .add) { return big }
        switch left {
        case .string(let text):
            let rightText = PSConvert.toString(right)
            try ResourceLimits.checkString(length: text.utf8.count + rightText.utf8.count)
            return .string(text + rightText)
        case .char(let unit) where !right.isNumeric: return .string(String(utf16CodeUnits: [unit], count: 1) + PSConvert.toString(right))
        case .array(let leftArray):
            var items = leftArray.elements
            if case .array(let rightArray) = right {
                try ResourceLimits.checkArray(count: leftArray.count + rightArray.count)
                items += rightArray.elements
            } else { items.append(right) }
            return .array(PSArray(items))
        case .hashtable(let table):
            guard case .hashtable(let other) = right else {
                throw PSRuntimeError.message("A hash table can only be added to another hash table.",
                                             errorId: "AddHashTableToNonHashTable", category: .invalidOperation)
            }
            let out = table.copy()
            for (key, entryValue) in other.pairs { try out.add(key, entryValue) }
            return .hashtable(out)
        case .null:
            if case .null = right { return .null }
            if right.isNumeric || { if case .string = right { return true }; return false }() { return right }
            if case .array(let rightArray) = right { return .array(rightArray.copy()) }
            return right
        case .dateTime(let date):
            if case .timeSpan(let interval) = right.unwrapped { return .dateTime(try date.checkedAdding(ticks: interval.ticks, parameter: "t")) }
            return .dateTime(try date.checkedAdding(ticks: try PSConvert.toInt64(right)))
        case .timeSpan(let interval):
            if case .timeSpan(let otherInterval) = right.unwrapped { return .timeSpan(try interval.checkedAdding(otherInterval)) }
            if case .dateTime(let date) = right.unwrapped { return .dateTime(try date.checkedAdding(ticks: interval.ticks, parameter: "t")) }
            throw opNotSupported("+", left)
        case .object(let object) where object.baseValue != nil: return try add(object.baseValue!, right)
        case .object, .scriptBlock, .guid, .version, .ipAddress, .regex, .type, .switchValue:
            throw opNotSupported("+", left)
        default:
            let leftNumber = try numericOperand(left, op: "+", other: right, leftIsNumber: true)
            let rightNumber = try numericOperand(right, op: "+", other: left, leftIsNumber: true)
            return try numeric(leftNumber, rightNumber, op: .add)
        }
    }

    enum Op { case add, sub, mul, div, rem }

    /// Arithmetic on two numbers in their common type, widening on overflow like PowerShell.
    static func numeric(_ left: PSValue, _ right: PSValue, op: Op) throws -> PSValue {
        var kindOfOperation = common(kind(left), kind(right))
        // A UInt64 with a signed integer that is not negative stays UInt64 (9223372036854775807ul + 2 is
        // exact), and overflowing it gives a Double ([ulong]::MaxValue + 1), not a Decimal.
        if kindOfOperation == .decimal, max(kind(left), kind(right)) == .uint64,
           (try? PSConvert.toInt64(kind(left) == .uint64 ? right : left)).map({ $0 >= 0 }) == true {
            kindOfOperation = .uint64
        }
        // Likewise a UInt32 with an Int32 that is not negative stays UInt32 ([uint32]5 - 1 is a UInt32);
        // only a negative one takes the operation to Int64 (PowerShell's FigureSignedUnsignedInt).
        if kindOfOperation == .int64, max(kind(left), kind(right)) == .uint32,
           (try? PSConvert.toInt64(kind(left) == .uint32 ? right : left)).map({ $0 >= 0 }) == true {
            kindOfOperation = .uint32
        }
        switch kindOfOperation {
        case .int32:
            let leftNumber = Int64(try PSConvert.toInt32(left)), rightNumber = Int64(try PSConvert.toInt32(right))
            switch op {
            case .add, .sub, .mul:
                let result = op == .add ? leftNumber + rightNumber : op == .sub ? leftNumber - rightNumber : leftNumber * rightNumber
                if let narrowed = Int32(exactly: result) { return .int(narrowed) }
                return .double(Double(result))
            case .div:
                if rightNumber == 0 { throw divideByZero() }
                if leftNumber % rightNumber == 0, let narrowed = Int32(exactly: leftNumber / rightNumber) { return .int(narrowed) }
                return .double(Double(leftNumber) / Double(rightNumber))
            case .rem:
                if rightNumber == 0 { throw divideByZero() }
                return .int(Int32(leftNumber % rightNumber))
            }
        case .int64, .uint32:
            let leftNumber = try PSConvert.toInt64(left), rightNumber = try PSConvert.toInt64(right)
            let wasUInt = kindOfOperation == .uint32
            func wrap(_ result: Int64) -> PSValue {
                if wasUInt, result >= 0, let unsigned = UInt32(exactly: result) { return .uint32(unsigned) }
                if wasUInt { return .double(Double(result)) }
                return .long(result)
            }
            switch op {
            case .add, .sub, .mul:
                let (result, overflow) = op == .add ? leftNumber.addingReportingOverflow(rightNumber) : op == .sub ? leftNumber.subtractingReportingOverflow(rightNumber) : leftNumber.multipliedReportingOverflow(by: rightNumber)
                if overflow { return .double(op == .add ? Double(leftNumber) + Double(rightNumber) : op == .sub ? Double(leftNumber) - Double(rightNumber) : Double(leftNumber) * Double(rightNumber)) }
                return wrap(result)
            case .div:
                if rightNumber == 0 { throw divideByZero() }
                if leftNumber == Int64.min && rightNumber == -1 { return .double(-Double(leftNumber)) }
                if leftNumber % rightNumber == 0 { return wrap(leftNumber / rightNumber) }
                return .double(Double(leftNumber) / Double(rightNumber))
            case .rem:
                if rightNumber == 0 { throw divideByZero() }
                if rightNumber == -1 { return wrap(0) }
                return wrap(leftNumber % rightNumber)
            }
        case .uint64:
            let leftNumber = try uint64(left), rightNumber = try uint64(right)
            switch op {
            case .add, .sub, .mul:
                let (result, overflow) = op == .add ? leftNumber.addingReportingOverflow(rightNumber) : op == .sub ? leftNumber.subtractingReportingOverflow(rightNumber) : leftNumber.multipliedReportingOverflow(by: rightNumber)
                if overflow { return .double(op == .add ? Double(leftNumber) + Double(rightNumber) : op == .sub ? Double(leftNumber) - Double(rightNumber) : Double(leftNumber) * Double(rightNumber)) }
                return .uint64(result)
            case .div:
                if rightNumber == 0 { throw divideByZero() }
                if leftNumber % rightNumber == 0 { return .uint64(leftNumber / rightNumber) }
                return .double(Double(leftNumber) / Double(rightNumber))
            case .rem:
                if rightNumber == 0 { throw divideByZero() }
                return .uint64(leftNumber % rightNumber)
            }
        case .decimal:
            let leftNumber = try PSConvert.toDecimal(left), rightNumber = try PSConvert.toDecimal(right)
            let leftScale = DecimalScale.of(left, converted: leftNumber), rightScale = DecimalScale.of(right, converted: rightNumber)
            let operation: DecimalScale.Operation
            switch op {
            case .add: operation = .add
            case .sub: operation = .subtract
            case .mul: operation = .multiply
            case .div: operation = .divide
            case .rem: operation = .remainder
            }
            if (op == .div || op == .rem) && rightNumber.isZero { throw divideByZero() }
            guard let result = DecimalScale.apply(operation, leftNumber, leftScale, rightNumber, rightScale) else {
                throw decimalOverflow()
            }
            return result
        case .double:
            let leftNumber = try PSConvert.toDouble(left), rightNumber = try PSConvert.toDouble(right)
            switch op {
            case .add: return .double(leftNumber + rightNumber)
            case .sub: return .double(leftNumber - rightNumber)
            case .mul: return .double(leftNumber * rightNumber)
            case .div: return .double(leftNumber / rightNumber)
            case .rem: return .double(leftNumber.truncatingRemainder(dividingBy: rightNumber))
            }
        }
    }

    static func uint64(_ value: PSValue) throws -> UInt64 {
        if case .uint64(let unsigned) = value { return unsigned }
        let signed = try PSConvert.toInt64(value)
        return UInt64(bitPattern: signed)
    }

    // MARK: - * / %

    static func subtract(_ left: PSValue, _ right: PSValue) throws -> PSValue {
        if case .int(let leftInt) = left, case .int(let rightInt) = right {
            let (difference, overflow) = leftInt.subtractingReportingOverflow(rightInt)
            return overflow ? .double(Double(leftInt) - Double(rightInt)) : .int(difference)
        }
        if case .enumValue(let e) = left { return try EnumTypeMethods.arithmetic(e, right, subtract) }
        if let big = try bigInteger(left, right, .sub) { return big }
        switch left {
        case .dateTime(let date):
            // A wrapped operand (a command's output object) counts as what it wraps.
            if case .dateTime(let otherDate) = right.unwrapped { return .timeSpan(PSTimeSpan(ticks: date.ticks - otherDate.ticks)) }
            if case .timeSpan(let interval) = right.unwrapped { return .dateTime(try date.checkedAdding(ticks: try interval.checkedNegated().ticks, parameter: "t")) }
            let ticks = try PSConvert.toInt64(right)
            return .dateTime(try date.checkedAdding(ticks: ticks == .min ? .max : -ticks))
        case .timeSpan(let interval):
            if case .timeSpan(let otherInterval) = right.unwrapped { return .timeSpan(try interval.checkedSubtracting(otherInterval)) }
            throw opNotSupported("-", left)
        case .array, .hashtable, .object, .scriptBlock, .guid, .version, .ipAddress, .regex, .type:
            if case .object(let object) = left, let base = object.baseValue { return try subtract(base, right) }
            throw opNotSupported("-", left)
        default:
            let leftNumber = try numericOperand(left, op: "-", other: right, leftIsNumber: !isString(left))
            let rightNumber = try numericOperand(right, op: "-", other: left, leftIsNumber: !isString(left))
            return try numeric(leftNumber, rightNumber, op: .sub)
        }
    }

    static func multiply(_ left: PSValue, _ right: PSValue) throws -> PSValue {
        if case .int(let leftInt) = left, case .int(let rightInt) = right {
            let (product, overflow) = leftInt.multipliedReportingOverflow(by: rightInt)
            return overflow ? .double(Double(leftInt) * Double(rightInt)) : .int(product)
        }
        if let big = try bigInteger(left, right, .mul) { return big }
        // Booleans count as 0 and 1 in arithmetic, except that two of them cannot be multiplied.
        if case .bool = left.unwrapped, case .bool = right.unwrapped {
            throw PSRuntimeError.message("The operation '[System.Boolean] * [System.Boolean]' is not defined.",
                                         errorId: "OperatorNotDefined", category: .invalidOperation)
        }
        switch left {
        case .string(let text):
            let count = try PSConvert.toInt(right)
            guard count >= 0 else { throw PSConvert.cannotConvert(right, to: .uint32) }
            // Nothing repeated is nothing, at once: `"" * 1e9` looped a billion times (an evaluator fuzz finding).
            if text.isEmpty { return .string("") }
            try ResourceLimits.checkString(repeating: text.utf8.count, count: count)
            return .string(String(repeating: text, count: count))
        case .array(let array):
            let count = try PSConvert.toInt(right)
            guard count >= 0 else { throw PSConvert.cannotConvert(right, to: .uint32) }
            if array.count == 0 { return .array(PSArray([])) }
            try ResourceLimits.checkArray(repeating: array.count, count: count)
            var items: [PSValue] = []
            items.reserveCapacity(array.count * count)
            for _ in 0..<count { items += array.elements }
            return .array(PSArray(items))
        case .hashtable, .object, .scriptBlock, .guid, .version, .ipAddress, .regex, .type, .dateTime, .timeSpan:
            if case .object(let object) = left, let base = object.baseValue { return try multiply(base, right) }
            throw opNotSupported("*", left)
        default:
            let leftNumber = try numericOperand(left, op: "*", other: right, leftIsNumber: true)
            let rightNumber = try numericOperand(right, op: "*", other: left, leftIsNumber: true)
            return try numeric(leftNumber, rightNumber, op: .mul)
        }
    }

    static func divide(_ l: PSValue, _ r: PSValue) throws -> PSValue {
        try numericOnly(l, r, "/", .div)
    }

    static func remainder(_ l: PSValue, _ r: PSValue) throws -> PSValue {
        if case .int(let a) = l, case .int(let b) = r, b != 0, b != -1 { return .int(a % b) }
        return try numericOnly(l, r, "%", .rem)
    }

    /// A [bigint] operand (either side, the left one not a string or collection) makes the operation BigInteger's.
    private static func bigInteger(_ l: PSValue, _ r: PSValue, _ op: Op) throws -> PSValue? {
        switch (l, r) {
        case (.object, _): return try BigIntegers.arithmetic(l, r, op)
        case (.string, _), (.array, _), (.hashtable, _): return nil
        case (_, .object): return try BigIntegers.arithmetic(l, r, op)
        default: return nil
        }
    }

    private static func numericOnly(_ l: PSValue, _ r: PSValue, _ sym: String, _ op: Op) throws -> PSValue {
        if let big = try bigInteger(l, r, op) { return big }
        switch l {
        case .array, .hashtable, .object, .scriptBlock, .guid, .version, .ipAddress, .regex, .type, .dateTime, .timeSpan:
            if case .object(let o) = l, let b = o.baseValue { return try numericOnly(b, r, sym, op) }
            throw opNotSupported(sym, l)
        default:
            let a = try numericOperand(l, op: sym, other: r, leftIsNumber: !isString(l))
            let b = try numericOperand(r, op: sym, other: l, leftIsNumber: !isString(l))
            return try numeric(a, b, op: op)
        }
    }

    private static func isString(_ v: PSValue) -> Bool { if case .string = v { return true }; return false }

    static func negate(_ v: PSValue) throws -> PSValue {
        switch v {
        case .int(let i): return i == Int32.min ? .double(-Double(i)) : .int(-i)
        case .long(let i): return i == Int64.min ? .double(-Double(i)) : .long(-i)
        case .double(let d): return .double(-d)
        case .decimal(let d, let scale): return .decimal(-d, scale: scale)
        case .single(let f): return .single(-f)
        case .object(let o) where o.baseObject is BigIntegers.Box: return BigIntegers.object(BigIntegers.value(v)!.negated)
        default:
            guard let n = PSConvert.toNumber(v) else { throw opNotSupported("-", v) }
            if case .uint64 = n { return .double(-(try PSConvert.toDouble(n))) }
            if case .uint32(let u) = n { return .long(-Int64(u)) }
            return try subtract(.int(0), n)
        }
    }

    // MARK: Bitwise

    static func bitwise(_ l: PSValue, _ r: PSValue, _ f: (Int64, Int64) -> Int64) throws -> PSValue {
        if case .enumValue(let e) = l { return .enumValue(e.type.value(f(e.rawValue, try PSConvert.toInt64(r)))) }
        // The wider operand's integer type is the operation's (GetBitwiseOpType): int, uint, long, ulong.
        let top = max(kind(PSConvert.toNumber(l) ?? .int(0)), kind(PSConvert.toNumber(r) ?? .int(0)))
        if top == .uint64 {
            let a = Int64(bitPattern: try uint64(l)), b = Int64(bitPattern: try uint64(r))
            return .uint64(UInt64(bitPattern: f(a, b)))
        }
        let a = try PSConvert.toInt64(l), b = try PSConvert.toInt64(r)
        let result = f(a, b)
        if top == .int32, let i = Int32(exactly: result) { return .int(i) }
        if top == .uint32 { return .uint32(UInt32(truncatingIfNeeded: result)) }
        return .long(result)
    }

    static func shiftLeft(_ l: PSValue, _ r: PSValue) throws -> PSValue {
        let n = try PSConvert.toInt64(r)
        if case .long(let a) = l { return .long(a << (n & 63)) }
        if case .int(let a) = l { return .int(a << Int32(n & 31)) }
        return .long(try PSConvert.toInt64(l) << (n & 63))
    }

    static func shiftRight(_ l: PSValue, _ r: PSValue) throws -> PSValue {
        let n = try PSConvert.toInt64(r)
        if case .long(let a) = l { return .long(a >> (n & 63)) }
        if case .int(let a) = l { return .int(a >> Int32(n & 31)) }
        return .long(try PSConvert.toInt64(l) >> (n & 63))
    }

    static func bnot(_ v: PSValue) throws -> PSValue {
        switch v {
        case .int(let i): return .int(~i)
        case .long(let i): return .long(~i)
        case .uint32(let u): return .uint32(~u)
        case .uint64(let u): return .uint64(~u)
        case .enumValue(let e): return .enumValue(e.type.value(~e.rawValue))
        default:
            let i = try PSConvert.toInt64(v)
            if let x = Int32(exactly: i) { return .int(~x) }
            return .long(~i)
        }
    }

    // MARK: Ranges

    /// `a..b` as integers (or characters for single-character strings, as in PowerShell 7).
    static func rangeBounds(_ l: PSValue, _ r: PSValue) throws -> (Int, Int, isChar: Bool) {
        if case .string(let a) = l, case .string(let b) = r, a.count == 1, b.count == 1,
           PSConvert.toNumber(l) == nil {
            return (Int(a.unicodeScalars.first!.value), Int(b.unicodeScalars.first!.value), true)
        }
        if case .char(let a) = l { return (Int(a), Int(try charOrInt(r)), true) }
        // `"a"..[char]"c"`: a one-character string with a char is a character range too.
        if case .char(let b) = r, case .string(let a) = l, a.count == 1, PSConvert.toNumber(l) == nil {
            return (Int(a.unicodeScalars.first!.value), Int(b), true)
        }
        return (try PSConvert.toInt(try rangeInt(l)), try PSConvert.toInt(try rangeInt(r)), false)
    }

    private static func charOrInt(_ v: PSValue) throws -> Int {
        if case .char(let c) = v { return Int(c) }
        if case .string(let s) = v, s.count == 1 { return Int(s.unicodeScalars.first!.value) }
        return try PSConvert.toInt(v)
    }

    private static func rangeInt(_ v: PSValue) throws -> PSValue {
        .int(try PSConvert.toInt32(v))
    }

    static func range(_ l: PSValue, _ r: PSValue) throws -> PSValue {
        let (a, b, isChar) = try rangeBounds(l, r)
        let count = abs(b - a) + 1
        guard count <= 50_000_000 else {
            throw PSRuntimeError.message("The range is too large.", errorId: "RangeTooLarge", category: .invalidArgument)
        }
        try ResourceLimits.checkArray(count: count)
        var items: [PSValue] = []
        items.reserveCapacity(count)
        let step = a <= b ? 1 : -1
        var i = a
        while true {
            items.append(isChar ? .char(UInt16(truncatingIfNeeded: i)) : .int(Int32(i)))
            if i == b { break }
            i += step
        }
        return .array(PSArray(items))
    }
}
