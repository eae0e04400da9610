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
/// by d, normals by inversion with AS 241 and a portable logarithm), so no two draws read the
/// same random block and the same seed gives the same result on every machine and for any number
/// of threads. The standard normals of a block of draws are correlated by the Cholesky factor of
/// the correlation matrix (dpotrf once; the products summed in a fixed order, `shocks`), our own
/// threads running the blocks. Draw d's growth paths are value(t) = value(a) × Π (1 + g + σ e), a
/// the series' last explicit year, each year's factor floored at 0.01 (a fall of at most 99%);
/// what they change is computed again (`DrawEvaluator`), or the whole scenario is projected again.
public enum MonteCarlo {
    /// Draws drawn at once; also the block of a mean's sum (`Summary.meanBlock`).
    static let blockSize = Summary.meanBlock
    /// The block of a draw's stream where its take-up normal is read: far beyond the blocks its
    /// growth normals use, so adding take-up uncertainty changes no growth draw.
    static let takeUpBlock: UInt64 = 1 << 63
    /// The memory the draws' figures may take at once. Past it the draws are computed again for
    /// each group of figures (the same draws: the streams are counter-based), so memory stays
    /// bounded and every percentile is still an exact selection over all draws.
    public static let maximumBytes = 1 << 30
    /// The most draws one run holds (one figure's draws take 8 bytes each).
    public static let maximumDraws = 100_000_000

    /// `reproject` projects the scenario again with a draw's values; nil means the base
    /// projection's own figures are recomputed from them (enough unless a microsimulation
    /// reads the drawn series: then the run layer passes its population through `reproject`).
    /// `keep` names figures whose every draw the result holds (`samples`), for quantiles at any
    /// level and probabilities of caps.
    public static func run(
        _ base: Projection, draws: Int, seed: UInt64, threads: Int = 1, progress: (@Sendable (Int) -> Void)? = nil,
        reproject: (@Sendable ([DrawnValues], _ takeUp: Double?) throws(ScenarioProblem) -> Projection)? = nil, keep: Set<Figure> = [],
        levels: [Double] = Summary.defaultLevels, memoryBudget: Int = maximumBytes, method: Method = .fastest,
        streaming: Streaming = .automatic
    ) throws(ScenarioProblem) -> MonteCarloResult {
        let plan = try DrawPlan(base, reproject: reproject, method: method)
        guard draws >= 1 else { throw ScenarioProblem(at: ["draws"], "at least one draw") }
        guard draws <= maximumDraws else {
            throw ScenarioProblem(at: ["draws"], "at most \(maximumDraws) draws in one run; shard larger runs (--shard K/M) and merge them")
        }
        var summaries: [Summary?] = Array(repeating: nil, count: plan.cells.count)
        var samples: [Figure: [Int: [Double]]] = [:]
        var passes: [Int]? = nil
        if streaming != .off,
            let streamed = try plan.streamedSummaries(
                draws: draws, seed: seed, levels: levels, keep: keep, threads: threads, memoryBudget: memoryBudget,
                streaming: streaming, progress: progress)
        {
            (summaries, passes, samples) = streamed
        }
        // Cells not streamed: all their draws held, as many cells at once as `memoryBudget` allows.
        let remaining = plan.cells.indices.filter { summaries[$0] == nil }
        let perPass = max(1, memoryBudget / max(1, draws * 8))
        var first = 0
        while first < remaining.count || passes == nil {
            let group = Array(remaining[first..<min(remaining.count, first + perPass)])
            let part = try plan.draw(0..<draws, seed: seed, cells: group, threads: threads, progress: passes == nil ? progress : nil)
            if passes == nil { passes = part.passes }
            let summarized = plan.summarize(part, levels: levels, keep: keep, threads: threads, cells: group)
            for (position, c) in group.enumerated() { summaries[c] = summarized.summaries[position] }
            samples.merge(summarized.samples) { old, new in old.merging(new) { _, new in new } }
            first += perPass
        }
        return plan.result(
            draws: draws, seed: seed, summaries: summaries.map { $0! }, passes: passes!, samples: samples, keep: keep, levels: levels)
    }

