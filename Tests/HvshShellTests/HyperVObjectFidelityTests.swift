import Foundation
import XCTest

/// Hyper-V object details lab scripts rely on, through the real `hvsh -File` in a sandbox: the
/// type data's alias properties, dynamic MACs taken at the first start (so the default 256-address
/// pool does not cap how many VMs exist), Restart-VM -Force, and the heartbeat of a live guest.
final class HyperVObjectFidelityTests: HvshScriptTestCase {
    override var runsSandboxed: Bool { true }
    override var scriptTimeout: TimeInterval { 120 }

    func testVirtualMachineAndCheckpointAliasProperties() throws {
        let result = try runScript(named: "aliases.ps1", """
            $vm = New-VM -Name lab1 -Generation 2
            Checkpoint-VM lab1 -SnapshotName base
            $vm = Get-VM lab1
            $vm.VMName
            $vm.VMId -eq $vm.Id
            $vm.ParentCheckpointName
            $vm.ParentCheckpointId -eq (Get-VMCheckpoint lab1).Id
            $vm.CheckpointFileLocation -eq $vm.SnapshotFileLocation
            $vm | Get-Member -MemberType AliasProperty | ForEach-Object { '{0} {1} {2}' -f $_.Name, $_.MemberType, $_.Definition }
            ($vm | Select-Object *).PSObject.Properties.Name | Select-Object -Last 6
            Get-VM | Select-Object VMName | Format-Table | Out-String -Stream | Where-Object { $_ }
            (Get-VMCheckpoint lab1).ParentCheckpointName -eq $null
            Get-VMCheckpoint lab1 | Get-Member -MemberType AliasProperty | ForEach-Object Name
            """)
        XCTAssertEqual(result.stdout, """
            lab1
            True
            base
            True
            True
            CheckpointFileLocation AliasProperty CheckpointFileLocation = SnapshotFileLocation
            ParentCheckpointId AliasProperty ParentCheckpointId = ParentSnapshotId
            ParentCheckpointName AliasProperty ParentCheckpointName = ParentSnapshotName
            VMId AliasProperty VMId = Id
            VMName AliasProperty VMName = Name
            EngineInUse
            ParentCheckpointId
            ParentCheckpointName
            VMName
            VMId
            CheckpointFileLocation
            VMName
            ------
            lab1
            True
            ParentCheckpointId
            ParentCheckpointName

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    func testDynamicMACComesFromThePoolAtFirstStartOnly() throws {
        // 300 VMs with the default 256-address pool: creating them takes no address.
        let many = try runScript(named: "many.ps1", """
            1..300 | ForEach-Object { New-VM -Name "vm$_" -NoVHD | Out-Null }
            (Get-VM).Count
            (Get-VMNetworkAdapter -VMName * | Where-Object MacAddress -ne '000000000000').Count
            (Get-VMHost).MacAddressMinimum.Substring(0, 6)
            """, timeout: 300)
        XCTAssertEqual(many.stdout, "300\n0\n00155D\n", many.stderr)

        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("needs /dev/kvm to start the VM") }
        let started = try runScript(named: "start.ps1", """
            New-VM -Name macs -MemoryStartupBytes 64MB -Generation 2 | Out-Null
            Add-VMNetworkAdapter -VMName macs -Name fixed -StaticMacAddress 00155DAB0001
            Get-VMNetworkAdapter macs | ForEach-Object { "$($_.Name) $($_.MacAddress) $($_.DynamicMacAddressEnabled)" }
            Start-VM macs
            $first = (Get-VMNetworkAdapter macs -Name 'Network Adapter').MacAddress
            $first -ne '000000000000' -and $first.StartsWith('00155D')
            Stop-VM macs -TurnOff
            Start-VM macs
            (Get-VMNetworkAdapter macs -Name 'Network Adapter').MacAddress -eq $first
            (Get-VMNetworkAdapter macs -Name fixed).MacAddress
            Stop-VM macs -TurnOff
            Set-VMNetworkAdapter -VMName macs -Name fixed -DynamicMacAddress
            (Get-VMNetworkAdapter macs -Name fixed).MacAddress
            """)
        XCTAssertEqual(started.stdout, """
            Network Adapter 000000000000 True
            fixed 00155DAB0001 False
            True
            True
            00155DAB0001
            000000000000

            """, started.stderr)
    }

    func testRestartVMForceRestartsWithoutAskingAndOffVMGivesStateError() throws {
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("needs /dev/kvm to run VMs") }
        let result = try runScript(named: "restart.ps1", """
            New-VM -Name again -MemoryStartupBytes 64MB -Generation 2 | Out-Null
            try { Restart-VM again -Force -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message.Split([char]10)[-1] }
            Start-VM again
            Start-Sleep -Milliseconds 1500
            (Get-VM again).Uptime.TotalSeconds -ge 1
            Restart-VM again -Force
            $vm = Get-VM again
            "$($vm.State) $($vm.Uptime.TotalSeconds -lt 1)"
            Stop-VM again -TurnOff
            """)
        XCTAssertEqual(result.stdout, """
            InvalidState,Microsoft.HyperV.PowerShell.Commands.RestartVM
            The operation cannot be performed while the virtual machine is in its current state (Off).
            True
            Running True

            """, result.stderr)
    }

    func testHeartbeatComesFromTheGuestAnswering() throws {
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("needs /dev/kvm to run VMs") }
        let result = try runScript(named: "heartbeat.ps1", """
            function Wait-Heartbeat($Name, $Want) {
                $n = 0
                while ((Get-VM $Name).Heartbeat -ne $Want -and $n -lt 100) { Start-Sleep -Milliseconds 100; $n++ }
                "$((Get-VM $Name).Heartbeat)"
            }
            New-VM -Name hb -MemoryStartupBytes 64MB -Generation 2 | Out-Null
            "off: [$((Get-VM hb).Heartbeat)]"
            Start-VM hb
            Wait-Heartbeat hb OkApplicationsUnknown
            (Get-VM hb).Heartbeat.GetType().FullName
            $hb = Get-VMIntegrationService -VMName hb -Name Heartbeat
            "$($hb.PrimaryStatusDescription) $($hb.OperationalStatus)"
            Suspend-VM hb
            (Get-VM hb).Heartbeat
            Resume-VM hb
            Wait-Heartbeat hb OkApplicationsUnknown
            Stop-VM hb -TurnOff
            Disable-VMIntegrationService -VMName hb -Name Heartbeat
            Start-VM hb
            (Get-VM hb).Heartbeat
            Stop-VM hb -TurnOff
            Enable-VMIntegrationService -VMName hb -Name Heartbeat
            # A guest without the heartbeat service (hvsh's counting test guest) never answers.
            Set-VMFirmware hb -KernelPath builtin:counter
            Start-VM hb
            Start-Sleep -Milliseconds 1500
            (Get-VM hb).Heartbeat
            $hb = Get-VMIntegrationService -VMName hb -Name Heartbeat
            "$($hb.PrimaryStatusDescription) $($hb.PrimaryOperationalStatus)"
            Stop-VM hb -TurnOff
            """)
        XCTAssertEqual(result.stdout, """
            off: []
            OkApplicationsUnknown
            Microsoft.HyperV.PowerShell.VMHeartbeatStatus
            OK Ok
            Paused
            OkApplicationsUnknown
            Disabled
            NoContact
            No Contact NoContact

            """, result.stderr)
    }
}
