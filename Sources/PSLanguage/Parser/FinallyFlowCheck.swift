/// PowerShell's check that control cannot leave a `finally` block: a `return` anywhere in it, and a
/// `break`/`continue` that is not inside a loop or switch of its own, is ControlLeavingFinally at the
/// statement. Script blocks and functions inside the block are other scopes and are not looked into.
struct FinallyFlowCheck {
    private(set) var offenders: [SourceRange] = []
    /// Labels of the loops and switches inside the block that enclose the statement being visited.
    private var labels: [String] = []

    mutating func check(_ block: StatementBlock) { visit(block, inLoop: false) }

    private mutating func visit(_ block: StatementBlock, inLoop: Bool) {
        for s in block.statements { visit(s, inLoop: inLoop) }
    }

    private mutating func visit(_ s: Statement, inLoop: Bool) {
        switch s {
        case .return(let r): offenders.append(r.range)
        case .break(let j), .continue(let j):
            if let label = j.label {
                // A labelled jump stays inside when a loop in the block carries that label.
                if case .string(let name) = label, !labels.contains(name.value.lowercased()) { offenders.append(j.range) }
            } else if !inLoop {
                offenders.append(j.range)
            }
        case .if(let i):
            for c in i.clauses { visit(c.body, inLoop: inLoop) }
            if let e = i.elseBody { visit(e, inLoop: inLoop) }
        case .switch(let sw):
            let blocks = sw.clauses.map(\.body) + (sw.defaultBody.map { [$0] } ?? [])
            visitLoop(blocks, label: sw.label)
        case .foreach(let f): visitLoop([f.body], label: f.label)
        case .for(let f): visitLoop([f.body], label: f.label)
        case .while(let w): visitLoop([w.body], label: w.label)
        case .doLoop(let d): visitLoop([d.body], label: d.label)
        case .try(let t):
            visit(t.body, inLoop: inLoop)
            for c in t.catches { visit(c.body, inLoop: inLoop) }
            if let f = t.finallyBody { visit(f, inLoop: inLoop) }
        case .block(let b): visit(b, inLoop: inLoop)
        default: break
        }
    }

    private mutating func visitLoop(_ bodies: [StatementBlock], label: String?) {
        if let label { labels.append(label.lowercased()) }
        for b in bodies { visit(b, inLoop: true) }
        if label != nil { labels.removeLast() }
    }
}
