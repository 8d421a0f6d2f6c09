import PSLanguage

/// The enumerator behind `$input`, `$foreach` and `$switch`: scripts move it (`MoveNext()`,
/// `Reset()`) and read it (`Current`), and the loop or command that owns it goes on from wherever
/// the script left it. `Current` is empty until the first MoveNext, as in .NET.
final class LoopEnumerator {
    var items: [PSValue]
    var position = -1

    init(_ items: [PSValue]) { self.items = items }

    func moveNext() -> Bool {
        if position < items.count { position += 1 }
        return position < items.count
    }

    var current: PSValue { position >= 0 && position < items.count ? items[position] : .null }

    func reset() { position = -1 }

    /// What enumerating it now yields (the items after the current one); it is then at its end, so
    /// `$input` read a second time is empty until `Reset()`.
    func drain() -> [PSValue] {
        let start = position + 1
        position = items.count
        return start < items.count ? Array(items[start...]) : []
    }

    /// The object scripts see: `MoveNext()`, `Reset()`, `Current`.
    var view: PSObject {
        let o = PSObject(typeNames: ["System.Collections.IEnumerator", "System.Object"])
        o.addMethod("MoveNext") { [self] _, _ in .bool(self.moveNext()) }
        o.addVoidMethod("Reset") { [self] _, _ in self.reset() }
        o.addProperty("Current") { [self] _ in self.current }
        o.toStringHandler = { _ in "System.Collections.IEnumerator" }
        return o
    }
}

/// A loop statement's enumerator while the loop runs (`$foreach` or `$switch`).
struct RunningLoop {
    var isSwitch: Bool
    var enumerator: LoopEnumerator
}

extension Compiler {
    /// The target of a member access: `$input.MoveNext()` works on the enumerator itself, where any
    /// other use of `$input` enumerates it.
    func compileMemberTarget(_ e: PSExpr) -> Eval {
        if case .variable(let v) = e, v.path.qualifier == nil, v.path.name.lowercased() == "input", !declaresInputParameter {
            block.usesInput = true
            return { frame in .object(frame.inputEnumerator.view) }
        }
        return compileExpression(e)
    }
}