    /// How each draw's figures are computed: `.general` projects the whole scenario again for
    /// every draw; `.fastest` recomputes only what a draw changes when the scenario allows it
    /// (`DrawEvaluator`, the same bits), else projects again.
    public enum Method: Sendable {
        case fastest, general
    }

    /// Whether the draws are summarized as they come (`DrawPlan.streamedSummaries`): when the
    /// run is large enough (`.automatic`), never (`.off`: every changing cell's draws held), or
    /// with a pilot of the given draws and brackets reaching the given standard deviations
    /// (`.pilot`, for tests). The results are the same bits in every case.
    public enum Streaming: Sendable, Equatable {
        case automatic, off
        case pilot(draws: Int, reach: Double)
    }
}

/// What one set of draws gives before it is summarized: every draw's value of the cells that
/// change from draw to draw (`DrawPlan.cells`), in draw order, and how often each target is met.
/// Parts of consecutive draws concatenate into the part of all of them (`MonteCarloPart.joined`),
/// which is how sharded runs merge into exactly the single run's result.
public struct MonteCarloPart: Sendable, Equatable {
    /// The draws the part holds, as positions in the whole run.
    public var draws: Range<Int>
    /// The cells' values, cell after cell (`DrawPlan.cells` order, or the subset asked for),
    /// each cell's draws in draw order: cell c's draw d is `values[c * draws.count + d]`.
    public var values: [Double]
    /// By target, the number of the part's draws in which it is met.
    public var passes: [Int]

    public init(draws: Range<Int>, values: [Double], passes: [Int]) {
        self.draws = draws
        self.values = values
        self.passes = passes
    }

    /// How many cells the part holds.
    public var cellCount: Int { draws.isEmpty ? 0 : values.count / draws.count }

    /// Cell c's draws, in draw order.
    public func column(_ c: Int) -> ArraySlice<Double> { values[(c * draws.count)..<((c + 1) * draws.count)] }

    /// Parts of consecutive draws joined in draw order; nil when they do not tile one range.
    public static func joined(_ parts: [MonteCarloPart]) -> MonteCarloPart? {
        let sorted = parts.sorted { $0.draws.lowerBound < $1.draws.lowerBound }
        guard let first = sorted.first else { return nil }
        var upper = first.draws.lowerBound
        for part in sorted {
            guard part.draws.lowerBound == upper, part.cellCount == first.cellCount, part.passes.count == first.passes.count,
                part.values.count == part.cellCount * part.draws.count
            else { return nil }
            upper = part.draws.upperBound
        }
        var values: [Double] = []
        values.reserveCapacity(sorted.reduce(0) { $0 + $1.values.count })
        for c in 0..<first.cellCount {
            for part in sorted { values += part.column(c) }
        }
        let passes = first.passes.indices.map { t in sorted.reduce(0) { $0 + $1.passes[t] } }
        return MonteCarloPart(draws: first.draws.lowerBound..<upper, values: values, passes: passes)
    }
}

/// A scenario's Monte Carlo set up once: the drawn series, their correlation, the cells that
/// change from draw to draw, and how a draw is computed.
public struct DrawPlan: Sendable {
    public let base: Projection
    /// The (figure, year index) cells that change from draw to draw; every other figure is the
    /// base projection's in every draw.
    public let cells: [(figure: Figure, yearIndex: Int)]
    let factor: Matrix
    let paths: [DrawnSeries]
    /// Years with a shock: from the earliest drawn year of any series to the span's last.
    let steps: Int
    /// The calendar year of step 0: the shocks of one year are correlated across series (eₜ = L zₜ).
    let firstShockYear: Int
    /// By step, how many series' shocks a draw uses: up to the last series drawn that year.
    let neededSeries: [Int]
    let takeUp: (rate: Double, sd: Double)?
    let evaluator: DrawEvaluator?
    let reproject: (@Sendable ([DrawnValues], _ takeUp: Double?) throws(ScenarioProblem) -> Projection)?

