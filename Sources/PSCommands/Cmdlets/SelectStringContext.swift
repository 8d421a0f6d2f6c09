// Select-String -Context: the lines kept before a match and collected after it, so that each MatchInfo
// is written once its post-context is complete (or the next match or the end of the input cuts it
// short). Lines already shown with an earlier match are not shown again as the next one's pre-context.

import PSRuntime

struct MatchContextTracker {
    struct Line {
        var text: String
        var number: Int
    }

    struct Match {
        var line: Line
        var found: [PSValue]
        var preContext: [Line]
        var displayPreContext: [Line]
        var postContext: [Line] = []
    }

    let before: Int
    let after: Int
    private var recent: [(line: Line, shown: Bool)] = []
    private var pending: Match?

    init(before: Int, after: Int) {
        self.before = before
        self.after = after
    }

    /// One input line, with the patterns it matched (nil when it is no match); returns the matches
    /// that are now complete, in order.
    mutating func add(_ line: Line, found: [PSValue]?) -> [Match] {
        var done: [Match] = []
        if let found {
            if let p = pending { done.append(p); pending = nil }
            let pre = recent.suffix(before)
            let m = Match(line: line, found: found, preContext: pre.map(\.line),
                          displayPreContext: pre.filter { !$0.shown }.map(\.line))
            if after == 0 { done.append(m) } else { pending = m }
            recent.append((line, true))
        } else {
            var shown = false
            if var p = pending {
                p.postContext.append(line)
                shown = true
                if p.postContext.count >= after { done.append(p); pending = nil } else { pending = p }
            }
            recent.append((line, shown))
        }
        if recent.count > before { recent.removeFirst(recent.count - before) }
        return done
    }

    /// The end of a file or of the pipeline: the match still collecting its post-context.
    mutating func flush() -> [Match] {
        defer { pending = nil; recent = [] }
        return pending.map { [$0] } ?? []
    }
}
