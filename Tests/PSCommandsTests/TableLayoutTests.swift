import XCTest
@testable import PSCommands

/// Layout-level checks taken from PowerShell's Format-Table.Tests.ps1 / Format-List.Tests.ps1
/// expectations, driven through the record protocol Out-String uses.
final class TableLayoutTests: XCTestCase {
    func render(_ records: [FormatRecord], width: Int = 120, listWidth: Int? = nil) -> String {
        var out = ""
        var o = FormatOutputter(screenWidth: width, listWidth: listWidth) { out += $0 + "\n" }
        for r in records { o.process(r) }
        o.finish()
        return out
    }

    func table(_ cols: [TableColumnHeader], _ rows: [[String]], autosize: Bool = false, wrap: Bool = false,
               hide: Bool = false, width: Int = 120) -> String {
        var recs: [FormatRecord] = [.formatStart(.table(columns: cols, hideHeader: hide), autosize: autosize), .groupStart(label: nil)]
        for r in rows { recs.append(.tableRow(r.map { TableCell($0) }, wrap: wrap)) }
        recs += [.groupEnd, .formatEnd]
        return render(recs, width: width)
    }

    func testImplicitAutosizeFromValues() {
        let cols = [TableColumnHeader(label: "abc"), TableColumnHeader(label: "bcd")]
        XCTAssertEqual(table(cols, [["1234", "123"], ["1", "1234"]]), "\nabc  bcd\n---  ---\n1234 123\n1    1234\n\n")
        XCTAssertEqual(table(cols, [["123", "1234"], ["1", "123"]]), "\nabc bcd\n--- ---\n123 1234\n1   123\n\n")
    }

    func testHeaderFollowsAlignment() {
        let lr = [TableColumnHeader(label: "a"), TableColumnHeader(label: "b", alignment: .right)]
        XCTAssertEqual(table(lr, [["abc", "123"]]), "\na     b\n-     -\nabc 123\n\n")
        let rl = [TableColumnHeader(label: "a", alignment: .right), TableColumnHeader(label: "b")]
        XCTAssertEqual(table(rl, [["123", "abc"]]), "\n  a b\n  - -\n123 abc\n\n")
        let rr = [TableColumnHeader(label: "a", alignment: .right), TableColumnHeader(label: "b", alignment: .right)]
        XCTAssertEqual(table(rr, [["123", "123"]]), "\n  a   b\n  -   -\n123 123\n\n")
    }

    func testBoolRightAlignedAutoSize() {
        let cols = [TableColumnHeader(label: "name"), TableColumnHeader(label: "size", alignment: .right),
                    TableColumnHeader(label: "booleanValue", alignment: .right)]
        XCTAssertEqual(table(cols, [["Bob", "1234", "True"], ["Jim", "5678", "False"]], autosize: true),
                       "\nname size booleanValue\n---- ---- ------------\nBob  1234         True\nJim  5678        False\n\n")
    }

    func testWrapMultiLineCells() {
        let v = "This\nIs some random\nmultiline content"
        let right = [TableColumnHeader(label: "A", alignment: .right), TableColumnHeader(label: "B", alignment: .right), TableColumnHeader(label: "Name")]
        XCTAssertEqual(table(right, [["1", "2", v]], wrap: true),
                       "\nA B Name\n- - ----\n1 2 This\n    Is some random\n    multiline content\n\n")
        let left = [TableColumnHeader(label: "Name"), TableColumnHeader(label: "A", alignment: .right), TableColumnHeader(label: "B", alignment: .right)]
        XCTAssertEqual(table(left, [[v, "1", "2"]], wrap: true),
                       "\nName                                  A B\n----                                  - -\nThis                                  1 2\nIs some random\nmultiline content\n\n")
        let middle = [TableColumnHeader(label: "A", alignment: .right), TableColumnHeader(label: "Name"), TableColumnHeader(label: "B", alignment: .right)]
        XCTAssertEqual(table(middle, [["1", v, "2"]], wrap: true),
                       "\nA Name                                  B\n- ----                                  -\n1 This                                  2\n  Is some random\n  multiline content\n\n")
    }

    func testNoWrapCutsAtFirstLine() {
        let cols = [TableColumnHeader(label: "name", width: 10)]
        XCTAssertEqual(table(cols, [["1\n2"]]), "\nname\n----\n1…\n\n")
    }

    func testCenterFixedWidth() {
        let cols = [TableColumnHeader(label: "one", width: 10, alignment: .center)]
        XCTAssertEqual(table(cols, [["1"]]), "\n   one\n   ---\n    1\n\n")
    }

    func testViewAlignmentLeftCenterRight() {
        let cols = [TableColumnHeader(label: "Left"), TableColumnHeader(label: "Center", alignment: .center),
                    TableColumnHeader(label: "Right", alignment: .right)]
        XCTAssertEqual(table(cols, [["1", "2", "3"]]), "\nLeft Center Right\n---- ------ -----\n1      2        3\n\n")
    }

