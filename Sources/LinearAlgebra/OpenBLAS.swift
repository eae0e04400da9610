import CBLAS
import LazyLibraries

/// The OpenBLAS functions `BLAS` calls, from libopenblas.so.0 opened on first use (its
/// load-time constructor starts its thread pool then, not at every start of the program;
/// `@unchecked Sendable`: C function pointers, never changed).
struct OpenBLAS: @unchecked Sendable {
    let dgemm: cblas_dgemm_fn
    let dgemv: cblas_dgemv_fn
    let getThreads: openblas_get_num_threads_fn
    let setThreads: openblas_set_num_threads_fn

    private static let opened = Result { () throws(SharedLibrary.Unavailable) in
        try OpenBLAS(SharedLibrary(["libopenblas.so.0"], package: "libopenblas0", purpose: "matrix products (BLAS)"))
    }

    init(_ library: SharedLibrary) throws(SharedLibrary.Unavailable) {
        dgemm = try library.function("cblas_dgemm")
        dgemv = try library.function("cblas_dgemv")
        getThreads = try library.function("openblas_get_num_threads")
        setThreads = try library.function("openblas_set_num_threads")
    }

    /// The functions, the library opened the first time.
    static func functions() throws(LinearAlgebraError) -> OpenBLAS {
        do { return try opened.get() } catch { throw .unavailable(error) }
    }
}
