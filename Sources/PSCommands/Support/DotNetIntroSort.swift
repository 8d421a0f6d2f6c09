/// .NET's List<T>.Sort (the introspective sort of ArraySortHelper): Sort-Object without -Stable,
/// -Top or -Bottom sorts with it, so objects whose keys compare equal come out in the order that
/// algorithm leaves them in (not input order), and -Unique keeps the one it puts first.
/// The steps are .NET's: partitions of 2 and 3 by compare-and-swap, up to 16 by insertion sort,
/// larger ones by median-of-three quicksort, heapsort past the depth limit.
enum DotNetIntroSort {
    static func sort<T>(_ items: inout [T], _ compare: (T, T) -> Int) {
        guard items.count > 1 else { return }
        let log2 = Int.bitWidth - 1 - items.count.leadingZeroBitCount
        introSort(&items, 0, items.count, depthLimit: 2 * (log2 + 1), compare)
    }

    private static func swapIfGreater<T>(_ a: inout [T], _ i: Int, _ j: Int, _ compare: (T, T) -> Int) {
        if compare(a[i], a[j]) > 0 { a.swapAt(i, j) }
    }

    /// Sorts a[lo ..< lo + length].
    private static func introSort<T>(_ a: inout [T], _ lo: Int, _ length: Int, depthLimit: Int, _ compare: (T, T) -> Int) {
        var size = length, depth = depthLimit
        while size > 1 {
            if size <= 16 {
                if size == 2 { swapIfGreater(&a, lo, lo + 1, compare); return }
                if size == 3 {
                    swapIfGreater(&a, lo, lo + 1, compare)
                    swapIfGreater(&a, lo, lo + 2, compare)
                    swapIfGreater(&a, lo + 1, lo + 2, compare)
                    return
                }
                insertionSort(&a, lo, size, compare)
                return
            }
            if depth == 0 { heapSort(&a, lo, size, compare); return }
            depth -= 1
            let p = pickPivotAndPartition(&a, lo, size, compare)
            introSort(&a, lo + p + 1, size - (p + 1), depthLimit: depth, compare)
            size = p
        }
    }

    /// Returns the pivot's final index relative to lo.
    private static func pickPivotAndPartition<T>(_ a: inout [T], _ lo: Int, _ size: Int, _ compare: (T, T) -> Int) -> Int {
        let hi = size - 1, middle = hi >> 1
        swapIfGreater(&a, lo, lo + middle, compare)
        swapIfGreater(&a, lo, lo + hi, compare)
        swapIfGreater(&a, lo + middle, lo + hi, compare)
        let pivot = a[lo + middle]
        a.swapAt(lo + middle, lo + hi - 1)
        var left = 0, right = hi - 1
        while left < right {
            left += 1
            while compare(a[lo + left], pivot) < 0 { left += 1 }
            right -= 1
            while compare(pivot, a[lo + right]) < 0 { right -= 1 }
            if left >= right { break }
            a.swapAt(lo + left, lo + right)
        }
        if left != hi - 1 { a.swapAt(lo + left, lo + hi - 1) }
        return left
    }

    private static func insertionSort<T>(_ a: inout [T], _ lo: Int, _ size: Int, _ compare: (T, T) -> Int) {
        for i in 0..<(size - 1) {
            let t = a[lo + i + 1]
            var j = i
            while j >= 0 && compare(t, a[lo + j]) < 0 {
                a[lo + j + 1] = a[lo + j]
                j -= 1
            }
            a[lo + j + 1] = t
        }
    }

    private static func heapSort<T>(_ a: inout [T], _ lo: Int, _ n: Int, _ compare: (T, T) -> Int) {
        var i = n >> 1
        while i >= 1 { downHeap(&a, lo, i, n, compare); i -= 1 }
        i = n
        while i > 1 {
            a.swapAt(lo, lo + i - 1)
            downHeap(&a, lo, 1, i - 1, compare)
            i -= 1
        }
    }

    /// Sifts the 1-based element i down a heap of n elements.
    private static func downHeap<T>(_ a: inout [T], _ lo: Int, _ start: Int, _ n: Int, _ compare: (T, T) -> Int) {
        var i = start
        let d = a[lo + i - 1]
        while i <= n >> 1 {
            var child = 2 * i
            if child < n && compare(a[lo + child - 1], a[lo + child]) < 0 { child += 1 }
            if !(compare(d, a[lo + child - 1]) < 0) { break }
            a[lo + i - 1] = a[lo + child - 1]
            i = child
        }
        a[lo + i - 1] = d
    }
}
