import PolicyModel
import Testing

@testable import Simulation

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Calibration")
struct CalibrationTests {
    @Test("A series growing exactly 5% a year, with a gap, fits 5% with no residual")
    func exactGrowth() throws {
        let points = [2010, 2011, 2013, 2016].map { (year: $0, value: 100 * pow(1.05, Double($0 - 2010))) }
        let fit = try #require(try Calibration(history: [("caseload", points)]).fits.first)
        #expect(abs(fit.growth - 0.05) < 1e-12)
        #expect(fit.residualSD < 1e-12)
        #expect(fit.growthStandardError < 1e-12)
        #expect(fit.years == [2010, 2011, 2013, 2016])
    }

    @Test("Residuals of ±d around a trend: growth is the trend's, s = √(Σr² / (n − 2))")
    func residualSpread() throws {
        let d = 0.01
        let residuals = [d, -d, -d, d]
        let points = residuals.enumerated().map { (year: 2000 + $0.offset, value: exp(log(50.0) + 0.03 * Double($0.offset) + $0.element)) }
        let fit = try #require(try Calibration(history: [("poverty_line", points)]).fits.first)
        // The residual pattern (+, −, −, +) is orthogonal to 1 and to t − t̄: the fit is the trend.
        #expect(abs(fit.growth - (exp(0.03) - 1)) < 1e-12)
        #expect(abs(fit.residualSD - (4 * d * d / 2).squareRoot()) < 1e-12)
    }

    @Test("Two columns whose residuals are proportional correlate 1; opposite, −1")
    func correlation() throws {
        let pattern = [0.01, -0.02, 0.015, -0.005, 0.0]
        func column(_ sign: Double) -> [(year: Int, value: Double)] {
            pattern.enumerated().map { (year: 2015 + $0.offset, value: exp(2 + 0.1 * Double($0.offset) + sign * $0.element)) }
        }
        let calibration = try Calibration(history: [("a", column(1)), ("b", column(2)), ("c", column(-1))])
        #expect(abs(calibration.correlation[0][1] - 1) < 1e-9)
        #expect(abs(calibration.correlation[0][2] + 1) < 1e-9)
        #expect(!calibration.correlationIsPositiveDefinite)
    }

    @Test("A column with fewer than three years is refused, naming it")
    func tooShort() {
        #expect { try Calibration(history: [("caseload", [(2015, 1), (2016, 2)])]) } throws: {
            ($0 as? ScenarioProblem)?.keyPath == ["caseload"]
        }
    }
}
