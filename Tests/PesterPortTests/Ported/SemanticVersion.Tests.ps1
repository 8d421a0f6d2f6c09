# Ported from test/powershell/engine/Basic/SemanticVersion.Tests.ps1 (construction, comparison,
# error ids, the official SemVer valid list); the assertions, in hvsh's own code. [semver] stands for
# System.Management.Automation.SemanticVersion.
. "$PSScriptRoot/MiniPester.ps1"

Describe 'SemanticVersion api tests' {
    Context 'Constructing valid versions' {
        It 'String argument constructor' {
            $v = [semver]::new('1.2.3-Alpha-super.3+BLD.a1-xxx.03')
            $v.Major | Should -Be 1
            $v.Minor | Should -Be 2
            $v.Patch | Should -Be 3
            $v.PreReleaseLabel | Should -Be 'Alpha-super.3'
            $v.BuildLabel | Should -Be 'BLD.a1-xxx.03'
            $v.ToString() | Should -Be '1.2.3-Alpha-super.3+BLD.a1-xxx.03'
            $v = [semver]::new('1.0.0')
            $v.PreReleaseLabel | Should -BeNullOrEmpty
            $v.BuildLabel | Should -BeNullOrEmpty
            $v.ToString() | Should -Be '1.0.0'
            $v = [semver]::new('1.2.3+BLD.a1-xxx.03')
            $v.PreReleaseLabel | Should -BeNullOrEmpty
            $v.BuildLabel | Should -Be 'BLD.a1-xxx.03'
            $v = [semver]::new('1.0.0+META')
            $v.BuildLabel | Should -Be 'META'
            $v.ToString() | Should -Be '1.0.0+META'
            $v = [semver]::new('3.0')
            $v.Major | Should -Be 3
            $v.Patch | Should -Be 0
            $v.ToString() | Should -Be '3.0.0'
            $v = [semver]::new('2')
            $v.Major | Should -Be 2
            $v.ToString() | Should -Be '2.0.0'
        }
        It 'Int args constructor' {
            [semver]::new(1, 0, 0).ToString() | Should -Be '1.0.0'
            [semver]::new(3, 2, 0, 'beta.1').ToString() | Should -Be '3.2.0-beta.1'
            [semver]::new(3, 2, 0, 'beta.1+meta').ToString() | Should -Be '3.2.0-beta.1+meta'
            [semver]::new(3, 2, 0, 'beta.1', 'meta').ToString() | Should -Be '3.2.0-beta.1+meta'
            [semver]::new(3, 1).ToString() | Should -Be '3.1.0'
            [semver]::new(3).ToString() | Should -Be '3.0.0'
        }
        It 'Version arg constructor' {
            [semver]::new([Version]::new(1, 2)).ToString() | Should -Be '1.2.0'
            [semver]::new([Version]::new(1, 2, 3)).ToString() | Should -Be '1.2.3'
        }
    }

    Context 'Comparisons' {
        $v1_0_0 = [semver]::new(1, 0, 0)
        $v1_1_0 = [semver]::new(1, 1, 0)
        $v1_1_1 = [semver]::new(1, 1, 1)
        $v2_1_0 = [semver]::new(2, 1, 0)
        $v1_0_0_alpha = [semver]::new(1, 0, 0, 'alpha.1.1')
        $v1_0_0_alpha2 = [semver]::new(1, 0, 0, 'alpha.1.2')
        $v1_0_0_beta = [semver]::new(1, 0, 0, 'beta')
        $v1_0_0_betaBuild = [semver]::new(1, 0, 0, 'beta', 'BUILD')
        It 'Build meta should be ignored' {
            $v1_0_0_beta -eq $v1_0_0_betaBuild | Should -BeTrue
            $v1_0_0_betaBuild -lt $v1_0_0_beta | Should -BeFalse
            $v1_0_0_beta -lt $v1_0_0_betaBuild | Should -BeFalse
        }
        It 'less than and greater than' {
            $v1_0_0 -lt $v1_1_0 | Should -BeTrue
            $v1_1_0 -lt $v1_0_0 | Should -BeFalse
            $v1_1_0 -lt $v1_1_1 | Should -BeTrue
            $v1_0_0 -lt $v2_1_0 | Should -BeTrue
            $v1_0_0_alpha -lt $v1_0_0_beta | Should -BeTrue
            $v1_0_0_alpha -lt $v1_0_0_alpha2 | Should -BeTrue
            $v1_0_0_alpha -lt $v1_0_0 | Should -BeTrue
            $v1_0_0_beta -lt $v1_0_0 | Should -BeTrue
            $v2_1_0 -lt '3.0' | Should -BeTrue
            '1.5' -lt $v2_1_0 | Should -BeTrue
            $v1_0_0 -le $v1_1_0 | Should -BeTrue
            $v1_1_0 -le $v1_1_0 | Should -BeTrue
            $v1_1_1 -gt $v1_1_0 | Should -BeTrue
            $v1_0_0 -gt $v1_0_0_beta | Should -BeTrue
            $v1_0_0_alpha -ge $v1_0_0_alpha | Should -BeTrue
            $v1_0_0_alpha -ge $v1_0_0_beta | Should -BeFalse
        }
        It 'Equality' {
            $v1_0_0 -eq $v1_0_0 | Should -BeTrue
            $v1_0_0_alpha -ne $v1_0_0_alpha | Should -BeFalse
            $null -eq $v1_0_0 | Should -BeFalse
            $v1_0_0 -eq $null | Should -BeFalse
            $null -ne $v1_0_0 | Should -BeTrue
            $v1_0_0 -ne $null | Should -BeTrue
        }
        It 'comparisons with null' {
            $v1_0_0 -lt $null | Should -BeFalse
            $null -lt $v1_0_0 | Should -BeTrue
            $v1_0_0 -le $null | Should -BeFalse
            $null -le $v1_0_0 | Should -BeTrue
            $v1_0_0 -gt $null | Should -BeTrue
            $null -gt $v1_0_0 | Should -BeFalse
            $v1_0_0 -ge $null | Should -BeTrue
            $null -ge $v1_0_0 | Should -BeFalse
        }
    }

    Context 'Error handling' {
        It 'null and empty versions' {
            { [semver]::new($null) } | Should -Throw -ErrorId 'PSArgumentNullException'
            { [semver]::Parse($null) } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::Parse('') } | Should -Throw -ErrorId 'FormatException'
        }
        It 'missing parts and format errors' {
            { [semver]::new('-') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('1..0') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('1.0.-alpha') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('1.0.0-alpha+') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('1.0.0+-') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('.0.0') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::new('-1.0.0') } | Should -Throw -ErrorId 'FormatException'
            { [semver]::Parse('1.0.cc') } | Should -Throw -ErrorId 'FormatException'
            $semVer = $null
            [semver]::TryParse('aa.0.0', [ref]$semVer) | Should -Be $false
            $semVer | Should -BeNullOrEmpty
        }
        It 'Negative version arguments' {
            { [semver]::new(-1, 0) } | Should -Throw -ErrorId 'PSArgumentException'
            { [semver]::new(1, -1) } | Should -Throw -ErrorId 'PSArgumentException'
            { [semver]::new(1, 1, -1) } | Should -Throw -ErrorId 'PSArgumentException'
        }
        It 'Incompatible Version throws' {
            { [semver]::new([Version]::new(0, 0, 0, 4)) } | Should -Throw -ErrorId 'PSArgumentException'
            { [semver]::new([Version]::new('1.2.3.4')) } | Should -Throw -ErrorId 'PSArgumentException'
        }
    }

    Context 'Semver official tests' {
        It 'Should parse valid versions' {
            ([semver]'0.0.4').ToString() | Should -Be '0.0.4'
            ([semver]'10.20.30').ToString() | Should -Be '10.20.30'
            ([semver]'1.1.2-prerelease+meta').ToString() | Should -Be '1.1.2-prerelease+meta'
            ([semver]'1.1.2+meta-valid').ToString() | Should -Be '1.1.2+meta-valid'
            ([semver]'1.0.0-alpha.beta.1').ToString() | Should -Be '1.0.0-alpha.beta.1'
            ([semver]'1.0.0-alpha0.valid').ToString() | Should -Be '1.0.0-alpha0.valid'
            ([semver]'1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay').ToString() | Should -Be '1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay'
            ([semver]'10.2.3-DEV-SNAPSHOT').ToString() | Should -Be '10.2.3-DEV-SNAPSHOT'
            ([semver]'2.0.1-alpha.1227').ToString() | Should -Be '2.0.1-alpha.1227'
            ([semver]'1.2.3----RC-SNAPSHOT.12.9.1--.12+788').ToString() | Should -Be '1.2.3----RC-SNAPSHOT.12.9.1--.12+788'
            ([semver]'1.0.0+0.build.1-rc.10000aaa-kk-0.1').ToString() | Should -Be '1.0.0+0.build.1-rc.10000aaa-kk-0.1'
            ([semver]'1.0.0-0A.is.legal').ToString() | Should -Be '1.0.0-0A.is.legal'
        }
        It 'Should not parse invalid labels' {
            { [semver]'1.2.3-0123' } | Should -Throw
            { [semver]'1.1.2+.123' } | Should -Throw
            { [semver]'1.0.0-alpha_beta' } | Should -Throw
            { [semver]'1.0.0-alpha..1' } | Should -Throw
            { [semver]'9.8.7+meta+meta' } | Should -Throw
            { [semver]'alpha' } | Should -Throw
        }
    }

    Context 'Formatting' {
        It 'Should not throw when default format-table is used' {
            { [semver]'7.4.0' | Format-Table | Out-String } | Should -Not -Throw
        }
    }
}

Complete-MiniPester
