// Select-String's -Context: which lines surround each match. Two views, as PowerShell keeps them:
// the logical context (PreContext/PostContext: the N lines before and after, matches included)
// and the display context (DisplayPreContext/DisplayPostContext: the lines printed around the match
// without printing any line twice when matches are close together).

/// One match being tracked: the cmdlet's own data plus the four context lists filled in here.
final class TrackedMatch<Info> {
    let info: Info
    let line: String
    var preContext: [String] = [], postContext: [String] = []
    var displayPreContext: [String] = [], displayPostContext: [String] = []
    init(_ info: Info, line: String) { self.info = info; self.line = line }
}

/// Fed every line in order (`line` or `match`) and `end()` at the end of the input; hands back the
/// matches whose context is complete, in order. With no context a match is ready at once.
final class MatchContextTracker<Info> {
    private let pre: Int, post: Int
    /// The last pre+post+1 lines, each possibly a match; the entry `post` from the end is decided next.
    private var window: [(line: String, match: TrackedMatch<Info>?)] = []
    private var seen = 0
    // The display view: lines collected before the next match (at most `pre`, cleared after each
    // match) and after the current one (until `post` lines or the next match).
    private var collectingPost: TrackedMatch<Info>?
    private var displayPre: [String] = [], displayPost: [String] = []

    init(pre: Int, post: Int) { self.pre = max(0, pre); self.post = max(0, post) }

    var hasContext: Bool { pre > 0 || post > 0 }

    func line(_ text: String) -> [TrackedMatch<Info>] {
        if let m = collectingPost {
            displayPost.append(text)
            if displayPost.count >= post { finishDisplay(m) }
        } else if pre > 0 {
            displayPre.append(text)
            if displayPre.count > pre { displayPre.removeFirst() }
        }
        return add(text, nil)
    }

    func match(_ m: TrackedMatch<Info>) -> [TrackedMatch<Info>] {
        if let previous = collectingPost { finishDisplay(previous) }
        if post > 0 { collectingPost = m } else { finishDisplay(m) }
        return add(m.line, m)
    }

    func end() -> [TrackedMatch<Info>] {
        if let m = collectingPost { finishDisplay(m) }
        // Every entry not yet decided: the last `post` of them (fewer when the input was short).
        let first = max(0, window.count - min(post, seen))
        let ready = (first..<window.count).compactMap { i in window[i].match.map { emit($0, at: i) } }
        window.removeAll()
        seen = 0
        return ready
    }

    private func finishDisplay(_ m: TrackedMatch<Info>) {
        m.displayPreContext = displayPre
        m.displayPostContext = displayPost
        displayPre.removeAll()
        displayPost.removeAll()
        collectingPost = nil
    }

    private func add(_ text: String, _ m: TrackedMatch<Info>?) -> [TrackedMatch<Info>] {
        window.append((text, m))
        seen += 1
        if window.count > pre + post + 1 { window.removeFirst() }
        let i = window.count - 1 - post
        guard i >= 0, seen > post, let decided = window[i].match else { return [] }
        return [emit(decided, at: i)]
    }

    private func emit(_ m: TrackedMatch<Info>, at i: Int) -> TrackedMatch<Info> {
        if hasContext {
            m.preContext = window[max(0, i - pre)..<i].map(\.line)
            m.postContext = window[(i + 1)..<min(window.count, i + 1 + post)].map(\.line)
        }
        return m
    }
}
