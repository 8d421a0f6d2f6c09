import XCTest
import PSRuntime
@testable import PSCommands

final class HelpTextTests: XCTestCase {
    func testSyntaxFromDeclaration() {
        let d = CmdletDeclaration("Set-Thing", parameters: [
            ParameterDeclaration("Name", .array(.string), position: 0, mandatory: true, sets: ["ByName"]),
            ParameterDeclaration("Id", .int32, mandatory: true, sets: ["ById"]),
            ParameterDeclaration("Count", .int32, position: 1),
            ParameterDeclaration("Force", .switchParameter),
            ParameterDeclaration("Hidden", .string, dontShow: true),
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
