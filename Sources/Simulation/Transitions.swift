import LinearAlgebra
import PolicyModel
import ScenarioFiles

/// Projects a transitions caseload model (docs/model.md §11): persons by state in the first
/// year are the initial counts; each following year x(t) = P(t)ᵀ x(t − 1), one matrix–vector
/// product (dgemv), P(t) the matrix for the move into t. The long-run shares π of the last
/// year's matrix solve πᵀ P = πᵀ with Σ π = 1: (Pᵀ − I) π = 0 with its last equation replaced
/// by Σ π = 1, by LU (dgesv); a chain without a unique long run (a singular system) has none.
public enum Transitions {
    public static func project(_ model: CaseloadTransitions, span: YearSpan) throws(ScenarioProblem) -> CaseloadStates {
        try model.validate(span: span)
        var counts = model.states.map { model.initial[$0] ?? 0 }
        var years = [(year: span.first, counts: counts)]
        for year in span.dropFirst() {
            counts = BLAS.multiply(Matrix(model.matrix(into: year)), counts, transpose: true)
            years.append((year, counts))
        }
        return CaseloadStates(states: model.states, years: years, longRunShares: longRun(model.matrix(into: span.last)))
    }

    /// The stationary shares of a row-stochastic matrix, or nil when they are not unique.
    public static func longRun(_ matrix: [[Double]]) -> [Double]? {
        let n = matrix.count
        var system = Matrix(matrix).transposed
        for i in 0..<n { system[i, i] -= 1 }
        for j in 0..<n { system[n - 1, j] = 1 }
        var rightSide = [Double](repeating: 0, count: n)
        rightSide[n - 1] = 1
        guard let shares = try? LAPACK.solve(system, Matrix(column: rightSide)).elements,
            shares.allSatisfy({ $0.isFinite && $0 >= -1e-9 })
        else { return nil }
        return shares.map { max(0, $0) }
    }
}

/// Projects a loaded scenario with everything it needs: its population (for a microsimulation)
/// and its caseload states (for a transitions model); problems are placed in the file.
public enum ScenarioRunner {
    public static func project(_ loaded: LoadedScenario, byTownship: Bool = false, threads: Int = 1) throws(ScenarioFileError) -> Projection
    {
        var states: CaseloadStates?
        if let model = loaded.scenario.caseloadTransitions {
            do {
                states = try Transitions.project(model, span: loaded.scenario.span)
            } catch {
                throw loaded.fileError(error)
            }
        }
        return try ScenarioLoader.project(loaded, byTownship: byTownship, threads: threads, caseloadStates: states)
    }

    /// The Monte Carlo run of a loaded scenario's projection, problems placed in the file.
    public static func monteCarlo(
        _ loaded: LoadedScenario, _ projection: Projection, draws: Int, seed: UInt64, threads: Int,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws(ScenarioFileError) -> MonteCarloResult {
        do {
            return try MonteCarlo.run(projection, draws: draws, seed: seed, threads: max(1, threads), progress: progress)
        } catch {
            throw loaded.fileError(error)
        }
    }
}
