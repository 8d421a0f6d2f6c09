# Ported from test/powershell/Modules/Microsoft.PowerShell.Utility/Test-Json.Tests.ps1: valid and
# invalid JSON from text, -Path, -LiteralPath and the pipeline, schemas from text and files, the
# error ids for each way a document, a schema or a path fails, -Options, and oneOf/anyOf reports
# that name only the failing items; the assertions, in hvsh's own code.
. "$PSScriptRoot/MiniPester.ps1"

$root = Join-Path ([System.IO.Path]::GetTempPath()) ("hvsh-testjson-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $root | Out-Null
$validSchemaJson = '{ "description": "A person", "type": "object", "properties": { "name": {"type": "string"}, "hobbies": { "type": "array", "items": {"type": "string"} } } }'
$invalidSchemaJson = '{ "description", "type": "object" }'
$validJson = '{ "name": "James", "hobbies": [".NET", "Blogging", "Reading", "Xbox", "LOLCATS"] }'
$invalidTypeInJson = '{ "name": 123, "hobbies": [".NET", "Blogging"] }'
$invalidTypeInJson2 = '{ "name": 123, "hobbies": [456, "Blogging", "Reading"] }'
$invalidNodeInJson = "{ `"name`": `"James`", `"hobbies`": [`".NET`"]`n errorNode }"
$validSchemaJsonPath = Join-Path $root 'valid_schema.json'
$invalidSchemaJsonPath = Join-Path $root 'invalid_schema.json'
$missingPath = Join-Path $root 'no_such_file.json'
$validJsonPath = Join-Path $root 'validJson.json'
$validLiteralJsonPath = Join-Path $root '[valid]Json.json'
$invalidNodeInJsonPath = Join-Path $root 'invalidNodeInJson.json'
$invalidTypeInJson2Path = Join-Path $root 'invalidTypeInJson2.json'
$emptyJsonPath = Join-Path $root 'emptyJson.json'
Set-Content -Path $validSchemaJsonPath -Value $validSchemaJson
Set-Content -Path $invalidSchemaJsonPath -Value $invalidSchemaJson
Set-Content -Path $validJsonPath -Value $validJson
Set-Content -LiteralPath $validLiteralJsonPath -Value $validJson
Set-Content -Path $invalidNodeInJsonPath -Value $invalidNodeInJson
Set-Content -Path $invalidTypeInJson2Path -Value $invalidTypeInJson2
New-Item -Path $emptyJsonPath -ItemType File | Out-Null
$id = ',Microsoft.PowerShell.Commands.TestJsonCommand'

Describe 'Test-Json on valid documents' {
    It 'accepts valid JSON from text, files and the pipeline, with and without a schema' {
        Test-Json -Json $validJson | Should -BeTrue
        Test-Json -Json $validJson -Schema $validSchemaJson | Should -BeTrue
        Test-Json -Json $validJson -SchemaFile $validSchemaJsonPath | Should -BeTrue
        ($validJson | Test-Json -SchemaFile $validSchemaJsonPath) | Should -BeTrue
        Test-Json -Path $validJsonPath | Should -BeTrue
        Test-Json -LiteralPath $validLiteralJsonPath | Should -BeTrue
        Test-Json -PSPath $validLiteralJsonPath | Should -BeTrue
        Test-Json -LP $validLiteralJsonPath | Should -BeTrue
        (Get-ChildItem -Path $validJsonPath -File | Test-Json) | Should -BeTrue
        (Get-ChildItem -LiteralPath $validLiteralJsonPath -File | Test-Json) | Should -BeTrue
        Test-Json -Path $validJsonPath -Schema $validSchemaJson | Should -BeTrue
        Test-Json -Path $validJsonPath -SchemaFile $validSchemaJsonPath | Should -BeTrue
    }
}

