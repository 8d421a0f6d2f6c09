import XCTest
@testable import PSRuntime

/// The example advanced function: pipeline input, prefixes, aliases, splatting and -WhatIf.
final class AdvancedFunctionTests: XCTestCase {
    static let definition = """
    function Stop-LabVM {
        [CmdletBinding(SupportsShouldProcess)]
        param(
            [Parameter(Mandatory, ValueFromPipeline)]
            [Alias('Name')]
            [string[]]$VMName,
            [int]$TimeoutSeconds = 30,
            [switch]$Force
        )
        begin { $count = 0 }
        process {
            foreach ($vm in $VMName) {
                if ($PSCmdlet.ShouldProcess($vm, 'Stop-VM')) {
                    $count++
                    "stopping $vm timeout=$TimeoutSeconds force=$Force"
                }
            }
        }
        end { "stopped $count" }
    }

    """

    func run(_ body: String) -> (output: String, errors: String) {
        let r = runScript(Self.definition + body)
        return (r.output, r.errors)
    }

    func testBindsPipelineInputOneObjectAtATime() {
        let r = run("'vm1', 'vm2' | Stop-LabVM")
        XCTAssertEqual(r.output, "stopping vm1 timeout=30 force=False\nstopping vm2 timeout=30 force=False\nstopped 2\n")
        XCTAssertEqual(r.errors, "")
    }

    func testBindsArrayArgumentPositionally() {
        XCTAssertEqual(run("Stop-LabVM vm1,vm2 -Force").output,
                       "stopping vm1 timeout=30 force=True\nstopping vm2 timeout=30 force=True\nstopped 2\n")
    }

    func testParameterPrefixesAndCaseInsensitivity() {
        XCTAssertEqual(run("Stop-LabVM -vmn a -Time 5 -f").output, "stopping a timeout=5 force=True\nstopped 1\n")
        XCTAssertEqual(run("Stop-LabVM -VMNAME a -timeoutseconds:7").output, "stopping a timeout=7 force=False\nstopped 1\n")
    }

    func testAliasBindsTheParameter() {
        XCTAssertEqual(run("Stop-LabVM -Name a").output, "stopping a timeout=30 force=False\nstopped 1\n")
    }

    func testSplattedHashtableAndArray() {
        XCTAssertEqual(run("$p = @{ VMName = 'x','y'; TimeoutSeconds = 9; Force = $true }; Stop-LabVM @p").output,
                       "stopping x timeout=9 force=True\nstopping y timeout=9 force=True\nstopped 2\n")
        XCTAssertEqual(run("$a = @('z'); Stop-LabVM @a").output, "stopping z timeout=30 force=False\nstopped 1\n")
    }

    func testWhatIfPrintsAndSkips() {
        let r = run("'vm1','vm2' | Stop-LabVM -WhatIf")
        XCTAssertEqual(r.output, """
        What if: Performing the operation "Stop-VM" on target "vm1".
        What if: Performing the operation "Stop-VM" on target "vm2".
        stopped 0

        """)
    }

    func testAmbiguousPrefixListsCandidates() {
        // -W matches -WarningAction, -WarningVariable and -WhatIf.
        let r = run("Stop-LabVM a -W")
        XCTAssertTrue(r.errors.contains("Parameter cannot be processed because the parameter name 'W' is ambiguous. Possible matches include: -WarningAction -WarningVariable -WhatIf."), r.errors)
    }

    func testConversionErrorWording() {
        let r = run("Stop-LabVM a -TimeoutSeconds abc")
        XCTAssertTrue(r.errors.contains("Cannot process argument transformation on parameter 'TimeoutSeconds'. Cannot convert value \"abc\" to type \"System.Int32\". Error: \"The input string 'abc' was not in a correct format.\""), r.errors)
    }

    func testStrayPositionalArgument() {
        // Without explicit positions, parameters are positional in declaration order (VMName, TimeoutSeconds).
        let r = run("Stop-LabVM a 5 c")
        XCTAssertTrue(r.errors.contains("A positional parameter cannot be found that accepts argument 'c'."), r.errors)
    }

    func testMissingMandatoryNonInteractive() {
        let r = run("Stop-LabVM")
        XCTAssertTrue(r.errors.contains("Cannot process command because of one or more missing mandatory parameters: VMName."), r.errors)
    }

    func testMissingMandatoryPromptsWhenInteractive() {
        let r = runScript(Self.definition + "Stop-LabVM", interactive: true, input: ["vm9", ""])
        XCTAssertTrue(r.all.contains("Supply values for the following parameters:"), r.all)
        XCTAssertTrue(r.all.contains("VMName[0]: "), r.all)
        XCTAssertTrue(r.output.contains("stopping vm9 timeout=30 force=False\nstopped 1\n"), r.output)
    }

    func testUnknownParameter() {
        let r = run("Stop-LabVM a -Bogus 1")
        XCTAssertTrue(r.errors.contains("A parameter cannot be found that matches parameter name 'Bogus'."), r.errors)
    }

    func testPSBoundParametersAndCommonParameters() {
        let r = runScript("""
        function Get-Bound { [CmdletBinding()] param($A, $B) $PSBoundParameters.Keys -join ',' ; $ErrorActionPreference }
        Get-Bound -B 2 -A 1 -ErrorAction SilentlyContinue
        """)
        XCTAssertEqual(r.output, "B,A,ErrorAction\nSilentlyContinue\n")
    }
}
