import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import Simulation
import TestFolders
import Testing

@testable import Analyses

#if canImport(Glibc)
    import Glibc
#endif

/// The repository's `scenarios/` folder.
private let scenarios = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios").path

/// A variant of a bundled scenario written to a temporary folder, returned as a run.
private func variant(_ text: String) throws -> ScenarioRun {
    let folder = try TestFolders.make("runlayer")
    try text.write(toFile: folder + "/variant.yaml", atomically: true, encoding: .utf8)
    return try ScenarioRun(loading: folder + "/variant.yaml", threads: 2)
}

/// Solve, sweep and Monte Carlo go through the run layer, so they work on every kind of
/// scenario the loader accepts: household-driven and transitions-driven ones included.
@Suite("Analyses on every kind of scenario")
struct RunLayerAnalysesTests {
    @Test(
        "On the household scenario the 2018 margin holds up to poverty-line growth of (4260 / 1.2 / 2800)^(1/4) − 1, as in the aggregate plan"
    )
    func solveOnHouseholds() throws {
        let run = try ScenarioRun(loading: scenarios + "/microsimulation-plan.yaml", threads: 2)
        #expect(run.population != nil)
        var solver = TargetSolver(
            run: run, input: try VariedInput.parse("series.poverty_line.growth", in: run.scenario).get(), range: 0...0.1,
            skipping: ["benefit_at_least", "county_budget_at_most"])
        solver.gridPoints = 50
        let result = solver.solve()
        let expected = pow(4260 / 1.2 / 2800, 0.25) - 1
        #expect(abs(try #require(result.highest) - expected) < 1e-6)
        #expect(result.bindingAbove == [0])
    }

    @Test("A sweep over the transitions scenario projects every point with its states; caseload is the recipients' sum")
    func sweepOnTransitions() throws {
        let run = try ScenarioRun(loading: scenarios + "/caseload-transitions.yaml")
        let input = try VariedInput.parse("series.poverty_line.growth", in: run.scenario).get()
        let sweep = Sweep(run: run, axes: [Sweep.Axis(input: input, from: 0.04, to: 0.08, step: 0.02)])
        #expect(sweep.runs.count == 3)
        for point in sweep.runs {
            let projection = try #require(point.projection, "\(point.problem ?? "")")
            // The transitions model starts from 12,104 + 8,896 recipients.
            #expect(projection.figures(for: 2016)?.caseload == 12_104.0 + 8_896.0)
            #expect(projection.caseloadStates != nil)
        }
        // The 2018 margin: 4260 / (2800 × 1.04⁴) − 1 = 24.9% passes; at 8% a year 11.8% fails.
        #expect(sweep.runs[0].projection!.checks.first { $0.target.kind == .marginAbovePovertyLine }!.passed)
        #expect(!sweep.runs[2].projection!.checks.first { $0.target.kind == .marginAbovePovertyLine }!.passed)
    }

    @Test("Monte Carlo over the transitions scenario: the caseload is the same in every draw, the poverty line varies")
    func monteCarloOnTransitions() throws {
        let run = try variant(
            """
            extends: \(scenarios)/caseload-transitions.yaml
            name: uncertain-transitions
            description: the transitions scenario with an uncertain poverty line
            uncertainty:
              growth_sd: {poverty_line: 0.02}
              assumption: two points of growth either way
            """)
        let base = try run.project()
        let result = try run.monteCarlo(base, draws: 2_000, seed: 5)
        let caseload = try #require(result.years[4].figures.first { $0.figure == .caseloadPersons }?.summary)
        let deterministic = try #require(base.figures(for: 2020)?.caseload)
        #expect(caseload.p5 == deterministic && caseload.p95 == deterministic)
        let line = try #require(result.years[4].figures.first { $0.figure == .povertyLineYuanPerYear }?.summary)
        #expect(line.p5 < line.p95)
    }

    @Test("Monte Carlo over the household scenario reruns the households in each draw: the same seed, the same result")
    func monteCarloOnHouseholds() throws {
        let run = try variant(
            """
            extends: \(scenarios)/microsimulation-plan.yaml
            name: uncertain-households
            description: the household scenario with uncertain rural income growth, which moves household incomes
            uncertainty:
              growth_sd: {rural_income: 0.03}
              assumption: three points of growth either way
            """)
        let base = try run.project()
        let first = try run.monteCarlo(base, draws: 64, seed: 9)
        let again = try run.monteCarlo(base, draws: 64, seed: 9)
        let caseload = try #require(first.years[4].figures.first { $0.figure == .caseloadPersons }?.summary)
        // Incomes that grow by drawn rates change who is below the standard: the caseload varies.
        #expect(caseload.p5 < caseload.p95)
        #expect(caseload.mean == again.years[4].figures.first { $0.figure == .caseloadPersons }?.summary.mean)
    }

