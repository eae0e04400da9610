import Foundation
import Reports

/// An answer of the workbench, independent of the HTTP server that sends it.
public struct WorkbenchResponse: Sendable {
    public var status: Int
    public var contentType: String
    /// Further headers (`Content-Disposition`, `X-Dibao-Warnings`).
    public var headers: [(name: String, value: String)] = []
    public var body: [UInt8]

    public init(status: Int = 200, contentType: String, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// JSON text as it is.
    static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> WorkbenchResponse {
        WorkbenchResponse(status: status, contentType: "application/json; charset=utf-8", headers: headers, body: Array(text.utf8))
    }

    static func json(_ value: JSONValue, status: Int = 200) -> WorkbenchResponse {
        json(value.rendered(pretty: false), status: status)
    }

    static func failure(_ error: WorkbenchError) -> WorkbenchResponse {
        json(error.json, status: error.status)
    }

    /// A file to download, named `name` (RFC 6266: an ASCII fallback and the UTF-8 name).
    static func download(_ body: [UInt8], contentType: String, name: String) -> WorkbenchResponse {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._"))) ?? ascii
        return WorkbenchResponse(
            contentType: contentType, headers: [("Content-Disposition", "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")],
            body: body)
    }
}
