import Foundation
import LinuxSystem
import Netlink
import XCTest

/// Invoke-WebRequest and Invoke-RestMethod through the real `hvsh -File`, against a local HTTP server
/// on 127.0.0.1 inside a network namespace the test creates (hvsh runs in the same namespace).
final class WebCmdletTests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        guard geteuid() == 0 else { throw XCTSkip("needs root to create a network namespace for the local web server") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    static func route(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Reply {
        let json = [("Content-Type", "application/json; charset=utf-8")]
        switch (request.method, request.path) {
        case ("GET", "/json"):
            return .init(status: 200, reason: "OK", headers: json + [("X-Lab", "one")], body: Array(#"{"name":"lab","vms":[{"n":1},{"n":2}]}"#.utf8))
        case ("GET", "/list"):
            return .init(status: 200, reason: "OK", headers: json, body: Array(#"[{"n":1},{"n":2},{"n":3}]"#.utf8))
        case ("GET", "/page"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "text/html")],
                         body: Array(#"<html><body><a href="/iso/lab.iso">ISO</a> <a href='/docs'>docs</a></body></html>"#.utf8))
        case ("GET", "/text"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "text/plain")], body: Array("hello lab".utf8))
        case ("GET", "/missing"):
            return .init(status: 404, reason: "Not Found", headers: json, body: Array(#"{"error":"no such lab"}"#.utf8))
        case ("GET", "/redirect"):
            return .init(status: 302, reason: "Found", headers: [("Location", "/text")])
        case ("GET", "/slow"):
            return .init(status: 200, reason: "OK", body: Array("late".utf8), delaySeconds: 3)
        case ("GET", "/disk.img"):
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "application/octet-stream")], body: (0..<300).map { UInt8($0 % 256) })
        default:
            // Everything else echoes the request back as text.
            let text = "\(request.method) \(request.path) type=\(request.headers["content-type"] ?? "-") x-lab=\(request.headers["x-lab"] ?? "-") body=\(String(decoding: request.body, as: UTF8.self))"
            return .init(status: 200, reason: "OK", headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
        }
    }

    /// Runs the script with `$base` (http://127.0.0.1:port) in a fresh namespace holding the server.
    private func run(_ script: String) throws -> (stdout: String, stderr: String) {
        let file = home.write("web.ps1", "param($base)\n" + script)
        let out = home.path + "/out.txt", err = home.path + "/err.txt"
        let home = self.home.path
        let status = try NetworkNamespace.runIsolated { () throws -> CInt in
            let server = try LocalHTTPServer(route: Self.route)
            defer { server.stop() }
            var spawn = ProcessSpawn(path: "/usr/bin/env", arguments: [
                "env", "HOME=\(home)", "HVSH_HOME=\(home)/hvsh-state", "NO_COLOR=1",
                HvshProcess.executable, "-NoProfile", "-File", file, "http://127.0.0.1:\(server.port)",
            ])
            spawn.directory = home
            spawn.fileActions = [.open(0, path: "/dev/null", flags: O_RDONLY),
                                 .open(1, path: out, flags: O_WRONLY | O_CREAT | O_TRUNC),
                                 .open(2, path: err, flags: O_WRONLY | O_CREAT | O_TRUNC)]
            return try Processes.waitForExit(try spawn.run())
        }
        let stdout = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        XCTAssertEqual(status, 0, stderr)
        return (stdout, stderr)
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
            $page = iwr "$base/page"
            ($page.Links | ForEach-Object href) -join ','
            $page.Links[0].outerHTML
            """)
        XCTAssertEqual(out, """
            200 OK 39
            {"name":"lab","vms":[{"n":1},{"n":2}]}
            one
            application/json; charset=utf-8
            HTTP/1.1 200 OK
            Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject
            /iso/lab.iso,/docs
            <a href="/iso/lab.iso">ISO</a>

            """, err)
    }

    func testInvokeRestMethodParsesJsonAndKeepsText() throws {
        let (out, err) = try run("""
            $lab = Invoke-RestMethod "$base/json"
            "$($lab.name) $($lab.vms.Count) $($lab.vms[1].n)"
            (irm "$base/list" | Measure-Object).Count
            irm "$base/text"
            irm "$base/json" -StatusCodeVariable code -ResponseHeadersVariable hdrs | Out-Null
            "$code $($hdrs['X-Lab'])"
            """)
        XCTAssertEqual(out, "lab 2 2\n3\nhello lab\n200 one\n", err)
    }

    func testMethodsBodiesHeadersAndContentTypes() throws {
        let (out, err) = try run("""
            irm "$base/echo" -Method Post -Body 'raw text' -ContentType 'text/plain' -Headers @{ 'X-Lab' = 'two' }
            irm "$base/echo" -Method Put -Body @{ name = 'lab 1'; size = 2 }
            irm "$base/echo" -Body @{ q = 'a&b' }
            irm "$base/echo" -Method Delete
            irm "$base/echo" -Method Post -Body ([byte[]](104, 105)) -ContentType 'application/octet-stream'
            irm "$base/echo" -CustomMethod PATCH -Body '{"a":1}' -ContentType 'application/json'
            """)
        XCTAssertEqual(out, """
            POST /echo type=text/plain x-lab=two body=raw text
            PUT /echo type=application/x-www-form-urlencoded x-lab=- body=\(Self.formOrder("name=lab%201", "size=2"))
            GET /echo?q=a%26b type=- x-lab=- body=
            DELETE /echo type=- x-lab=- body=
            POST /echo type=application/octet-stream x-lab=- body=hi
            PATCH /echo type=application/json x-lab=- body={"a":1}

            """, err)
    }

    /// A hashtable's pairs come in its own (unordered) order, as in PowerShell.
    static func formOrder(_ a: String, _ b: String) -> String { "\(a)&\(b)" }

    func testHttpErrorsAreHttpResponseExceptions() throws {
        let (out, err) = try run("""
            try { Invoke-WebRequest "$base/missing" } catch {
                $_.FullyQualifiedErrorId
                $_.Exception.GetType().FullName
                $_.Exception.Message
                [int]$_.Exception.Response.StatusCode
                "$($_.Exception.Response.StatusCode)"
                $_.ErrorDetails.Message
                "$_"
            }
            try { irm "$base/missing" } catch [Microsoft.PowerShell.Commands.HttpResponseException] { "typed catch: $($_.CategoryInfo.Category)" }
            (iwr "$base/missing" -SkipHttpErrorCheck).StatusCode
            try { iwr 'http://127.0.0.1:1/' } catch { "$($_.FullyQualifiedErrorId) | $_" }
            try { iwr 'ftp://127.0.0.1/x' } catch { $_.FullyQualifiedErrorId }
            """)
        XCTAssertEqual(out, """
            WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            Microsoft.PowerShell.Commands.HttpResponseException
            Response status code does not indicate success: 404 (Not Found).
            404
            NotFound
            {"error":"no such lab"}
            {"error":"no such lab"}
            typed catch: InvalidOperation
            404
            WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand | Connection refused (127.0.0.1:1)
            WebCmdletInvalidUriException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand

            """, err)
    }

    func testRedirectsTimeoutsAndOutFile() throws {
        let (out, err) = try run("""
            (iwr "$base/redirect").Content
            $r = iwr "$base/redirect" -MaximumRedirection 0 -ErrorVariable e -ErrorAction SilentlyContinue
            "$($r.StatusCode) $($r.Headers.Location) $($e[0].FullyQualifiedErrorId)"
            try { iwr "$base/slow" -TimeoutSec 1 } catch { $_.Exception.GetType().FullName }
            Invoke-WebRequest "$base/disk.img" -OutFile .\\disk.img
            (Get-Item disk.img).Length
            $p = iwr "$base/text" -OutFile saved.txt -PassThru
            "$($p.StatusCode) $(Get-Content saved.txt)"
            New-Item -ItemType Directory downloads | Out-Null
            irm "$base/disk.img" -OutFile downloads
            Test-Path downloads/disk.img
            """)
        XCTAssertEqual(out, """
            hello lab
            302 /text MaximumRedirectExceeded,Microsoft.PowerShell.Commands.InvokeWebRequestCommand
            System.Threading.Tasks.TaskCanceledException
            300
            200 hello lab
            True

            """, err)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: home.path + "/disk.img"))
        XCTAssertEqual(Array(bytes), (0..<300).map { UInt8($0 % 256) })
    }
}
