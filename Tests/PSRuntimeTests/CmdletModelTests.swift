import XCTest
@testable import PSRuntime

final class SetThingForTest: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Thing", parameters: [
        Parameter<[String]>("Name", aliases: ["VMName"], position: 0, mandatory: true, valueFromPipeline: true),
        Parameter<SwitchParameter>("Force"),
    ], supportsShouldProcess: true, synopsis: "Changes a thing.")
    init() {}
}

final class CmdletModelTests: XCTestCase {
    func testMetadataIndexesNamesAliasesAndCommonParameters() {
        let m = CommandMetadata(SetThingForTest.declaration)
        XCTAssertEqual(m.index(of: "vmname"), 0)
        XCTAssertEqual(m.index(of: "NAME"), 0)
        XCTAssertNotNil(m.index(of: "ErrorAction"))
        XCTAssertNotNil(m.index(of: "ea"))
        XCTAssertNotNil(m.index(of: "WhatIf"))
        XCTAssertEqual(SetThingForTest.declaration.verb, "Set")
        XCTAssertEqual(SetThingForTest.declaration.noun, "Thing")
    }

    /// The second half of FullyQualifiedErrorId: PowerShell's own modules name the C# class, other
    /// modules the command, and a declaration may name its class outright.
    func testErrorIdSourceFollowsTheModule() {
        let s = ShellSession()
        s.importModule(PSModule(name: "Microsoft.PowerShell.Management", cmdlets: [SetThingForTest.self]))
        XCTAssertEqual(s.registry.cmdlet(named: "Set-Thing")?.metadata.errorIdSource, "Microsoft.PowerShell.Commands.SetThingCommand")
        s.importModule(PSModule(name: "Lab", cmdlets: [SetThingForTest.self]))
        XCTAssertEqual(s.registry.cmdlet(named: "Set-Thing")?.metadata.errorIdSource, "Set-Thing")
        var d = SetThingForTest.declaration
        d.className = "Contoso.Commands.SetThing"
        XCTAssertEqual(CommandClassNames.className(of: d, module: "Microsoft.PowerShell.Utility"), "Contoso.Commands.SetThing")
        XCTAssertEqual(CommandMetadata(d).errorIdSource, "Contoso.Commands.SetThing")
    }

    func testRegistryHasDefaultAliasesAndModuleRegistration() {
        let s = ShellSession()
        XCTAssertEqual(s.registry.aliasTarget("ft"), "Format-Table")
        XCTAssertEqual(s.registry.aliasTarget("?"), "Where-Object")
        XCTAssertEqual(s.registry.aliasTarget("%"), "ForEach-Object")
        XCTAssertEqual(s.registry.aliasTarget("gm"), "Get-Member")
        let onOff = PSEnumType(fullName: "Microsoft.HyperV.PowerShell.OnOffState", names: ["On", "Off"])
        s.importModule(PSModule(name: "Test", cmdlets: [SetThingForTest.self], aliases: [("st", "Set-Thing")], enums: [onOff],
                                formatViews: [FormatView(name: "T", typeNames: ["Test.Thing"], table: [TableColumn("Name", width: 10)])]))
        XCTAssertNotNil(s.registry.cmdlet(named: "set-thing"))
        XCTAssertEqual(s.registry.aliasTarget("ST"), "Set-Thing")
        XCTAssertEqual(s.types.resolve("OnOffState"), .enumType(onOff))
        XCTAssertEqual(s.registry.formatViews.view(for: ["Test.Thing"], kind: .table)?.tableColumns.first?.width, 10)
    }

    func testShouldProcessWhatIfText() throws {
        let host = BufferHost()
        let s = ShellSession(host: host)
        let streams = CommandStreams(session: s, redirect: s.hostRedirects())
        streams.whatIf = true
        let ctx = CmdletContext(session: s, metadata: CommandMetadata(SetThingForTest.declaration), streams: streams)
        XCTAssertFalse(try ctx.shouldProcess(target: "vm1", action: "Remove-VM"))
        XCTAssertEqual(host.output, "What if: Performing the operation \"Remove-VM\" on target \"vm1\".\n")
    }

    func testErrorRecordCategoryInfoText() {
        let r = ErrorRecord(message: "The term 'x' is not recognized", errorId: "CommandNotFoundException",
                            category: .objectNotFound, target: .string("x"),
                            exceptionType: "System.Management.Automation.CommandNotFoundException")
        XCTAssertEqual(r.categoryInfoText, "ObjectNotFound: (x:String) [], CommandNotFoundException")
        XCTAssertTrue(r.exception.isInstance(of: "System.Management.Automation.RuntimeException"))
        XCTAssertTrue(r.exception.isInstance(of: "CommandNotFoundException"))
        XCTAssertFalse(r.exception.isInstance(of: "System.IO.IOException"))
    }
}
