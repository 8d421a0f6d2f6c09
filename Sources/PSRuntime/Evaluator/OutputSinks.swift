/// Where output objects go: the next command of a pipeline, a collector, a closure. A class whose
/// `emit` subclasses override, so handing an object to the next stage is one method call on a
/// borrowed reference: no closure context to retain and release per object, and the value itself is
/// passed borrowed all the way down the pipeline.
class OutputSink {
    /// Sends one object on. The base class drops it (`$null = ...`, `[void]`, `| Out-Null`).
    func emit(_ value: PSValue) throws {}

    /// Sends an array's elements one by one, anything else as itself.
    @inline(__always)
    final func writeEnumerated(_ value: PSValue) throws {
        if case .array(let a) = value {
            if a.kind == .enumerator {
                // An enumerator goes on from where MoveNext left it, and is spent afterwards.
                let start = a.enumeratorPosition + 1
                a.enumeratorPosition = a.count
                for element in a.elements.dropFirst(max(0, start)) { try emit(element) }
                return
            }
            if let skipped = a.automationNullIndices {
                for (i, element) in a.elements.enumerated() where !skipped.contains(i) { try emit(element) }
                return
            }
            for element in a.elements { try emit(element) }
        } else {
            try emit(value)
        }
    }

    /// A sink that drops everything. One shared instance: the base class holds no state, so sharing
    /// it between threads is safe.
    nonisolated(unsafe) static let discard = OutputSink()
}

/// Output handed to Swift code (tests, `session.invoke`, formatting callbacks).
final class ClosureSink: OutputSink {
    let body: (PSValue) throws -> Void
    init(_ body: @escaping (PSValue) throws -> Void) { self.body = body }
    override func emit(_ value: PSValue) throws { try body(value) }
}

/// The input of a pipeline stage: what the stage before it writes goes straight into its `process`.
final class StageInput: OutputSink {
    // Unretained: the pipeline's stage list owns every stage for as long as objects flow.
    let stage: Unretained<Stage>
    init(_ stage: Stage) { self.stage = Unretained(stage) }
    override func emit(_ value: PSValue) throws { try stage.with { try $0.process(value) } }
}

/// Collects output values (for `$(...)`, `@(...)`, assignments of pipelines).
final class Collector: OutputSink {
    var items: [PSValue] = []
    override func emit(_ value: PSValue) throws { items.append(value) }

    /// PowerShell's result shape: nothing → $null, one → the value, several → Object[].
    var result: PSValue {
        switch items.count {
        case 0: return .null
        case 1: return items[0]
        default: return .array(PSArray(items))
        }
    }
}

/// `-OutBuffer N`: holds objects until `limit` are waiting, then hands them all to `next`.
final class HeldOutput: OutputSink {
    let next: OutputSink
    let limit: Int
    private var held: [PSValue] = []
    init(next: OutputSink, limit: Int) {
        self.next = next
        self.limit = limit
    }
    override func emit(_ value: PSValue) throws {
        held.append(value)
        if held.count >= limit { try release() }
    }
    func release() throws {
        let values = held
        held.removeAll()
        for value in values { try next.emit(value) }
    }
}
