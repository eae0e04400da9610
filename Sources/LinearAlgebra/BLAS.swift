import CBLAS

/// Matrix products through OpenBLAS (cblas_dgemm, cblas_dgemv), column-major, double precision.
/// Results are those of the BLAS kernels: not bit-identical to a naive loop (other summation
/// order), equal to it within a few ulps times the inner dimension. NaN and infinities propagate
/// as IEEE arithmetic says; nothing is checked. The library is opened on the first product; when
/// it cannot be, a product throws `LinearAlgebraError.unavailable`.
public enum BLAS {
    /// op(a) × op(b), op being the transpose when asked (cblas_dgemm). Sizes must agree.
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
    ) throws(LinearAlgebraError) -> Matrix {
        let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(k == kb, "inner dimensions differ: \(k) and \(kb)")
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        let dgemm = try OpenBLAS.functions().dgemm
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    dgemm(
                        CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1, pa.baseAddress, Int32(max(1, a.rows)), pb.baseAddress,
                        Int32(max(1, b.rows)), 0, pc.baseAddress, Int32(max(1, m)))
                }
            }
        }
        return c
    }

    /// op(a) × x (cblas_dgemv).
    public static func multiply(_ a: Matrix, _ x: [Double], transpose: Bool = false) throws(LinearAlgebraError) -> [Double] {
        let (m, n) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        precondition(x.count == n, "the vector has \(x.count) elements, the matrix \(n) columns")
        var y = [Double](repeating: 0, count: m)
        guard m > 0, n > 0 else { return y }
        let dgemv = try OpenBLAS.functions().dgemv
        a.elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    dgemv(
                        CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns), 1, pa.baseAddress,
                        Int32(max(1, a.rows)), px.baseAddress, 1, 0, py.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// OpenBLAS's own thread pool. It reads OPENBLAS_NUM_THREADS once at load time (1 unless the
    /// user set it: `OpenBLAS.oneThreadUnlessAsked`); this changes
    /// it for the whole process. Code that runs its own threads sets it to 1 so that the two do
    /// not compete for the cores (and so that results do not depend on how BLAS splits its work).
    /// Opens the library; without it there are no BLAS threads: 1, and setting does nothing (the
    /// product that needs the library says it is missing).
    public static var threads: Int {
        get { (try? OpenBLAS.functions()).map { Int($0.getThreads()) } ?? 1 }
        set { (try? OpenBLAS.functions())?.setThreads(Int32(max(1, newValue))) }
    }
}