    public init(
        _ base: Projection, reproject: (@Sendable ([DrawnValues], _ takeUp: Double?) throws(ScenarioProblem) -> Projection)? = nil,
        method: MonteCarlo.Method = .fastest
    ) throws(ScenarioProblem) {
        let scenario = base.scenario
        guard let spec = scenario.uncertainty else {
            throw ScenarioProblem(at: ["uncertainty"], "the scenario has no uncertainty section to draw from")
        }
        guard scenario.microsimulation == nil || reproject != nil else {
            throw ScenarioProblem(at: ["uncertainty"], "a scenario with a microsimulation needs its households for every draw")
        }
        // A k × k factor: for a few series without opening LAPACK (`LAPACK.cholesky`).
        do {
            factor = spec.growthSD.isEmpty ? Matrix(rows: 0, columns: 0) : try LAPACK.cholesky(Matrix(spec.correlationMatrix))
        } catch {
            if case .unavailable(let missing) = error { throw ScenarioProblem(at: ["uncertainty"], missing.description) }
            throw ScenarioProblem(at: ["uncertainty", "correlation"], "the correlation matrix cannot be used: \(error)")
        }
        self.base = base
        self.reproject = reproject
        takeUp = spec.takeUpSD.flatMap { sd in scenario.microsimulation.map { (rate: $0.takeUp, sd: sd) } }
        paths = spec.growthSD.map { series, sd in DrawnSeries(base: base, series: series, sd: sd, lastYear: scenario.span.last) }
        firstShockYear = paths.compactMap(\.drawnYears.first).min() ?? scenario.span.last
        steps = max(1, scenario.span.last - firstShockYear + 1)
        neededSeries = (0..<steps).map { [paths, firstShockYear] t in
            (paths.lastIndex { $0.drawnYears.contains(firstShockYear + t) } ?? -1) + 1
        }
        evaluator =
            reproject == nil && method == .fastest
            ? DrawEvaluator(base: base, drawn: paths.map { ($0.series, $0.years) }) : nil
        if let evaluator {
            cells = evaluator.cells
        } else {
            cells = Figure.allCases.flatMap { figure in
                base.years.indices.compactMap { y in figure.value(in: base.years[y]) != nil ? (figure, y) : nil }
            }
        }
    }

    /// Draws `range` (positions in the whole run, so a shard draws exactly what the single run
    /// draws there), keeping the values of `cells` (positions in `self.cells`; all by default).
    public func draw(
        _ range: Range<Int>, seed: UInt64, cells wanted: [Int]? = nil, threads: Int = 1, progress: (@Sendable (Int) -> Void)? = nil
    ) throws(ScenarioProblem) -> MonteCarloPart {
        let wanted = wanted ?? Array(cells.indices)
        let draws = range.count
        var values = [Double](unsafeUninitializedCapacity: draws * wanted.count) { _, count in count = draws * wanted.count }
        let passes = try values.withUnsafeMutableBufferPointer { (buffer) throws(ScenarioProblem) -> [Int] in
            nonisolated(unsafe) let out = buffer.baseAddress!
            return try drawBlocks(
                range, seed: seed, threads: threads, progress: progress,
                columns: { _, first, destinations in
                    for (position, c) in wanted.enumerated() { destinations[c] = out + position * draws + first }
                }, finished: { _, _, _, _ in })
        }
        return MonteCarloPart(draws: range, values: values, passes: passes)
    }

    /// How many workers draw `draws` draws on `threads` threads: one block of draws at least each.
    static func workers(draws: Int, threads: Int) -> Int {
        max(1, min(threads, (draws + MonteCarlo.blockSize - 1) / MonteCarlo.blockSize))
    }

