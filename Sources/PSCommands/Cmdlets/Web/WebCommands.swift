// Invoke-WebRequest and Invoke-RestMethod (aliases iwr, irm).

import Foundation
import PSRuntime

/// What both cmdlets do: build the request, send it, turn a failing status into PowerShell 7's
/// terminating error, save -OutFile.
enum WebInvocation {
    static func send(_ context: CmdletContext) throws -> WebResponse {
        typealias P = WebParameters
        let request = try WebRequestBuilder.build(context)
        let url = request.url?.absoluteString ?? ""
        try context.session.requireHostAccess("Sending a web request to '\(url)'")
        let maximum = context[P.maximumRedirection] ?? 5
        let response: WebResponse
        do {
            response = try WebClient.perform(request, maximumRedirection: maximum, timeoutSeconds: context[P.timeoutSec] ?? 0,
                                             stopFlag: context.session.stopFlag)
        } catch {
            if case .stopped = error { throw PipelineStoppedSignal() }
            throw WebObjects.clientError(error, url: url, context: context)
        }
        if !response.isSuccess && !context[P.skipHttpErrorCheck] && !(response.isRedirect && maximum == 0) {
            throw WebObjects.statusError(response, context: context)
        }
        if maximum == 0 && response.isRedirect {
            try context.writeError(ErrorRecord(message: "The maximum redirection count has been exceeded. To increase the number of redirections allowed, supply a higher value to the -MaximumRedirection parameter.",
                                               errorId: context.qualifiedErrorId("MaximumRedirectExceeded"), category: .invalidOperation,
                                               target: .string(url), exceptionType: "System.InvalidOperationException"))
        }
        if let outFile = context[P.outFile] {
            var path = context.session.resolvePath(outFile)
            var isDir: ObjCBool = false
            // PowerShell 7.4 saves into a folder under the URL's last segment.
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                path += "/" + (response.url.lastPathComponent.isEmpty || response.url.lastPathComponent == "/" ? "index.html" : response.url.lastPathComponent)
            }
            try context.session.requireHostAccess("Writing to the file '\(path)'")
            guard FileManager.default.createFile(atPath: path, contents: response.body) else {
                throw context.terminatingError("Could not find a part of the path '\(path)'.", errorId: "System.IO.DirectoryNotFoundException",
                                               category: .notSpecified, target: .string(path), exceptionType: "System.IO.DirectoryNotFoundException")
            }
        }
        return response
    }

    /// The values -StatusCodeVariable and -ResponseHeadersVariable name, set in the caller's scope.
    static func setVariables(_ response: WebResponse, context: CmdletContext) throws {
        if let name = context[WebParameters.statusCodeVariable] {
            context.session.setVariable(name, .int(Int32(response.statusCode)))
        }
        if let name = context[WebParameters.responseHeadersVariable] {
            context.session.setVariable(name, .hashtable(WebObjects.headers(response)))
        }
    }
}

final class InvokeWebRequestCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Invoke-WebRequest", parameters: WebParameters.shared,
        outputTypes: [WebObjects.basicHtmlType], synopsis: "Sends an HTTP or HTTPS request and returns the response.",
        description: "Returns a BasicHtmlWebResponseObject (StatusCode, StatusDescription, Content, RawContent, Headers, Links, ...). A status that is not a success is a terminating HttpResponseException error unless -SkipHttpErrorCheck; -OutFile saves the body (and writes nothing unless -PassThru).")
    init() {}
    func process(_ context: CmdletContext) throws {
        let response = try WebInvocation.send(context)
        if context[WebParameters.outFile] == nil || context[WebParameters.passThru] {
            try context.writeObject(WebObjects.make(response))
        }
    }
}

final class InvokeRestMethodCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Invoke-RestMethod",
        parameters: WebParameters.shared + [WebParameters.statusCodeVariable, WebParameters.responseHeadersVariable],
        synopsis: "Sends an HTTP or HTTPS request to a RESTful service and returns its content.",
        description: "Returns the content: JSON as objects (an array element by element), other text as a string. Errors as Invoke-WebRequest.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let response = try WebInvocation.send(context)
        try WebInvocation.setVariables(response, context: context)
        if context[WebParameters.outFile] != nil && !context[WebParameters.passThru] { return }
        let (value, enumerate) = WebObjects.restContent(response)
        try context.writeObject(value, enumerate: enumerate)
    }
}
