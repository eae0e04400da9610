import LinearAlgebra
import PolicyModel

/// Projects a transitions caseload model (docs/model.md §11): persons by state in the first
/// year are the initial counts; each following year x(t) = P(t)ᵀ x(t − 1), one matrix–vector
/// product (dgemv), P(t) the matrix for the move into t. The long-run shares π of the last
/// year's matrix solve πᵀ P = πᵀ with Σ π = 1: (Pᵀ − I) π = 0 with its last equation replaced
/// by Σ π = 1, by LU (dgesv); a chain without a unique long run (a singular system) has none.
/// Without OpenBLAS or LAPACKE the projection fails with the library to install.
public enum Transitions {
    public static func project(_ model: CaseloadTransitions, span: YearSpan) throws(ScenarioProblem) -> CaseloadStates {
        try model.validate(span: span)
        do throws(LinearAlgebraError) {
            var counts = model.states.map { model.initial[$0] ?? 0 }
            var years = [(year: span.first, counts: counts)]
            for year in span.dropFirst() {
                counts = try BLAS.multiply(Matrix(model.matrix(into: year)), counts, transpose: true)
                years.append((year, counts))
            }
            return CaseloadStates(states: model.states, years: years, longRunShares: try longRun(model.matrix(into: span.last)))
        } catch {
            throw ScenarioProblem(at: ["caseload_transitions"], error.description)
        }
    }

    /// The stationary shares of a row-stochastic matrix, or nil when they are not unique; throws
    /// only when LAPACKE is unavailable.
    public static func longRun(_ matrix: [[Double]]) throws(LinearAlgebraError) -> [Double]? {
        let n = matrix.count
        var system = Matrix(matrix).transposed
        for i in 0..<n { system[i, i] -= 1 }
        for j in 0..<n { system[n - 1, j] = 1 }
        var rightSide = [Double](repeating: 0, count: n)
        rightSide[n - 1] = 1
        let shares: [Double]
        do {
            shares = try LAPACK.solve(system, Matrix(column: rightSide)).elements
        } catch {
            if case .unavailable = error { throw error }
            return nil
        }
        guard shares.allSatisfy({ $0.isFinite && $0 >= -1e-9 }) else { return nil }
        return shares.map { max(0, $0) }
    }
}
