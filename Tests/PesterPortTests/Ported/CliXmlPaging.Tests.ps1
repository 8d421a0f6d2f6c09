# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/XMLCommand.Tests.ps1 (dictionaries
# read back ordered or not, with the deserializer's rules for clashing keys; Import-Clixml's paging)
# and the .NET constructors of Hashtable and OrderedDictionary; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$testfile = Join-Path ([System.IO.Path]::GetTempPath()) "hvsh-clixml-paging-$PID.xml"

Describe 'Import-Clixml dictionaries' {
    It 'an exported ordered dictionary comes back ordered' {
        $dict = [ordered]@{}
        $dict['Larry'] = 'Poik!'
        $dict['Curly'] = 'Nyuk!'
        $dict['larry'] = 'poik!'
        $dict.Count | Should -Be 2
        $dict | Export-Clixml $testfile
        $results = Import-Clixml $testfile
        $results.GetType().Name | Should -BeExactly 'OrderedDictionary'
        $results.Count | Should -Be 2
        $results[0] | Should -BeExactly $dict[0]
        $results[1] | Should -BeExactly $dict[1]
    }
    It 'a case-sensitive hashtable keeps all its keys' {
        $dict = New-Object hashtable
        $dict['Larry'] = 'Poik!'
        $dict['larry'] = 'poik!'
        $dict['Moe'] = 'Wise guy!'
        $dict.Count | Should -Be 3
        $dict | Export-Clixml $testfile
        $results = Import-Clixml $testfile
        $results.GetType().Name | Should -BeExactly 'Hashtable'
        $results.Count | Should -Be 3
    }
    It 'keys that clash even exactly are all kept' {
        $xml = '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj RefId="0"><TN RefId="0"><T>System.Collections.Specialized.OrderedDictionary</T><T>System.Object</T></TN><DCT><En><S N="Key">Larry</S><S N="Value">a</S></En><En><S N="Key">larry</S><S N="Value">b</S></En><En><S N="Key">Larry</S><S N="Value">c</S></En></DCT></Obj></Objs>'
        $xml | Out-File -FilePath $testfile
        $results = Import-Clixml $testfile
        $results.GetType().Name | Should -BeExactly 'OrderedDictionary'
        $results.Count | Should -Be 3
    }
}

Describe 'Hashtable and OrderedDictionary constructors' {
    It 'compare keys exactly unless given an ignore-case comparer' {
        $h = [hashtable]::new(); $h['a'] = 1; $h['A'] = 2
        $h.Count | Should -Be 2
        $o = [System.Collections.Specialized.OrderedDictionary]::new(); $o['a'] = 1; $o['A'] = 2
        $o.Count | Should -Be 2
        $i = [hashtable]::new([StringComparer]::OrdinalIgnoreCase); $i['a'] = 1; $i['A'] = 2
        $i.Count | Should -Be 1
        $l = @{}; $l['a'] = 1; $l['A'] = 2
        $l.Count | Should -Be 1
    }
}

Describe 'Import-Clixml paging' {
    It '-IncludeTotalCount writes an unknown total count first' {
        [PSCustomObject]@{foo=1;bar=@{hello="world"}} | Export-Clixml -Path $testfile
        $out = Import-Clixml -Path $testfile -IncludeTotalCount
        $out[0].ToString() | Should -BeExactly 'Unknown total count'
    }
    It '-First and -Skip work together for simple types' {
        "one","two","three","four" | Export-Clixml -Path $testfile
        $out = Import-Clixml -Path $testfile -First 2 -Skip 1
        $out.Count | Should -Be 2
        $out[0] | Should -BeExactly 'two'
        $out[1] | Should -BeExactly 'three'
    }
    It '-First and -Skip enumerate a dictionary into its entries' {
        @{a=1;b=2;c=3;d=4} | Export-Clixml -Path $testfile
        $out1 = Import-Clixml -Path $testfile
        $out2 = Import-Clixml -Path $testfile -First 2 -Skip 1
        $out2.Count | Should -Be 2
        ($out2.Name) -join ":" | Should -Be (@($out1.Keys)[1, 2] -join ":")
        ($out2.Value) -join ":" | Should -Be (@($out1.Values)[1, 2] -join ":")
    }
}

Remove-Item $testfile -ErrorAction SilentlyContinue
Complete-MiniPester
