import PolicyModel
import RunLayer
import Testing

@testable import Analyses

#if canImport(Glibc)
    import Glibc
#endif

/// The plan's standards, 2016–2020 (饶县民字[2017]33号 一).
let standards: [Int: Double] = [2016: 3240, 2017: 3660, 2018: 4260, 2019: 4860, 2020: 5640]

@Suite("Solving for targets and sweeps")
struct SolveTests {
    /// The plan's standards, a poverty line of 2800 in 2014 growing at g, a 20% margin target in 2018
    /// and a county budget limit in 2020.
    func scenario(countyLimit: Double = 12_000_000) -> Scenario {
        Scenario(
            name: "solve", span: YearSpan(first: 2016, last: 2020),
            series: [
                .standard: SeriesDefinition(unit: .yuanPerPersonYear, values: standards),
                .povertyLine: SeriesDefinition(unit: .yuanPerPersonYear, values: [2014: 2800], growth: 0.06),
                .benefit: SeriesDefinition(unit: .yuanPerPersonMonth, values: [2018: 245], proportionalTo: .standard),
                .caseload: SeriesDefinition(unit: .persons, values: [2016: 21000], growth: -0.03),
            ],
            budget: BudgetRules(monthsPaid: 12, funding: .shares(central: 0.6, provincial: 0.25, county: 0.15)),
            targets: [
                Target(.marginAbovePovertyLine(year: 2018, atLeast: 0.2)), Target(.benefitAtLeast(year: 2020, YuanPerPersonMonth(325))),
                Target(.countyBudgetAtMost(year: 2020, Yuan(countyLimit))),
            ])
    }

    func input(_ key: String, _ scenario: Scenario) throws -> VariedInput { try VariedInput.parse(key, in: scenario).get() }

    @Test("The 2018 margin holds up to poverty-line growth of (4260 / 1.2 / 2800)^(1/4) − 1, within 1e-6")
    func largestGrowth() throws {
        let scenario = scenario()
        var withoutBenefit = scenario
        withoutBenefit.targets.remove(at: 1)
        let solver = TargetSolver(
            run: ScenarioRun(withoutBenefit), input: try input("series.poverty_line.growth", scenario), range: 0...0.2)
        let result = solver.solve()
        let expected = pow(4260 / 1.2 / 2800, 0.25) - 1
        #expect(abs(try #require(result.highest) - expected) < 1e-6)
        #expect(result.lowest == 0)
        #expect(result.bindingAbove == [0])
    }

    @Test("The smallest 2018 benefit meeting 325 元/月 in 2020 is 325 × 4260 / 5640; the county limit caps it")
    func benefitRange() throws {
        let scenario = scenario()
        let solver = TargetSolver(run: ScenarioRun(scenario), input: try input("series.benefit.values.2018", scenario), range: 200...300)
        let result = solver.solve()
        #expect(abs(try #require(result.lowest) - 325.0 * 4260 / 5640) < 1e-6)
        #expect(result.bindingBelow == [1])
        // County share in 2020 = 21000 × 0.97⁴ × b × 5640/4260 × 12 × 0.15 ≤ 12,000,000.
        let caseload2020 = 21000 * pow(0.97, 4)
        let cap = 12_000_000 / (caseload2020 * 5640 / 4260 * 12 * 0.15)
        #expect(abs(try #require(result.highest) - cap) < 1e-6)
        #expect(result.bindingAbove == [2])
    }

    @Test("When no value works, the targets that never pass are named")
    func impossible() throws {
        let scenario = scenario(countyLimit: 1)
        let solver = TargetSolver(run: ScenarioRun(scenario), input: try input("series.benefit.values.2018", scenario), range: 200...300)
        let result = solver.solve()
        #expect(result.lowest == nil)
        #expect(result.neverPassing == [2])
    }

    @Test("Keys that cannot be varied are refused with a reason")
    func badKeys() {
        let scenario = scenario()
        for key in [
            "budget.months", "series.nothing.growth", "series.benefit.growth", "series.standard.values.twenty",
            "series.rural_income.growth",
        ] {
            if case .success = VariedInput.parse(key, in: scenario) { Issue.record("\(key) should be refused") }
        }
    }

    @Test("A sweep runs every combination and records invalid ones instead of stopping")
    func sweep() throws {
        let scenario = scenario()
        let growth = Sweep.Axis(input: try input("series.poverty_line.growth", scenario), from: 0.05, to: 0.07, step: 0.01)
        let caseload = Sweep.Axis(input: try input("series.caseload.growth", scenario), from: -2, to: 0, step: 1)
        let sweep = Sweep(run: ScenarioRun(scenario), axes: [growth, caseload])
        #expect(sweep.runs.count == 9)
        #expect(sweep.runs.filter { $0.projection == nil }.count == 6)  // growth of −200% and −100% is not a growth rate
        let valid = sweep.runs.filter { $0.projection != nil }
        #expect(valid.map { $0.projection!.checks[0].passed } == [true, true, false])
    }
}
