# Ported from test/powershell/Language/Scripting/Dynamicparameters.Tests.ps1 (the assertions, in
# hvsh's own code), with more from about_Functions_Advanced_Parameters' dynamic parameter section.
. "$PSScriptRoot/MiniPester.ps1"

class DynamicNameParameter {
    [Parameter(ParameterSetName = 'pset1', Position = 0, Mandatory = 1)]
    [string] $Name
}

function Invoke-Dynamic {
    [CmdletBinding()]
    param($Path)
    dynamicparam {
        if ($PSBoundParameters['Path'] -contains 'abc') {
            $attribute = [System.Management.Automation.ParameterAttribute]::new()
            $attribute.ParameterSetName = 'pset1'
            $attribute.Mandatory = $false
            $attributes = [System.Collections.ObjectModel.Collection``1[System.Attribute]]::new()
            $attributes.Add($attribute)
            $parameter = [System.Management.Automation.RuntimeDefinedParameter]::new('dp1', [Int32], $attributes)
            $dictionary = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
            $dictionary.Add('dp1', $parameter)
            return $dictionary
        }
        elseif ($PSBoundParameters['Path'] -contains 'class') {
            $dictionary = [DynamicNameParameter]::new()
            return $dictionary
        }
        $dictionary = $null
        return $null
    }
    begin {
        if ($dictionary -is [DynamicNameParameter]) { $dictionary.Name }
        elseif ($null -ne $dictionary) {
            if ($null -ne $dictionary.dp1.Value) { $dictionary.dp1.Value } else { 'dynamic parameters not passed' }
        }
        else { 'no dynamic parameters' }
    }
}

Describe 'dynamic parameters of script functions' {
    It 'the dynamic parameter is added and bound' {
        Invoke-Dynamic -Path abc -dp1 42 | Should -Be 42
    }
    It 'without the dynamic parameter the name is unknown' {
        { Invoke-Dynamic -Path def -dp1 42 } | Should -Throw -ErrorId 'NamedParameterNotFound,Invoke-Dynamic'
    }
    It 'no dynamic parameters is no error' {
        Invoke-Dynamic -Path def | Should -BeExactly 'no dynamic parameters'
    }
    It 'a dynamic parameter left out is no error' {
        Invoke-Dynamic -Path abc | Should -BeExactly 'dynamic parameters not passed'
    }
    It 'a class instance with Parameter properties defines the parameters' {
        Invoke-Dynamic -Path class -Name 'myName' | Should -BeExactly 'myName'
    }
    It 'a positional dynamic parameter with an alias and a ValidateSet' {
        function Test-Color {
            [CmdletBinding()]
            param()
            dynamicparam {
                $attributes = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
                $attributes.Add([Parameter]@{ Position = 0; Mandatory = $true })
                $attributes.Add([ValidateSet]::new('Red', 'Blue'))
                $attributes.Add([Alias]::new('c'))
                $dictionary = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
                $dictionary.Add('Color', [System.Management.Automation.RuntimeDefinedParameter]::new('Color', [string], $attributes))
                $dictionary
            }
            process { "Color is $($PSBoundParameters['Color'])" }
        }
        Test-Color Red | Should -BeExactly 'Color is Red'
        Test-Color -c blue | Should -BeExactly 'Color is blue'
        { Test-Color purple } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Test-Color'
    }
    It 'the dynamic parameter set becomes the chosen set' {
        function Get-Sample {
            [CmdletBinding()]
            param([string]$Name, [string]$Path)
            dynamicparam {
                if ($Path.StartsWith('HKLM:')) {
                    $attributes = [System.Collections.ObjectModel.Collection[System.Attribute]]::new()
                    $attributes.Add([System.Management.Automation.ParameterAttribute]@{ ParameterSetName = 'ByRegistryPath' })
                    $dictionary = [System.Management.Automation.RuntimeDefinedParameterDictionary]::new()
                    $dictionary.Add('KeyCount', [System.Management.Automation.RuntimeDefinedParameter]::new('KeyCount', [int32], $attributes))
                    return $dictionary
                }
            }
            end { $PSCmdlet.ParameterSetName }
        }
        Get-Sample -Path HKLM:\Software -KeyCount 3 | Should -BeExactly 'ByRegistryPath'
        Get-Sample -Path C:\ | Should -BeExactly '__AllParameterSets'
    }
    It 'a dynamicparam block that writes two objects fails' {
        function Test-Two { [CmdletBinding()] param() dynamicparam { 1; 2 } end { 'ran' } }
        { Test-Two } | Should -Throw -ErrorId 'GetDynamicParametersException,Test-Two'
    }
    It 'a RuntimeDefinedParameter is set once its Value is assigned' {
        $parameter = [System.Management.Automation.RuntimeDefinedParameter]::new('X', [string], [System.Collections.ObjectModel.Collection[System.Attribute]]::new())
        $parameter.IsSet | Should -BeFalse
        $parameter.Value = 1
        $parameter.IsSet | Should -BeTrue
        $parameter.ParameterType | Should -Be ([string])
    }
    It 'a ParameterAttribute starts with no position in all sets' {
        $attribute = [Parameter]::new()
        $attribute.Position | Should -Be ([int]::MinValue)
        $attribute.ParameterSetName | Should -BeExactly '__AllParameterSets'
        $attribute -is [System.Attribute] | Should -BeTrue
    }
}

Complete-MiniPester
