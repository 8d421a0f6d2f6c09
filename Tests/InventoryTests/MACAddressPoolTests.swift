import Foundation
import XCTest
@testable import Inventory
import NetworkAddresses

final class MACAddressPoolTests: XCTestCase {
    func testTheDefaultPoolIsMicrosoftsPrefixTwoHostBytesAnd256Addresses() {
        let pool = MACAddressPool.hostDefault(hostBytes: (0x01, 0xA2))
        XCTAssertEqual(pool.minimum.compact, "00155D01A200")
        XCTAssertEqual(pool.maximum.compact, "00155D01A2FF")
        XCTAssertEqual(pool.capacity, 256)
        let derived = MACAddressPool.hostDefault()
        XCTAssertEqual(Array(derived.minimum.bytes.prefix(3)), [0x00, 0x15, 0x5D])
        XCTAssertEqual(derived.minimum.bytes[5], 0)
        XCTAssertEqual(derived.maximum.bytes[5], 0xFF)
    }

    func testAllocationIsSequentialUniqueAndPersisted() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let owner = UUID()
        let (first, second) = try inventory.transaction { tx in
            (try tx.allocateMACAddress(for: owner), try tx.allocateMACAddress(for: owner))
        }
        XCTAssertEqual(second.rawValue, first.rawValue + 1)
        let pool = try inventory.read { try $0.macAddressPool() }
        XCTAssertEqual(first, pool.minimum)
        XCTAssertEqual(try inventory.read { try $0.leaseHolder(of: first) }, owner)
        // A new store continues after the last one handed out.
        let third = try Inventory(root: root).transaction { try $0.allocateMACAddress(for: UUID()) }
        XCTAssertEqual(third.rawValue, second.rawValue + 1)
    }

    func testExhaustionIsAnErrorAndAReleasedAddressIsReusedAfterWrapping() throws {
        let inventory = try Inventory(root: try makeTemporaryRoot(self))
        let low = MACAddress("00155D000010")!, high = MACAddress("00155D000012")!
        try inventory.transaction { try $0.setMACAddressPool(minimum: low, maximum: high) }
        let taken = try inventory.transaction { tx in try (0..<3).map { _ in try tx.allocateMACAddress(for: UUID()) } }
        XCTAssertEqual(taken.map(\.compact), ["00155D000010", "00155D000011", "00155D000012"])
        XCTAssertThrowsError(try inventory.transaction { try $0.allocateMACAddress(for: UUID()) }) { error in
            XCTAssertEqual(error as? InventoryError, .macPoolExhausted(minimum: low, maximum: high))
        }
        try inventory.transaction { $0.releaseMACAddress(taken[1]) }
        XCTAssertEqual(try inventory.transaction { try $0.allocateMACAddress(for: UUID()) }, taken[1])
        XCTAssertThrowsError(try inventory.transaction { try $0.setMACAddressPool(minimum: high, maximum: low) })
    }
}
