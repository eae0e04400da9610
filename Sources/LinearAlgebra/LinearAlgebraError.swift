import LazyLibraries

/// A LAPACK routine's `info` turned into what it means, or the library that is missing.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cholesky (dpotrf): the leading minor of this order is not positive definite.
    case notPositiveDefinite(order: Int)
    /// Solve (dgesv): U(i, i) is exactly zero, so the matrix is singular.
    case singular(pivot: Int)
    /// Least squares (dgels): the matrix does not have full rank (a zero diagonal element of R).
    case rankDeficient(element: Int)
    /// An input holds NaN or an infinity (LAPACKE checks its inputs).
    case notFinite
    /// LAPACK reported argument `index` invalid (a bug here, not in the input).
    case invalidArgument(index: Int)
    /// OpenBLAS or LAPACKE cannot be loaded: which library, and the Debian package to install.
    case unavailable(SharedLibrary.Unavailable)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let order): "the matrix is not positive definite (leading minor of order \(order))"
        case .singular(let pivot): "the matrix is singular (zero pivot at \(pivot))"
        case .rankDeficient(let element): "the matrix does not have full rank (element \(element) of R is zero)"
        case .notFinite: "the matrix holds NaN or an infinity"
        case .invalidArgument(let index): "LAPACK rejected argument \(index)"
        case .unavailable(let missing): missing.description
        }
    }
}
