import PolicyModel

/// Budgets at a confidence level (docs/model.md §8): for each funding level and the total in
/// one year, the deterministic amount, the Monte Carlo mean, the amount that is enough with
/// probability `confidence` (the draws' `confidence`-quantile, numpy's interpolation), and that
/// quantile's Monte Carlo standard error; for each budget cap of the year, the share of draws
/// in which it is enough.
///
/// Standard error: half the distance between the order statistics at ranks n q ∓ √(n q (1 − q))
/// (the binomial spread of the number of draws below the quantile, one standard deviation
/// each way), so it needs no estimate of the density.
public struct ConfidenceBudget: Sendable {
    public struct Line: Sendable {
        public var figure: Figure
        public var deterministic: Double
        public var mean: Double?
        public var atConfidence: Double?
        public var standardError: Double?
    }

    public struct Cap: Sendable {
        public var figure: Figure
        public var cap: Double
        public var probabilityEnough: Double?
    }

    public var year: Int
    public var confidence: Double
    public var draws: Int?
    public var seed: UInt64?
    public var levels: [Line]
    public var total: Line
    public var caps: [Cap]

    /// The funding levels that can be reported, in order (a budget reports those its scenario has).
    public static let levelFigures: [Figure] = FundingLevel.allCases.map(\.figure)
    /// Every figure a confidence budget needs the draws of.
    public static let keptFigures: Set<Figure> = Set(levelFigures + [.totalBudgetYuan, .surplusYuan])
    /// Transfers beyond the need, when the scenario has transfers: with it the levels add up
    /// (their sum is the total plus the surplus).
    public var surplus: Line?
    /// Every line, in the order tables show them: the levels, the total, the surplus.
    public var lines: [Line] { levels + [total] + (surplus.map { [$0] } ?? []) }

    /// The year a report budgets a scenario for: the year of its first budget cap, else
    /// `reportYear` when the scenario covers it; nil when it has no budget there.
    public static func year(of projection: Projection, reportYear: Int) -> Int? {
        let capYear = projection.checks.first { check in
            check.target.kind.comparison == .atMost && (check.target.kind.bounds.map { keptFigures.contains($0) } ?? false)
        }?.target.year
        let year = capYear ?? reportYear
        return projection.figures(for: year)?.budget == nil ? nil : year
    }

    /// From the deterministic projection and, when drawn, a Monte Carlo run that kept `keptFigures`.
    public init(projection: Projection, year: Int, confidence: Double, monteCarlo: MonteCarloResult?) {
        self.year = year
        self.confidence = confidence
        draws = monteCarlo?.draws
        seed = monteCarlo?.seed
        let figures = projection.figures(for: year)
        func line(_ figure: Figure) -> Line {
            var line = Line(figure: figure, deterministic: figures.flatMap(figure.value) ?? .nan)
            if var sample = monteCarlo?.samples[figure]?[year], !sample.isEmpty {
                line.mean = Summary(&sample).mean
                line.atConfidence = Summary.percentile(&sample, confidence)
                let n = Double(sample.count)
                let spread = (n * confidence * (1 - confidence)).squareRoot()
                let low = max(0, Int((n * confidence - spread).rounded(.down)))
                let high = min(sample.count - 1, Int((n * confidence + spread).rounded(.up)))
                line.standardError = (Summary.select(&sample, high) - Summary.select(&sample, low)) / 2
            }
            return line
        }
        levels = Self.levelFigures.filter { figures.flatMap($0.value) != nil }.map(line)
        total = line(.totalBudgetYuan)
        surplus = figures.flatMap(Figure.surplusYuan.value) == nil ? nil : line(.surplusYuan)
        caps = projection.checks.compactMap { check -> Cap? in
            guard check.target.year == year, let figure = check.target.kind.bounds,
                figure == .totalBudgetYuan || Self.levelFigures.contains(figure), check.target.kind.comparison == .atMost
            else { return nil }
            let sample = monteCarlo?.samples[figure]?[year]
            let enough = sample.map { values in Double(values.count { $0 <= check.required }) / Double(max(1, values.count)) }
            return Cap(figure: figure, cap: check.required, probabilityEnough: enough)
        }
    }
}
