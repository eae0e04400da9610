/// How uncertain the scenario's growth rates are: in each projected year after a series' last
/// explicit value, its growth rate is drawn from a normal distribution with mean the series'
/// `growth` and standard deviation `sd`, correlated across series by `correlation`, independent
/// across years and draws (docs/model.md §8).
public struct UncertaintySpec: Sendable {
    /// The uncertain series and their standard deviations, in the order of `correlation`.
    public var growthSD: [(series: SeriesName, sd: Double)]
    /// The correlation of the draws across series (rows and columns in `growthSD` order);
    /// nil means independent.
    public var correlation: [[Double]]?
    /// The standard deviation of the household take-up rate: each draw takes up at
    /// min(1, max(0, take_up + sd × z)), z independent of the growth draws (a microsimulation's).
    public var takeUpSD: Double?

    /// Where the standard deviations come from (a calibration, a source).
    public var reference: String?
    /// Set when they are an assumption: says why.
    public var assumption: String?

    public init(
        growthSD: [(series: SeriesName, sd: Double)], correlation: [[Double]]? = nil, takeUpSD: Double? = nil,
        reference: String? = nil, assumption: String? = nil
    ) {
        self.growthSD = growthSD
        self.correlation = correlation
        self.takeUpSD = takeUpSD
        self.reference = reference
        self.assumption = assumption
    }

    /// The correlation matrix, the identity when none is given.
    public var correlationMatrix: [[Double]] {
        correlation ?? growthSD.indices.map { i in growthSD.indices.map { $0 == i ? 1 : 0 } }
    }

    /// Reports what cannot be drawn: a series without a growth rate (or proportional to
    /// another), a standard deviation that is negative or not finite, a correlation matrix of
    /// the wrong size, not symmetric, without a unit diagonal or with entries outside [−1, 1].
    /// Whether it is positive semi-definite is for the Cholesky factorisation to say.
    public func validate(series definitions: [SeriesName: SeriesDefinition], hasMicrosimulation: Bool = false) throws(ScenarioProblem) {
        let key = ["uncertainty"]
        guard !growthSD.isEmpty || takeUpSD != nil else {
            throw ScenarioProblem(at: key + ["growth_sd"], "name at least one series and its standard deviation (or take_up_sd)")
        }
        if let takeUpSD {
            guard hasMicrosimulation else {
                throw ScenarioProblem(
                    at: key + ["take_up_sd"], "take_up_sd varies the households' take-up: it needs a microsimulation section")
            }
            guard takeUpSD.isFinite, takeUpSD >= 0, takeUpSD <= 1 else {
                throw ScenarioProblem(
                    at: key + ["take_up_sd"], "the standard deviation of take-up must be from 0 to 1 (0% to 100%), not \(takeUpSD)")
            }
        }
        for (series, sd) in growthSD {
            guard let definition = definitions[series] else {
                throw ScenarioProblem(at: key + ["growth_sd", series.rawValue], "series '\(series.rawValue)' is not defined")
            }
            guard definition.growth != nil else {
                throw ScenarioProblem(
                    at: key + ["growth_sd", series.rawValue], "series '\(series.rawValue)' has no growth rate for the draws to vary")
            }
            guard sd.isFinite, sd >= 0, sd <= 1 else {
                throw ScenarioProblem(
                    at: key + ["growth_sd", series.rawValue],
                    "a standard deviation of a growth rate must be from 0 to 1 (0 to 100 points a year), not \(sd)")
            }
        }
        guard let correlation else { return }
        let n = growthSD.count
        guard correlation.count == n, correlation.allSatisfy({ $0.count == n }) else {
            throw ScenarioProblem(
                at: key + ["correlation"], "the correlation matrix must be \(n)×\(n), one row and column per series in growth_sd")
        }
        for i in 0..<n {
            guard correlation[i][i] == 1 else {
                throw ScenarioProblem(
                    at: key + ["correlation"], "the diagonal of a correlation matrix is 1 (row \(i + 1) has \(correlation[i][i]))")
            }
            for j in 0..<n {
                let value = correlation[i][j]
                guard value.isFinite, (-1...1).contains(value) else {
                    throw ScenarioProblem(
                        at: key + ["correlation"], "correlations lie between −1 and 1 (row \(i + 1), column \(j + 1): \(value))")
                }
                guard value == correlation[j][i] else {
                    throw ScenarioProblem(
                        at: key + ["correlation"], "the correlation matrix must be symmetric (row \(i + 1), column \(j + 1))")
                }
            }
        }
    }
}
