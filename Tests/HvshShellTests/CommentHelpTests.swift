import Foundation
import XCTest

/// Get-Help of functions and scripts with comment-based help, in PowerShell's help layout (the
/// MAML views: sections indented by four, blank lines that keep their indentation), through the real
/// `hvsh -File` on a 120-column console.
final class CommentHelpTests: HvshScriptTestCase {
    override var scriptColumns: Int? { 120 }

    override func setUpWithError() throws {
        try super.setUpWithError()
        _ = home.write("New-LabVM.ps1", """
            <#
            .SYNOPSIS
            Creates lab VMs ready for nested virtualization.

            .DESCRIPTION
            Creates each VM, turns on virtualization extensions
            and MAC address spoofing.

            .PARAMETER VMName
            The VMs to create.

            .PARAMETER MemoryGB
            Startup memory in GB.

            .INPUTS
            System.String. VM names from the pipeline.

            .OUTPUTS
            None.

            .EXAMPLE
            PS C:\\> .\\New-LabVM.ps1 -VMName dc01, web01

            Creates two VMs.

            .EXAMPLE
            .\\New-LabVM.ps1 web01 -Force

            .NOTES
            Run as root.

            .LINK
            https://learn.microsoft.com/virtualization

            .LINK
            Set-VMProcessor
            #>
            [CmdletBinding(SupportsShouldProcess)]
            param(
                [Parameter(Mandatory, ValueFromPipeline)]
                [string[]]$VMName,
                [int]$MemoryGB = 4,
                # Replaces VMs that already exist.
                [switch]$Force
            )
            'created'
            """)
    }

    private let commonParameters = """
                <CommonParameters>
                    This cmdlet supports the common parameters: Verbose, Debug,
                    ErrorAction, ErrorVariable, WarningAction, WarningVariable,
                    OutBuffer, PipelineVariable, and OutVariable. For more information, see
                    about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).\u{20}
            """

    func testFunctionHelpBeforeTheFunctionKeyword() throws {
        let result = try runScript("""
            # .SYNOPSIS
            # Gets the lab's NAT switch.
            # .DESCRIPTION
            # Reads the switch from the inventory.
            function Get-LabSwitch {
                param([string]$Name = 'LabNAT', [ValidateSet('Internal', 'Private')][string]$Type)
            }
            Get-Help Get-LabSwitch
            """)
        XCTAssertEqual(result.stdout, """

            NAME
                Get-LabSwitch
            \("    ")
            SYNOPSIS
                Gets the lab's NAT switch.
            \("    ")
            \("    ")
            SYNTAX
                Get-LabSwitch [[-Name] <String>] [[-Type] <String>] [<CommonParameters>]
            \("    ")
            \("    ")
            DESCRIPTION
                Reads the switch from the inventory.
            \("    ")

            RELATED LINKS

            REMARKS
                To see the examples, type: "Get-Help Get-LabSwitch -Examples"
                For more information, type: "Get-Help Get-LabSwitch -Detailed"
                For technical information, type: "Get-Help Get-LabSwitch -Full"



            """, result.stderr)
    }

    func testScriptHelpDetailed() throws {
        // Wide enough that the syntax line (the script's long temporary path) is not wrapped.
        let result = try runScript("Get-Help ./New-LabVM.ps1 -Detailed", columns: 250)
        let path = home.path + "/New-LabVM.ps1"
        XCTAssertEqual(result.stdout, """

            NAME
                \(path)
            \("    ")
            SYNOPSIS
                Creates lab VMs ready for nested virtualization.
            \("    ")
            \("    ")
            SYNTAX
                \(path) [-VMName] <String[]> [[-MemoryGB] <Int32>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]
            \("    ")
            \("    ")
            DESCRIPTION
                Creates each VM, turns on virtualization extensions
                and MAC address spoofing.
            \("    ")

            PARAMETERS
                -VMName <String[]>
                    The VMs to create.
            \("        ")
                -MemoryGB <Int32>
                    Startup memory in GB.
            \("        ")
                -Force [<SwitchParameter>]
                    Replaces VMs that already exist.
            \("        ")
                -WhatIf [<SwitchParameter>]
            \("        ")
                -Confirm [<SwitchParameter>]
            \("        ")
            \(commonParameters)
            \("    ")
                -------------------------- EXAMPLE 1 --------------------------
            \("    ")
                PS C:\\>.\\New-LabVM.ps1 -VMName dc01, web01
            \("    ")
                Creates two VMs.
            \("    ")
            \("    ")
            \("    ")
            \("    ")
                -------------------------- EXAMPLE 2 --------------------------
            \("    ")
                PS > .\\New-LabVM.ps1 web01 -Force
            \("    ")
            \("    ")
            \("    ")
            \("    ")
            \("    ")
            \("    ")
            REMARKS
                To see the examples, type: "Get-Help \(path) -Examples"
                For more information, type: "Get-Help \(path) -Detailed"
                For technical information, type: "Get-Help \(path) -Full"
                For online help, type: "Get-Help \(path) -Online"


            """, result.stderr)
    }

