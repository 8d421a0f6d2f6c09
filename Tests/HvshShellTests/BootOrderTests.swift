import Foundation
import XCTest

/// Boot order as Hyper-V keeps it, through the real `hvsh -File` in a sandbox: Get-VMFirmware's
/// BootOrder of VMBootSource objects (devices appended as they are added, -FirstBootDevice,
/// -BootOrder dropping what it leaves out), Get-VMBios/Set-VMBios's StartupOrder, New-VM
/// -BootDevice, Hyper-V's generation and foreign-device errors, and all of it kept on disk.
final class BootOrderTests: HvshScriptTestCase {
    override var runsSandboxed: Bool { true }
    override var scriptTimeout: TimeInterval { 60 }

    private static let showOrder = """
        function Show-Order($Name) {
            ((Get-VMFirmware $Name).BootOrder | ForEach-Object { '{0}:{1}:{2}' -f $_.BootType, $_.Description, $_.Device.Name }) -join ' | '
        }

        """

    func testGeneration2BootOrderFollowsDevicesAndSettingsAndPersists() throws {
        let first = try runScript(named: "setup.ps1", Self.showOrder + """
            New-VM -Name g2 -Generation 2 -NewVHDPath g2.vhdx -NewVHDSizeBytes 16MB | Out-Null
            Show-Order g2
            Add-VMDvdDrive g2
            Show-Order g2
            Set-VMFirmware g2 -FirstBootDevice (Get-VMDvdDrive g2)
            Show-Order g2
            Get-VMFirmware g2 | Format-List VMName, BootOrder
            $source = (Get-VMFirmware g2).BootOrder[0]
            $source.GetType().FullName
            $source.PSObject.TypeNames[0]
            "$source"
            Set-VMFirmware g2 -BootOrder (Get-VMNetworkAdapter g2), (Get-VMHardDiskDrive g2) -Passthru | ForEach-Object { $_.BootOrder.Count }
            Show-Order g2
            """)
        XCTAssertEqual(first.stdout, """
            Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0 | Network:EFI Network:Network Adapter
            Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0 | Network:EFI Network:Network Adapter | Drive:EFI SCSI Device:DVD Drive on SCSI controller number 0 at location 1
            Drive:EFI SCSI Device:DVD Drive on SCSI controller number 0 at location 1 | Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0 | Network:EFI Network:Network Adapter

            VMName    : g2
            BootOrder : {Drive, Drive, Network}

            Microsoft.HyperV.PowerShell.VMBootSource
            Microsoft.HyperV.PowerShell.VMBootSource
            Drive
            2
            Network:EFI Network:Network Adapter | Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0

            """, first.stderr)
        XCTAssertEqual(first.stderr, "")

        // A new process reads the order from the inventory; a removed device leaves it.
        let second = try runScript(named: "later.ps1", Self.showOrder + """
            Show-Order g2
            Get-VMHardDiskDrive g2 | Remove-VMHardDiskDrive
            Show-Order g2
            Set-VMFirmware g2 -FirstBootDevice (Get-VMDvdDrive g2)
            Show-Order g2
            """)
        XCTAssertEqual(second.stdout, """
            Network:EFI Network:Network Adapter | Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0
            Network:EFI Network:Network Adapter
            Drive:EFI SCSI Device:DVD Drive on SCSI controller number 0 at location 1 | Network:EFI Network:Network Adapter

            """, second.stderr)
    }

    func testNewVMBootDeviceAndBios() throws {
        let result = try runScript(named: "bios.ps1", Self.showOrder + """
            New-VM -Name cd2 -Generation 2 -BootDevice CD -NewVHDPath cd2.vhdx -NewVHDSizeBytes 16MB | Out-Null
            Show-Order cd2
            New-VM -Name net2 -Generation 2 -BootDevice NetworkAdapter -NewVHDPath net2.vhdx -NewVHDSizeBytes 16MB | Out-Null
            Show-Order net2
            New-VM -Name g1 -Generation 1 | Out-Null
            (Get-VMBios g1).StartupOrder -join ','
            Set-VMBios g1 -StartupOrder IDE, CD, LegacyNetworkAdapter, Floppy -EnableNumLock
            Get-VMBios g1 | Format-List VMName, StartupOrder, NumLockEnabled
            (Get-VMBios g1).StartupOrder[0].GetType().FullName
            New-VM -Name pxe1 -Generation 1 -BootDevice LegacyNetworkAdapter | Out-Null
            (Get-VMBios pxe1).StartupOrder -join ','
            """)
        XCTAssertEqual(result.stdout, """
            Drive:EFI SCSI Device:DVD Drive on SCSI controller number 0 at location 1 | Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0 | Network:EFI Network:Network Adapter
            Network:EFI Network:Network Adapter | Drive:EFI SCSI Device:Hard Drive on SCSI controller number 0 at location 0
            CD,IDE,LegacyNetworkAdapter,Floppy

            VMName         : g1
            StartupOrder   : {IDE, CD, LegacyNetworkAdapter, Floppy}
            NumLockEnabled : True

            Microsoft.HyperV.PowerShell.BootDevice
            LegacyNetworkAdapter,CD,IDE,Floppy

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    func testHyperVErrorsForWrongGenerationAndForeignDevices() throws {
        let result = try runScript(named: "errors.ps1", """
            New-VM -Name g1 -Generation 1 | Out-Null
            New-VM -Name g2 -Generation 2 | Out-Null
            function Check([scriptblock]$Body) {
                $ErrorActionPreference = 'Stop'
                try { & $Body; 'no error' } catch { $_.FullyQualifiedErrorId + ' | ' + $_.Exception.Message }
            }
            Check { Set-VMFirmware g1 -FirstBootDevice (Get-VMDvdDrive g1) }
            Check { Get-VMBios g2 }
            Check { Set-VMBios g2 -StartupOrder IDE, CD, LegacyNetworkAdapter, Floppy }
            Check { Set-VMFirmware g2 -FirstBootDevice (Get-VMDvdDrive g1) }
            Check { Set-VMBios g1 -StartupOrder IDE, CD }
            Check { Set-VMFirmware g2 -FirstBootDevice 'CD' }
            ((Get-VMFirmware g2).BootOrder | ForEach-Object BootType) -join ','
            (Get-VMBios g1).StartupOrder -join ','
            """)
        XCTAssertEqual(result.stdout, """
            InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware | Generation 1 virtual machines do not support the VMFirmware cmdlets. Use Get-VMBios and Set-VMBios instead.
            InvalidParameter,Microsoft.HyperV.PowerShell.Commands.GetVMBios | Generation 2 virtual machines do not support the VMBios cmdlets. Use Get-VMFirmware and Set-VMFirmware instead.
            InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMBios | Generation 2 virtual machines do not support the VMBios cmdlets. Use Get-VMFirmware and Set-VMFirmware instead.
            InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware | The boot device (Drive) belongs to virtual machine 'g1', not to virtual machine 'g2'.
            InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMBios | The startup order 'IDE, CD' is not valid for 'g1': it must list Floppy, CD, IDE and LegacyNetworkAdapter, each once.
            CannotConvertArgumentNoMessage,Microsoft.HyperV.PowerShell.Commands.SetVMFirmware | Cannot bind parameter 'FirstBootDevice'. Cannot convert the "CD" value of type "System.String" to type "Microsoft.HyperV.PowerShell.VMComponentObject".
            Network
            CD,IDE,LegacyNetworkAdapter,Floppy

            """, result.stderr)
    }
}
