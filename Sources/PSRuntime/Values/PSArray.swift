/// An array or list. .NET arrays have reference semantics in PowerShell, so this is a class; `+=` on an
/// array builds a new one (the evaluator does that), while `.Add()` on an ArrayList/List mutates.
public final class PSArray {
    public enum Kind: Equatable, Sendable {
        /// `Object[]`, what `1,2,3` and `@()` produce.
        case objectArray
        /// A typed array such as `Int32[]` / `String[]` (from a cast or a typed parameter).
        case typed(PSType)
        /// `System.Collections.ArrayList`.
        case arrayList
        /// `System.Collections.Generic.List[T]`.
        case genericList(PSType)
        /// `System.Collections.ObjectModel.Collection[T]`: `Collection[PSObject]` is what the `.ForEach()`
        /// and `.Where()` intrinsics return; a cast makes others (`[Collection[int]]@(1, 2)`).
        case collection(PSType)
        /// `System.Collections.Generic.HashSet[T]`: elements kept unique (Add answers whether it added).
        case hashSet(PSType)
        /// What an array's `GetEnumerator()` gives: an IEnumerator over its elements (`MoveNext()`,
        /// `Current`, `Reset()`), which the pipeline enumerates like the collection itself.
        case enumerator
        /// System.Collections.Queue (nil element) or Generic.Queue[T]; elements in dequeue order.
        case queue(PSType?)
        /// System.Collections.Stack (nil element) or Generic.Stack[T]; elements top first.
        case stack(PSType?)
    }

    public var elements: [PSValue]
    public var kind: Kind

    /// A .NET array (`Object[]`, `Int32[]`), which has Length; lists and collections have only Count.
    public var isDotNetArray: Bool {
        switch kind {
        case .objectArray, .typed: return true
        default: return false
        }
    }
    /// For `$x.PSObject.Properties`: the object whose properties these are (Remove and Add change it).
    public weak var memberOwner: PSObject?
    /// For `$x.pstypenames` and `$x.PSObject.TypeNames`: the object whose type names these are (a
    /// change to the list changes them, as PowerShell's live ConsolidatedString does).
    public weak var typeNamesOwner: PSObject?
    /// A HashSet made with a case-insensitive StringComparer compares its strings ignoring case.
    public var ignoresCase = false
    /// Set for a rectangular array (`int[,]`): the length of each dimension; the elements are flat,
    /// row-major. See `MultiDimensionalArrays`.
    public var dimensions: [Int]?
    /// Members Add-Member gave this very collection (without -PassThru): PowerShell keeps them with
    /// the object itself, so `$a.Note` reads them and a second Add-Member of the name finds it there.
    public var instanceMembers: PSObject?
    /// An ObservableCollection[T]: a List[T] in every other way, but named so (and so an event source
    /// for Register-ObjectEvent's CollectionChanged and PropertyChanged).
    public var isObservable = false
    /// An enumerator's position: -1 before the first MoveNext, `count` past the end.
    public var enumeratorPosition = -1

    public init(_ elements: [PSValue] = [], kind: Kind = .objectArray) {
        self.elements = elements
        self.kind = kind
    }

    public var count: Int { elements.count }

    deinit { NestedRelease.release(&elements) }

    func detachElements(into pending: inout [PSValue]) {
        pending.append(contentsOf: elements)
        elements = []
    }

    public var isResizable: Bool {
        switch kind {
        case .arrayList, .genericList, .collection, .hashSet: return true
        default: return false
        }
    }

    public var typeFullName: String {
        if let dims = dimensions {
            let element: String
            if case .typed(let t) = kind { element = t.fullName } else { element = "System.Object" }
            return MultiDimensionalArrays.typeName(element: element, rank: dims.count)
        }
        switch kind {
        case .objectArray: return "System.Object[]"
        case .typed(let t): return t.fullName + "[]"
        case .arrayList: return "System.Collections.ArrayList"
        case .genericList(let t):
            if isObservable { return ObservableCollections.typeName(t) }
            return "System.Collections.Generic.List`1[[\(t.fullName)]]"
        case .collection(let t): return PSType.collection(t).fullName
        case .hashSet(let t): return PSType.hashSet(t).fullName
        case .enumerator: return "System.SZArrayEnumerator"
        case .queue(let e): return e.map { "System.Collections.Generic.Queue`1[[\($0.fullName)]]" } ?? "System.Collections.Queue"
        case .stack(let e): return e.map { "System.Collections.Generic.Stack`1[[\($0.fullName)]]" } ?? "System.Collections.Stack"
        }
    }

    /// A shallow copy (what `.Clone()` and `@($a)` give).
    public func copy() -> PSArray {
        let c = PSArray(elements, kind: kind)
        c.dimensions = dimensions
        return c
    }
}
