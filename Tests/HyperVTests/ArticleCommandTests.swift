import Foundation
import XCTest
import Inventory
import PSRuntime
@testable import HyperV

/// The article's three host commands, verbatim, against a VM made the way the article's reader
/// would, through the real parser, binder, evaluator and formatter.
final class ArticleCommandTests: XCTestCase {
    func expectedProcessorList(vm: VMConfiguration, expose: Bool) -> String {
        let rows: [(String, String)] = [
            ("ResourcePoolName", "Primordial"), ("Count", "1"), ("CompatibilityForMigrationEnabled", "False"),
            ("CompatibilityForMigrationMode", "MinimumFeatureSet"), ("CompatibilityForOlderOperatingSystemsEnabled", "False"),
            ("HwThreadCountPerCore", "0"), ("ExposeVirtualizationExtensions", expose ? "True" : "False"), ("EnablePerfmonPmu", "False"),
            ("EnablePerfmonLbr", "False"), ("EnablePerfmonPebs", "False"), ("EnablePerfmonIpt", "False"), ("EnableLegacyApicMode", "False"),
            ("ApicMode", "Default"), ("AllowACountMCount", "True"), ("CpuBrandString", ""), ("PerfCpuFreqCapMhz", "0"),
            ("Maximum", "100"), ("Reserve", "0"), ("RelativeWeight", "100"), ("MaximumCountPerNumaNode", "4"),
            ("MaximumCountPerNumaSocket", "1"), ("EnableHostResourceProtection", "False"),
            ("OperationalStatus", "{Ok, HostResourceProtectionDisabled}"), ("StatusDescription", "{OK, Host resource protection is disabled.}"),
            ("Name", "Processor"), ("Id", "Microsoft:\(vm.idUpper)\\b637f346-6a0e-4dec-af52-bd70cb80a21d\\0"), ("VMId", vm.idLower),
            ("VMName", "Server2016"), ("VMSnapshotId", "00000000-0000-0000-0000-000000000000"), ("VMSnapshotName", ""),
            ("CimSession", "CimSession: ."), ("ComputerName", "HVSHTEST"), ("IsDeleted", "False"),
            ("VMCheckpointId", "00000000-0000-0000-0000-000000000000"), ("VMCheckpointName", ""),
        ]
        let lines = rows.map { label, value in label.padding(toLength: 44, withPad: " ", startingAt: 0) + " : " + value }
        return "\n" + lines.joined(separator: "\n") + "\n\n"
    }

    func testTheArticlesThreeCommandsOnServer2016AndTheirPersistence() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let created = shell.run("New-VM -Name Server2016 -MemoryStartupBytes 2GB -Generation 2")
        XCTAssertEqual(created.other, "")
        XCTAssertEqual(created.output, """

            Name       State CPUUsage(%) MemoryAssigned(M) Uptime   Status             Version
            ----       ----- ----------- ----------------- ------   ------             -------
            Server2016 Off   0           0                 00:00:00 Operating normally 10.0


            """)
        let host = try shell.host()
        let vm = try XCTUnwrap(host.allVMs().records.first)
        XCTAssertEqual(vm.memory.startup, 2 * 1_073_741_824)
        XCTAssertEqual(vm.generation, 2)

        let before = shell.run("Get-VMProcessor -VMName Server2016 | fl *", width: 250)
        XCTAssertEqual(before.other, "")
        XCTAssertEqual(before.output, expectedProcessorList(vm: vm, expose: false))

        let set = shell.run("Set-VMProcessor -VMName Server2016 -ExposeVirtualizationExtensions $true")
        XCTAssertEqual(set.output + set.other, "", "Hyper-V prints nothing when it succeeds")

        let spoof = shell.run("Get-VMNetworkAdapter -VMname Server2016 | Set-VMNetworkAdapter -MacAddressSpoofing On")
        XCTAssertEqual(spoof.output + spoof.other, "")

