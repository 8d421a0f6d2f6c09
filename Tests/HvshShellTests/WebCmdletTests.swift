import Foundation
import XCTest

/// Invoke-WebRequest and Invoke-RestMethod through the real `hvsh -File`, against a local HTTP server
/// on 127.0.0.1 inside a network namespace the test creates (hvsh runs in the same namespace). The
/// expected texts are pwsh 7.4's (its WebCmdlets source and tests: request building, error records,
/// the BasicHtmlWebResponseObject list view).
final class WebCmdletTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try WebTestRun.requirements()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    static func route(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        let json = [("Content-Type", "application/json; charset=utf-8")]
        switch (request.method, request.path) {
        case ("GET", "/json"):
            return .init(status: 200, reason: "OK", headers: json + [("X-Lab", "one"), ("Link", #"</json?page=2>; rel="next", <http://127.0.0.1/first>; rel=first"#)],
                         body: Array(#"{"name":"lab","vms":[{"n":1},{"n":2}]}"#.utf8))
        case ("GET", "/list"):
            return .init(status: 200, reason: "OK", headers: json, body: Array(#"[{"n":1},{"n":2},{"n":3}]"#.utf8))
        case ("GET", "/page"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "text/html")],
                         body: Array(#"<html><body><a href="/iso/lab.iso">ISO</a> <img src='logo.png' alt=x> <a href='/docs'>docs</a><input name=vm value="lab-1"></body></html>"#.utf8))
        case ("GET", "/text"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "text/plain")], body: Array("hello lab".utf8))
        case ("GET", "/missing"):
            return .init(status: 404, reason: "Not Found", headers: json, body: Array(#"{"error":"no such lab","codes":[1,2]}"#.utf8))
        case ("GET", "/broken"):
            return .init(status: 500, reason: "Internal Server Error", headers: [("Content-Type", "text/html")],
                         body: Array("<html><body><h1>Broken</h1> lab</body></html>".utf8))
        case ("GET", "/redirect"):
            return .init(status: 302, reason: "Found", headers: [("Location", "/text")])
        case ("GET", "/slow"):
            return .init(status: 200, reason: "OK", body: Array("late".utf8), delaySeconds: 4)
        case ("GET", "/bin"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "application/octet-stream")], body: [0x41, 0x00, 0x7E, 0xC3, 0x21])
        case ("GET", "/disk.img"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "application/octet-stream")], body: (0..<300).map { UInt8($0 % 256) })
        default:
            // Everything else echoes the request back as text.
            let text = "\(request.method) \(request.path) type=\(request.headers["content-type"] ?? "-") x-lab=\(request.headers["x-lab"] ?? "-") body=\(String(decoding: request.body, as: UTF8.self))"
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
    }

    private func run(_ script: String) throws -> (stdout: String, stderr: String) {
        let outcome = try WebTestRun.run(script, home: home, route: Self.route)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        return (outcome.stdout, outcome.stderr)
    }

    func testInvokeWebRequestReturnsPowerShellsResponseObject() throws {
        let (out, err) = try run("""
            $r = Invoke-WebRequest -Uri "$base/json" -UseBasicParsing
            "$($r.StatusCode) $($r.StatusDescription) $($r.RawContentLength)"
            $r.Content
            $r.Headers['X-Lab']
            $r.Headers.'Content-Type'
            $r.RawContent.Split("`r`n")[0]
            $r.PSObject.TypeNames[0]
            "$($r.BaseResponse.StatusCode) $([int]$r.BaseResponse.StatusCode)"
            "$($r.RelationLink['next'] -replace '\\d+/', 'PORT/') $($r.RelationLink.First)"
            $page = iwr "$base/page"
            ($page.Links | ForEach-Object href) -join ','
            $page.Links[0].outerHTML
            "$($page.Images[0].src) $($page.Images[0].alt) $($page.InputFields[0].name)=$($page.InputFields[0].value)"
            $bin = iwr "$base/bin"
            "$($bin.PSObject.TypeNames[0]) $($bin.Content.Count) $($bin.Content[3]) $bin"
            iwr "$base/text"
            """)
        XCTAssertEqual(out, """
            200 OK 38
            {"name":"lab","vms":[{"n":1},{"n":2}]}
            one
            application/json; charset=utf-8
            HTTP/1.1 200 OK
            Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject
            OK 200
            http://127.0.0.1:PORT/json?page=2 http://127.0.0.1/first
            /iso/lab.iso,/docs
            <a href="/iso/lab.iso">ISO</a>
            logo.png x vm=lab-1
            Microsoft.PowerShell.Commands.WebResponseObject 5 195 A..?!

            StatusCode        : 200
            StatusDescription : OK
            Content           : hello lab
            RawContent        : HTTP/1.1 200 OK
                                Connection: close
                                Content-Length: 9
                                Content-Type: text/plain
            \(String(repeating: " ", count: 20))
                                hello lab
            Headers           : {[Connection, System.String[]], [Content-Length, System.String[]], [Content-Type, System.String[]]}
            Images            : {}
            InputFields       : {}
            Links             : {}
            RawContentLength  : 9
            RelationLink      : {}


            """, err)
    }

    func testInvokeRestMethodParsesJsonAndKeepsText() throws {
        let (out, err) = try run("""
            $lab = Invoke-RestMethod "$base/json"
            "$($lab.name) $($lab.vms.Count) $($lab.vms[1].n) $($lab.GetType().Name)"
            (irm "$base/list" | Measure-Object).Count
            $all = irm "$base/list"
            "$($all.GetType().Name) $($all.Count)"
            irm "$base/text"
            irm "$base/json" -StatusCodeVariable code -ResponseHeadersVariable hdrs | Out-Null
            "$code $($hdrs['X-Lab'])"
            """)
        XCTAssertEqual(out, "lab 2 2 PSCustomObject\n3\nObject[] 3\nhello lab\n200 one\n", err)
    }

    func testMethodsBodiesHeadersAndContentTypes() throws {
        let (out, err) = try run("""
            irm "$base/echo" -Method Post -Body 'raw text' -ContentType 'text/plain' -Headers @{ 'X-Lab' = 'two' }
            irm "$base/echo" -Method Put -Body @{ name = 'lab 1/2' }
            irm "$base/echo" -Body @{ q = 'a&b c' }
            irm "$base/echo?x=1" -Method Get -Body @{ q = 'é' }
            try { irm "$base/echo" -Body 'plain' } catch { $_.FullyQualifiedErrorId }
            irm "$base/echo" -Method Delete
            irm "$base/echo" -Method Post
            irm "$base/echo" -Method Post -Body ([byte[]](104, 105)) -ContentType 'application/octet-stream'
            irm "$base/echo" -CustomMethod patch -Body '{"a":1}' -ContentType 'application/json'
            irm "$base/echo" -Method Post -Body 'h' -Headers @{ 'Content-Type' = 'text/csv'; 'X-Lab' = $null }
            Set-Content body.txt 'from a file' -NoNewline
            irm "$base/echo" -Method Put -InFile body.txt
            """)
        XCTAssertEqual(out, """
            POST /echo type=text/plain x-lab=two body=raw text
            PUT /echo type=- x-lab=- body=name=lab+1%2F2
            GET /echo?q=a%26b+c type=- x-lab=- body=
            GET /echo?x=1&q=%C3%A9 type=- x-lab=- body=
            WebCmdletBodyWithGetNotSupported,Microsoft.PowerShell.Commands.InvokeRestMethodCommand
            DELETE /echo type=- x-lab=- body=
            POST /echo type=application/x-www-form-urlencoded x-lab=- body=
            POST /echo type=application/octet-stream x-lab=- body=hi
            PATCH /echo type=application/json x-lab=- body={"a":1}
            POST /echo type=text/csv x-lab=- body=h
            PUT /echo type=- x-lab=- body=from a file

            """, err)
    }

    func testHttpErrorsAreHttpResponseExceptions() throws {
        let (out, err) = try run("""
            try { Invoke-WebRequest "$base/missing" } catch {
                $_.FullyQualifiedErrorId
                $_.Exception.GetType().FullName
                $_.Exception.Message
                [int]$_.Exception.Response.StatusCode
                $_.Exception.StatusCode
                "$($_.Exception.Response.StatusCode)"
                $_.CategoryInfo.Category
                "[$($_.ErrorDetails.Message)]"
            }
            try { irm "$base/missing" } catch [Microsoft.PowerShell.Commands.HttpResponseException] { "typed catch: $($_.FullyQualifiedErrorId)" }
            try { irm "$base/broken" } catch { "[$_]" }
            (iwr "$base/missing" -SkipHttpErrorCheck).StatusCode
            try { iwr 'http://127.0.0.1:1/' } catch { "$($_.FullyQualifiedErrorId) | $($_.Exception.GetType().Name) | $($_.Exception.Message) | $_" }
            try { iwr 'ftp://127.0.0.1/x' } catch { "$($_.FullyQualifiedErrorId) | $_" }
            try { iwr "$base/text" -PassThru } catch { $_.FullyQualifiedErrorId }
            try { iwr "$base/echo" -Body 'a' -InFile nothing.txt } catch { $_.FullyQualifiedErrorId }
            """)
        XCTAssertEqual(out, """
            WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            Microsoft.PowerShell.Commands.HttpResponseException
            Response status code does not indicate success: 404 (Not Found).
            404
            NotFound
            NotFound
            InvalidOperation
            [
            {
              "error": "no such lab",
              "codes": [
                1,
                2
              ]
            }]
            typed catch: WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand
            [Broken lab]
            404
            WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand | HttpRequestException | Connection refused (127.0.0.1:1) | Connection refused
            WebCmdletIEDomNotSupportedException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand | The 'ftp' scheme is not supported.
            WebCmdletOutFileMissingException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            WebCmdletBodyConflictException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand

            """, err)
    }

    func testRedirectsTimeoutsAndOutFile() throws {
        let (out, err) = try run("""
            (iwr "$base/redirect").Content
            try { iwr "$base/redirect" -MaximumRedirection 0 } catch { $_.Exception.Message }
            $r = iwr "$base/redirect" -MaximumRedirection 0 -SkipHttpErrorCheck -ErrorVariable e -ErrorAction SilentlyContinue
            "$($r.StatusCode) $($r.Headers.Location) $($e[0].FullyQualifiedErrorId)"
            $e[0].ErrorDetails.Message
            $t = Get-Date
            try { iwr "$base/slow" -TimeoutSec 1 } catch { "$($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category) | $_" }
            ((Get-Date) - $t).TotalSeconds -lt 3.5
            Invoke-WebRequest "$base/disk.img" -OutFile .\\disk.img
            (Get-Item disk.img).Length
            $p = iwr "$base/text" -OutFile saved.txt -PassThru
            "$($p.StatusCode) $(Get-Content saved.txt)"
            New-Item -ItemType Directory downloads | Out-Null
            irm "$base/disk.img" -OutFile downloads
            Test-Path downloads/disk.img
            try { iwr "$base/missing" -OutFile notsaved.json } catch { "$(Test-Path notsaved.json)" }
            """)
        XCTAssertEqual(out, """
            hello lab
            Response status code does not indicate success: 302 (Found).
            302 /text MaximumRedirectExceeded,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            The maximum redirection count has been exceeded. To increase the number of redirections allowed, supply a higher value to the -MaximumRedirection parameter.
            ConnectionTimeoutReached,Microsoft.PowerShell.Commands.InvokeWebRequestCommand OperationTimeout | The request was canceled due to the configured HttpClient.Timeout of 1 seconds elapsing.
            True
            300
            200 hello lab
            True
            False

            """, err)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: home.path + "/disk.img"))
        XCTAssertEqual(Array(bytes), (0..<300).map { UInt8($0 % 256) })
    }

    /// hvsh's HTTP client cannot turn certificate checks off on Linux: it says so instead of pretending.
    func testSkipCertificateCheckIsRefusedClearly() throws {
        let (out, err) = try run("""
            try { iwr 'https://127.0.0.1:9/' -SkipCertificateCheck } catch { "$($_.FullyQualifiedErrorId) | $($_.CategoryInfo.Category)" }
            """)
        XCTAssertEqual(out, "WebCmdletSkipCertificateCheckNotSupported,Microsoft.PowerShell.Commands.InvokeWebRequestCommand | NotImplemented\n", err)
    }
}
