import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The workbench over HTTP (Hummingbird 2): every request goes to `Workbench.respond`, with
/// the raw path (so that an encoded `/` reaches the workbench's checks undecoded) and a body
/// of at most the workbench's limit.
///
/// Other web pages open in the same browser cannot use it: on loopback it answers only
/// requests addressed to a loopback name (no DNS rebinding), and a POST must be JSON
/// (which a page of another site cannot send without asking first) from no other origin.
public struct WorkbenchResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    public let workbench: Workbench
    /// Whether only loopback names are answered (the server listens on loopback).
    let loopbackOnly: Bool

    public init(_ workbench: Workbench, loopbackOnly: Bool = true) {
        self.workbench = workbench
        self.loopbackOnly = loopbackOnly
    }

    /// The loopback names a request may be addressed to.
    static let loopbackNames: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    /// The refusal of a request from elsewhere, nil for one the workbench answers.
    func refusal(of request: Request) -> WorkbenchError? {
        let authority = request.head.authority ?? ""
        let name = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }) + "]" : String(authority.prefix { $0 != ":" })
        if loopbackOnly && !Self.loopbackNames.contains(name.lowercased()) {
            return WorkbenchError(status: 403, "the workbench answers only at http://127.0.0.1 (this request was for \(authority))")
        }
        guard request.method == .post else { return nil }
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            return WorkbenchError(status: 415, "send the request as JSON (Content-Type: application/json)")
        }
        if let origin = request.headers[.origin], origin != "http://\(authority)" {
            return WorkbenchError(status: 403, "the workbench does not answer requests from the page \(origin)")
        }
        return nil
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        if let refusal = refusal(of: request) { return Self.response(.failure(refusal), head: request.method == .head) }
        var request = request
        var body: [UInt8] = []
        if request.method == .post {
            do {
                let buffer = try await request.collectBody(upTo: workbench.limits.requestBytes)
                body = Array(buffer.readableBytesView)
            } catch {
                return Self.response(
                    .failure(WorkbenchError(status: 413, "the request is larger than \(workbench.limits.requestBytes) bytes")),
                    head: request.method == .head)
            }
        }
        let method = request.method.rawValue
        let (path, query) = (request.uri.path, request.uri.query)
        let workbench = workbench
        // Projections are computation: off the server's threads, each on its own task.
        let answer = await Task.detached { workbench.respond(method: method, path: path, query: query, body: body) }.value
        return Self.response(answer, head: request.method == .head)
    }

    static func response(_ answer: WorkbenchResponse, head: Bool) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = answer.contentType
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

extension Workbench {
    /// The application serving this workbench on `host`:`port`.
    public func application(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        // Only problems are logged: the command prints where it listens.
        var logger = Logger(label: "dibao-serve")
        logger.logLevel = .warning
        return Application(
            responder: WorkbenchResponder(self, loopbackOnly: ["127.0.0.1", "localhost", "::1"].contains(host)),
            configuration: .init(address: .hostname(host, port: port), serverName: "dibao"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}
