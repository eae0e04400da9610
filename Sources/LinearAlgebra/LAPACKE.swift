import CLAPACKE
import LazyLibraries

/// The LAPACKE functions `LAPACK` calls, from liblapacke.so.3 opened on first use
/// (`@unchecked Sendable`: C function pointers, never changed).
struct LAPACKE: @unchecked Sendable {
    let dpotrf: LAPACKE_dpotrf_fn
    let dgesv: LAPACKE_dgesv_fn
    let dgels: LAPACKE_dgels_fn

    private static let opened = Result { () throws(SharedLibrary.Unavailable) in
        OpenBLAS.oneThreadUnlessAsked()
        return try LAPACKE(SharedLibrary(["liblapacke.so.3"], package: "liblapacke", purpose: "factorisations and solvers (LAPACK)"))
    }

    init(_ library: SharedLibrary) throws(SharedLibrary.Unavailable) {
        dpotrf = try library.function("LAPACKE_dpotrf")
        dgesv = try library.function("LAPACKE_dgesv")
        dgels = try library.function("LAPACKE_dgels")
    }

    /// The functions, the library opened the first time.
    static func functions() throws(LinearAlgebraError) -> LAPACKE {
        do { return try opened.get() } catch { throw .unavailable(error) }
    }
}
