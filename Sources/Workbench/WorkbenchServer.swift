import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The workbench over HTTP (Hummingbird 2): every request goes to `Workbench.respond`, with
/// the raw path (so that an encoded `/` reaches the workbench's checks undecoded) and a body
/// of at most the workbench's limit.
public struct WorkbenchResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    public let workbench: Workbench

    public init(_ workbench: Workbench) { self.workbench = workbench }

    public func respond(to request: Request, context: Context) async throws -> Response {
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
            responder: WorkbenchResponder(self), configuration: .init(address: .hostname(host, port: port), serverName: "dibao"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}
