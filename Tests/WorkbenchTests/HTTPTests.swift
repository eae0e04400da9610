import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Workbench

/// The workbench through Hummingbird on a live loopback server: what the page and the scripts get.
@Suite("Workbench over HTTP")
struct HTTPTests {
    @Test("The page, a run, a path with an encoded slash, a body over the limit, HEAD")
    func overHTTP() async throws {
        let workbench = try Fixtures.bundled()
        let run = #"{"scenario": "shangrao-2017-plan", "set": {"series.caseload.growth": "-0.05"}}"#
        let direct = workbench.post("/api/run", run).text
        let json: HTTPFields = [.contentType: "application/json"]
        try await workbench.application(host: "127.0.0.1", port: 0).test(.live) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains("农村低保测算工作台"))
            }
            try await client.execute(uri: "/api/run", method: .post, headers: json, body: ByteBuffer(string: run)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == direct, "the same bytes over HTTP")
            }
            try await client.execute(uri: "/api/scenarios/..%2F..%2Fetc%2Fpasswd/inputs", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            let big = ByteBuffer(string: "{\"scenario\": \"" + String(repeating: "x", count: 100_000) + "\"}")
            try await client.execute(uri: "/api/run", method: .post, headers: json, body: big) { response in
                #expect(response.status.code == 413)
            }
            try await client.execute(uri: "/", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/report?scenario=shangrao-2017-plan&format=csv", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("shangrao-2017-plan.csv") == true)
            }
        }
    }

    @Test("Other web pages cannot use it: a POST not JSON, another origin (another host name: scripts/check_openapi.py)")
    func otherPages() async throws {
        let workbench = try Fixtures.bundled()
        let run = ByteBuffer(string: #"{"scenario": "shangrao-2017-plan"}"#)
        try await workbench.application(host: "127.0.0.1", port: 0).test(.live) { client in
            try await client.execute(uri: "/api/run", method: .post, headers: [.contentType: "text/plain"], body: run) { response in
                #expect(response.status.code == 415, "a form another site can send")
            }
            let foreign: HTTPFields = [.contentType: "application/json", .origin: "http://evil.example"]
            try await client.execute(uri: "/api/run", method: .post, headers: foreign, body: run) { response in
                #expect(response.status == .forbidden)
            }
        }
    }
}
