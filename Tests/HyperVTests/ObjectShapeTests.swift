import Foundation
import XCTest
import Inventory
import PSCommands
import PSRuntime
@testable import HyperV

/// The objects the cmdlets write: type names, property order and values as Hyper-V has them, and
/// how the real formatting engine prints them with the module's views.
final class ObjectShapeTests: XCTestCase {
    static let processorProperties = ["ResourcePoolName", "Count", "CompatibilityForMigrationEnabled", "CompatibilityForMigrationMode",
        "CompatibilityForOlderOperatingSystemsEnabled", "HwThreadCountPerCore", "ExposeVirtualizationExtensions", "EnablePerfmonPmu",
        "EnablePerfmonLbr", "EnablePerfmonPebs", "EnablePerfmonIpt", "EnableLegacyApicMode", "ApicMode", "AllowACountMCount",
        "CpuBrandString", "PerfCpuFreqCapMhz", "Maximum", "Reserve", "RelativeWeight", "MaximumCountPerNumaNode",
        "MaximumCountPerNumaSocket", "EnableHostResourceProtection", "OperationalStatus", "StatusDescription", "Name", "Id", "VMId",
        "VMName", "VMSnapshotId", "VMSnapshotName", "CimSession", "ComputerName", "IsDeleted", "VMCheckpointId", "VMCheckpointName"]

