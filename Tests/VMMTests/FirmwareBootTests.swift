import Glibc
import NetworkAddresses
@testable import VMM
import XCTest

final class FirmwareBootTests: XCTestCase {
    func testBuiltInFirmwarePrintsBannerWithVMShape() throws {
        try requireKVM()
        let console = ConsoleRecorder()
        let mac = MACAddress(bytes: [0x00, 0x15, 0x5D, 0x01, 0x02, 0x0A])!
        let machine = try Machine(configuration: MachineConfiguration(vcpuCount: 2, memorySize: 256 << 20, macAddresses: [mac]),
                                  console: console.sink)
        try machine.start()
        console.wait(for: "ready")
        machine.requestExit(.turnedOff)
        XCTAssertEqual(machine.waitForExit(), .turnedOff)

        let vendor = try KVMSystem().supportedCPUID().vendor
        let text = console.text
        XCTAssertTrue(text.contains("vCPUs: 2\r\n"), text)
        XCTAssertTrue(text.contains("memory: 256 MB\r\n"), text)
        XCTAssertTrue(text.contains("CPU vendor: \(vendor)\r\n"), text)
        XCTAssertTrue(text.contains("NIC 0: 00:15:5d:01:02:0a\r\n"), text)
        let nesting = try KVMSystem().nestingSupport()
        if nesting.offersVMX || nesting.offersSVM {
            XCTAssertTrue(text.contains("virtualization extensions: not visible"), "masked unless exposed: \(text)")
        } else {
            XCTAssertTrue(text.contains("virtualization extensions: not visible\r\n"), text)
        }
    }
}
