import Testing

@testable import Workbench

/// Query strings as a browser or a hand-typed address gives them.
@Suite("Query strings")
struct QueryTests {
    @Test("a bare '=', an empty pair and a name without a value read as empty strings, never a crash")
    func oddPairs() {
        #expect(Workbench.parameters("=").map { [$0.0, $0.1] } == [["", ""]])
        #expect(Workbench.parameters("format=docx&&set=a%3Db").map { [$0.0, $0.1] } == [["format", "docx"], ["set", "a=b"]])
        #expect(Workbench.parameters("draws").map { [$0.0, $0.1] } == [["draws", ""]])
    }
}