    func testTruncationWithWideCharacters() {
        let left = [TableColumnHeader(label: "Left", width: 4)]
        XCTAssertEqual(table(left, [["123\u{2B758}"]]).replacingAll("\n", with: ""), "Left----123…")
        let center = [TableColumnHeader(label: "Center", width: 6, alignment: .center)]
        XCTAssertEqual(table(center, [["12345\u{2B758}"]]).replacingAll("\n", with: ""), "Center------12345…")
    }

    /// Fixed widths 4,7,5 with Left/Right/Center columns and long labels (Format-Table.Tests.ps1).
    func testMultiRowHeadersAndTruncation() {
        let cols = [TableColumnHeader(label: "LongLongHeader", width: 4), TableColumnHeader(label: "Header2", width: 7, alignment: .right),
                    TableColumnHeader(label: "Header3", width: 5, alignment: .center)]
        let narrow = table(cols, [["1", "2", "3"]])
        XCTAssertEqual(narrow.replacingAll(" ", with: "*"),
                       "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1**********2***3\n\n")
        let wide = table(cols, [["12345", "12345678", "123456"]])
        XCTAssertEqual(wide.replacingAll(" ", with: "*"),
                       "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n123…*…345678*1234…\n\n")
        let wrapped = table(cols, [["12345", "12345678", "123456"]], wrap: true)
        XCTAssertEqual(wrapped.replacingAll(" ", with: "*"),
                       "\nLong*Header2*Heade\nLong**********r3\nHead\ner\n----*-------*-----\n1234*1234567*12345\n5**********8***6\n\n")
    }

    func testHeaderSpanningRowsLastColumn() {
        let cols = [TableColumnHeader(label: "LongLongHeader", width: 14), TableColumnHeader(label: "Header2", width: 7),
                    TableColumnHeader(label: "Header3", width: 3)]
        XCTAssertEqual(table(cols, [["1", "2", "3"]]),
                       "\nLongLongHeader Header2 Hea\n                       der\n                       3\n-------------- ------- ---\n1              2       3\n\n")
    }

    func testHideTableHeadersHasNoTrailingSpace() {
        let cols = [TableColumnHeader(label: "a", alignment: .right), TableColumnHeader(label: "b", alignment: .right)]
        XCTAssertEqual(table(cols, [["1", "2"]], hide: true), "\n1 2\n\n")
    }

    func testDoubleWidthCharacters() {
        let cols = [TableColumnHeader(label: "哇"), TableColumnHeader(label: "dbda"), TableColumnHeader(label: "消息")]
        XCTAssertEqual(table(cols, [["62", "KM", "千"]]), "\n哇 dbda 消息\n-- ---- ----\n62 KM   千\n\n")
    }

    func testScreenWidthSharedOutAndColumnsDroppedFromTheRight() {
        // Fixed 10 + 10 on a 15-wide screen: the second column shrinks to 4.
        let cols = [TableColumnHeader(label: "a", width: 10), TableColumnHeader(label: "b", width: 10)]
        XCTAssertEqual(table(cols, [["x", "abcdefgh"]], width: 15), "\na          b\n-          -\nx          abc…\n\n")
        // 10 + 10 + 10 on 12: the second shrinks to 1, the third is hidden.
        let three = [TableColumnHeader(label: "a", width: 10), TableColumnHeader(label: "b", width: 10), TableColumnHeader(label: "c", width: 10)]
        XCTAssertEqual(table(three, [["x", "yy", "z"]], width: 12), "\na          b\n-          -\nx          y\n\n")
        // Right aligned and cut: keeps the tail.
        let r = [TableColumnHeader(label: "n", width: 4, alignment: .right)]
        XCTAssertEqual(table(r, [["123456"]]), "\n   n\n   -\n…456\n\n")
    }

    func testUnsizedColumnsShareTheScreen() {
        // First column fixed: the others are not sized from data but share what is left.
        let cols = [TableColumnHeader(label: "a", width: 5), TableColumnHeader(label: "b"), TableColumnHeader(label: "c")]
        XCTAssertEqual(table(cols, [["x", "y", "z"]], width: 20), "\na     b       c\n-     -       -\nx     y       z\n\n")
    }

    func testLongValueShrunkToScreen() {
        let cols = [TableColumnHeader(label: "Name"), TableColumnHeader(label: "Value")]
        let out = table(cols, [["test", String(repeating: "1", count: 200)]], autosize: true)
        let longest = out.split(separator: "\n").map { DisplayCells.width(String($0)) }.max()
        XCTAssertEqual(longest, 120)
        XCTAssertTrue(out.contains("test " + String(repeating: "1", count: 114) + "…"))
    }