    func testScriptHelpFullInputsOutputsNotesAndLinks() throws {
        let result = try runScript("Get-Help .\\New-LabVM.ps1 -Full")
        let lines = result.stdout.components(separatedBy: "\n")
        func section(_ title: String, _ count: Int) -> [String] {
            guard let i = lines.firstIndex(of: title) else { return ["missing \(title)"] }
            return Array(lines[i..<min(lines.count, i + count)])
        }
        XCTAssertEqual(section("    -MemoryGB <Int32>", 10), [
            "    -MemoryGB <Int32>",
            "        Startup memory in GB.",
            "        ",
            "        Required?                    false",
            "        Position?                    2",
            "        Default value                4",
            "        Accept pipeline input?       false",
            "        Aliases                      ",
            "        Accept wildcard characters?  false",
            "        ",
        ], result.stdout)
        XCTAssertEqual(section("    -VMName <String[]>", 7).suffix(4), [
            "        Required?                    true",
            "        Position?                    1",
            "        Default value                ",
            "        Accept pipeline input?       true (ByValue)",
        ])
        XCTAssertEqual(section("INPUTS", 11), [
            "INPUTS", "    System.String. VM names from the pipeline.", "    ", "    ",
            "OUTPUTS", "    None.", "    ", "    ",
            "NOTES", "    ", "    Run as root.",
        ])
        XCTAssertEqual(Array(lines.suffix(6)), [
            "RELATED LINKS", "    https://learn.microsoft.com/virtualization", "    Set-VMProcessor ", "", "", "",
        ])
        XCTAssertFalse(result.stdout.contains("REMARKS"), "the full view has no remarks")
    }

    func testLongLinesWrapAtWordsInsideTheirIndentation() throws {
        _ = home.write("Set-LabNat.ps1", """
            <#
            .SYNOPSIS
            Creates the internal switch, gives the host its gateway address and puts a NAT in front of the lab network.
            #>
            param()
            """)
        let help = try runScript("Get-Help ./Set-LabNat.ps1", columns: 60)
        // 59 columns less the indentation: words keep their space, so wrapped lines end in one.
        XCTAssertTrue(help.stdout.contains(
            "SYNOPSIS\n    Creates the internal switch, gives the host its \n    gateway address and puts a NAT in front of the lab \n    network.\n"),
                      help.stdout)
    }

    func testExamplesAndParameterViews() throws {
        let result = try runScript("""
            Get-Help ./New-LabVM.ps1 -Examples | Out-String | Set-Content -Path examples.txt
            Get-Help ./New-LabVM.ps1 -Parameter Mem*
            """)
        XCTAssertEqual(result.stdout, """

            -MemoryGB <Int32>
                Startup memory in GB.
            \("    ")
                Required?                    false
                Position?                    2
                Default value                4
                Accept pipeline input?       false
                Aliases                      \("")
                Accept wildcard characters?  false
            \("    ")



            """, result.stderr)
        let examples = try String(contentsOfFile: home.path + "/examples.txt", encoding: .utf8)
        XCTAssertTrue(examples.hasPrefix("\nNAME\n    \(home.path)/New-LabVM.ps1\n    \nSYNOPSIS\n"), examples)
        XCTAssertTrue(examples.contains("\n    -------------------------- EXAMPLE 2 --------------------------\n    \n    PS > .\\New-LabVM.ps1 web01 -Force\n"), examples)
        XCTAssertFalse(examples.contains("PARAMETERS"))
        let missing = try runScript("try { Get-Help ./New-LabVM.ps1 -Parameter Nope } catch { $_.FullyQualifiedErrorId }")
        XCTAssertEqual(missing.stdout, "NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand\n", missing.stderr)
    }

    func testHelpInsideAndAtTheEndOfTheBodyAndAsObjects() throws {
        let result = try runScript("""
            function Start-Lab {
                <#
                .SYNOPSIS
                    Starts every lab VM.
                .EXAMPLE
                    Start-Lab -Wait
                #>
                param([switch]$Wait)
            }
            function Stop-Lab {
                param($Name)
                'stopping'
                # .SYNOPSIS
                # Stops the lab.
            }
            function Get-Nothing { 'no help here' }
            $h = Get-Help Start-Lab
            "$($h.Name)|$($h.Category)|$($h.Synopsis)|$($h.examples.example[0].code)|$($h.parameters.parameter[0].name)"
            (Get-Help Stop-Lab).Synopsis
            Set-Alias sl2 Stop-Lab
            (Get-Help sl2).Name
            """)
        XCTAssertEqual(result.stdout, """
            Start-Lab|Function|Starts every lab VM.|Start-Lab -Wait|Wait
            Stops the lab.
            Stop-Lab

            """, result.stderr)
    }
}
