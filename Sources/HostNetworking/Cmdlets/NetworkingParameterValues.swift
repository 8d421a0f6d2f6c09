import PSRuntime

/// `[uint16]` parameters (ports, route metrics) read as UInt16.
extension UInt16: ParameterValue {
    public static var parameterType: PSType { .uint16 }
    public static func unwrap(bound: PSValue) -> UInt16? {
        if case .uint16(let n) = bound { return n }
        return exactly(converting: bound)
    }
}
