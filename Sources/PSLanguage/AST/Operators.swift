/// A binary operator. Case-insensitive spellings (`-ieq`) fold into the plain case (`.eq`) because
/// PowerShell compares case-insensitively by default; `-c` spellings have their own cases.
/// `rawValue` is the canonical spelling, used by the AST dumper.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    // Arithmetic
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    /// `..`
    case range = ".."
    /// `-f`
    case format = "-f"
    // Logical
    case and = "-and", or = "-or", xor = "-xor"
    // Bitwise
    case band = "-band", bor = "-bor", bxor = "-bxor", shl = "-shl", shr = "-shr"
    // Comparison (case-insensitive)
    case eq = "-eq", ne = "-ne", gt = "-gt", ge = "-ge", lt = "-lt", le = "-le"
    case like = "-like", notLike = "-notlike", match = "-match", notMatch = "-notmatch"
    case replace = "-replace", contains = "-contains", notContains = "-notcontains"
    case `in` = "-in", notIn = "-notin", split = "-split"
    // Comparison (case-sensitive)
    case ceq = "-ceq", cne = "-cne", cgt = "-cgt", cge = "-cge", clt = "-clt", cle = "-cle"
    case cLike = "-clike", cNotLike = "-cnotlike", cMatch = "-cmatch", cNotMatch = "-cnotmatch"
    case cReplace = "-creplace", cContains = "-ccontains", cNotContains = "-cnotcontains"
    case cIn = "-cin", cNotIn = "-cnotin", cSplit = "-csplit"
    // Type
    case `is` = "-is", isNot = "-isnot", `as` = "-as"
    /// `-join`
    case join = "-join"
    /// `??`
    case nullCoalesce = "??"

    /// True for the `-c...` spellings.
    public var isCaseSensitive: Bool {
        switch self {
        case .ceq, .cne, .cgt, .cge, .clt, .cle, .cLike, .cNotLike, .cMatch, .cNotMatch,
             .cReplace, .cContains, .cNotContains, .cIn, .cNotIn, .cSplit: return true
        default: return false
        }
    }

    /// The case-insensitive operator a `-c...` operator is a variant of (identity otherwise).
    public var caseInsensitiveBase: BinaryOperator {
        switch self {
        case .ceq: return .eq
        case .cne: return .ne
        case .cgt: return .gt
        case .cge: return .ge
        case .clt: return .lt
        case .cle: return .le
        case .cLike: return .like
        case .cNotLike: return .notLike
        case .cMatch: return .match
        case .cNotMatch: return .notMatch
        case .cReplace: return .replace
        case .cContains: return .contains
        case .cNotContains: return .notContains
        case .cIn: return .in
        case .cNotIn: return .notIn
        case .cSplit: return .split
        default: return self
        }
    }

    /// True for the operators that filter a collection on their left (`-eq`, `-match`, `-like`, ...).
    public var isComparison: Bool {
        switch caseInsensitiveBase {
        case .eq, .ne, .gt, .ge, .lt, .le, .like, .notLike, .match, .notMatch: return true
        default: return false
        }
    }

    /// Binding strength, higher binds tighter (the values of PowerShell's `TokenFlags.BinaryPrecedence*`):
    /// logical 1, bitwise 2, comparison 5, `??` 7, additive 9, multiplicative 10, `-f` 12, `..` 13.
    public var precedence: Int {
        switch self {
        case .range: return 13
        case .format: return 12
        case .multiply, .divide, .remainder: return 10
        case .add, .subtract: return 9
        case .nullCoalesce: return 7
        case .band, .bor, .bxor, .shl, .shr: return 2
        case .and, .or, .xor: return 1
        default: return 5 // comparison, -join/-split, -replace, -is/-isnot/-as, -in/-contains
        }
    }
}

/// A prefix or postfix operator.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `-not` or `!`
    case not = "-not"
    /// `-bnot`
    case bnot = "-bnot"
    /// `-x`
    case negate = "-"
    /// `+x`
    case plus = "+"
    /// `++x`
    case preIncrement = "++pre"
    /// `--x`
    case preDecrement = "--pre"
    /// `x++`
    case postIncrement = "post++"
    /// `x--`
    case postDecrement = "post--"
    /// `-split x` (unary: split on whitespace)
    case split = "-split"
    /// `-csplit x`
    case cSplit = "-csplit"
    /// `-join x` (unary: concatenate)
    case join = "-join"
}

/// An assignment operator.
public enum AssignmentOperator: String, Sendable, Hashable, CaseIterable {
    case assign = "="
    case add = "+="
    case subtract = "-="
    case multiply = "*="
    case divide = "/="
    case remainder = "%="
    /// `??=`: assigns only when the target is `$null`.
    case nullCoalesce = "??="

    /// The binary operator a compound assignment applies (`nil` for `=` and `??=`).
    public var binaryOperator: BinaryOperator? {
        switch self {
        case .assign, .nullCoalesce: return nil
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .remainder: return .remainder
        }
    }
}
