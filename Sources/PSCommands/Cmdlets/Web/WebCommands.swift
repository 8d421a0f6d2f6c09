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
        let target = "Method: \(request.httpMethod ?? "GET") \(url)"
        try context.session.requireHostAccess("Sending a web request to '\(url)'")
        let checkStatus = !context[P.skipHttpErrorCheck]
        var options = WebTransferOptions()
        if let maximum = context[P.maximumRedirection] { options.maximumRedirection = maximum }
        options.connectionTimeout = context[P.connectionTimeoutSeconds] ?? 0
        options.operationTimeout = context[P.operationTimeoutSeconds] ?? 0
        options.contentLimit = min(Int(Int32.max), ResourceLimits.maxAllocationBytes)
        if let outFile = context[P.outFile] {
            let path = try outFilePath(outFile, url: request.url, context: context)
            try context.session.requireHostAccess("Writing to the file '\(path)'")
            // pwsh checks the status before it writes: a failing response leaves the file alone.
            options.destination = { status in (200..<300).contains(status) || !checkStatus ? path : nil }
        }
        let response: WebResponse
        do {
            response = try WebClient.perform(request, options: options, stopFlag: context.session.stopFlag)
        } catch {
            if case .stopped = error { throw PipelineStoppedSignal() }
            throw WebObjects.clientError(error, request: target, context: context)
        }
        if checkStatus && !response.isSuccess {
            throw WebObjects.statusError(response, request: target, context: context)
        }
        // Only reached with -SkipHttpErrorCheck: pwsh writes the 3xx out and says why it stopped there.
        if options.maximumRedirection == 0 && [300, 301, 302, 303, 307, 308].contains(response.statusCode) {
            let record = ErrorRecord(message: "Operation is not valid due to the current state of the object.",
                                     errorId: context.qualifiedErrorId("MaximumRedirectExceeded"), category: .invalidOperation,
                                     target: .string(target), exceptionType: "System.InvalidOperationException")
            record.errorDetailsMessage = "The maximum redirection count has been exceeded. To increase the number of redirections allowed, supply a higher value to the -MaximumRedirection parameter."
            try context.writeError(record)
        }
        return response
    }

    /// -OutFile's real path. pwsh 7.4 saves into a folder under the URL's last segment.
    static func outFilePath(_ outFile: String, url: URL?, context: CmdletContext) throws -> String {
        let located: ProviderPath
        do { located = try context.session.locate(outFile) } catch {
            throw PSRuntimeError(error.record(for: context))
        }
        var path = located.real
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            let last = url?.lastPathComponent ?? ""
            guard !last.isEmpty, last != "/" else {
                throw WebRequestBuilder.validationError(context, "The cmdlet cannot run because the -OutFile parameter is a directory and the URI does not name a file: '\(outFile)'.",
                                                        "WebCmdletOutFileNotFilePathException")
            }
            path += "/" + last
        }
        return path
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
    static let declaration = CmdletDeclaration("Invoke-WebRequest", parameters: WebParameters.shared, defaultParameterSet: "StandardMethod",
        outputTypes: [WebObjects.basicHtmlType], synopsis: "Sends an HTTP or HTTPS request and returns the response.",
        description: "Returns a BasicHtmlWebResponseObject (StatusCode, StatusDescription, Content, RawContent, Headers, Links, ...). A status that is not a success is a terminating HttpResponseException error unless -SkipHttpErrorCheck; -OutFile saves the body (and writes nothing unless -PassThru).")
    func process(_ context: CmdletContext) throws {
        let response = try WebInvocation.send(context)
        if context[WebParameters.outFile] == nil || context[WebParameters.passThru] {
            try context.writeObject(context.reportingDotNetErrors { try WebObjects.make(response) })
        }
    }
}

final class InvokeRestMethodCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Invoke-RestMethod",
        parameters: WebParameters.shared + [WebParameters.statusCodeVariable, WebParameters.responseHeadersVariable],
        defaultParameterSet: "StandardMethod",
        synopsis: "Sends an HTTP or HTTPS request to a RESTful service and returns its content.",
        description: "Returns the content: JSON as objects (an array element by element), other text as a string. Errors as Invoke-WebRequest.")
    func process(_ context: CmdletContext) throws {
        let response = try WebInvocation.send(context)
        try WebInvocation.setVariables(response, context: context)
        if context[WebParameters.outFile] != nil && !context[WebParameters.passThru] { return }
        let (value, enumerate) = WebObjects.restContent(response)
        try context.writeObject(value, enumerate: enumerate)
    }
}
