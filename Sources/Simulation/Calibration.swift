import LinearAlgebra
import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Trend growth fitted to a history (docs/model.md §9): for each column, ln y(t) = a + b (t − t̄)
/// by least squares (dgels) on the years it has; growth = eᵇ − 1 with standard error eᵇ · se(b),
/// se(b) = s / √Σ(t − t̄)², s² = RSS / (n − 2) the residual variance; and the correlation of the
/// residuals of every pair of columns over the years both have.
public struct Calibration: Sendable {
    public struct Fit: Sendable {
        public var column: String
        public var years: [Int]
        public var growth: Double
        public var growthStandardError: Double
        /// s, the standard deviation of the residuals of ln y.
        public var residualSD: Double
        public var residuals: [Int: Double]
    }

    public var fits: [Fit]
    /// Pearson correlation of residuals, pairwise over common years (0 where fewer than three).
    public var correlation: [[Double]]
    /// Whether `correlation` is positive definite, so that Monte Carlo can use it.
    public var correlationIsPositiveDefinite: Bool

    public init(history: [(column: String, points: [(year: Int, value: Double)])]) throws(ScenarioProblem) {
        var fits: [Fit] = []
        for (column, points) in history {
            guard points.count >= 3 else {
                throw ScenarioProblem(
                    at: [column], "column '\(column)' has \(points.count) years; a trend with a standard error needs at least 3")
            }
            let years = points.map(\.year)
            let mean = Double(years.reduce(0, +)) / Double(years.count)
            let design = Matrix(years.map { [1, Double($0) - mean] })
            let logs = points.map { log($0.value) }
            let coefficients: Matrix
            do {
                coefficients = try LAPACK.leastSquares(design, Matrix(column: logs))
            } catch {
                if case .unavailable(let missing) = error { throw ScenarioProblem(at: [column], missing.description) }
                throw ScenarioProblem(at: [column], "column '\(column)' cannot be fitted: \(error)")
            }
            let (a, b) = (coefficients[0, 0], coefficients[1, 0])
            var residuals: [Int: Double] = [:]
            var rss = 0.0
            var sxx = 0.0
            for (year, value) in zip(years, logs) {
                let residual = value - (a + b * (Double(year) - mean))
                residuals[year] = residual
                rss += residual * residual
                sxx += (Double(year) - mean) * (Double(year) - mean)
            }
            let s = (rss / Double(points.count - 2)).squareRoot()
            fits.append(
                Fit(
                    column: column, years: years, growth: exp(b) - 1, growthStandardError: exp(b) * s / sxx.squareRoot(), residualSD: s,
                    residuals: residuals))
        }
        self.fits = fits
        let n = fits.count
        var correlation = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            correlation[i][i] = 1
            for j in 0..<i {
                let common = fits[i].years.filter { fits[j].residuals[$0] != nil }
                var r = 0.0
                if common.count >= 3 {
                    let x = common.map { fits[i].residuals[$0]! }
                    let y = common.map { fits[j].residuals[$0]! }
                    let mx = x.reduce(0, +) / Double(x.count)
                    let my = y.reduce(0, +) / Double(y.count)
                    let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
                    let sx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
                    let sy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
                    r = sx > 0 && sy > 0 ? sxy / (sx * sy).squareRoot() : 0
                }
                correlation[i][j] = r
                correlation[j][i] = r
            }
        }
        self.correlation = correlation
        // LAPACKE is loaded by now (the fits above), so failing means not positive definite.
        correlationIsPositiveDefinite = (try? LAPACK.cholesky(Matrix(correlation))) != nil
    }
}
