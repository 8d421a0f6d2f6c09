# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/JsonObject.Tests.ps1:
# [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson with its [ref] error record (empty and
# white-space text is no error, text that is not JSON an ArgumentException, Json.NET's MaxDepth, names a
# PSCustomObject cannot hold), and ConvertFrom-Json's terminating errors for the same names.
. "$PSScriptRoot/MiniPester.ps1"

function New-NestedJson([int]$Depth) {
    $json = 'true'
    $Depth..1 | ForEach-Object { $json = '{"' + $_ + '":' + $json + '}' }
    $json
}

Describe 'JsonObject.ConvertFromJson' {
    It 'sets no error for null, empty, white space and an object' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($null, $true, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('', $true, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('  ', $true, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{a:1}', $true, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($null, $false, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('', $false, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('  ', $false, [ref]$err); $err | Should -BeNullOrEmpty
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{a:1}', $false, [ref]$err); $err | Should -BeNullOrEmpty
    }
    It 'throws ArgumentException for text that is not JSON' {
        $err = $null
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('plaintext', $true, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"a" :', $true, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('plaintext', $false, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"a" :', $false, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'reads nesting up to -Depth 2 and refuses one level more, hashtable $true' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 1), $true, 2, [ref]$err)
        $err | Should -BeNullOrEmpty
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 2), $true, 2, [ref]$err)
        $err | Should -BeNullOrEmpty
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 3), $true, 2, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'reads nesting up to -Depth 2 and refuses one level more, hashtable $false' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 1), $false, 2, [ref]$err)
        $err | Should -BeNullOrEmpty
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 2), $false, 2, [ref]$err)
        $err | Should -BeNullOrEmpty
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 3), $false, 2, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'reads nesting up to -Depth 200 and refuses one level more, hashtable $true' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 199), $true, 200, [ref]$err)
        $err | Should -BeNullOrEmpty
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 200), $true, 200, [ref]$err)
        $err | Should -BeNullOrEmpty
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 201), $true, 200, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'reads nesting up to -Depth 200 and refuses one level more, hashtable $false' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 199), $false, 200, [ref]$err)
        $err | Should -BeNullOrEmpty
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 200), $false, 200, [ref]$err)
        $err | Should -BeNullOrEmpty
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 201), $false, 200, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'reads nesting up to -Depth 2000 and refuses one level more, hashtable $true' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 1999), $true, 2000, [ref]$err)
        $err | Should -BeNullOrEmpty
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 2000), $true, 2000, [ref]$err)
        $err | Should -BeNullOrEmpty
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 2001), $true, 2000, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'reads nesting up to -Depth 2000 and refuses one level more, hashtable $false' {
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 1999), $false, 2000, [ref]$err)
        $err | Should -BeNullOrEmpty
        $err = 'unset'
        $null = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 2000), $false, 2000, [ref]$err)
        $err | Should -BeNullOrEmpty
        { [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson((New-NestedJson 2001), $false, 2000, [ref]$err) } | Should -Throw -ErrorId 'ArgumentException'
    }
    It 'gives values as ConvertFrom-Json does' {
        $err = $null
        $o = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"a": 1, "b": [1, 2]}', [ref]$err)
        $o.a | Should -Be 1
        $o.a | Should -BeOfType System.Int64
        $o.b.Count | Should -Be 2
        $h = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"a": 1}', $true, [ref]$err)
        $h.GetType().Name | Should -BeExactly 'OrderedHashtable'
    }
    It 'sets EmptyKeyInJsonString for an empty name unless a hashtable is asked for' {
        $err = $null
        $result = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"": "Value"}', [ref]$err)
        $result | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeExactly 'EmptyKeyInJsonString'
        $err.Exception | Should -BeOfType System.InvalidOperationException
        $err = $null
        $result = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson('{"": "Value"}', $true, [ref]$err)
        $err | Should -BeNullOrEmpty
        $result.Count | Should -Be 1
        $result.'' | Should -Be 'Value'
    }
    It 'sets KeysWithDifferentCasingInJsonString for names differing in case unless a hashtable is asked for' {
        $json = '{"key1": "Value1", "Key1": "Value2"}'
        $err = $null
        [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($json, [ref]$err) | Should -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeExactly 'KeysWithDifferentCasingInJsonString'
        $err = $null
        $result = [Microsoft.PowerShell.Commands.JsonObject]::ConvertFromJson($json, $true, [ref]$err)
        $result.Count | Should -Be 2
        $result.key1 | Should -Be 'Value1'
        $result.Key1 | Should -Be 'Value2'
    }
}

Describe 'ConvertFrom-Json and names a PSCustomObject cannot hold' {
    It 'stops with the same error ids' {
        { '{"": 1}' | ConvertFrom-Json } | Should -Throw -ErrorId 'EmptyKeyInJsonString,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { '{"a": 1, "A": 2}' | ConvertFrom-Json } | Should -Throw -ErrorId 'KeysWithDifferentCasingInJsonString,Microsoft.PowerShell.Commands.ConvertFromJsonCommand'
        { '[{"x": {"a": 1, "A": 2}}]' | ConvertFrom-Json } | Should -Throw -ErrorId 'KeysWithDifferentCasingInJsonString'
    }
    It 'keeps both names with -AsHashtable' {
        $h = '{"a": 1, "A": 2}' | ConvertFrom-Json -AsHashtable
        $h.Count | Should -Be 2
    }
}

# From Json.Tests.ps1 ("ConvertTo-JSON should not have hard coded english error message"): JSON names
# only strings, so a dictionary keyed by anything else stops ConvertTo-Json.
Describe 'ConvertTo-Json and dictionary keys' {
    It 'stops with NonStringKeyInDictionary for a key that is not a string' {
        $process = Get-Process -Id $PID
        { ConvertTo-Json -InputObject @{ $process = 'def' } } | Should -Throw -ErrorId 'NonStringKeyInDictionary,Microsoft.PowerShell.Commands.ConvertToJsonCommand'
        { @{ 1 = 'a' } | ConvertTo-Json } | Should -Throw -ErrorId 'NonStringKeyInDictionary'
        { [ordered]@{ a = @{ 2 = 3 } } | ConvertTo-Json } | Should -Throw -ErrorId 'NonStringKeyInDictionary'
        @{ '1' = 'a' } | ConvertTo-Json -Compress | Should -BeExactly '{"1":"a"}'
    }
}

Complete-MiniPester
