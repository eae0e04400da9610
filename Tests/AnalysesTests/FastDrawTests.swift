import Foundation
import PolicyModel
import RunLayer
import ScenarioFiles
import TestFolders
import Testing

@testable import Simulation

/// The repository's root folder.
private let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The problem `body` throws, if any.
private func problem(_ body: () throws(ScenarioProblem) -> Void) -> ScenarioProblem? {
    do throws(ScenarioProblem) {
        try body()
        return nil
    } catch {
        return error
    }
}

/// Every number two Monte Carlo results report, bit for bit.
private func bits(_ result: MonteCarloResult) -> [UInt64] {
    var out = result.targetProbabilities.map(\.bitPattern)
    for year in result.years {
        for (_, summary) in year.figures {
            out += ([summary.mean, summary.p5, summary.p50, summary.p95] + summary.percentiles).map(\.bitPattern)
        }
    }
    return out
}

/// A draw computed by what it changes (`DrawEvaluator`, whole blocks column by column where it
/// can) is the draw projected again in full: the same bits in every figure and target.
@Suite("Monte Carlo draws computed by what they change")
struct FastDrawTests {
    /// Every bundled aggregate scenario with an uncertainty section, and variants that exercise
    /// the paths: only drawn series change (blocks), a drawn standard that the benefit follows, a
    /// drawn caseload that moves the budget, an effective month.
    static let cases: [(file: String, set: [String])] = [
        ("scenarios/uncertain-poverty-line.yaml", []),
        ("scenarios/budget-2021.yaml", []),
        ("Benchmarks/montecarlo-bench.yaml", []),
        ("drawn-standard", []),
        ("scenarios/uncertain-poverty-line.yaml", ["budget.effective_month=7"]),
    ]

    /// The benchmark scenario with a drawn standard too (so the benefit, proportional to it,
    /// and the budget change in every draw), written to a temporary folder.
    static func drawnStandard() throws -> String {
        let folder = try TestFolders.make("fastdraw")
        let text = """
            extends: \(repository.appendingPathComponent("Benchmarks/montecarlo-bench.yaml").path)
            name: drawn-standard
            series:
              standard: {values: {2017: null, 2018: null, 2019: null, 2020: null}, growth: 0.12}
            uncertainty:
              growth_sd: {poverty_line: 0.02, rural_income: 0.015, standard: 0.03}
              correlation: [[1, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 1]]
            """
        try text.write(toFile: folder + "/drawn-standard.yaml", atomically: true, encoding: .utf8)
        return folder + "/drawn-standard.yaml"
    }

    /// Case `index`'s deterministic projection.
    static func base(_ index: Int) throws -> Projection {
        let (file, set) = cases[index]
        var overrides: [ScenarioOverride] = []
        for text in set { overrides.append(try ScenarioOverride.parse(text).get()) }
        let path = file == "drawn-standard" ? try drawnStandard() : repository.appendingPathComponent(file).path
        return try ScenarioRun(loading: path, overrides: overrides, threads: 2).project()
    }

    @Test("every figure's mean and percentiles and every target's probability equal the full projection's", arguments: 0..<5)
    func sameAsFullProjection(_ index: Int) throws {
        let (file, set) = Self.cases[index]
        let base = try Self.base(index)
        let levels = [0.01, 0.05, 0.5, 0.9, 0.99]
        let fast = try MonteCarlo.run(base, draws: 3000, seed: 11, threads: 2, levels: levels)
        let full = try MonteCarlo.run(base, draws: 3000, seed: 11, threads: 2, levels: levels, method: .general)
        #expect(bits(fast) == bits(full), "\(file) \(set)")
        #expect(fast.targetProbabilities.contains { $0 > 0 && $0 < 1 }, "the draws should move some target: \(file)")
    }

