/// The caseload as people moving between states each year (docs/model.md §11), the linkage of
/// dibao with the registered-poor roster (两项制度衔接): for example registered poor only, dibao
/// only, both, neither. Counts move by an annual transition matrix; the caseload is the sum of
/// the states that receive dibao.
public struct CaseloadTransitions: Sendable {
    /// State names, in the order of the matrix rows and columns.
    public var states: [String]
    /// Persons in each state in the first year of the span (missing states: 0).
    public var initial: [String: Double]
    /// The states counted in the dibao caseload.
    public var recipients: [String]
    /// Row i, column j: the share of persons in state i one year who are in state j the next.
    public var matrix: [[Double]]
    /// Matrices for particular years (the move into that year), replacing `matrix` there.
    public var matricesByYear: [Int: [[Double]]]
    public var reference: String?
    public var assumption: String?

    public init(
        states: [String], initial: [String: Double], recipients: [String], matrix: [[Double]], matricesByYear: [Int: [[Double]]] = [:],
        reference: String? = nil, assumption: String? = nil
    ) {
        self.states = states
        self.initial = initial
        self.recipients = recipients
        self.matrix = matrix
        self.matricesByYear = matricesByYear
        self.reference = reference
        self.assumption = assumption
    }

    /// The matrix for the move into `year`.
    public func matrix(into year: Int) -> [[Double]] { matricesByYear[year] ?? matrix }

    /// Reports what cannot be projected: no or repeated states, unknown or negative initial
    /// counts, recipients that are not states, a matrix of the wrong size, with negative or
    /// non-finite entries, or rows that do not sum to 1 (within 1e-9), or a year outside the span.
    public func validate(span: YearSpan) throws(ScenarioProblem) {
        let key = ["caseload_transitions"]
        guard !states.isEmpty, Set(states).count == states.count else {
            throw ScenarioProblem(at: key + ["states"], "name each state once")
        }
        for (state, count) in initial.sorted(by: { $0.key < $1.key }) {
            guard states.contains(state) else {
                throw ScenarioProblem(at: key + ["initial", state], "'\(state)' is not one of the states")
            }
            guard count.isFinite, count >= 0 else {
                throw ScenarioProblem(at: key + ["initial", state], "a count of persons must be a finite number ≥ 0, not \(count)")
            }
        }
        guard !recipients.isEmpty else { throw ScenarioProblem(at: key + ["recipients"], "name the states that receive dibao") }
        for state in recipients where !states.contains(state) {
            throw ScenarioProblem(at: key + ["recipients"], "'\(state)' is not one of the states")
        }
        try Self.check(matrix, size: states.count, key: key + ["matrix"], year: nil)
        for (year, matrix) in matricesByYear.sorted(by: { $0.key < $1.key }) {
            guard span.contains(year), year > span.first else {
                throw ScenarioProblem(
                    at: key + ["matrices", String(year)], year: year,
                    "a yearly matrix moves people into a year after \(span.first) and up to \(span.last)")
            }
            try Self.check(matrix, size: states.count, key: key + ["matrices", String(year)], year: year)
        }
    }

    static func check(_ matrix: [[Double]], size: Int, key: [String], year: Int?) throws(ScenarioProblem) {
        guard matrix.count == size, matrix.allSatisfy({ $0.count == size }) else {
            throw ScenarioProblem(at: key, year: year, "the transition matrix must be \(size)×\(size), one row and column per state")
        }
        for (i, row) in matrix.enumerated() {
            for (j, share) in row.enumerated() where !(share.isFinite && share >= 0 && share <= 1) {
                throw ScenarioProblem(at: key, year: year, "row \(i + 1), column \(j + 1): a share must be between 0 and 1, not \(share)")
            }
            let sum = row.reduce(0, +)
            guard abs(sum - 1) <= relativeTolerance * Double(size) else {
                throw ScenarioProblem(at: key, year: year, "row \(i + 1) sums to \(sum); every row of a transition matrix sums to 1")
            }
        }
    }
}

/// Persons in each state of a transitions caseload model, by year, and in the long run.
public struct CaseloadStates: Sendable {
    public var states: [String]
    /// By year of the span: persons in each state, in `states` order.
    public var years: [(year: Int, counts: [Double])]
    /// The long-run shares of the last year's matrix, if the chain has a unique one.
    public var longRunShares: [Double]?

    public init(states: [String], years: [(year: Int, counts: [Double])], longRunShares: [Double]?) {
        self.states = states
        self.years = years
        self.longRunShares = longRunShares
    }
}
