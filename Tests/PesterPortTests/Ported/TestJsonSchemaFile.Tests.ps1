# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Test-Json.Tests.ps1: -SchemaFile whose
# properties are `$ref`s into a definitions file beside it (valid and invalid JSON against it, every
# failure reported, a definitions file that is no JSON); the asset files are written here.
. "$PSScriptRoot/MiniPester.ps1"

$dir = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-testjson-" + [guid]::NewGuid())
$null = New-Item -ItemType Directory -Path $dir
$validSchemaPath = Join-Path $dir 'valid_schema_reference.json'
$invalidSchemaPath = Join-Path $dir 'invalid_schema_reference.json'
Set-Content -LiteralPath $validSchemaPath -Value '{ "type": "object", "properties": { "name": { "$ref": "valid_schema_definitions.json#/definitions/name" }, "hobbies": { "$ref": "valid_schema_definitions.json#/definitions/hobbies" } } }'
Set-Content -LiteralPath (Join-Path $dir 'valid_schema_definitions.json') -Value '{ "definitions": { "name": { "type": "string" }, "hobbies": { "type": "array", "items": { "type": "string" } } } }'
Set-Content -LiteralPath $invalidSchemaPath -Value '{ "type": "object", "properties": { "name": { "$ref": "invalid_schema_definitions.json#/definitions/name" } } }'
Set-Content -LiteralPath (Join-Path $dir 'invalid_schema_definitions.json') -Value '{ "definitions": { "name": { "type": "string" }, "hobbies" } }'
$validJson = '{ "name": "Test", "hobbies": [ "Books", "Music" ] }'
$invalidTypeInJson2 = '{ "name": 5, "hobbies": [ "Books", 5 ] }'
$jsonPath = Join-Path $dir 'invalid.json'
Set-Content -LiteralPath $jsonPath -Value $invalidTypeInJson2

Describe 'Test-Json -SchemaFile with references' {
    It 'accepts JSON that meets the referenced definitions' {
        Test-Json -Json $validJson -SchemaFile $validSchemaPath | Should -BeTrue
        ($validJson | Test-Json -SchemaFile $validSchemaPath) | Should -BeTrue
    }
    It 'refuses JSON that does not, with an error for each failure' {
        Test-Json -Json $invalidTypeInJson2 -SchemaFile $validSchemaPath -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Json $invalidTypeInJson2 -SchemaFile $validSchemaPath -ErrorVariable errorVar -ErrorAction SilentlyContinue
        $errorVar.Count | Should -Be 2
        $errorVar[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidJsonAgainstSchemaDetailed,Microsoft.PowerShell.Commands.TestJsonCommand'
        Test-Json -Path $jsonPath -SchemaFile $validSchemaPath -ErrorVariable fileErrors -ErrorAction SilentlyContinue | Should -BeFalse
        $fileErrors.Count | Should -Be 2
    }
    It 'stops when a referenced file is no JSON' {
        { Test-Json -Json $validJson -SchemaFile $invalidSchemaPath -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidJsonSchema,Microsoft.PowerShell.Commands.TestJsonCommand'
    }
    It 'follows a reference inside the schema itself' {
        $schema = '{ "$defs": { "n": { "type": "integer" } }, "properties": { "a": { "$ref": "#/$defs/n" } } }'
        Test-Json -Json '{ "a": 1 }' -Schema $schema | Should -BeTrue
        Test-Json -Json '{ "a": "x" }' -Schema $schema -ErrorAction SilentlyContinue | Should -BeFalse
    }
}

Remove-Item -LiteralPath $dir -Recurse -Force
Complete-MiniPester
