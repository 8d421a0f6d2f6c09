# A small Pester (Describe, Context, It, Should) written for hvsh's port of PowerShell's own Pester
# assertions. Dot-source it at the top of a *.Tests.ps1 file and call Complete-MiniPester at the end.
# Each Should that holds counts one passing assertion; the first one that fails ends its It block,
# as in Pester, and the It is reported by its full name. Ported files keep one Should per assertion
# (no loops, no -TestCases) so the assertions counted statically are the ones that run.

$script:MiniPesterPassed = 0
$script:MiniPesterFailed = 0
$script:MiniPesterNames = [System.Collections.Generic.List[string]]::new()
$script:MiniPesterFailures = [System.Collections.Generic.List[string]]::new()

function Describe {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Mandatory, Position = 1)][scriptblock]$Fixture,
        [string[]]$Tags
    )
    $script:MiniPesterNames.Add($Name)
    try {
        $null = & $Fixture
    } catch {
        $script:MiniPesterFailures.Add("$($script:MiniPesterNames -join ' / '): fixture failed: $_")
    } finally {
        $script:MiniPesterNames.RemoveAt($script:MiniPesterNames.Count - 1)
    }
}

function Context {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Mandatory, Position = 1)][scriptblock]$Fixture,
        [string[]]$Tags
    )
    Describe -Name $Name -Fixture $Fixture
}

function It {
    param(
        [Parameter(Mandatory, Position = 0)][string]$Name,
        [Parameter(Position = 1)][scriptblock]$Test,
        [switch]$Skip,
        [switch]$Pending
    )
    if ($Skip -or $Pending -or $null -eq $Test) { return }
    try {
        $null = & $Test
    } catch {
        $script:MiniPesterFailures.Add("$(($script:MiniPesterNames + $Name) -join ' / '): $_")
    }
}

# Pester's equality: element by element for collections, `-eq` (or `-ceq`) with the EXPECTED value on
# the left for single values (as Pester's ArraysAreEqual), so `$matchInfo | Should -Be 'text'` compares
# strings, as it does under Pester.
function Test-MiniPesterEqual {
    param($Actual, $Expected, [bool]$CaseSensitive)
    $actualItems = @($Actual)
    $expectedItems = @($Expected)
    if ($actualItems.Count -ne $expectedItems.Count) { return $false }
    for ($i = 0; $i -lt $actualItems.Count; $i++) {
        $a = $actualItems[$i]
        $e = $expectedItems[$i]
        if ($null -eq $a -or $null -eq $e) {
            if (-not ($null -eq $a -and $null -eq $e)) { return $false }
            continue
        }
        $same = if ($CaseSensitive) { $e -ceq $a } else { $e -eq $a }
        if (-not $same) { return $false }
    }
    return $true
}

