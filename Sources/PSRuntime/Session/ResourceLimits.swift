#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How large one script operation's result may be. `"a" * 1e10`, `,1 * 1e9` or
/// `[string]::new('a', 2e9)` ask for more memory than the machine has; .NET answers with a catchable
/// OutOfMemoryException, and so does hvsh, before allocating, instead of being killed by the
/// allocator's trap or the kernel's OOM killer.
public enum ResourceLimits {
    /// .NET's longest string (String.MaxLength, in UTF-16 units).
    public static let maxStringLength = 0x3FFF_FFDF
    /// .NET's largest array (Array.MaxLength).
    public static let maxArrayLength = 0x7FFF_FFC7

    /// The most bytes one operation may allocate: a quarter of physical memory by default.
    /// Fuzzing and tests lower it to keep a runaway script cheap (a test's hvsh process through
    /// `HVSH_MAX_ALLOCATION_BYTES`, so that reaching the limit costs megabytes, not gigabytes).
    nonisolated(unsafe) public static var maxAllocationBytes: Int = {
        if let text = getenv("HVSH_MAX_ALLOCATION_BYTES").map({ String(cString: $0) }), let bytes = Int(text), bytes > 0 {
            return bytes
        }
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 1 << 30 }
        let (total, overflow) = pages.multipliedReportingOverflow(by: size)
        return overflow ? Int.max / 4 : total / 4
    }()

    /// Throws OutOfMemoryException when `count` items of `bytesEach` bytes exceed the limit.
    @inline(__always) public static func checkAllocation(count: Int, bytesEach: Int) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: max(bytesEach, 1))
        if overflow || bytes > maxAllocationBytes { throw DotNetErrors.outOfMemory() }
    }

    /// A string result of `length` characters (UTF-8 bytes here; .NET counts UTF-16 units).
    @inline(__always) public static func checkString(length: Int) throws {
        if length > maxStringLength { throw DotNetErrors.outOfMemory() }
        try checkAllocation(count: length, bytesEach: 1)
    }

    /// An array result of `count` elements.
    @inline(__always) public static func checkArray(count: Int) throws {
        if count > maxArrayLength { throw DotNetErrors.outOfMemory() }
        try checkAllocation(count: count, bytesEach: MemoryLayout<PSValue>.stride)
    }

    /// A string of `count` repetitions of a `unitLength`-character piece.
    @inline(__always) public static func checkString(repeating unitLength: Int, count: Int) throws {
        let (length, overflow) = count.multipliedReportingOverflow(by: unitLength)
        if overflow { throw DotNetErrors.outOfMemory() }
        try checkString(length: length)
    }

    /// An array of `count` repetitions of `unitCount` elements.
    @inline(__always) public static func checkArray(repeating unitCount: Int, count: Int) throws {
        let (total, overflow) = count.multipliedReportingOverflow(by: unitCount)
        if overflow { throw DotNetErrors.outOfMemory() }
        try checkArray(count: total)
    }
}
