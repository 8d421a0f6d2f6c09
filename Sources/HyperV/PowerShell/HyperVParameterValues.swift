import PSRuntime

/// `[int16]` parameters (New-VM's -Generation) read as Int16.
extension Int16: ParameterValue {
    public static var parameterType: PSType { .int16 }
    public static func unwrap(bound: PSValue) -> Int16? {
        if case .int16(let n) = bound { return n }
        return exactly(converting: bound)
    }
}
