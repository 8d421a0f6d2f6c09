/// System.Management.Automation.PSSerializer: CLIXML as methods (`::Serialize($obj[, depth])`,
/// `::Deserialize($xml)`, `::DeserializeAsList($xml)`). The writer and reader belong to the CLIXML
/// cmdlets (PSCommands), which `provide` a `CliXmlSerializer` to the session.
public struct CliXmlSerializer {
    /// The failure message of text that is not CLIXML.
    public struct Failure: Error {
        public let message: String
        public init(message: String) { self.message = message }
    }

    public let serialize: (_ value: PSValue, _ depth: Int) -> String
    public let deserialize: (_ text: String, _ session: ShellSession) throws -> [PSValue]

    public init(serialize: @escaping (PSValue, Int) -> String, deserialize: @escaping (String, ShellSession) throws -> [PSValue]) {
        self.serialize = serialize
        self.deserialize = deserialize
    }
}

extension StaticTypes {
    static let psSerializerTypeName = "System.Management.Automation.PSSerializer"

    nonisolated(unsafe) static let psSerializerTypes: [StaticType] = [
        StaticType(keys: ["management.automation.psserializer"], methods: [
            // PowerShell's default depth for Serialize is 1 (PSSerializer.Serialize(object)).
            StaticType.method("Serialize", "static string Serialize(System.Object source)",
                              "static string Serialize(System.Object source, int depth)") { call in
                guard call.args.count == 1 || call.args.count == 2 else { throw call.wrongCount() }
                let depth = call.args.count == 2 ? try PSConvert.toInt(call.args[1]) : 1
                let serializer = try call.session.services.service(CliXmlSerializer.self)
                return .string(serializer.serialize(call.args[0], depth))
            },
            StaticType.method("Deserialize", "static System.Object Deserialize(string source)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                let values = try deserialized(call)
                return values.count == 1 ? values[0] : .array(PSArray(values))
            },
            StaticType.method("DeserializeAsList", "static System.Object[] DeserializeAsList(string source)") { call in
                guard call.args.count == 1 else { throw call.wrongCount() }
                return .array(PSArray(try deserialized(call)))
            },
        ]),
    ]

    private static func deserialized(_ call: StaticCall) throws -> [PSValue] {
        let serializer = try call.session.services.service(CliXmlSerializer.self)
        do { return try serializer.deserialize(call.string(0), call.session) } catch let failure as CliXmlSerializer.Failure {
            throw call.failure(failure.message, id: "XmlException")
        }
    }
}
