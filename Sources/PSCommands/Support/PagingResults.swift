// What a cmdlet that supports paging (-IncludeTotalCount, -Skip, -First) writes for the total count
// (PagingParameters.NewTotalCount): the count as a UInt64 in a PSObject whose string says how sure it is.

import PSRuntime

enum PagingResults {
    /// NewTotalCount(0, 0.0): a count nobody knows, `Unknown total count`.
    static func unknownTotalCount() -> PSValue {
        let o = PSObject(typeNames: PSValue.uint64(0).typeNames)
        o.baseValue = .uint64(0)
        o.toStringHandler = { _ in "Unknown total count" }
        // A ToString member of its own, as PowerShell adds one, so `.ToString()` does not reach the number.
        o.addMethod("ToString") { _, _ in .string("Unknown total count") }
        return .object(o)
    }
}
