import PSRuntime

/// `[int16]` parameters (New-VM's -Generation) read as Int16.
extension Int16: ParameterValue {
    public static var parameterType: PSType { .int16 }
    public static func unwrap(bound: PSValue) -> Int16? {
        if case .int16(let n) = bound { return n }
        guard let n = try? PSConvert.toInt64(bound), let exact = Int16(exactly: n) else { return nil }
        return exact
    }
}
