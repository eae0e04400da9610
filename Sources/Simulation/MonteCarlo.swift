import Dispatch
import LinearAlgebra
import PolicyModel

/// What a Monte Carlo run of a scenario gives: every figure's mean and percentiles by year, and
/// the probability that each target is met.
public struct MonteCarloResult: Sendable {
    public var draws: Int
    public var seed: UInt64
    /// By year of the span, the summary of every figure the scenario defines.
    public var years: [(year: Int, figures: [(figure: Figure, summary: Summary)])]
    /// By target, in the scenario's order: the share of draws in which it is met.
    public var targetProbabilities: [Double]
    /// Every draw's value of the figures asked for with `keep`, by figure and year (in draw order).
    public var samples: [Figure: [Int: [Double]]] = [:]
    /// The percentile levels every summary's `percentiles` holds (fractions, ascending).
    public var levels: [Double] = Summary.defaultLevels
}

/// Monte Carlo over the scenario's uncertain growth rates (docs/model.md §8).
///
/// Draw d uses its own random stream (`DrawStream`: Philox4x32-10 keyed by the seed and counted
/// by d, normals by the polar method with a portable logarithm), so no two draws read the same
/// random block and the same seed gives the same result on every machine and for any number of
/// threads. The standard normals of a block of draws are correlated with one product by the
/// Cholesky factor of the correlation matrix (dpotrf, then dgemm with OpenBLAS on one thread,
/// our own threads running the blocks). Draw d then projects the scenario again with its growth
/// paths: value(t) = value(a) × Π (1 + g + σ e), a the series' last explicit year, each year's
/// factor floored at 0.01 (a fall of at most 99%).
public enum MonteCarlo {
    static let blockSize = 2048
    /// The block of a draw's stream where its take-up normal is read: far beyond the blocks its
    /// growth normals use, so adding take-up uncertainty changes no growth draw.
    static let takeUpBlock: UInt64 = 1 << 63
    /// The memory the draws' figures may take.
    public static let maximumBytes = 4 << 30