function Format-MiniPesterValue {
    param($Value)
    if ($null -eq $Value) { return '$null' }
    $items = @($Value)
    if ($items.Count -ne 1) { return '@(' + (($items | ForEach-Object { Format-MiniPesterValue $_ }) -join ', ') + ')' }
    if ($Value -is [string]) { return "'$Value'" }
    return "$Value"
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)]$ActualValue,
        [switch]$Not,
        $Be,
        $BeExactly,
        [switch]$BeNullOrEmpty,
        [switch]$BeTrue,
        [switch]$BeFalse,
        [switch]$Exist,
        $FileContentMatch,
        $FileContentMatchExactly,
        $BeOfType,
        $HaveCount,
        $Match,
        $MatchExactly,
        $BeLike,
        $BeLikeExactly,
        $Contain,
        $BeIn,
        $BeGreaterThan,
        $BeLessThan,
        $BeGreaterOrEqual,
        $BeLessOrEqual,
        [switch]$Throw,
        [Parameter(Position = 0)][string]$ExpectedMessage,
        [string]$ErrorId,
        $ExceptionType,
        [switch]$PassThru,
        [string]$Because
    )
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($ActualValue) }
    end {
        $actual = if ($items.Count -eq 0) { $null } elseif ($items.Count -eq 1) { $items[0] } else { $items.ToArray() }
        $bound = $PSBoundParameters
        $holds = $true
        $what = ''
        $result = $null
        if ($Throw) {
            $caught = $null
            try { $null = & $actual } catch { $caught = $_ }
            if ($Not) {
                $holds = $null -eq $caught
                $what = "no exception, but got: $caught"
            } else {
                $holds = $null -ne $caught
                $what = 'an exception, but none was thrown'
                if ($holds -and $bound.ContainsKey('ExpectedMessage') -and $caught.Exception.Message -notlike $ExpectedMessage) {
                    $holds = $false
                    $what = "message like '$ExpectedMessage', but got '$($caught.Exception.Message)'"
                }
                if ($holds -and $ErrorId -and $caught.FullyQualifiedErrorId -notlike "*$ErrorId*") {
                    $holds = $false
                    $what = "error id like '*$ErrorId*', but got '$($caught.FullyQualifiedErrorId)'"
                }
                if ($holds -and $ExceptionType -and $caught.Exception -isnot $ExceptionType) {
                    $holds = $false
                    $what = "exception of type $ExceptionType, but got $($caught.Exception.GetType().FullName)"
                }
                $result = $caught
            }
        } else {
            # As Pester: Be, BeExactly, BeNullOrEmpty, HaveCount and Contain take the piped items as one
            # collection; every other operator is asserted on each piped item in turn.
            $whole = $bound.ContainsKey('Be') -or $bound.ContainsKey('BeExactly') -or $BeNullOrEmpty -or
                $bound.ContainsKey('HaveCount') -or $bound.ContainsKey('Contain')
            $subjects = [System.Collections.Generic.List[object]]::new()
            if ($whole -or $items.Count -le 1) { $subjects.Add($actual) } else { $subjects.AddRange($items) }
            for ($subject = 0; $subject -lt $subjects.Count -and $holds; $subject++) {
                $actual = $subjects[$subject]
                if ($bound.ContainsKey('Be')) {
                    $holds = Test-MiniPesterEqual $actual $Be $false
                    $what = "$(Format-MiniPesterValue $Be), but got $(Format-MiniPesterValue $actual)"
                } elseif ($bound.ContainsKey('BeExactly')) {
                    $holds = Test-MiniPesterEqual $actual $BeExactly $true
                    $what = "exactly $(Format-MiniPesterValue $BeExactly), but got $(Format-MiniPesterValue $actual)"
                } elseif ($BeNullOrEmpty) {
                    $holds = $null -eq $actual -or ($actual -is [string] -and $actual -eq '') -or @($actual).Count -eq 0
                    $what = "null or empty, but got $(Format-MiniPesterValue $actual)"
                } elseif ($BeTrue) {
                    $holds = [bool]$actual
                    $what = "true, but got $(Format-MiniPesterValue $actual)"
                } elseif ($BeFalse) {
                    $holds = -not [bool]$actual
                    $what = "false, but got $(Format-MiniPesterValue $actual)"
                } elseif ($Exist) {
                    $holds = Test-Path -LiteralPath $actual
                    $what = "path '$actual' to exist"
                } elseif ($bound.ContainsKey('FileContentMatch')) {
                    $holds = (Get-Content -Raw -LiteralPath $actual) -match $FileContentMatch
                    $what = "file '$actual' to hold a match for '$FileContentMatch'"
                } elseif ($bound.ContainsKey('FileContentMatchExactly')) {
                    $holds = (Get-Content -Raw -LiteralPath $actual) -cmatch $FileContentMatchExactly
                    $what = "file '$actual' to hold an exact match for '$FileContentMatchExactly'"
                } elseif ($bound.ContainsKey('BeOfType')) {
                    $holds = $actual -is $BeOfType
                    $what = "a value of type $BeOfType, but got $(if ($null -eq $actual) { '$null' } else { $actual.GetType().FullName })"
                } elseif ($bound.ContainsKey('HaveCount')) {
                    # Nothing piped in is no items, as Pester counts it.
                    $count = if ($items.Count -eq 0) { 0 } else { @($actual).Count }
                    $holds = $count -eq $HaveCount
                    $what = "$HaveCount item(s), but got $count"
                } elseif ($bound.ContainsKey('Match')) {
                    $holds = "$actual" -match $Match
                    $what = "a match for '$Match', but got '$actual'"
                } elseif ($bound.ContainsKey('MatchExactly')) {
                    $holds = "$actual" -cmatch $MatchExactly
                    $what = "an exact match for '$MatchExactly', but got '$actual'"
                } elseif ($bound.ContainsKey('BeLike')) {
                    $holds = "$actual" -like $BeLike
                    $what = "like '$BeLike', but got '$actual'"
                } elseif ($bound.ContainsKey('BeLikeExactly')) {
                    $holds = "$actual" -clike $BeLikeExactly
                    $what = "exactly like '$BeLikeExactly', but got '$actual'"
                } elseif ($bound.ContainsKey('Contain')) {
                    $holds = @($actual) -contains $Contain
                    $what = "a collection containing $(Format-MiniPesterValue $Contain), but got $(Format-MiniPesterValue $actual)"
                } elseif ($bound.ContainsKey('BeIn')) {
                    $holds = @($BeIn) -contains $actual
                    $what = "one of $(Format-MiniPesterValue $BeIn), but got $(Format-MiniPesterValue $actual)"
                } elseif ($bound.ContainsKey('BeGreaterThan')) {
                    $holds = $actual -gt $BeGreaterThan
                    $what = "greater than $BeGreaterThan, but got $actual"
                } elseif ($bound.ContainsKey('BeLessThan')) {
                    $holds = $actual -lt $BeLessThan
                    $what = "less than $BeLessThan, but got $actual"
                } elseif ($bound.ContainsKey('BeGreaterOrEqual')) {
                    $holds = $actual -ge $BeGreaterOrEqual
                    $what = "at least $BeGreaterOrEqual, but got $actual"
                } elseif ($bound.ContainsKey('BeLessOrEqual')) {
                    $holds = $actual -le $BeLessOrEqual
                    $what = "at most $BeLessOrEqual, but got $actual"
                } else {
                    throw 'Should: no assertion operator given'
                }
                if ($Not) { $holds = -not $holds; $what = "not $what" }
            }
        }
        if (-not $holds) {
            $script:MiniPesterFailed++
            throw "Expected $what"
        }
        $script:MiniPesterPassed++
        if ($PassThru) { $result }
    }
}

function Complete-MiniPester {
    foreach ($f in $script:MiniPesterFailures) { "FAILED: $f" }
    "MINIPESTER passed=$($script:MiniPesterPassed) failed=$($script:MiniPesterFailed) failedIts=$($script:MiniPesterFailures.Count)"
}
