import CLAPACKE

/// Factorisations and solvers through LAPACKE, column-major. Each routine checks its input for
/// NaN and infinities first (LAPACKE does) and turns LAPACK's `info` into a `LinearAlgebraError`.
/// The library is opened on the first call; when it cannot be, the call throws `.unavailable`.
public enum LAPACK {
    /// The lower Cholesky factor L of a symmetric positive definite matrix, A = L Lᵀ
    /// (LAPACKE_dpotrf, lower triangle of `a` read; the upper triangle of L is zero). Up to
    /// `directOrder` rows (a Monte Carlo's correlation of a few series) by LAPACK's unblocked
    /// algorithm (dpotf2) here, so that such a run need not open the library at all.
    public static func cholesky(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        precondition(a.isSquare, "Cholesky needs a square matrix")
        var factor = a
        let n = a.rows
        guard n > 0 else { return factor }
        if n <= directOrder { return try unblockedCholesky(a) }
        let dpotrf = try LAPACKE.functions().dpotrf
        let info = factor.elements.withUnsafeMutableBufferPointer { p in
            dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
        }
        try check(info, matrixArguments: [4]) { .notPositiveDefinite(order: $0) }
        for j in 1..<max(n, 1) {
            for i in 0..<j { factor[i, j] = 0 }
        }
        return factor
    }

    /// The largest order `cholesky` factors without LAPACK.
    static let directOrder = 4

    /// dpotf2's column by column, in reference BLAS's order: l_jj = √(a_jj − Σₖ l_jk²) (the dot
    /// product summed first, as DDOT), then below it l_ij = (a_ij − l_i0 l_j0 − l_i1 l_j1 − …) ·
    /// (1 / l_jj) (term by term, as DGEMV, then DSCAL), k < j. A pivot that is not positive (or NaN)
    /// means A is not positive definite, at the order of that leading minor (LAPACK's `info`);
    /// NaN or infinities in the lower triangle are refused first (LAPACKE, for larger matrices, refuses NaN).
    static func unblockedCholesky(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = a.rows
        for j in 0..<n {
            for i in j..<n where !a[i, j].isFinite { throw .notFinite }
        }
        var l = Matrix(rows: n, columns: n)
        for j in 0..<n {
            var dot = 0.0
            for k in 0..<j { dot += l[j, k] * l[j, k] }
            let pivot = a[j, j] - dot
            guard pivot > 0 else { throw .notPositiveDefinite(order: j + 1) }
            let diagonal = pivot.squareRoot()
            l[j, j] = diagonal
            let reciprocal = 1 / diagonal
            for i in (j + 1)..<n {
                var value = a[i, j]
                for k in 0..<j { value -= l[i, k] * l[j, k] }
                l[i, j] = value * reciprocal
            }
        }
        return l
    }

    /// X with A X = B for square A, by LU with partial pivoting (LAPACKE_dgesv).
    public static func solve(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        precondition(a.isSquare && a.rows == b.rows, "solve needs a square A with as many rows as B")
        var lu = a
        var x = b
        let n = a.rows
        guard n > 0, b.columns > 0 else { return x }
        let dgesv = try LAPACKE.functions().dgesv
        var pivots = [Int32](repeating: 0, count: n)
        let info = lu.elements.withUnsafeMutableBufferPointer { pa in
            x.elements.withUnsafeMutableBufferPointer { pb in
                pivots.withUnsafeMutableBufferPointer { pp in
                    dgesv(
                        LAPACK_COL_MAJOR, Int32(n), Int32(b.columns), pa.baseAddress, Int32(n), pp.baseAddress, pb.baseAddress, Int32(n))
                }
            }
        }
        try check(info, matrixArguments: [4, 7]) { .singular(pivot: $0) }
        return x
    }

    /// The least-squares solution X minimising ‖A X − B‖ for A with at least as many rows as
    /// columns and full column rank, by QR (LAPACKE_dgels). X has A's columns as rows.
    /// LAPACK only reports an exactly zero diagonal element of R; here a column is also
    /// rank-deficient when |R(i, i)| ≤ ε · max(m, n) · max_j |R(j, j)| (numerical rank).
    public static func leastSquares(_ a: Matrix, _ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        precondition(a.rows == b.rows && a.rows >= a.columns, "least squares needs A (m×n, m ≥ n) and B with m rows")
        var qr = a
        let (m, n) = (a.rows, a.columns)
        guard m > 0, n > 0, b.columns > 0 else { return Matrix(rows: n, columns: b.columns) }
        let dgels = try LAPACKE.functions().dgels
        var work = b
        let info = qr.elements.withUnsafeMutableBufferPointer { pa in
            work.elements.withUnsafeMutableBufferPointer { pb in
                dgels(
                    LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(m), Int32(n), Int32(b.columns), pa.baseAddress, Int32(m),
                    pb.baseAddress, Int32(m))
            }
        }
        try check(info, matrixArguments: [6, 8]) { .rankDeficient(element: $0) }
        let diagonal = (0..<n).map { abs(qr[$0, $0]) }
        let tolerance = Double.ulpOfOne * Double(max(m, n)) * (diagonal.max() ?? 0)
        if let weak = diagonal.firstIndex(where: { $0 <= tolerance }) { throw .rankDeficient(element: weak + 1) }
        var x = Matrix(rows: n, columns: b.columns)
        for j in 0..<b.columns {
            for i in 0..<n { x[i, j] = work[i, j] }
        }
        return x
    }

    /// info = 0: success; > 0: the routine's own failure; < 0: argument −info is invalid, which
    /// LAPACKE also reports when a matrix argument (at the positions given) holds NaN or ∞.
    private static func check(_ info: Int32, matrixArguments: [Int], _ failure: (Int) -> LinearAlgebraError) throws(LinearAlgebraError) {
        if info > 0 { throw failure(Int(info)) }
        if info < 0 { throw matrixArguments.contains(Int(-info)) ? .notFinite : .invalidArgument(index: Int(-info)) }
    }
}
