// The OpenBLAS functions LinearAlgebra calls, as function-pointer types: the library is opened at
// run time (libopenblas.so.0, Debian libopenblas0) by LinearAlgebra's OpenBLAS, not linked, so
// building needs neither its header nor its -dev package. Declared as in OpenBLAS's cblas.h
// (32-bit blasint, as Debian builds it).
#ifndef DIBAO_CBLAS_SHIM_H
#define DIBAO_CBLAS_SHIM_H

typedef int blasint;
typedef enum CBLAS_ORDER { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_ORDER;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 } CBLAS_TRANSPOSE;

typedef void (*cblas_dgemm_fn)(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transA, enum CBLAS_TRANSPOSE transB, blasint m,
                               blasint n, blasint k, double alpha, const double *a, blasint lda, const double *b, blasint ldb,
                               double beta, double *c, blasint ldc);
typedef void (*cblas_dgemv_fn)(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE trans, blasint m, blasint n, double alpha,
                               const double *a, blasint lda, const double *x, blasint incx, double beta, double *y, blasint incy);
typedef int (*openblas_get_num_threads_fn)(void);
typedef void (*openblas_set_num_threads_fn)(int threads);

#endif
