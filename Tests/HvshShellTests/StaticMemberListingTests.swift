import XCTest

/// `Get-Member -Static` and `[Type]::Member` answer from one table: a type whose statics work is
/// listed, and what is listed works (before the table, [uint32], [console] and [Text.Encoding]
/// answered `[Type]::Member` but listed nothing).
final class StaticMemberListingTests: HvshScriptTestCase {
    func testWhatGetMemberListsIsWhatTheTypeAnswers() throws {
        let result = try runScript("""
            [uint32] | Get-Member -Static | ForEach-Object { $_.MemberType + ' ' + $_.Name + ': ' + $_.Definition }
            [uint32]::MaxValue
            $parsed = 0
            [uint32]::TryParse('42', [ref]$parsed)
            $parsed
            [console] | Get-Member -Static -MemberType Property | ForEach-Object Name
            [Text.Encoding] | Get-Member -Static | ForEach-Object Name
            [Text.Encoding]::ASCII.EncodingName
            [object] | Get-Member -Static -MemberType Method | ForEach-Object Name
            $table = @{}
            [object]::ReferenceEquals($table, $table)
            """)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            Method Parse: static uint Parse(string s), static uint Parse(string s, System.Globalization.NumberStyles style), \
            static uint Parse(string s, System.IFormatProvider provider)
            Method TryParse: static bool TryParse(string s, [ref] uint result)
            Property MaxValue: static uint MaxValue {get;}
            Property MinValue: static uint MinValue {get;}
            4294967295
            True
            42
            BufferHeight
            BufferWidth
            WindowHeight
            WindowWidth
            Convert
            GetEncoding
            ASCII
            BigEndianUnicode
            Default
            Latin1
            Unicode
            UTF32
            UTF8
            US-ASCII
            Equals
            ReferenceEquals
            True

            """)
    }

    /// The small utility classes (StringComparer, WildcardPattern, CultureInfo, the null singletons)
    /// answer from the same table: what Get-Member -Static lists for them is what `[Type]::Member` does.
    func testUtilityClassesListTheStaticsTheyAnswer() throws {
        let result = try runScript("""
            [StringComparer] | Get-Member -Static -MemberType Property | ForEach-Object { $_.Name + ': ' + $_.Definition }
            [StringComparer]::OrdinalIgnoreCase.Compare('a', 'A')
            [WildcardPattern] | Get-Member -Static | ForEach-Object Name
            [WildcardPattern]::Escape('a*[b]')
            [WildcardPattern]::Get('A*', 'IgnoreCase').IsMatch('abc')
            [cultureinfo] | Get-Member -Static -MemberType Method | ForEach-Object Name
            [cultureinfo]::GetCultureInfo('de-DE').Name
            ([DBNull] | Get-Member -Static).Definition
            [DBNull]::Value -is [DBNull]
            $null -eq [System.Management.Automation.Internal.AutomationNull]::Value
            """)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            CurrentCulture: System.StringComparer CurrentCulture {get;}
            CurrentCultureIgnoreCase: System.StringComparer CurrentCultureIgnoreCase {get;}
            InvariantCulture: System.StringComparer InvariantCulture {get;}
            InvariantCultureIgnoreCase: System.StringComparer InvariantCultureIgnoreCase {get;}
            Ordinal: System.StringComparer Ordinal {get;}
            OrdinalIgnoreCase: System.StringComparer OrdinalIgnoreCase {get;}
            0
            ContainsWildcardCharacters
            Escape
            Get
            Unescape
            a`*`[b`]
            True
            CreateSpecificCulture
            GetCultureInfo
            GetCultures
            de-DE
            static System.DBNull Value {get;}
            True
            True

            """)
    }

    /// Every method any type lists can be called without MethodNotFound, and every property it lists
    /// has a value (Exit, GetTempFileName and ReadLine are left out: they act on the process).
    func testEveryListedStaticMemberAnswers() throws {
        let types = ["[string]", "[math]", "[datetime]", "[int]", "[long]", "[uint32]", "[uint64]", "[byte]", "[int16]", "[float]",
                     "[decimal]", "[double]", "[bool]", "[guid]", "[timespan]", "[version]", "[ipaddress]", "[char]", "[regex]",
                     "[io.path]", "[environment]", "[convert]", "[console]", "[object]", "[Text.Encoding]", "[Threading.Thread]",
                     "[Net.Dns]", "[scriptblock]", "[System.Security.Principal.WindowsIdentity]", "[System.DayOfWeek]",
                     "[StringComparer]", "[WildcardPattern]", "[cultureinfo]", "[DBNull]", "[NullString]"]
        let result = try runScript("""
            foreach ($type in @(\(types.map { "'\($0)'" }.joined(separator: ", ")))) {
                $t = Invoke-Expression $type
                $listed = @($t | Get-Member -Static)
                if ($listed.Count -eq 0) { "$type lists nothing" }
                foreach ($member in $listed) {
                    if ($member.MemberType -eq 'Property') {
                        if ($null -eq $t::($member.Name)) { "$type::$($member.Name) is null" }
                    } elseif ($member.Name -notin 'Exit', 'GetTempFileName', 'ReadLine') {
                        $name = $member.Name
                        try { $null = $t::$name() } catch {
                            if ($_.FullyQualifiedErrorId -eq 'MethodNotFound') { "$type::$($member.Name) is missing" }
                        }
                    }
                }
            }
            'done'
            """, timeout: 60)
        // [console]::WriteLine() writes an empty line; everything else would be a complaint.
        XCTAssertEqual(result.stdout.split(separator: "\n"), ["done"], result.stderr)
    }
}
