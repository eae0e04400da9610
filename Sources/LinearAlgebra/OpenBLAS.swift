import CBLAS
import LazyLibraries

#if canImport(Glibc)
    import Glibc
#endif

/// The OpenBLAS functions `BLAS` calls, from libopenblas.so.0 opened on first use (its
/// load-time constructor starts its thread pool then, not at every start of the program;
/// `@unchecked Sendable`: C function pointers, never changed).
struct OpenBLAS: @unchecked Sendable {
    let dgemm: cblas_dgemm_fn
    let dgemv: cblas_dgemv_fn
    let getThreads: openblas_get_num_threads_fn
    let setThreads: openblas_set_num_threads_fn

    private static let opened = Result { () throws(SharedLibrary.Unavailable) in
        oneThreadUnlessAsked()
        return try OpenBLAS(SharedLibrary(["libopenblas.so.0"], package: "libopenblas0", purpose: "matrix products (BLAS)"))
    }

    init(_ library: SharedLibrary) throws(SharedLibrary.Unavailable) {
        dgemm = try library.function("cblas_dgemm")
        dgemv = try library.function("cblas_dgemv")
        getThreads = try library.function("openblas_get_num_threads")
        setThreads = try library.function("openblas_set_num_threads")
    }

    /// OpenBLAS starts its thread pool when it is loaded, as many threads as OPENBLAS_NUM_THREADS
    /// says (every core by default), and they spin waiting for work for a while after. dibao runs
    /// its own threads over its own blocks, so unless the user set OPENBLAS_NUM_THREADS (or
    /// OMP_NUM_THREADS) the pool is one thread: nothing competes with ours for the cores.
    /// Called before LAPACKE is opened too (it loads OpenBLAS as its BLAS).
    static func oneThreadUnlessAsked() {
        guard getenv("OPENBLAS_NUM_THREADS") == nil, getenv("OMP_NUM_THREADS") == nil else { return }
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
    }

    /// The functions, the library opened the first time.
    static func functions() throws(LinearAlgebraError) -> OpenBLAS {
        do { return try opened.get() } catch { throw .unavailable(error) }
    }
}