    /// Hyper-V's property lists (a copy of the project's reference kept with the tests), parsed, so
    /// every shape is checked against it. A missing file or type is a failure, not a skip: the
    /// fixture ships with the repository.
    static func referenceProperties(_ type: String) throws -> [String] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("reference/hyperv-object-properties.txt").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("## \(type) (") }), header + 1 < lines.count else {
            struct MissingType: Error { let type: String }
            throw MissingType(type: type)
        }
        return lines[header + 1].components(separatedBy: ", ")
    }

    func session() -> ShellSession {
        ShellSession(host: BufferHost(width: 120), modules: [CoreCommands.module, HyperVModule.module])
    }

    /// Format-List * of an object: its properties as an object without a view (more than four → list).
    func formatListAll(_ value: PSValue, width: Int = 250) throws -> String {
        let object = value.asObject!
        let copy = PSObject(typeNames: ["hvsh.Test.Unviewed"])
        for name in object.propertyNames { copy.addNote(name, try object.property(name) ?? .null) }
        return try Formatting.outString([.object(copy)], session: session(), width: width)
    }

    func testVMProcessorHasHyperVs35PropertiesInOrderWithPlainHostValues() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Server2016")
        let object = DeviceObjects.processor.make(DeviceView(owner: HyperVObjects.owner(vm, f.host), settings: vm.processor, index: 0))
        XCTAssertEqual(object.propertyNames, Self.processorProperties)
        XCTAssertEqual(object.typeNames.first, "Microsoft.HyperV.PowerShell.VMProcessor")
        let text = try formatListAll(.object(object))
        let id = "Microsoft:\(vm.idUpper)\\b637f346-6a0e-4dec-af52-bd70cb80a21d\\0"
        for line in [
            "ResourcePoolName                             : Primordial",
            "Count                                        : 1",
            "CompatibilityForMigrationMode                : MinimumFeatureSet",
            "ExposeVirtualizationExtensions               : False",
            "AllowACountMCount                            : True",
            "MaximumCountPerNumaNode                      : 4",
            "OperationalStatus                            : {Ok, HostResourceProtectionDisabled}",
            "StatusDescription                            : {OK, Host resource protection is disabled.}",
            "Name                                         : Processor",
            "Id                                           : \(id)",
            "VMId                                         : \(vm.idLower)",
            "VMName                                       : Server2016",
            "VMSnapshotId                                 : 00000000-0000-0000-0000-000000000000",
            "CimSession                                   : CimSession: .",
            "ComputerName                                 : HVSHTEST",
            "IsDeleted                                    : False",
            "VMCheckpointId                               : 00000000-0000-0000-0000-000000000000",
        ] {
            XCTAssertTrue(text.contains("\n" + line + "\n"), "missing line: \(line)\n\(text)")
        }
        XCTAssertEqual(text.split(separator: "\n").count, 35)
    }

    func testShapesFollowTheReferencePropertyOrder() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Shapes", generation: 1)
        let owner = HyperVObjects.owner(vm, f.host)
        let vmObject = HyperVObjects.vm(vm, f.host).asObject!
        // The .NET properties in the reference's order, hvsh's extensions (the engine), then the type data's alias
        // properties.
        XCTAssertEqual(vmObject.propertyNames, try Self.referenceProperties("VirtualMachine") + ["Engine", "EngineInUse"]
                       + ["ParentCheckpointId", "ParentCheckpointName", "VMName", "VMId", "CheckpointFileLocation"])
        XCTAssertEqual(DeviceObjects.memory.propertyNames, try Self.referenceProperties("VMMemory"))
        XCTAssertEqual(DeviceObjects.networkAdapter.propertyNames, try Self.referenceProperties("VMNetworkAdapter"))
        XCTAssertEqual(DeviceObjects.integrationComponent.propertyNames, try Self.referenceProperties("VMIntegrationComponent"))
        XCTAssertEqual(DeviceObjects.hardDiskDrive.propertyNames, try Self.referenceProperties("HardDiskDrive"))
        XCTAssertEqual(MachineObjects.host.propertyNames, try Self.referenceProperties("VMHost"))
        XCTAssertEqual(MachineObjects.snapshot.propertyNames, try Self.referenceProperties("VMSnapshot")
                       + ["ParentCheckpointId", "ParentCheckpointName"])
        XCTAssertEqual(try vmObject.property("State").map { PSConvert.toString($0) }, "Off")
        XCTAssertEqual(try vmObject.property("VirtualMachineSubType").map { PSConvert.toString($0) }, "Generation1")
        XCTAssertEqual(try vmObject.property("NetworkAdapters").map { PSConvert.toString($0) }, "Network Adapter")
        _ = owner
    }

    func testGetVMTableMatchesHyperVsLayout() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("VM300098957")
        let text = try Formatting.outString([HyperVObjects.vm(vm, f.host)], session: session())
        XCTAssertEqual(text, """

            Name        State CPUUsage(%) MemoryAssigned(M) Uptime   Status             Version
            ----        ----- ----------- ----------------- ------   ------             -------
            VM300098957 Off   0           0                 00:00:00 Operating normally 10.0


            """)
    }

    func testProcessorAndMemoryTablesMatchHyperVsLayout() throws {
        let f = try ServiceFixture(self)
        var vm = try f.newVM("VM300098957", memory: 4096 * 1_048_576)
        vm = try f.host.setProcessor(of: vm) { $0.count = 2 }
        vm = try f.host.setMemory(of: vm) { $0.dynamicMemoryEnabled = true; $0.minimum = 2048 * 1_048_576; $0.maximum = 6144 * 1_048_576 }
        let owner = HyperVObjects.owner(vm, f.host)
        let processor = try Formatting.outString([.object(DeviceObjects.processor.make(DeviceView(owner: owner, settings: vm.processor, index: 0)))], session: session())
        XCTAssertEqual(processor, """

            VMName      Count CompatibilityForMigrationEnabled CompatibilityForOlderOperatingSystemsEnabled
            ------      ----- -------------------------------- --------------------------------------------
            VM300098957 2     False                            False


            """)
        let memory = try Formatting.outString([.object(DeviceObjects.memory.make(DeviceView(owner: owner, settings: vm.memory, index: 0)))], session: session())
        XCTAssertEqual(memory, """

            VMName      DynamicMemoryEnabled Minimum(M) Startup(M) Maximum(M)
            ------      -------------------- ---------- ---------- ----------
            VM300098957 True                 2048       4096       6144


            """)
    }

    func testNetworkAdapterTableAndSpoofingValue() throws {
        let f = try ServiceFixture(self)
        let vm = try f.host.assignDynamicMACs(try f.newVM("IT-HELP-101"))
        let adapter = try f.host.updateNetworkAdapter(vm.networkAdapters[0].adapterId, of: vm) { $0.macAddressSpoofing = .On }
        let object = DeviceObjects.networkAdapter.make(DeviceView(owner: HyperVObjects.owner(vm, f.host), settings: adapter, index: 0))
        XCTAssertEqual(try object.property("MacAddressSpoofing").map { PSConvert.toString($0) }, "On")
        let mac = adapter.macAddress!.compact
        let text = try Formatting.outString([.object(object)], session: session())
        XCTAssertEqual(text, """

            Name            IsManagementOs VMName      SwitchName MacAddress   Status IPAddresses
            ----            -------------- ------      ---------- ----------   ------ -----------
            Network Adapter False          IT-HELP-101            \(mac) {}     {}


            """)
    }

    func testSnapshotAndIntegrationServiceTables() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("RDP-Workstation")
        let record = try f.host.checkpoint(vm, name: "No-Software")
        let snapshot = try SnapshotSupport.objects([record], f.host)
        let text = try Formatting.outString(snapshot, session: session())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[1].hasPrefix("VMName          Name        SnapshotType CreationTime "), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix(" ParentSnapshotName"), String(lines[1]))
        XCTAssertTrue(lines[3].hasPrefix("RDP-Workstation No-Software Standard     "), String(lines[3]))
        let owner = HyperVObjects.owner(vm, f.host)
        let services = vm.integrationServices.enumerated().map {
            PSValue.object(DeviceObjects.integrationComponent.make(DeviceView(owner: owner, settings: $0.element, index: $0.offset)))
        }
        let table = try Formatting.outString(services, session: session())
        XCTAssertTrue(table.contains("VMName          Name                    Enabled PrimaryStatusDescription SecondaryStatusDescription"), table)
        XCTAssertTrue(table.contains("RDP-Workstation Guest Service Interface False"), table)
        XCTAssertTrue(table.contains("RDP-Workstation Heartbeat               True"), table)
    }
}
