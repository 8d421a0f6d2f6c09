import XCTest
@testable import PSCommands

final class FormatViewRegistryTests: XCTestCase {
    struct FakeVM { var name: String; var memory: Int }

    func testLookupByTypeNameChainFirstViewIsDefault() {
        let r = FormatViewRegistry()
        r.register(.table(TableView(columns: [TableViewColumn(property: "Name")])), for: "Test.VM")
        r.register(.list(ListView(items: [ListViewItem(property: "Name")])), for: "Test.VM")
        r.register(.wide(WideView(name: "Names", value: .property("Name"))), for: "Test.Base")
        // Derived type first; the lookup is case-insensitive.
        guard case .table? = r.defaultView(forTypeNames: ["test.vm", "Test.Base"]) else { return XCTFail("table expected") }
        XCTAssertNotNil(r.listView(forTypeNames: ["Test.VM"]))
        XCTAssertNil(r.wideView(forTypeNames: ["Test.VM", "Test.Base"]), "only the first type with views counts")
        XCTAssertNotNil(r.wideView(forTypeNames: ["Other", "Test.Base"], named: "names"))
        XCTAssertTrue(r.views(forTypeNames: ["Nothing"]).isEmpty)
    }

    func testComputedSourceOnlyAppliesToItsType() {
        let src = FormatValueSource.computed { (v: FakeVM) in v.memory / 1_048_576 }
        guard case .computed(let f) = src.kind else { return XCTFail() }
        XCTAssertEqual(f(FakeVM(name: "a", memory: 2_097_152)) as? Int, 2)
        XCTAssertNil(f("not a vm"))
        XCTAssertEqual(FormatValueSource.property("Name").propertyName, "Name")
    }
}
