import XCTest
import PSRuntime
@testable import PSCommands

final class HelpTextTests: XCTestCase {
    func testSyntaxFromDeclaration() {
        let d = CmdletDeclaration("Set-Thing", parameters: [
            Parameter<[String]>("Name", position: 0, mandatory: true, sets: ["ByName"]),
            Parameter<Int32>("Id", mandatory: true, sets: ["ById"]),
            Parameter<Int32>("Count", position: 1),
            Parameter<SwitchParameter>("Force"),
            Parameter<String>("Hidden", dontShow: true),
        ], defaultParameterSet: "ByName", supportsShouldProcess: true)
        XCTAssertEqual(HelpText.syntax(d), [
            "Set-Thing [-Name] <string[]> [[-Count] <int>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]",
            "Set-Thing [[-Count] <int>] -Id <int> [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]",
        ])
    }

    func testFormatTableSyntaxStartsLikePowerShell() {
        let line = HelpText.syntax(FormatTableCommand.declaration)[0]
        XCTAssertTrue(line.hasPrefix("Format-Table [[-Property] <Object[]>] [-InputObject <Object>]"), line)
        XCTAssertTrue(line.hasSuffix("[-Wrap] [<CommonParameters>]"), line)
        let full = HelpText.full(FormatTableCommand.declaration, detailed: true)
        XCTAssertTrue(full.contains("EXAMPLES"))
        XCTAssertTrue(full.contains("    -AutoSize\n        Required?                    false\n        Position?                    named"), full)
    }
}
