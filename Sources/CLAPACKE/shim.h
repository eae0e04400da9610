// The LAPACKE functions LinearAlgebra calls, as function-pointer types: the library is opened at
// run time (liblapacke.so.3, Debian liblapacke; Debian's OpenBLAS has no LAPACKE, liblapacke runs
// on the liblapack.so.3 that OpenBLAS provides) by LinearAlgebra's LAPACKE, not linked. Declared
// as in lapacke.h (32-bit lapack_int).
#ifndef DIBAO_CLAPACKE_SHIM_H
#define DIBAO_CLAPACKE_SHIM_H

#include <stdint.h>

typedef int32_t lapack_int;
#define LAPACK_COL_MAJOR 102

typedef lapack_int (*LAPACKE_dpotrf_fn)(int matrix_layout, char uplo, lapack_int n, double *a, lapack_int lda);
typedef lapack_int (*LAPACKE_dgesv_fn)(int matrix_layout, lapack_int n, lapack_int nrhs, double *a, lapack_int lda,
                                       lapack_int *ipiv, double *b, lapack_int ldb);
typedef lapack_int (*LAPACKE_dgels_fn)(int matrix_layout, char trans, lapack_int m, lapack_int n, lapack_int nrhs, double *a,
                                       lapack_int lda, double *b, lapack_int ldb);

#endif
