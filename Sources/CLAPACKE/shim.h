// LAPACKE, the C interface to LAPACK (Debian liblapacke-dev; Debian's OpenBLAS has no LAPACKE).
#include <lapacke.h>