        // A new session (each run is one, as each hvsh process is) sees both changes.
        let after = shell.run("Get-VMProcessor -VMName Server2016 | fl *", width: 250)
        XCTAssertEqual(after.output, expectedProcessorList(vm: vm, expose: true))
        let adapter = shell.run("(Get-VMNetworkAdapter -VMName Server2016).MacAddressSpoofing")
        XCTAssertEqual(adapter.output, "On\n")
        let list = shell.run("Get-VMNetworkAdapter -VMName Server2016 | fl MacAddressSpoofing")
        XCTAssertTrue(list.output.contains("MacAddressSpoofing : On"), list.output)
    }

    func testTheArticlesCommandsWithThePlaceholderGiveHyperVsNotFoundError() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        let commands = [
            ("Get-VMProcessor -VMName vm_name | fl *", "GetVMProcessor"),
            ("Set-VMProcessor -VMName vm_name -ExposeVirtualizationExtensions $true", "SetVMProcessor"),
            ("Get-VMNetworkAdapter -VMname vm_name | Set-VMNetworkAdapter -MacAddressSpoofing On", "GetVMNetworkAdapter"),
        ]
        for (command, cmdletClass) in commands {
            let run = shell.run(command + "\n$Error[0].FullyQualifiedErrorId\n$Error[0].CategoryInfo.Category")
            XCTAssertTrue(run.other.contains("Hyper-V was unable to find a virtual machine with name \"vm_name\"."), run.other)
            XCTAssertEqual(run.output, "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.\(cmdletClass)\nInvalidArgument\n", command)
        }
    }

    func testRuleErrorsCarryHyperVsFullyQualifiedErrorId() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        _ = shell.run("New-VM Server2016 2GB 2")
        let vm = try XCTUnwrap(try shell.host().allVMs().records.first)
        shell.monitor.set(.Running, for: vm.id)
        let run = shell.run("Set-VMProcessor -VMName Server2016 -ExposeVirtualizationExtensions $true\n$Error[0].FullyQualifiedErrorId")
        XCTAssertTrue(run.other.contains("Failed to modify device 'Processor'."), run.other)
        XCTAssertEqual(run.output, "InvalidState,Microsoft.HyperV.PowerShell.Commands.SetVMProcessor\n")
        let memory = shell.run("Set-VMMemory Server2016 -StartupBytes 3MB\n$Error[0].FullyQualifiedErrorId")
        XCTAssertEqual(memory.output, "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVMMemory\n")
        let generation = shell.run("New-VM -Name G3 -Generation 3")
        XCTAssertTrue(generation.other.contains("Generation"), generation.other)
        XCTAssertEqual(try shell.host().allVMs().records.count, 1)
    }

    func testWhatIfChangesNothingAndSaysWhatWouldHappen() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        _ = shell.run("New-VM -Name Server2016")
        let run = shell.run("Set-VMProcessor -VMName Server2016 -Count 2 -WhatIf\nRemove-VM Server2016 -WhatIf\nNew-VM -Name Other -WhatIf")
        XCTAssertEqual(run.output, """
            What if: Performing the operation "Set-VMProcessor" on target "Server2016".
            What if: Performing the operation "Remove-VM" on target "Server2016".
            What if: Performing the operation "New-VM" on target "Other".

            """)
        let vms = try shell.host().allVMs().records
        XCTAssertEqual(vms.map(\.name), ["Server2016"])
        XCTAssertEqual(vms[0].processor.count, 1)
    }

    func testPipelineBindingOfVMProcessorAndAdapterObjects() throws {
        let shell = try HyperVShell(self)
        try shell.requireEvaluator()
        _ = shell.run("New-VM -Name A; New-VM -Name B")
        let run = shell.run("""
            Get-VM A | Set-VMProcessor -Count 2
            Get-VMProcessor -VMName B | Set-VMProcessor -Count 3
            Get-VM | Get-VMProcessor | ForEach-Object { "$($_.VMName)=$($_.Count)" }
            Get-VM B | Get-VMNetworkAdapter | Set-VMNetworkAdapter -DhcpGuard On -Passthru | ForEach-Object { "$($_.VMName) $($_.DhcpGuard)" }
            'A' | Get-VMMemory | ForEach-Object { $_.Startup }
            """)
        XCTAssertEqual(run.other, "")
        XCTAssertEqual(run.output, "A=2\nB=3\nB On\n1073741824\n")
    }
}