    @Test("only the drawn series change in the benchmark scenario, so its blocks are evaluated column by column")
    func blocks() throws {
        let run = try ScenarioRun(loading: repository.appendingPathComponent("Benchmarks/montecarlo-bench.yaml").path)
        let base = try run.project()
        let evaluator = try #require(
            DrawEvaluator(base: base, drawn: [(.povertyLine, Array(2014...2020)), (.ruralIncome, Array(2015...2020))]))
        #expect(evaluator.evaluatesBlocks)
        // The poverty line's 5 years and the margin's 5, rural income's 5: 15 cells change.
        #expect(evaluator.cells.count == 15)
        // The poverty line is drawn from 2015, rural income from 2017: 2015's and 2016's draws use
        // the poverty line's shock only.
        let plan = try DrawPlan(base)
        #expect(plan.firstShockYear == 2015 && plan.neededSeries == [1, 1, 2, 2, 2, 2])
        let caseload = try ScenarioRun(loading: repository.appendingPathComponent("scenarios/uncertain-poverty-line.yaml").path)
        let moved = try #require(DrawEvaluator(base: try caseload.project(), drawn: [(.caseload, Array(2016...2020))]))
        #expect(!moved.evaluatesBlocks, "a drawn caseload moves the budget: draw by draw")
    }

    @Test(
        "a margin with a constant standard follows the poverty line's cell, and streaming summarizes it from that cell's order statistics")
    func derivedCells() throws {
        let base = try Self.base(2)  // the benchmark: the poverty line and rural income drawn
        let plan = try DrawPlan(base)
        let evaluator = try #require(plan.evaluator)
        let derivations = evaluator.derivations
        for (c, cell) in plan.cells.enumerated() {
            let derivation = derivations[c]
            if cell.figure == .marginAbovePovertyLine {
                let source = try #require(derivation, "margin \(cell.yearIndex)")
                #expect(
                    plan.cells[source.source].figure == .povertyLineYuanPerYear && plan.cells[source.source].yearIndex == cell.yearIndex)
                #expect(!source.increasing)
                // standard / line − 1 on a value of the line, as a draw computes it.
                let standard = try #require(base.years[cell.yearIndex].standard?.yuan)
                #expect(source.apply(3000).bitPattern == (standard / 3000 - 1).bitPattern)
            } else {
                #expect(derivation == nil, "\(cell.figure)")
            }
        }
        // Streamed with asymmetric levels (the line's brackets then hold the ranks counted from the
        // top as well): every cell summarized without being drawn again, the margin's from the line's.
        let levels = [0.01, 0.2, 0.5]
        let streamed = try #require(
            try plan.streamedSummaries(
                draws: 20_000, seed: 4, levels: levels, keep: [], threads: 2, memoryBudget: MonteCarlo.maximumBytes,
                streaming: .pilot(draws: 2048, reach: 5), progress: nil))
        #expect(streamed.summaries.allSatisfy { $0 != nil })
        // The standard drawn alone (no benefit, no budget): the margin rises with the standard's
        // cell, and so does the standard per month (÷ 12).
        let folder = try TestFolders.make("derived")
        try """
        extends: \(repository.appendingPathComponent("Benchmarks/montecarlo-bench.yaml").path)
        name: drawn-standard-alone
        series:
          standard: {values: {2017: null, 2018: null, 2019: null, 2020: null}, growth: 0.12}
          benefit: null
          caseload: null
          households: null
        budget: null
        uncertainty:
          growth_sd: {poverty_line: null, rural_income: null, standard: 0.03}
          correlation: null
        """.write(toFile: folder + "/alone.yaml", atomically: true, encoding: .utf8)
        let aloneBase = try ScenarioRun(loading: folder + "/alone.yaml", threads: 2).project()
        let alone = try DrawPlan(aloneBase)
        let aloneDerivations = try #require(alone.evaluator).derivations
        var found: Set<Figure> = []
        for (c, cell) in alone.cells.enumerated() {
            guard let derivation = aloneDerivations[c] else { continue }
            found.insert(cell.figure)
            #expect(alone.cells[derivation.source].figure == .standardYuanPerYear && derivation.increasing)
            #expect(alone.cells[derivation.source].yearIndex == cell.yearIndex)
        }
        #expect(found == [.standardYuanPerMonth, .marginAbovePovertyLine])
        let perMonth = try #require(
            alone.cells.indices.first { alone.cells[$0].figure == .standardYuanPerMonth }.flatMap { aloneDerivations[$0] })
        #expect(perMonth.apply(4260) == 355)
        // Streamed or held, the same bits.
        let held = try MonteCarlo.run(aloneBase, draws: 6000, seed: 8, threads: 2, levels: levels, streaming: .off)
        let streamedAlone = try MonteCarlo.run(
            aloneBase, draws: 6000, seed: 8, threads: 2, levels: levels, streaming: .pilot(draws: 1024, reach: 5))
        #expect(bits(held) == bits(streamedAlone))
    }

    @Test("draws summarized as they come give the bits of draws held: every scenario, small pilots, brackets that miss", arguments: 0..<5)
    func streamed(_ index: Int) throws {
        let (file, set) = Self.cases[index]
        let base = try Self.base(index)
        let levels = [0.001, 0.05, 0.5, 0.9, 0.999]
        let held = try MonteCarlo.run(base, draws: 5000, seed: 3, threads: 2, levels: levels, streaming: .off)
        // A pilot of 1,024 with the usual reach; one of 512 whose brackets barely reach (many ranks
        // miss, so those cells are drawn again and held); one thread; three threads on a pilot of
        // four blocks (three workers scan the derived cells' pilot blocks).
        for (streaming, threads) in [
            (MonteCarlo.Streaming.pilot(draws: 1024, reach: 5), 2), (.pilot(draws: 512, reach: 0), 2),
            (.pilot(draws: 1024, reach: 5), 1), (.pilot(draws: 2048, reach: 5), 3),
        ] {
            let streamed = try MonteCarlo.run(base, draws: 5000, seed: 3, threads: threads, levels: levels, streaming: streaming)
            #expect(bits(streamed) == bits(held), "\(file) \(set) \(streaming) \(threads) threads")
        }
    }

    @Test("kept figures keep every draw while the others stream; a run large enough streams by itself")
    func streamedKeep() throws {
        let base = try ScenarioRun(loading: repository.appendingPathComponent("scenarios/budget-2021.yaml").path, threads: 2).project()
        let keep = ConfidenceBudget.keptFigures
        let held = try MonteCarlo.run(base, draws: 4000, seed: 5, threads: 2, keep: keep, streaming: .off)
        let streamed = try MonteCarlo.run(base, draws: 4000, seed: 5, threads: 2, keep: keep, streaming: .pilot(draws: 512, reach: 5))
        #expect(bits(streamed) == bits(held))
        #expect(!held.samples.isEmpty && streamed.samples == held.samples)
        // 40,000 draws of the benchmark (its 2016 rural income is the same in every draw: a
        // one-value bracket) stream with the automatic pilot of 8,192.
        #expect(DrawPlan.pilotDraws(40_000) == 8192 && DrawPlan.pilotDraws(30_000) == nil)
        let bench = try ScenarioRun(loading: repository.appendingPathComponent("Benchmarks/montecarlo-bench.yaml").path).project()
        let automatic = try MonteCarlo.run(bench, draws: 40_000, seed: 2017, threads: 2)
        let all = try MonteCarlo.run(bench, draws: 40_000, seed: 2017, threads: 2, streaming: .off)
        #expect(bits(automatic) == bits(all))
    }

    @Test("past the memory budget the draws are computed again per group of cells: the same result")
    func memoryGroups() throws {
        let run = try ScenarioRun(loading: repository.appendingPathComponent("scenarios/uncertain-poverty-line.yaml").path, threads: 2)
        let base = try run.project()
        let whole = try MonteCarlo.run(base, draws: 2000, seed: 4, threads: 2)
        // Room for 3 cells of 2,000 draws at a time.
        let grouped = try MonteCarlo.run(base, draws: 2000, seed: 4, threads: 2, memoryBudget: 3 * 2000 * 8)
        #expect(bits(grouped) == bits(whole))
    }

    @Test(
        "a draw whose target cannot be judged stops the block as one draw alone does: the same problem, eight lanes a step or the rest one by one",
        arguments: [13, 17])
    func unjudgeableDraw(_ bad: Int) throws {
        let run = try ScenarioRun(loading: repository.appendingPathComponent("Benchmarks/montecarlo-bench.yaml").path)
        let base = try run.project()
        let drawn: [(series: SeriesName, years: [Int])] = [(.povertyLine, Array(2014...2020)), (.ruralIncome, Array(2015...2020))]
        let evaluator = try #require(DrawEvaluator(base: base, drawn: drawn))
        // 19 draws (two steps of eight and three alone), every one the base projection's values,
        // except that draw `bad` has a poverty line of 0 in 2018: its 2018 margin is infinite.
        var block = DrawnBlock(lanes: 19, series: drawn.map(\.series), years: drawn.map(\.years))
        for (s, entry) in drawn.enumerated() {
            for (i, year) in entry.years.enumerated() {
                let value = try base.series.value(of: entry.series, in: year)
                for d in 0..<19 { block.values[(block.offsets[s] + i) * 19 + d] = value }
            }
        }
        block.values[(block.offsets[0] + 4) * 19 + bad] = 0
        var passes = [0, 0, 0]
        let destinations = [UnsafeMutablePointer<Double>?](repeating: nil, count: evaluator.cells.count)
        let inBulk = problem { () throws(ScenarioProblem) in try evaluator.evaluate(block, into: destinations, passes: &passes) }
        var workspace = DrawEvaluator.Workspace(evaluator)
        var values = [Double](repeating: 0, count: evaluator.cells.count)
        var passed = [Bool](repeating: false, count: 3)
        let alone = problem { () throws(ScenarioProblem) in
            try evaluator.evaluate(block, lane: bad, workspace: &workspace, values: &values, passed: &passed)
        }
        #expect(inBulk != nil && inBulk == alone)
        #expect(inBulk?.keyPath == ["targets", "[0]"] && inBulk?.year == 2018)
        // Every other draw is judged: the base projection passes every target.
        try evaluator.evaluate(block, lane: 0, workspace: &workspace, values: &values, passed: &passed)
        #expect(passed == [true, true, true])
    }

    @Test("shards of 7, 1,000 and 1,993 draws joined give the single run of 3,000, whatever the order")
    func shards() throws {
        let run = try ScenarioRun(loading: repository.appendingPathComponent("scenarios/budget-2021.yaml").path, threads: 2)
        let base = try run.project()
        let plan = try run.drawPlan(base)
        let parts = [
            try plan.draw(1007..<3000, seed: 9, threads: 1), try plan.draw(0..<7, seed: 9, threads: 2),
            try plan.draw(7..<1007, seed: 9, threads: 2),
        ]
        let joined = try #require(plan.result(joining: parts, seed: 9, levels: [0.05, 0.5, 0.9, 0.95]))
        let single = try MonteCarlo.run(base, draws: 3000, seed: 9, threads: 2, levels: [0.05, 0.5, 0.9, 0.95])
        #expect(bits(joined) == bits(single))
        #expect(plan.result(joining: [parts[0], parts[2]], seed: 9, levels: [0.5]) == nil, "draws 0..<7 missing: refused")
        #expect(Shard("2/3")?.draws(of: 10) == 3..<6 && Shard("3/3")?.draws(of: 10) == 6..<10 && Shard("4/3") == nil)
    }
}
