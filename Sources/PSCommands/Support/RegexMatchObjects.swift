// .NET's Match, Group and Capture objects for Select-String's MatchInfo.Matches, so scripts can read
// `$m.Matches[0].Groups[1].Value` and a match lists as PowerShell shows one (Groups : {0}, ...).

import Foundation
import PSRuntime

enum RegexMatchObjects {
    static let matchType = "System.Text.RegularExpressions.Match"
    static let groupType = "System.Text.RegularExpressions.Group"
    static let captureType = "System.Text.RegularExpressions.Capture"

    /// A Match for `result` in `line`; groups numbered as .NET numbers them (unnamed first, then named).
    static func match(_ result: NSTextCheckingResult, in line: String, pattern: String) -> PSValue {
        let ns = line as NSString
        let named = namedGroups(pattern)
        let namedIndices = Set(named.map(\.index))
        var groups: [(name: String, range: NSRange)] = [("0", result.range(at: 0))]
        var number = 1
        for i in 1..<max(1, result.numberOfRanges) where !namedIndices.contains(i) {
            groups.append((String(number), result.range(at: i)))
            number += 1
        }
        for g in named where g.index < result.numberOfRanges { groups.append((g.name, result.range(at: g.index))) }
        let groupValues = groups.map { group(name: $0.name, range: $0.range, in: ns, isMatch: false) }
        return make(typeNames: [matchType, groupType, captureType, "System.Object"], name: "0", range: groups[0].range,
                    in: ns, groups: groupValues)
    }

    /// A Match for a plain-text (-SimpleMatch) hit at `range`.
    static func simpleMatch(_ range: NSRange, in line: String) -> PSValue {
        let ns = line as NSString
        return make(typeNames: [matchType, groupType, captureType, "System.Object"], name: "0", range: range, in: ns,
                    groups: [group(name: "0", range: range, in: ns, isMatch: false)])
    }

    private static func group(name: String, range: NSRange, in ns: NSString, isMatch: Bool) -> PSValue {
        make(typeNames: [groupType, captureType, "System.Object"], name: name, range: range, in: ns, groups: nil)
    }

    private static func make(typeNames: [String], name: String, range: NSRange, in ns: NSString, groups: [PSValue]?) -> PSValue {
        let found = range.location != NSNotFound
        let value = found ? ns.substring(with: range) : ""
        let o = PSObject(typeNames: typeNames)
        if let groups { o.addNote("Groups", .array(PSArray(groups))) }
        o.addNote("Success", .bool(found))
        o.addNote("Name", .string(name))
        o.addProperty("Captures") { this in found ? .array(PSArray([.object(this)])) : .array(PSArray([])) }
        o.addNote("Index", .int(Int32(found ? range.location : 0)))
        o.addNote("Length", .int(Int32(found ? range.length : 0)))
        o.addNote("Value", .string(value))
        o.toStringHandler = { _ in value }
        return .object(o)
    }

    /// A group shown inside a collection (Groups : {0, 1}) is named by its Name, as PowerShell lists them.
    static func isGroup(_ v: PSValue) -> Bool {
        if case .object(let o) = v { return o.typeNames.contains(groupType) }
        return false
    }

    /// `(?<name>...)` and `(?'name'...)` groups with ICU's left-to-right number of each.
    static func namedGroups(_ pattern: String) -> [(name: String, index: Int)] {
        var result: [(String, Int)] = []
        let chars = Array(pattern)
        var i = 0, index = 0, inClass = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false }; i += 1; continue }
            if c == "[" { inClass = true; i += 1; continue }
            if c == "(" {
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                if next != "?" { index += 1 } else if i + 2 < chars.count, chars[i + 2] == "<" || chars[i + 2] == "'",
                                                  i + 3 < chars.count, chars[i + 3] != "=" && chars[i + 3] != "!" {
                    index += 1
                    let close: Character = chars[i + 2] == "<" ? ">" : "'"
                    var j = i + 3, name = ""
                    while j < chars.count, chars[j] != close { name.append(chars[j]); j += 1 }
                    result.append((name, index))
                }
            }
            i += 1
        }
        return result
    }
}
