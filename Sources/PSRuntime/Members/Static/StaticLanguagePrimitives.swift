/// System.Management.Automation.LanguagePrimitives: PowerShell's own conversions, called as methods
/// (`[System.Management.Automation.LanguagePrimitives]::ConvertTo($value, [string])`); a failed
/// conversion is the method's PSInvalidCastException.
extension StaticTypes {
    static let languagePrimitivesTypeName = "System.Management.Automation.LanguagePrimitives"

    nonisolated(unsafe) static let languagePrimitivesTypes: [StaticType] = [
        StaticType(keys: ["management.automation.languageprimitives"], methods: [
            StaticType.method("ConvertTo", "static System.Object ConvertTo(System.Object valueToConvert, type resultType)",
                              "static System.Object ConvertTo(System.Object valueToConvert, type resultType, System.IFormatProvider formatProvider)") { call in
                guard call.args.count == 2 || call.args.count == 3 else { throw call.wrongCount() }
                guard case .type(let target) = call.args[1].unwrapped else {
                    throw call.failure("Cannot convert argument \"resultType\", with value: \"\(call.string(1))\", to type \"System.Type\".", id: "PSInvalidCastException")
                }
                do { return try PSConvert.convert(call.args[0], to: target, types: call.session.types) } catch let e as PSRuntimeError {
                    throw call.failure(e.record.message, id: "PSInvalidCastException")
                }
            },
            StaticType.method("IsTrue", "static bool IsTrue(System.Object obj)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                return .bool(PSConvert.toBool(call.args[0]))
            },
            StaticType.method("IsNull", "static bool IsNull(System.Object obj)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                return .bool(call.args[0].isNull)
            },
        ]),
    ]
}
