/// Microsoft.PowerShell.Commands.JsonObject: ConvertFromJson, the conversion behind ConvertFrom-Json
/// that scripts also call directly with an out ErrorRecord. The JSON reader and its mapping to objects
/// belong to the JSON cmdlets (PSCommands), which `provide` a `JsonObjectConverter` to the session.
public struct JsonObjectConverter {
    /// The text's value and, when the JSON holds what a PSCustomObject cannot (an empty or
    /// case-repeated name), an error record instead of a value. Text that is not JSON throws
    /// `JsonObjectConverter.Failure`.
    public typealias FromJson = (_ input: String, _ returnHashtable: Bool, _ maxDepth: Int?) throws -> (value: PSValue, error: ErrorRecord?)

    /// The reader's message for text that is not JSON (or is deeper than the maximum).
    public struct Failure: Error {
        public let message: String
        public init(message: String) { self.message = message }
    }

    public let convertFromJson: FromJson

    public init(convertFromJson: @escaping FromJson) { self.convertFromJson = convertFromJson }
}

extension StaticTypes {
    static let jsonObjectTypeName = "Microsoft.PowerShell.Commands.JsonObject"

    nonisolated(unsafe) static let jsonObjectTypes: [StaticType] = [
        StaticType(keys: [jsonObjectTypeName.lowercased()], methods: [
            StaticType.method("ConvertFromJson",
                              "static System.Object ConvertFromJson(string input, [ref] System.Management.Automation.ErrorRecord error)",
                              "static System.Object ConvertFromJson(string input, bool returnHashtable, [ref] System.Management.Automation.ErrorRecord error)",
                              "static System.Object ConvertFromJson(string input, bool returnHashtable, System.Nullable[int] maxDepth, [ref] System.Management.Automation.ErrorRecord error)") { call in
                try convertFromJson(call)
            },
        ]),
    ]

    /// The overload is chosen by the argument count; the last argument is the `[ref]` error record.
    private static func convertFromJson(_ call: StaticCall) throws -> PSValue {
        guard (2...4).contains(call.args.count) else { throw call.wrongCount() }
        // $null bound to a string parameter is "" (PowerShell's method binding), which is no JSON.
        let input = call.string(0)
        let returnHashtable = call.args.count >= 3 ? PSConvert.toBool(call.args[1]) : false
        var maxDepth: Int? = 1024
        if call.args.count == 4 {
            maxDepth = call.args[2].isNull ? nil : try PSConvert.toInt(call.args[2])
        }
        let converter = try call.session.services.service(JsonObjectConverter.self)
        let result: (value: PSValue, error: ErrorRecord?)
        do {
            result = try converter.convertFromJson(input, returnHashtable, maxDepth)
        } catch let failure as JsonObjectConverter.Failure {
            throw call.failure("Conversion from JSON failed with error: \(failure.message)", id: "ArgumentException")
        }
        try PSReference.assign(call.args[call.args.count - 1], result.error.map { .object(ErrorRecordObjects.wrap($0)) } ?? .null)
        return result.error == nil ? result.value : .null
    }
}