    /// `reproject` projects the scenario again with a draw's values; nil means the base
    /// projection's own figures are recomputed from them (enough unless a microsimulation
    /// reads the drawn series: then the run layer passes its population through `reproject`).
    /// `keep` names figures whose every draw the result holds (`samples`), for quantiles at any
    /// level and probabilities of caps.
    public static func run(
        _ base: Projection, draws: Int, seed: UInt64, threads: Int = 1, progress: (@Sendable (Int) -> Void)? = nil,
        reproject: (@Sendable ([DrawnValues], _ takeUp: Double?) throws(ScenarioProblem) -> Projection)? = nil, keep: Set<Figure> = [],
        levels: [Double] = Summary.defaultLevels
    ) throws(ScenarioProblem) -> MonteCarloResult {
        let scenario = base.scenario
        guard let spec = scenario.uncertainty else {
            throw ScenarioProblem(at: ["uncertainty"], "the scenario has no uncertainty section to draw from")
        }
        guard scenario.microsimulation == nil || reproject != nil else {
            throw ScenarioProblem(at: ["uncertainty"], "a scenario with a microsimulation needs its households for every draw")
        }
        guard draws >= 1 else { throw ScenarioProblem(at: ["draws"], "at least one draw") }
        let factor: Matrix
        do {
            factor = spec.growthSD.isEmpty ? Matrix(rows: 0, columns: 0) : try LAPACK.cholesky(Matrix(spec.correlationMatrix))
        } catch {
            throw ScenarioProblem(at: ["uncertainty", "correlation"], "the correlation matrix cannot be used: \(error)")
        }
        let takeUp = spec.takeUpSD.flatMap { sd in scenario.microsimulation.map { (rate: $0.takeUp, sd: sd) } }
        let paths = spec.growthSD.map { series, sd in DrawnSeries(base: base, series: series, sd: sd, lastYear: scenario.span.last) }
        let steps = max(1, paths.map(\.drawnYears.count).max() ?? 1)
        let figures = Figure.allCases.filter { figure in base.years.contains { figure.value(in: $0) != nil } }
        let yearCount = base.years.count
        let stride = figures.count * yearCount
        // Every draw's figures are kept for the percentiles: 8 bytes each.
        let limit = maximumBytes / max(1, stride * 8)
        guard draws <= limit else {
            throw ScenarioProblem(at: ["draws"], "\(draws) draws would need more than 4 GiB for this scenario; at most \(limit)")
        }
        var values = [Double](repeating: 0, count: draws * stride)
        var passes = [Int](repeating: 0, count: ((draws + blockSize - 1) / blockSize) * scenario.targets.count)

        let blasThreads = BLAS.threads
        BLAS.threads = 1
        defer { BLAS.threads = blasThreads }
        let blocks = (draws + blockSize - 1) / blockSize
        var failures = [ScenarioProblem?](repeating: nil, count: blocks)
        values.withUnsafeMutableBufferPointer { valueBuffer in
            passes.withUnsafeMutableBufferPointer { passBuffer in
                failures.withUnsafeMutableBufferPointer { failureBuffer in
                    nonisolated(unsafe) let valueOut = valueBuffer
                    nonisolated(unsafe) let passOut = passBuffer
                    nonisolated(unsafe) let failureOut = failureBuffer
                    let workers = max(1, min(threads, blocks))
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        var block = worker
                        while block < blocks {
                            let first = block * blockSize
                            let count = min(blockSize, draws - first)
                            let correlated = shocks(factor: factor, firstDraw: first, draws: count, steps: steps, seed: seed)
                            for d in 0..<count {
                                let replaced = paths.enumerated().map { s, path in path.values(correlated, row: s, column: d * steps) }
                                let drawnTakeUp = takeUp.map { takeUp in
                                    var random = DrawStream(seed: seed, draw: UInt64(first + d), fromBlock: takeUpBlock)
                                    return min(1, max(0, takeUp.rate + takeUp.sd * random.nextNormal()))
                                }
                                do {
                                    let projection = try reproject?(replaced, drawnTakeUp) ?? base.replacingValues(replaced)
                                    let offset = (first + d) * stride
                                    for (f, figure) in figures.enumerated() {
                                        for (y, year) in projection.years.enumerated() {
                                            valueOut[offset + f * yearCount + y] = figure.value(in: year) ?? .nan
                                        }
                                    }
                                    for (t, check) in projection.checks.enumerated() where check.passed {
                                        passOut[block * scenario.targets.count + t] += 1
                                    }
                                } catch {
                                    failureOut[block] = error as? ScenarioProblem
                                }
                            }
                            progress?(count)
                            block += workers
                        }
                    }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }

        var years: [(year: Int, figures: [(figure: Figure, summary: Summary)])] = []
        var samples: [Figure: [Int: [Double]]] = [:]
        var column = [Double](repeating: 0, count: draws)
        for (y, year) in base.years.enumerated() {
            var summaries: [(figure: Figure, summary: Summary)] = []
            for (f, figure) in figures.enumerated() where figure.value(in: year) != nil {
                for d in 0..<draws { column[d] = values[d * stride + f * yearCount + y] }
                if keep.contains(figure) { samples[figure, default: [:]][year.year] = column }
                summaries.append((figure, Summary(&column, levels: levels)))
            }
            years.append((year.year, summaries))
        }
        let probabilities = scenario.targets.indices.map { t in
            Double((0..<blocks).reduce(0) { $0 + passes[$1 * scenario.targets.count + t] }) / Double(draws)
        }
        var result = MonteCarloResult(draws: draws, seed: seed, years: years, targetProbabilities: probabilities)
        result.samples = samples
        result.levels = levels
        return result
    }
}

/// Correlated standard normal shocks for draws first..<first + draws: k rows (one per series),
/// one column per (draw, step); draw d's numbers come from its own stream, so any block of draws
/// gives the same shocks for the same draw. Correlated by L Z (dgemm), L the Cholesky factor.
func shocks(factor: Matrix, firstDraw: Int, draws: Int, steps: Int, seed: UInt64) -> Matrix {
    let k = factor.rows
    guard k > 0 else { return Matrix(rows: 0, columns: draws * steps) }
    var normals = Matrix(rows: k, columns: draws * steps)
    for d in 0..<draws {
        var random = DrawStream(seed: seed, draw: UInt64(firstDraw + d))
        for step in 0..<steps {
            for s in 0..<k { normals[s, d * steps + step] = random.nextNormal() }
        }
    }
    return BLAS.multiply(factor, normals)
}

/// One uncertain series: its explicit values up to its last explicit year, and the years after
/// it (to the end of the span) whose growth is drawn.
struct DrawnSeries: Sendable {
    let series: SeriesName
    let sd: Double
    let growth: Double
    let explicitYears: [Int]
    let explicitValues: [Double]
    let drawnYears: [Int]

    init(base: Projection, series: SeriesName, sd: Double, lastYear: Int) {
        self.series = series
        self.sd = sd
        growth = base.series.growth(of: series) ?? 0
        let explicit = base.series.explicitValues(of: series)!
        explicitYears = explicit.years
        explicitValues = explicit.values
        let anchor = explicit.years.last!
        drawnYears = anchor < lastYear ? Array((anchor + 1)...lastYear) : []
    }

    /// The series' values with the drawn growth of row `row` of `shocks`, from column `column`.
    func values(_ shocks: Matrix, row: Int, column: Int) -> DrawnValues {
        var values = explicitValues
        let anchor = explicitValues.last!
        var factor = 1.0
        for step in drawnYears.indices {
            factor *= max(0.01, 1 + growth + sd * shocks[row, column + step])
            values.append(anchor * factor)
        }
        return (series, explicitYears + drawnYears, values)
    }
}
