import Foundation
import XCTest

/// Mandatory cmdlet parameters refuse `$null`, `''` and empty collections as PowerShell's binder does
/// (unless the parameter carries AllowNull/AllowEmptyString/AllowEmptyCollection), and binder errors end
/// their FullyQualifiedErrorId in the cmdlet's .NET class. Through the real `hvsh -File`, in a sandbox
/// because the Hyper-V cmdlets are called (a refused argument never reaches them).
final class MandatoryArgumentTests: HvshScriptTestCase {
    override var runsSandboxed: Bool { true }

    func testHyperVCmdletsRefuseNullEmptyStringAndEmptyArray() throws {
        let result = try runScript("""
            function Show($block) {
                try { & $block; 'bound' } catch { '{0} | {1} | {2} | {3}' -f $_.FullyQualifiedErrorId, $_, $_.CategoryInfo, $_.Exception.GetType().Name }
            }
            New-VM -Name lab | Out-Null
            Show { Get-VMProcessor -VMName $null }
            Show { Get-VMProcessor -VMName '' }
            Show { Get-VMProcessor -VMName @() }
            Show { Get-VMProcessor -VMName 'lab', $null }
            Show { Get-VMProcessor -VMName 'lab', '' }
            Show { Rename-VM -Name lab -NewName $null }
            Show { Remove-VMHardDiskDrive -VMName lab -ControllerType SCSI -ControllerNumber $null -ControllerLocation 0 }
            Show { Set-VMProcessor -VMName lab -ExposeVirtualizationExtensions $null }
            # From the pipeline the refusal is an error for that object only, and the command goes on.
            '' | Get-VMProcessor -ErrorVariable pe -ErrorAction SilentlyContinue
            "pipeline: $($pe[0].FullyQualifiedErrorId)"
            try { Get-VMProcessor -VMName lab -NoSuch 1 } catch { $_.FullyQualifiedErrorId; "$($_.CategoryInfo) [$($_.TargetObject)]" }
            try { New-VMSwitch -Name '' -SwitchType Internal } catch { $_.FullyQualifiedErrorId }
            try { Get-NetAdapter -NoSuch 1 } catch { $_.FullyQualifiedErrorId }
            (Get-VMProcessor -VMName lab).Count
            (Get-VM lab).Name
            Get-VMMemory -VMName $null
            'the script goes on'
            """)
        XCTAssertEqual(result.stdout, """
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor | Cannot bind argument to parameter 'VMName' because it is null. | InvalidData: (:) [Get-VMProcessor], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor | Cannot bind argument to parameter 'VMName' because it is an empty string. | InvalidData: (:) [Get-VMProcessor], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorEmptyArrayNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor | Cannot bind argument to parameter 'VMName' because it is an empty array. | InvalidData: (:) [Get-VMProcessor], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor | Cannot bind argument to parameter 'VMName' because it is null. | InvalidData: (:) [Get-VMProcessor], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor | Cannot bind argument to parameter 'VMName' because it is an empty string. | InvalidData: (:) [Get-VMProcessor], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.HyperV.PowerShell.Commands.RenameVM | Cannot bind argument to parameter 'NewName' because it is null. | InvalidData: (:) [Rename-VM], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.HyperV.PowerShell.Commands.RemoveVMHardDiskDrive | Cannot bind argument to parameter 'ControllerNumber' because it is null. | InvalidData: (:) [Remove-VMHardDiskDrive], ParameterBindingValidationException | ParameterBindingValidationException
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor | Cannot bind argument to parameter 'ExposeVirtualizationExtensions' because it is null. | InvalidArgument: (:) [Set-VMProcessor], ParameterBindingException | ParameterBindingException
            pipeline: ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor
            NamedParameterNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMProcessor
            InvalidArgument: (:) [Get-VMProcessor], ParameterBindingException []
            ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.HyperV.PowerShell.Commands.NewVMSwitch
            NamedParameterNotFound,Get-NetAdapter
            1
            lab
            the script goes on

            """)
        XCTAssertTrue(result.stderr.contains("Cannot bind argument to parameter 'VMName' because it is null."), result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("Get-VMMemory: "), result.stderr)
    }

    func testCoreCmdletsRefuseOrAllowAsPowerShellDeclares() throws {
        let result = try runScript("""
            function Show($block) {
                try { & $block; 'bound' } catch { '{0} | {1}' -f $_.FullyQualifiedErrorId, $_ }
            }
            Show { Join-Path $null child }
            Show { Split-Path '' }
            Show { Compare-Object $null @() }
            Show { Write-Verbose $null }
            Show { Invoke-Expression '' }
            Show { Remove-Variable -Name @() }
            # The parameters PowerShell marks AllowNull/AllowEmptyString/AllowEmptyCollection bind.
            Compare-Object @() @('a') | ForEach-Object { "only in difference: $($_.InputObject)" }
            Write-Output $null
            Write-Output @()
            'Write-Output took null and @()'
            Write-Verbose ''
            Write-Warning '' 3>$null
            Write-Information $null
            $null | ConvertTo-Json
            ConvertFrom-StringData ''
            'done'
            """)
        XCTAssertEqual(result.stdout, """
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.JoinPathCommand | Cannot bind argument to parameter 'Path' because it is null.
            ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.SplitPathCommand | Cannot bind argument to parameter 'Path' because it is an empty string.
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.CompareObjectCommand | Cannot bind argument to parameter 'ReferenceObject' because it is null.
            ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.WriteVerboseCommand | Cannot bind argument to parameter 'Message' because it is null.
            ParameterArgumentValidationErrorEmptyStringNotAllowed,Microsoft.PowerShell.Commands.InvokeExpressionCommand | Cannot bind argument to parameter 'Command' because it is an empty string.
            ParameterArgumentValidationErrorEmptyArrayNotAllowed,Microsoft.PowerShell.Commands.RemoveVariableCommand | Cannot bind argument to parameter 'Name' because it is an empty array.
            only in difference: a
            Write-Output took null and @()
            null
            done

            """)
        XCTAssertEqual(result.stderr, "")
    }
}
