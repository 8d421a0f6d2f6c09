/// Which `catch` clause or `trap` takes an error, as PowerShell's ExceptionHandlingOps.FindMatchingHandler
/// decides: the exception's inner exception, the exception itself and, for `-ErrorAction Stop`, the
/// ActionPreferenceStopException and the error it stopped on are all candidates, and the handler whose
/// type is most specific among the handlers wins (a handler no other handler's type derives from).
/// For one candidate, an exact type beats a base type, which beats an untyped handler.
enum ExceptionHandlers {
    /// One handled type: its name as written (nil for an untyped `catch`/`trap`) and its handler.
    struct Entry {
        var typeName: String?
        var handler: Int
    }

    static let actionPreferenceStop = "System.Management.Automation.ActionPreferenceStopException"
    static let cmdletInvocation = "System.Management.Automation.CmdletInvocationException"

    /// The handler index, or nil when no entry matches.
    static func find(_ e: PSRuntimeError, _ entries: [Entry]) -> Int? { findWithRecord(e, entries, trap: false)?.handler }

    /// The handler and the record its `$_` holds. A candidate found later replaces one of equal rank
    /// taken by an untyped handler in a `catch` (FindMatchingHandler), not in a `trap` (ProcessTraps
    /// keeps the inner exception then). When the record is one the engine made for a wrapping
    /// exception (a RuntimeException around a .NET exception, PowerShell's ParentContainsErrorRecord
    /// case), `$_` gets a copy holding the exception that matched: `trap { $_.Exception }` after
    /// `1/0` is the DivideByZeroException, `catch [FormatException]` after `[int]::Parse('x')` the
    /// FormatException.
    static func findWithRecord(_ e: PSRuntimeError, _ entries: [Entry], trap: Bool) -> (handler: Int, record: ErrorRecord)? {
        guard !entries.isEmpty else { return nil }
        let ranks = rank(entries)
        var best: (index: Int, rank: Int, passed: PSException)? = nil
        for c in candidates(e) {
            if let b = best, b.rank == 0 { break }
            guard let i = match(c, entries) else { continue }
            if let b = best {
                let laterWins = !trap && ranks[i] == b.rank && entries[b.index].typeName == nil
                guard ranks[i] < b.rank || laterWins else { continue }
            }
            best = (i, ranks[i], c)
        }
        guard let best else { return nil }
        let record = e.record
        if best.passed !== record.exception, best.passed.typeFullName != actionPreferenceStop,
           best.passed.typeFullName != cmdletInvocation, !record.leftItsCommand,
           record.exception.innerException != nil, record.exception.wrapsForTheEngine {
            return (entries[best.index].handler, record.replacingException(best.passed))
        }
        return (entries[best.index].handler, record)
    }

    static func candidates(_ e: PSRuntimeError) -> [PSException] {
        var list: [PSException] = []
        if e.stoppedByPreference { list.append(PSException("", type: actionPreferenceStop)) }
        if e.passedThroughCmdlet { list.append(PSException("", type: cmdletInvocation)) }
        if let inner = e.record.exception.innerException { list.append(inner) }
        list.append(e.record.exception)
        return list
    }

    /// The entry taking `c`: the first of its exact type, else the first of a base type, else the first untyped.
    static func match(_ c: PSException, _ entries: [Entry]) -> Int? {
        if let i = entries.firstIndex(where: { $0.typeName.map { sameType(c.typeFullName, $0) } ?? false }) { return i }
        if let i = entries.firstIndex(where: { $0.typeName.map { c.isInstance(of: $0) } ?? false }) { return i }
        return entries.firstIndex { $0.typeName == nil }
    }

    /// How many other entries' types derive from each entry's type (0 = most specific).
    static func rank(_ entries: [Entry]) -> [Int] {
        entries.indices.map { j in
            guard let tj = entries[j].typeName else { return entries.count }
            return entries.indices.filter { i in
                guard i != j, let ti = entries[i].typeName else { return false }
                return PSException("", type: canonical(ti)).isInstance(of: tj) && !sameType(canonical(ti), tj)
            }.count
        }
    }

    static func sameType(_ a: String, _ b: String) -> Bool {
        canonical(a).caseInsensitiveCompare(canonical(b)) == .orderedSame
    }

    /// `ArgumentException` → `System.ArgumentException` (PowerShell resolves `System.` implicitly).
    static func canonical(_ name: String) -> String {
        for candidate in [name, "System." + name, "System.Management.Automation." + name, "System.IO." + name] {
            if let proper = PSException.properName(candidate.lowercased()) { return proper }
        }
        return name
    }
}

/// A statement block's `trap` statements: each handled type's name (nil for an untyped trap) and
/// its body. A class so an error a trap's `break` rethrows can name the block it left.
final class BlockTraps {
    let handlers: [(typeName: String?, body: Exec)]
    init(_ handlers: [(typeName: String?, body: Exec)]) { self.handlers = handlers }
}
