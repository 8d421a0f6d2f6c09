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

    /// The handler index, or nil when no entry matches.
    static func find(_ e: PSRuntimeError, _ entries: [Entry]) -> Int? {
        guard !entries.isEmpty else { return nil }
        let ranks = rank(entries)
        var best: (handler: Int, rank: Int)? = nil
        for c in candidates(e) {
            if let b = best, b.rank == 0 { break }
            guard let i = match(c, entries) else { continue }
            if best == nil || ranks[i] < best!.rank { best = (entries[i].handler, ranks[i]) }
        }
        return best?.handler
    }

    static func candidates(_ e: PSRuntimeError) -> [PSException] {
        var list: [PSException] = []
        if e.stoppedByPreference { list.append(PSException("", type: actionPreferenceStop)) }
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
