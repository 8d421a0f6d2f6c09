/// A reference the per-object hot paths call through without retaining it. Swift retains an object
/// loaded from a stored property (even an `unowned(unsafe)` one) for the length of each call made on
/// it; in the pipeline hand-off that is an atomic increment and decrement per object per stage.
/// The owner (a stage, a prepared block) keeps a strong reference for as long as this one is used.
public struct Unretained<Object: AnyObject> {
    private let reference: Unmanaged<Object>

    public init(_ object: Object) { reference = Unmanaged.passUnretained(object) }

    /// Calls `body` with the object, borrowed.
    @inline(__always)
    public func with<Result>(_ body: (Object) throws -> Result) rethrows -> Result {
        try reference._withUnsafeGuaranteedRef(body)
    }

    /// The object itself (a strong reference, for code off the hot path).
    public var object: Object { reference.takeUnretainedValue() }
}