    @Test(
        "Uncertain take-up: each draw's caseload is the households eligible at full take-up × the drawn rate, so its 5–95% band is (0.8 ± 1.645 × 0.1) of them"
    )
    func monteCarloOverTakeUp() throws {
        let scenario = { (takeUp: String, uncertainty: String) in
            """
            extends: \(scenarios)/microsimulation-plan.yaml
            name: take-up
            microsimulation: {take_up: \(takeUp)}
            \(uncertainty)
            """
        }
        // Every eligible person at take-up 1 (the households' own draws decide who claims below it).
        let eligible = try #require(try variant(scenario("1", "")).project().figures(for: 2020)?.caseload)
        let run = try variant(scenario("0.8", "uncertainty: {take_up_sd: 10%, assumption: ten points either way}"))
        let base = try run.project()
        let result = try run.monteCarlo(base, draws: 400, seed: 5)
        let caseload = try #require(result.years.last?.figures.first { $0.figure == .caseloadPersons }?.summary)
        // Households claim when their own uniform draw is below the rate: the caseload follows
        // the rate closely (a few households' granularity), so the band's ends are near
        // eligible × (0.8 ∓ 0.1645), within the sampling error of 400 draws' 5th and 95th percentiles.
        #expect(abs(caseload.mean / (eligible * 0.8) - 1) < 0.03, "\(caseload.mean) vs \(eligible * 0.8)")
        #expect(abs(caseload.p5 / (eligible * (0.8 - 0.1 * 1.6449)) - 1) < 0.06, "\(caseload.p5)")
        #expect(abs(caseload.p95 / (eligible * (0.8 + 0.1 * 1.6449)) - 1) < 0.06, "\(caseload.p95)")
        // The growth series are not drawn: the poverty line is the same in every draw.
        let line = try #require(result.years.last?.figures.first { $0.figure == .povertyLineYuanPerYear }?.summary)
        #expect(line.p5 == line.p95)
    }

    /// 10,000 recipients at 100 元/月 (12,000,000 元 a year), a central transfer of 5,000,000 元,
    /// the city paying a share s and the county the rest, capped at 4,000,000 元:
    /// 12,000,000 × (1 − s) − 5,000,000 ≤ 4,000,000 holds from s = 0.25.
    static let cityShare = """
        name: city-share
        years: {from: 2020, to: 2021}
        series:
          benefit: {unit: 元/人·月, values: {2020: 100}, growth: 0}
          caseload: {unit: 人, values: {2020: 10000}, growth: 0}
        budget:
          funding:
            central: {transfer: {yuan: {2020: 5000000, 2021: 5000000}}}
            city: {share: 10%}
            county: residual
        targets:
          - {kind: county_budget_at_most, year: 2021, wan_yuan: 400}
        """

    @Test("Solve varies any number of the file: the city share that keeps the county within 400 万元 is 0.25")
    func solveOverFundingShare() throws {
        let run = try variant(Self.cityShare)
        let input = try VariedInput.parse("budget.funding.city.share", in: run).get()
        #expect(input.current(in: run.scenario) == 0.1)
        let result = TargetSolver(run: run, input: input, range: 0...1).solve()
        #expect(abs(try #require(result.lowest) - 0.25) < 1e-6)
        #expect(result.highest == 1)
        // A share over 1 is the file's own error at that point, not a crash: the grid reports it failing.
        #expect(TargetSolver(run: run, input: input, range: 0...1).failures(at: 1.5) == [0])
    }

    @Test("Sweep over a target's threshold in 万元 and the caseload's values; an unknown key gets the file's suggestion")
    func sweepOverKeys() throws {
        let run = try variant(Self.cityShare)
        // County at s = 10%: 12,000,000 × 0.9 − 5,000,000 = 5,800,000 元 = 580 万元.
        let cap = Sweep.Axis(input: try VariedInput.parse("targets[0].wan_yuan", in: run).get(), from: 500, to: 600, step: 50)
        let sweep = Sweep(run: run, axes: [cap])
        #expect(sweep.runs.map { $0.projection?.checks[0].passed } == [false, false, true])
        guard case .failure(let problem) = VariedInput.parse("budget.funding.city.shar", in: run) else {
            Issue.record("a misspelt key must be refused")
            return
        }
        #expect(problem.message.contains("did you mean 'share'"))
        guard case .failure(let text) = VariedInput.parse("name", in: run) else {
            Issue.record("a text key must be refused")
            return
        }
        #expect(text.message.contains("not a number"))
    }

    @Test("The household scenario drives households (户) too: each year's figure is the microsimulation's recipient households")
    func householdsFromTheMicrosimulation() throws {
        let projection = try ScenarioRun(loading: scenarios + "/microsimulation-plan.yaml", threads: 2).project()
        let microsimulation = try #require(projection.microsimulation)
        for figures in projection.years {
            let simulated = try #require(microsimulation.year(figures.year))
            #expect(figures.households == simulated.recipientHouseholds)
            #expect(figures.caseload == simulated.recipientPersons)
            #expect(simulated.recipientHouseholds <= simulated.recipientPersons)
        }
    }
}