    /// Draws `range` block by block of `MonteCarlo.blockSize`, each of `workers(draws:threads:)`
    /// workers taking the next block not yet taken when it is free (so a worker that the machine
    /// slows down does not leave the others waiting at the end; every output is kept by block or
    /// merged in an order-free way, so the result is the same bits): before each block `columns`
    /// (worker, the block's first draw as a position in `range`, destinations by cell) says where
    /// each cell's lanes go (nil: not kept), and `finished` (worker, first, count, the drawn
    /// block's values) is called once they are written; the drawn block's values (rows as
    /// `DrawnBlock.offsets` places them, `count` lanes each) are nil when the draws are projected
    /// whole, and valid only during the call. Returns, by target, the number of draws that meet it.
    func drawBlocks(
        _ range: Range<Int>, seed: UInt64, threads: Int, progress: (@Sendable (Int) -> Void)?,
        columns: @Sendable (Int, Int, inout [UnsafeMutablePointer<Double>?]) -> Void,
        finished: @Sendable (Int, Int, Int, UnsafePointer<Double>?) -> Void
    ) throws(ScenarioProblem) -> [Int] {
        let draws = range.count
        let targets = base.scenario.targets.count
        let blockSize = MonteCarlo.blockSize
        let blocks = (draws + blockSize - 1) / blockSize
        var passes = [Int](repeating: 0, count: blocks * targets)
        var failures = [ScenarioProblem?](repeating: nil, count: blocks)
        passes.withUnsafeMutableBufferPointer { passBuffer in
            failures.withUnsafeMutableBufferPointer { failureBuffer in
                nonisolated(unsafe) let passOut = passBuffer
                nonisolated(unsafe) let failureOut = failureBuffer
                concurrentWork(blocks, workers: Self.workers(draws: draws, threads: threads)) { worker, nextBlock in
                    var workspace = evaluator.map(DrawEvaluator.Workspace.init)
                    var row = [Double](repeating: 0, count: cells.count)
                    var passed = [Bool](repeating: false, count: targets)
                    var destinations = [UnsafeMutablePointer<Double>?](repeating: nil, count: cells.count)
                    var reused = BlockStorage(targets: targets)
                    while let block = nextBlock() {
                        let first = block * blockSize
                        let count = min(blockSize, draws - first)
                        do {
                            columns(worker, first, &destinations)
                            try drawBlock(
                                firstDraw: range.lowerBound + first, count: count, seed: seed, workspace: &workspace, row: &row,
                                passed: &passed, destinations: destinations, reused: &reused
                            ) { d, row, passed in
                                for (c, destination) in destinations.enumerated() { destination?[d] = row[c] }
                                for t in 0..<targets where passed[t] { passOut[block * targets + t] += 1 }
                            } emitBlock: { passes in
                                for t in 0..<targets { passOut[block * targets + t] += passes[t] }
                            }
                            if let block = reused.block, evaluator != nil {
                                block.values.withUnsafeBufferPointer { finished(worker, first, count, $0.baseAddress) }
                            } else {
                                finished(worker, first, count, nil)
                            }
                        } catch {
                            failureOut[block] = error as? ScenarioProblem ?? ScenarioProblem(at: ["uncertainty"], "\(error)")
                        }
                        progress?(count)
                    }
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        return (0..<targets).map { t in (0..<blocks).reduce(0) { $0 + passes[$1 * targets + t] } }
    }

    /// What a worker's blocks reuse, so that a block allocates nothing: the shocks' storage,
    /// the drawn block (every value of both is written again for each block; a block of other
    /// lanes, the last, gets its own) and the targets' pass counts.
    struct BlockStorage {
        var shocks = ShockWorkspace()
        var block: DrawnBlock?
        var passes: [Int]

        init(targets: Int) { passes = [Int](repeating: 0, count: targets) }
    }

    /// Draws `count` draws from `firstDraw` and hands each one's cells and target outcomes to
    /// `emit` (draw index within the block, cell values, target met); or, when the evaluator
    /// takes whole blocks, writes cell c's lanes to `destinations[c]` and hands the targets' pass
    /// counts to `emitBlock`.
    private func drawBlock(
        firstDraw: Int, count: Int, seed: UInt64, workspace: inout DrawEvaluator.Workspace?, row: inout [Double],
        passed: inout [Bool], destinations: [UnsafeMutablePointer<Double>?], reused: inout BlockStorage,
        emit: (Int, [Double], [Bool]) -> Void, emitBlock: ([Int]) -> Void
    ) throws(ScenarioProblem) {
        let correlated = shocks(
            factor: factor, firstDraw: firstDraw, draws: count, steps: steps, seed: seed, needed: neededSeries, workspace: &reused.shocks)
        defer { reused.shocks.values = correlated.values }
        if let evaluator, var space = workspace {
            defer { workspace = space }
            // The worker's block when this one has its lanes (all but a short last block).
            var block =
                reused.block.take().flatMap { $0.lanes == count ? $0 : nil }
                ?? DrawnBlock(lanes: count, series: paths.map(\.series), years: paths.map(\.years))
            defer { reused.block = block }
            block.allFinite = block.values.withUnsafeMutableBufferPointer { values in
                var finite = true
                for (s, path) in paths.enumerated() {
                    finite =
                        path.fill(
                            values.baseAddress! + block.offsets[s] * count, shocks: correlated, row: s, firstShockYear: firstShockYear)
                        && finite
                }
                return finite
            }
            if evaluator.evaluatesBlocks {
                for t in reused.passes.indices { reused.passes[t] = 0 }
                try evaluator.evaluate(block, into: destinations, passes: &reused.passes)
                emitBlock(reused.passes)
                return
            }
            for d in 0..<count {
                try evaluator.evaluate(block, lane: d, workspace: &space, values: &row, passed: &passed)
                emit(d, row, passed)
            }
            return
        }
        for d in 0..<count {
            let replaced = paths.enumerated().map { s, path in
                path.values(correlated, row: s, column: d * steps, firstShockYear: firstShockYear)
            }
            let drawnTakeUp = takeUp.map { takeUp in
                var random = DrawStream(seed: seed, draw: UInt64(firstDraw + d), fromBlock: MonteCarlo.takeUpBlock)
                return min(1, max(0, takeUp.rate + takeUp.sd * random.nextNormalByInversion()))
            }
            let projection: Projection
            if let reproject {
                projection = try reproject(replaced, drawnTakeUp)
            } else {
                projection = try base.replacingValues(replaced)
            }
            for (c, cell) in cells.enumerated() { row[c] = cell.figure.value(in: projection.years[cell.yearIndex]) ?? .nan }
            for (t, check) in projection.checks.enumerated() { passed[t] = check.passed }
            emit(d, row, passed)
        }
    }

    /// Summaries of a part's columns (all of `cells`, or the group it was drawn for), each an
    /// exact selection over its draws; the figures in `keep` also keep every draw's value.
    func summarize(
        _ part: consuming MonteCarloPart, levels: [Double], keep: Set<Figure>, threads: Int, cells wanted: [Int]? = nil
    ) -> (summaries: [Summary], samples: [Figure: [Int: [Double]]]) {
        let wanted = wanted ?? Array(cells.indices)
        var samples: [Figure: [Int: [Double]]] = [:]
        for (position, c) in wanted.enumerated() where keep.contains(cells[c].figure) {
            samples[cells[c].figure, default: [:]][base.years[cells[c].yearIndex].year] = Array(part.column(position))
        }
        let count = part.cellCount
        let draws = part.draws.count
        var summaries = [Summary?](repeating: nil, count: count)
        summaries.withUnsafeMutableBufferPointer { buffer in
            part.values.withUnsafeMutableBufferPointer { values in
                nonisolated(unsafe) let out = buffer
                nonisolated(unsafe) let all = values
                // `threads` workers, each taking the next cell when it is free (cells differ in cost).
                concurrentWork(count, workers: threads) { _, next in
                    while let c = next() {
                        out[c] = Summary(UnsafeMutableBufferPointer(rebasing: all[(c * draws)..<((c + 1) * draws)]), levels: levels)
                    }
                }
            }
        }
        return (summaries.map { $0! }, samples)
    }

    /// The whole run's result from the summaries of every cell (in `cells` order) and the
    /// targets' pass counts; figures that no draw changes are the base projection's in every draw.
    func result(
        draws: Int, seed: UInt64, summaries: [Summary], passes: [Int], samples: [Figure: [Int: [Double]]], keep: Set<Figure>,
        levels: [Double]
    ) -> MonteCarloResult {
        var byCell: [Figure: [Int: Summary]] = [:]
        for (c, cell) in cells.enumerated() { byCell[cell.figure, default: [:]][cell.yearIndex] = summaries[c] }
        var samples = samples
        var years: [(year: Int, figures: [(figure: Figure, summary: Summary)])] = []
        for (y, year) in base.years.enumerated() {
            var figures: [(figure: Figure, summary: Summary)] = []
            for figure in Figure.allCases {
                guard let value = figure.value(in: year) else { continue }
                if let summary = byCell[figure]?[y] {
                    figures.append((figure, summary))
                } else {
                    var constant = [value]
                    figures.append((figure, Summary(&constant, levels: levels)))
                    if keep.contains(figure) { samples[figure, default: [:]][year.year] = [Double](repeating: value, count: draws) }
                }
            }
            years.append((year.year, figures))
        }
        var result = MonteCarloResult(
            draws: draws, seed: seed, years: years, targetProbabilities: passes.map { Double($0) / Double(draws) })
        result.samples = samples
        result.levels = levels
        return result
    }

    /// The result of a whole run from its parts (shards), exactly as one run of all the draws.
    public func result(
        joining parts: [MonteCarloPart], seed: UInt64, levels: [Double], keep: Set<Figure> = [], threads: Int = 1
    ) -> MonteCarloResult? {
        guard let whole = MonteCarloPart.joined(parts), whole.draws.lowerBound == 0, whole.cellCount == cells.count else {
            return nil
        }
        let summarized = summarize(whole, levels: levels, keep: keep, threads: threads)
        return result(
            draws: whole.draws.count, seed: seed, summaries: summarized.summaries, passes: whole.passes,
            samples: summarized.samples, keep: keep, levels: levels)
    }
}

/// Correlated standard normal shocks of draws `first ..< first + draws`, `steps` years of
/// `series` series each: series s's shock in step t of draw d is
/// `values[(t * series + s) * draws + d]`, so that each (step, series) is a row over the draws.
struct Shocks {
    let series: Int
    let steps: Int
    let draws: Int
    var values: [Double]

    /// As a matrix of `series` rows and one column per (draw, step), column d · steps + t.
    var rows: Int { series }
    var columns: Int { draws * steps }
    subscript(row: Int, column: Int) -> Double {
        values[((column % steps) * series + row) * draws + column / steps]
    }
}

/// The shocks of draws `firstDraw ..< firstDraw + draws`: draw d's j-th uniform of its own stream
/// (`DrawStream`, j = t · k + s: year by year, series by series) gives z = Φ⁻¹(u) (AS 241), so
/// any block of draws gives the same shocks for the same draw; then e = L z in each year, L the
/// Cholesky factor, each e_s = L_s0 z_0 + L_s1 z_1 + … summed in that order (the same bits on
/// every machine). With `needed`, step t computes the shocks of its first `needed[t]` series only
/// (those a draw uses: e_s reads z_0 … z_s); the others' places hold their uniforms.
func shocks(factor: Matrix, firstDraw: Int, draws: Int, steps: Int, seed: UInt64, needed: [Int]? = nil) -> Shocks {
    var workspace = ShockWorkspace()
    return shocks(factor: factor, firstDraw: firstDraw, draws: draws, steps: steps, seed: seed, needed: needed, workspace: &workspace)
}

/// The memory a worker's shocks reuse block after block: the values (taken by `shocks` when they
/// are as many, and handed back once used) and the normals' scratch.
struct ShockWorkspace {
    var values: [Double] = []
    var normals = NormalQuantile.Scratch()
}

/// The same, in `workspace`'s memory.
func shocks(
    factor: Matrix, firstDraw: Int, draws: Int, steps: Int, seed: UInt64, needed: [Int]? = nil, workspace: inout ShockWorkspace
) -> Shocks {
    let k = factor.rows
    let count = k * steps * draws
    var values =
        workspace.values.count == count
        ? workspace.values : [Double](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    workspace.values = []
    guard k > 0, draws > 0 else { return Shocks(series: k, steps: steps, draws: draws, values: values) }
    let lower = (0..<k).map { s in (0...s).map { j in factor[s, j] } }
    // Step t's first `rows[t]` series: those whose normals (contiguous rows) and shocks are made.
    let rows = (0..<steps).map { t in needed.map { min(k, $0[t]) } ?? k }
    values.withUnsafeMutableBufferPointer { buffer in
        let z = buffer.baseAddress!
        DrawStream.unitsForInversion(seed: seed, firstDraw: firstDraw, lanes: draws, count: k * steps, into: z)
        for t in 0..<steps {
            NormalQuantile.transform(
                UnsafeMutableBufferPointer(start: z + t * k * draws, count: rows[t] * draws), scratch: &workspace.normals)
        }
        for t in 0..<steps {
            // Series from the last down, so that each reads the normals of those before it unchanged.
            let normals = z + t * k * draws
            for s in stride(from: rows[t] - 1, through: 0, by: -1) {
                let row = lower[s]
                // 1 · z is z: a correlation matrix's factor starts with 1, which leaves the row as it is.
                if s == 0 && row[0] == 1 { continue }
                let out = normals + s * draws
                // Four draws at a time in lanes (the same operations lane by lane); the rows overlap
                // in memory, which keeps a compiler from doing so itself.
                var d = 0
                while d + 4 <= draws {
                    var sum = row[0] * UnsafeRawPointer(normals + d).loadUnaligned(as: SIMD4<Double>.self)
                    for j in 1..<(s + 1) { sum += row[j] * UnsafeRawPointer(normals + j * draws + d).loadUnaligned(as: SIMD4<Double>.self) }
                    UnsafeMutableRawPointer(out + d).storeBytes(of: sum, as: SIMD4<Double>.self)
                    d += 4
                }
                while d < draws {
                    var sum = row[0] * normals[d]
                    for j in 1..<(s + 1) { sum += row[j] * normals[j * draws + d] }
                    out[d] = sum
                    d += 1
                }
            }
        }
    }
    return Shocks(series: k, steps: steps, draws: draws, values: values)
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
    /// The years a draw gives the series values for: its explicit years, then the drawn ones.
    let years: [Int]

    init(base: Projection, series: SeriesName, sd: Double, lastYear: Int) {
        self.series = series
        self.sd = sd
        growth = base.series.growth(of: series) ?? 0
        let explicit = base.series.explicitValues(of: series)!
        explicitYears = explicit.years
        explicitValues = explicit.values
        let anchor = explicit.years.last!
        drawnYears = anchor < lastYear ? Array((anchor + 1)...lastYear) : []
        years = explicitYears + drawnYears
    }

    /// The series' values with the drawn growth of row `row` of `shocks`: year t's shock in
    /// column `column` + t − `firstShockYear`.
    func values(_ shocks: Shocks, row: Int, column: Int, firstShockYear: Int) -> DrawnValues {
        var values = explicitValues
        let anchor = explicitValues.last!
        var factor = 1.0
        for year in drawnYears {
            factor = Self.grown(factor, growth: growth, sd: sd, shock: shocks[row, column + year - firstShockYear])
            values.append(anchor * factor)
        }
        return (series, years, values)
    }

    /// The same values for every draw of `shocks` at once, year-major (`DrawnBlock.values`, from
    /// `out`): series `row`'s shocks. Returns whether every value it wrote is finite.
    func fill(_ out: UnsafeMutablePointer<Double>, shocks: Shocks, row: Int, firstShockYear: Int) -> Bool {
        let lanes = shocks.draws
        for (i, value) in explicitValues.enumerated() { (out + i * lanes).update(repeating: value, count: lanes) }
        let anchor = explicitValues.last!
        let first = explicitValues.count
        // x − x is 0 for a finite x and NaN otherwise: a sum of them that is 0 means all are finite.
        var check = SIMD4<Double>.zero
        var rest = explicitValues.reduce(0.0) { $0 + ($1 - $1) }
        shocks.values.withUnsafeBufferPointer { all in
            let shock = all.baseAddress! + row * lanes
            let stride = shocks.series * lanes
            let steps = drawnYears.map { $0 - firstShockYear }
            // Chunks of 32 draws, year after year (contiguous rows), each draw's growth factor kept
            // from year to year, four at a time in lanes (lane by lane the operations of `grown`);
            // the draws after the last whole four one by one.
            let chunk = 32
            var factors = (
                SIMD4<Double>.one, SIMD4<Double>.one, SIMD4<Double>.one, SIMD4<Double>.one,
                SIMD4<Double>.one, SIMD4<Double>.one, SIMD4<Double>.one, SIMD4<Double>.one
            )
            withUnsafeMutableBytes(of: &factors) { factorBytes in
                let factor = factorBytes.baseAddress!.assumingMemoryBound(to: SIMD4<Double>.self)
                var start = 0
                while start + 4 <= lanes {
                    let groups = Swift.min(chunk, lanes - start) / 4
                    for g in 0..<groups { factor[g] = .one }
                    for (step, t) in steps.enumerated() {
                        let e = shock + t * stride + start
                        let values = out + (first + step) * lanes + start
                        for g in 0..<groups {
                            factor[g] = Self.grown(
                                factor[g], growth: growth, sd: sd, shock: UnsafeRawPointer(e + 4 * g).loadUnaligned(as: SIMD4<Double>.self))
                            let value = anchor * factor[g]
                            check += value - value
                            UnsafeMutableRawPointer(values + 4 * g).storeBytes(of: value, as: SIMD4<Double>.self)
                        }
                    }
                    start += 4 * groups
                }
                for d in start..<lanes {
                    var factor = 1.0
                    for (step, t) in steps.enumerated() {
                        factor = Self.grown(factor, growth: growth, sd: sd, shock: shock[t * stride + d])
                        let value = anchor * factor
                        rest += value - value
                        out[(first + step) * lanes + d] = value
                    }
                }
            }
        }
        return check.sum() + rest == 0
    }

    /// One year's drawn growth applied to `factor`: × (1 + g + σ e), at least 0.01 (a fall of at
    /// most 99%); a rate that is not a number (from a shock that is not) counts as the floor, as
    /// `max(0.01, rate)` takes it.
    static func grown(_ factor: Double, growth: Double, sd: Double, shock: Double) -> Double {
        grown(SIMD4(repeating: factor), growth: growth, sd: sd, shock: SIMD4(repeating: shock))[0]
    }

    /// The same for four draws in lanes, lane by lane the same operations.
    static func grown(_ factor: SIMD4<Double>, growth: Double, sd: Double, shock: SIMD4<Double>) -> SIMD4<Double> {
        let rate = 1 + growth + sd * shock
        var floored = SIMD4<Double>(repeating: 0.01)
        floored.replace(with: rate, where: rate .>= 0.01)
        return factor * floored
    }
}