Describe 'Test-Json on invalid documents' {
    It 'answers $false for JSON that does not parse or does not meet the schema' {
        Test-Json -Json $invalidNodeInJson -ErrorAction SilentlyContinue | Should -BeFalse
        ($invalidNodeInJson | Test-Json -ErrorAction SilentlyContinue) | Should -BeFalse
        Test-Json -Json $invalidTypeInJson2 -Schema $validSchemaJson -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Json $invalidNodeInJson -Schema $validSchemaJson -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Json $invalidTypeInJson2 -SchemaFile $validSchemaJsonPath -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Path $invalidTypeInJson2Path -SchemaFile $validSchemaJsonPath -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Path $invalidNodeInJsonPath -ErrorAction SilentlyContinue | Should -BeFalse
        Test-Json -Path $emptyJsonPath -ErrorAction SilentlyContinue | Should -BeFalse
    }
    It 'names the failure in the error id' {
        { Test-Json -Json $validJson -Schema $invalidSchemaJson -ErrorAction Stop } | Should -Throw -ErrorId "InvalidJsonSchema$id"
        { Test-Json -Json $validJson -SchemaFile $invalidSchemaJsonPath -ErrorAction Stop } | Should -Throw -ErrorId "InvalidJsonSchema$id"
        { Test-Json -Json $validJson -SchemaFile $missingPath -ErrorAction Stop } | Should -Throw -ErrorId "JsonSchemaFileOpenFailure$id"
        { Test-Json -Path $missingPath -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound$id"
        { Test-Json -Path $validLiteralJsonPath -ErrorAction Stop } | Should -Throw -ErrorId "FileOpenFailure$id"
        { Test-Json -LiteralPath (Join-Path $root '*Json.json') -ErrorAction Stop } | Should -Throw -ErrorId "PathNotFound$id"
        $errorVar = $null
        Test-Json -Json $invalidTypeInJson -Schema $validSchemaJson -ErrorVariable errorVar -ErrorAction SilentlyContinue | Out-Null
        $errorVar.FullyQualifiedErrorId | Should -BeExactly "InvalidJsonAgainstSchemaDetailed$id"
        Test-Json -Json $invalidNodeInJson -Schema $validSchemaJson -ErrorVariable errorVar -ErrorAction SilentlyContinue | Out-Null
        $errorVar.FullyQualifiedErrorId | Should -BeExactly "InvalidJson$id"
    }
    It 'reports every place the document breaks the schema' {
        $errorVar = $null
        Test-Json -Json $invalidTypeInJson2 -Schema $validSchemaJson -ErrorVariable errorVar -ErrorAction SilentlyContinue | Out-Null
        $errorVar.Count | Should -Be 2
        $errorVar[0].FullyQualifiedErrorId | Should -BeExactly "InvalidJsonAgainstSchemaDetailed$id"
        $errorVar[0].Exception.Message | Should -Match "at '/name'$"
        $errorVar[1].Exception.Message | Should -Match "at '/hobbies/0'$"
    }
}

Describe 'Test-Json types, options and subschemas' {
    It 'gives each JSON value exactly one schema type' {
        $types = 'string', 'number', 'boolean', 'null', 'array', 'object'
        $types | Where-Object { Test-Json -Json 1 -Schema "{ `"type`": `"$_`" }" -ErrorAction SilentlyContinue } | Should -Be 'number'
        $types | Where-Object { Test-Json -Json '"true"' -Schema "{ `"type`": `"$_`" }" -ErrorAction SilentlyContinue } | Should -Be 'string'
        $types | Where-Object { Test-Json -Json 'true' -Schema "{ `"type`": `"$_`" }" -ErrorAction SilentlyContinue } | Should -Be 'boolean'
        $types | Where-Object { Test-Json -Json 'null' -Schema "{ `"type`": `"$_`" }" -ErrorAction SilentlyContinue } | Should -Be 'null'
        $types | Where-Object { Test-Json -Json '[ 1, 2 ]' -Schema "{ `"type`": `"$_`" }" -ErrorAction SilentlyContinue } | Should -Be 'array'
        Test-Json -Json '"null"' | Should -BeTrue
    }
    It 'accepts comments and trailing commas only when -Options says so' {
        $withComments = "{`n // A Json comment`n `"string`": `"test`"`n}"
        $withComma = "{ `"string`": `"test`", }"
        ($withComments | Test-Json -ErrorAction SilentlyContinue) | Should -BeFalse
        ($withComments | Test-Json -Options IgnoreComments -ErrorAction SilentlyContinue) | Should -BeTrue
        ($withComma | Test-Json -ErrorAction SilentlyContinue) | Should -BeFalse
        ($withComma | Test-Json -Options AllowTrailingCommas -ErrorAction SilentlyContinue) | Should -BeTrue
        ("{`n // c`n `"s`": `"t`",`n}" | Test-Json -Options IgnoreComments, AllowTrailingCommas) | Should -BeTrue
    }
    It 'reports only the items no oneOf or anyOf choice fits' {
        $oneOf = '{ "type": "object", "properties": { "ports": { "type": "array", "items": { "oneOf": [ { "type": "integer", "minimum": 0, "maximum": 65535 }, { "type": "string", "pattern": "^\\d+-\\d+$" } ] } } } }'
        $errorVar = $null
        Test-Json -Json '{ "ports": [80, 443, 8080] }' -Schema $oneOf -ErrorVariable errorVar | Should -BeTrue
        $errorVar.Count | Should -Be 0
        Test-Json -Json '{ "ports": [80, "invalid-port", 8080] }' -Schema $oneOf -ErrorVariable errorVar -ErrorAction SilentlyContinue | Should -BeFalse
        @($errorVar | Where-Object { $_.Exception.Message -match '/ports/(0|2)' }).Count | Should -Be 0
        @($errorVar | Where-Object { $_.Exception.Message -match '/ports/1' }).Count | Should -BeGreaterThan 0
        $anyOf = '{ "type": "object", "properties": { "Devices": { "type": "array", "items": { "anyOf": [ { "properties": { "deviceType": { "const": "smartphone" }, "os": { "type": "string", "enum": ["iOS", "Android"] } }, "required": ["deviceType", "os"] }, { "properties": { "deviceType": { "const": "laptop" }, "arch": { "type": "string", "enum": ["x86", "x64", "arm64"] } }, "required": ["deviceType", "arch"] } ] } } }, "required": ["Devices"] }'
        Test-Json -Json '{ "Devices": [ { "deviceType": "laptop", "arch": "x64" }, { "deviceType": "smartphone", "os": "iOS" } ] }' -Schema $anyOf | Should -BeTrue
        Test-Json -Json '{ "Devices": [ { "deviceType": "laptop", "arch": "x64" }, { "deviceType": "smartphone", "os": "iOS" }, { "deviceType": "smartphone", "os": "WindowsPhone" } ] }' -Schema $anyOf -ErrorVariable errorVar -ErrorAction SilentlyContinue | Should -BeFalse
        @($errorVar | Where-Object { $_.Exception.Message -match '/Devices/(0|1)' }).Count | Should -Be 0
        @($errorVar | Where-Object { $_.Exception.Message -match '/Devices/2' }).Count | Should -BeGreaterThan 0
    }
}

Remove-Item -LiteralPath $root -Recurse -Force
Complete-MiniPester