    func testSecondDocumentIsNotSizedByTheFirst() {
        let auto = [TableColumnHeader(label: "a"), TableColumnHeader(label: "b")]
        let fixed = [TableColumnHeader(label: "x", width: 3), TableColumnHeader(label: "y", width: 2), TableColumnHeader(label: "z", width: 2)]
        let recs: [FormatRecord] = [
            .formatStart(.table(columns: auto, hideHeader: false), autosize: true), .groupStart(label: nil),
            .tableRow([TableCell("long value"), TableCell("1")], wrap: false), .groupEnd, .formatEnd,
            .formatStart(.table(columns: fixed, hideHeader: false), autosize: false), .groupStart(label: nil),
            .tableRow([TableCell("1"), TableCell("2"), TableCell("3")], wrap: false), .groupEnd, .formatEnd,
        ]
        XCTAssertEqual(render(recs), "\na          b\n-          -\nlong value 1\n\n\nx   y  z\n-   -  -\n1   2  3\n\n")
    }

    func testGroupHeadersAndBlankLineBetweenGroups() {
        let cols = [TableColumnHeader(label: "Name")]
        let recs: [FormatRecord] = [
            .formatStart(.table(columns: cols, hideHeader: false), autosize: false),
            .groupStart(label: "   State: Off"), .tableRow([TableCell("a")], wrap: false),
            .groupEnd, .rawText(""),
            .groupStart(label: "   State: Running"), .tableRow([TableCell("bb")], wrap: false),
            .groupEnd, .formatEnd,
        ]
        XCTAssertEqual(render(recs), "\n   State: Off\n\nName\n----\na\n\n   State: Running\n\nName\n----\nbb\n\n")
    }
}

final class ListLayoutTests: XCTestCase {
    func render(_ records: [FormatRecord], listWidth: Int = 120) -> String {
        var out = ""
        var o = FormatOutputter(screenWidth: 120, listWidth: listWidth) { out += $0 + "\n" }
        for r in records { o.process(r) }
        o.finish()
        return out
    }

    func list(_ objects: [[(String, String)]], width: Int = 120) -> String {
        var recs: [FormatRecord] = [.formatStart(.list, autosize: false), .groupStart(label: nil)]
        for o in objects { recs.append(.listEntry(o.map { ListField(label: $0.0, value: $0.1) })) }
        recs += [.groupEnd, .formatEnd]
        return render(recs, listWidth: width)
    }

    func testLabelsPaddedAndOneBlankLineAfterEachObject() {
        XCTAssertEqual(list([[("testName", "testValue")]]), "\ntestName : testValue\n\n")
        XCTAssertEqual(list([[("Name", "name1"), ("Length", "1")], [("Name", "name2"), ("Length", "2")]]),
                       "\nName   : name1\nLength : 1\n\nName   : name2\nLength : 2\n\n")
    }

    func testWideCharacterLabels() {
        XCTAssertEqual(list([[("哇", "62"), ("dbda", "KM"), ("消息", "千")]]), "\n哇   : 62\ndbda : KM\n消息 : 千\n\n")
    }

    func testContinuationLinesIndentedToValueColumn() {
        let id = "Microsoft:878A95FA-924D-4483-8721-170D5F23D3E0\\b637f346-6a0e-4dec-af52-bd70cb80a21d\\0"
        let label = "CompatibilityForOlderOperatingSystemsEnabled"
        // Out-Default writes lists one cell short of the console (PowerShell keeps the last column free).
        let out = list([[(label, "False"), ("Id", id)]], width: 119)
        let pad = String(repeating: " ", count: 47)
        XCTAssertEqual(out, "\n\(label) : False\nId" + String(repeating: " ", count: 42) + " : Microsoft:878A95FA-924D-4483-8721-170D5F23D3E0\\b637f346-6a0e-4dec-af52-b\n\(pad)d70cb80a21d\\0\n\n")
        let multi = list([[("a", "x\ny"), ("bb", "z")]])
        XCTAssertEqual(multi, "\na  : x\n     y\nbb : z\n\n")
    }
}

final class WideLayoutTests: XCTestCase {
    func testItemsPerRowFromLongestItem() {
        XCTAssertEqual(TableWriter.wideItemsPerRow(itemWidth: 10, screenWidth: 120), 10)
        XCTAssertEqual(TableWriter.wideItemsPerRow(itemWidth: 39, screenWidth: 120), 3)
        XCTAssertEqual(TableWriter.wideItemsPerRow(itemWidth: 40, screenWidth: 120), 2)
        XCTAssertEqual(TableWriter.wideItemsPerRow(itemWidth: 200, screenWidth: 120), 1)
        var out = ""
        var o = FormatOutputter(screenWidth: 20) { out += $0 + "\n" }
        let recs: [FormatRecord] = [.formatStart(.wide(columns: 0), autosize: true), .groupStart(label: nil),
                                    .wideEntry("name1"), .wideEntry("name2"), .wideEntry("name3"), .groupEnd, .formatEnd]
        for r in recs { o.process(r) }
        // 5-cell items: 3 fit in 20 cells (5*4+3 = 23 does not); the screen is shared out 6/6/6.
        XCTAssertEqual(out, "\nname1  name2  name3\n\n")
    }
}
