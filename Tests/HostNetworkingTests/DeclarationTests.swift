import HostNetworking
import PSRuntime
import XCTest

/// The cmdlet declarations agree with Windows' parameter sets where the article depends on them.
final class DeclarationTests: XCTestCase {
    func declaration(_ name: String) throws -> CmdletDeclaration {
        try XCTUnwrap(HostNetworkingModule.module.cmdlets.map { $0.declaration }.first { $0.name == name })
    }

    func testEveryCmdletHasUniqueParameterNamesAndAValidDefaultSet() throws {
        let cmdlets = HostNetworkingModule.module.cmdlets.map { $0.declaration }
        XCTAssertEqual(cmdlets.count, 24) // 21 of Windows + Test-Connection and the two sandbox-uplink helpers
        for cmdlet in cmdlets {
            var seen = Set<String>()
            for parameter in cmdlet.parameters {
                for name in [parameter.name] + parameter.aliases {
                    XCTAssertTrue(seen.insert(name.lowercased()).inserted, "\(cmdlet.name): \(name) declared twice")
                }
            }
            if let set = cmdlet.defaultParameterSet {
                XCTAssertTrue(cmdlet.parameters.contains { $0.sets.contains { $0.setName == set } }, "\(cmdlet.name): \(set)")
            }
            XCTAssertFalse(cmdlet.synopsis.isEmpty, cmdlet.name)
        }
    }

    func testArticleBindingFacts() throws {
        let newSwitch = try declaration("New-VMSwitch")
        let name = try XCTUnwrap(newSwitch.parameters.first { $0.name == "Name" })
        XCTAssertEqual(name.aliases, ["SwitchName"])
        XCTAssertEqual(name.sets.first?.position, 0)

        let newAddress = try declaration("New-NetIPAddress")
        XCTAssertEqual(newAddress.defaultParameterSet, "ByInterfaceAlias")
        for (parameter, alias) in [("InterfaceAlias", "ifAlias"), ("InterfaceIndex", "ifIndex")] {
            let declared = try XCTUnwrap(newAddress.parameters.first { $0.name == parameter })
            XCTAssertEqual(declared.aliases, [alias])
            XCTAssertTrue(declared.sets.allSatisfy { $0.valueFromPipelineByPropertyName && $0.mandatory })
        }
        XCTAssertEqual(try XCTUnwrap(newAddress.parameters.first { $0.name == "PrefixLength" }).type, .byte)

        let getAdapter = try declaration("Get-NetAdapter")
        let adapterName = try XCTUnwrap(getAdapter.parameters.first { $0.name == "Name" })
        XCTAssertEqual(adapterName.aliases, ["ifAlias", "InterfaceAlias"])

        let newNat = try declaration("New-NetNat")
        XCTAssertEqual(newNat.parameters.filter { $0.sets.contains { $0.position != nil } }.map(\.name), ["Name"])
    }
}
