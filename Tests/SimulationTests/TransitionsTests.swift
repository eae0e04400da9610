import PolicyModel
import Testing

@testable import Simulation

@Suite("Caseload transitions")
struct TransitionsTests {
    /// Two states: on dibao (leaves with probability a) and off (joins with probability b).
    func model(a: Double, b: Double, byYear: [Int: [[Double]]] = [:]) -> CaseloadTransitions {
        CaseloadTransitions(
            states: ["dibao", "off"], initial: ["dibao": 1000, "off": 9000], recipients: ["dibao"],
            matrix: [[1 - a, a], [b, 1 - b]], matricesByYear: byYear)
    }

    let span = YearSpan(first: 2016, last: 2020)

    @Test("After one year: 1000 × (1 − a) + 9000 × b on dibao")
    func oneYear() throws {
        let states = try Transitions.project(model(a: 0.2, b: 0.01), span: span)
        #expect(states.years[0].counts == [1000, 9000])
        #expect(abs(states.years[1].counts[0] - (1000 * 0.8 + 9000 * 0.01)) < 1e-9)
        #expect(abs(states.years[1].counts.reduce(0, +) - 10000) < 1e-9)
    }

    @Test("The long run of [[1 − a, a], [b, 1 − b]] is (b / (a + b), a / (a + b))")
    func longRun() throws {
        let (a, b) = (0.2, 0.01)
        let shares = try #require(try Transitions.project(model(a: a, b: b), span: span).longRunShares)
        #expect(abs(shares[0] - b / (a + b)) < 1e-12 && abs(shares[1] - a / (a + b)) < 1e-12)
    }

    @Test("A yearly matrix replaces the annual one for the move into its year")
    func yearlyMatrix() throws {
        let states = try Transitions.project(model(a: 0.2, b: 0.01, byYear: [2017: [[1, 0], [0, 1]]]), span: span)
        #expect(states.years[1].counts == [1000, 9000])
        #expect(abs(states.years[2].counts[0] - (1000 * 0.8 + 9000 * 0.01)) < 1e-9)
    }

    @Test("Two absorbing states have no unique long run")
    func absorbing() throws {
        #expect(try Transitions.longRun([[1, 0, 0], [0, 1, 0], [0.5, 0.5, 0]]) == nil)
    }

    @Test("The projection's caseload is the recipients' sum")
    func caseload() throws {
        var scenario = Scenario(
            name: "t", span: span, series: [.standard: SeriesDefinition(unit: .yuanPerPersonYear, values: [2016: 3240], growth: 0.1)])
        scenario.caseloadTransitions = model(a: 0.2, b: 0.01)
        let states = try Transitions.project(scenario.caseloadTransitions!, span: span)
        let projection = try Projection(scenario, caseloadStates: states)
        #expect(projection.figures(for: 2017)?.caseload == states.years[1].counts[0])
        #expect(throws: ScenarioProblem.self) { try Projection(scenario) }
    }

    @Test("Invalid models are refused: a row not summing to 1, a negative share, a wrong size, unknown states")
    func invalid() {
        func problem(_ model: CaseloadTransitions) -> [String]? {
            do {
                try model.validate(span: span)
                return nil
            } catch { return error.keyPath }
        }
        #expect(problem(model(a: 0.2, b: 0.01).with { $0.matrix[0] = [0.5, 0.4] }) == ["caseload_transitions", "matrix"])
        #expect(problem(model(a: 0.2, b: 0.01).with { $0.matrix[0] = [1.2, -0.2] }) == ["caseload_transitions", "matrix"])
        #expect(problem(model(a: 0.2, b: 0.01).with { $0.matrix = [[1]] }) == ["caseload_transitions", "matrix"])
        #expect(problem(model(a: 0.2, b: 0.01).with { $0.initial["elsewhere"] = 5 }) == ["caseload_transitions", "initial", "elsewhere"])
        #expect(problem(model(a: 0.2, b: 0.01).with { $0.recipients = ["nobody"] }) == ["caseload_transitions", "recipients"])
        #expect(problem(model(a: 0.2, b: 0.01, byYear: [2030: [[1, 0], [0, 1]]])) == ["caseload_transitions", "matrices", "2030"])
    }
}

extension CaseloadTransitions {
    func with(_ change: (inout CaseloadTransitions) -> Void) -> CaseloadTransitions {
        var copy = self
        change(&copy)
        return copy
    }
}
