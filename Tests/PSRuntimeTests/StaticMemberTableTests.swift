import XCTest
@testable import PSRuntime

/// The static-member table is the only description of `[Type]::Member`: each type is keyed once,
/// each member named once, and every definition reads as Get-Member prints one.
final class StaticMemberTableTests: XCTestCase {
    func testEveryTypeAndMemberIsDeclaredOnce() {
        var seenKeys: Set<String> = []
        for type in StaticTypes.all {
            XCTAssertFalse(type.keys.isEmpty)
            for key in type.keys {
                XCTAssertEqual(key, key.lowercased(), key)
                XCTAssertFalse(key.hasPrefix("system."), key)
                XCTAssertTrue(seenKeys.insert(key).inserted, "\(key) is declared twice")
            }
            let names = type.properties.map { $0.name.lowercased() } + type.methods.map { $0.name.lowercased() }
            XCTAssertEqual(Set(names).count, names.count, "\(type.keys[0]) declares a member twice: \(names.sorted())")
        }
    }

    func testDefinitionsAreWrittenAsGetMemberShowsThem() {
        for type in StaticTypes.all {
            // A field (a constant here) reads `static datetime MaxValue {get;}`, a property
            // `datetime Now {get;}`: PowerShell's Get-Member writes `static` only for fields.
            for property in type.properties {
                XCTAssertEqual(property.definition.hasPrefix("static "), property.isField, property.definition)
                XCTAssertTrue(property.definition.hasSuffix(" \(property.name) {get;}") || property.definition.hasSuffix(" \(property.name) {get;set;}"),
                              property.definition)
            }
            for method in type.methods {
                XCTAssertFalse(method.overloads.isEmpty, method.name)
                for overload in method.overloads {
                    // A generic method's definition names its type parameters: `Select[TSource, TResult](`.
                    XCTAssertTrue(overload.hasPrefix("static ") && (overload.contains(" \(method.name)(") || overload.contains(" \(method.name)[")),
                                  "\(type.keys[0]): \(overload)")
                }
            }
        }
    }
}
