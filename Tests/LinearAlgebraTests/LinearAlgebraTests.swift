import LazyLibraries
import LinearAlgebra
import Testing

/// Reproducible uniform numbers in [−1, 1) for random matrices.
struct Numbers {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1.0p-52 - 1
    }
    mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, columnMajor: (0..<rows * columns).map { _ in next() })
    }
}

/// The naive kernels every wrapper is checked against.
enum Naive {
    static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        var c = Matrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var sum = 0.0
                for k in 0..<a.columns { sum += a[i, k] * b[k, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    /// Cholesky–Banachiewicz.
    static func cholesky(_ a: Matrix) -> Matrix {
        var l = Matrix(rows: a.rows, columns: a.rows)
        for i in 0..<a.rows {
            for j in 0...i {
                var sum = 0.0
                for k in 0..<j { sum += l[i, k] * l[j, k] }
                l[i, j] = i == j ? (a[i, i] - sum).squareRoot() : (a[i, j] - sum) / l[j, j]
            }
        }
        return l
    }

    /// Gaussian elimination with partial pivoting, one right-hand side.
    static func solve(_ a: Matrix, _ b: [Double]) -> [Double] {
        var m = a.rowValues
        var x = b
        let n = b.count
        for col in 0..<n {
            let pivot = (col..<n).max { abs(m[$0][col]) < abs(m[$1][col]) }!
            m.swapAt(col, pivot)
            x.swapAt(col, pivot)
            for row in col + 1..<n {
                let f = m[row][col] / m[col][col]
                for k in col..<n { m[row][k] -= f * m[col][k] }
                x[row] -= f * x[col]
            }
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            for k in row + 1..<n { x[row] -= m[row][k] * x[k] }
            x[row] /= m[row][row]
        }
        return x
    }

    static func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
        zip(a.elements, b.elements).map { abs($0 - $1) }.max() ?? 0
    }
}

@Suite("Linear algebra against naive kernels")
struct LinearAlgebraTests {
    @Test("dgemm agrees with the triple loop, with and without transposes", arguments: [(1, 1, 1), (3, 4, 5), (17, 9, 23), (64, 64, 64)])
    func multiply(m: Int, k: Int, n: Int) throws {
        var numbers = Numbers(state: UInt64(m * 1000 + k * 10 + n))
        let a = numbers.matrix(m, k)
        let b = numbers.matrix(k, n)
        let expected = Naive.multiply(a, b)
        #expect(Naive.maxDifference(try BLAS.multiply(a, b), expected) < 1e-12 * Double(k))
        #expect(Naive.maxDifference(try BLAS.multiply(a.transposed, b, transposeA: true), expected) < 1e-12 * Double(k))
        #expect(Naive.maxDifference(try BLAS.multiply(a, b.transposed, transposeB: true), expected) < 1e-12 * Double(k))
    }

    @Test("dgemv agrees with the triple loop")
    func multiplyVector() throws {
        var numbers = Numbers(state: 7)
        let a = numbers.matrix(13, 8)
        let x = (0..<8).map { _ in numbers.next() }
        let expected = Naive.multiply(a, Matrix(column: x)).elements
        #expect(zip(try BLAS.multiply(a, x), expected).allSatisfy { abs($0 - $1) < 1e-13 })
        let y = (0..<13).map { _ in numbers.next() }
        let expectedT = Naive.multiply(a.transposed, Matrix(column: y)).elements
        #expect(zip(try BLAS.multiply(a, y, transpose: true), expectedT).allSatisfy { abs($0 - $1) < 1e-13 })
    }

    @Test("Products with zero and NaN: zeros stay zeros, NaN propagates")
    func specialProducts() throws {
        let zero = Matrix(rows: 3, columns: 3)
        #expect(try BLAS.multiply(zero, Matrix.identity(3)) == zero)
        var a = Matrix.identity(2)
        a[0, 1] = .nan
        #expect(try BLAS.multiply(a, Matrix.identity(2))[0, 1].isNaN)
    }

    @Test("Cholesky of Aᵀ A + n I agrees with Cholesky–Banachiewicz and reproduces A", arguments: [1, 3, 4, 10, 40])
    func cholesky(n: Int) throws {
        var numbers = Numbers(state: UInt64(n))
        let b = numbers.matrix(n, n)
        var a = try BLAS.multiply(b, b, transposeA: true)
        for i in 0..<n { a[i, i] += Double(n) }
        let l = try LAPACK.cholesky(a)
        #expect(Naive.maxDifference(l, Naive.cholesky(a)) < 1e-12 * Double(n))
        #expect(Naive.maxDifference(try BLAS.multiply(l, l, transposeB: true), a) < 1e-12 * Double(n))
    }

    @Test("The correlation matrix [[1, 0.5], [0.5, 1]] has the factor [[1, 0], [0.5, √0.75]]")
    func choleskyClosedForm() throws {
        let l = try LAPACK.cholesky(Matrix([[1, 0.5], [0.5, 1]]))
        #expect(l[0, 0] == 1 && l[1, 0] == 0.5 && l[0, 1] == 0)
        #expect(abs(l[1, 1] - 0.75.squareRoot()) < 1e-15)
    }

    @Test("Cholesky refuses a matrix that is not positive definite, naming the order, and NaN")
    func choleskyFailures() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) { try LAPACK.cholesky(Matrix([[1, 2], [2, 1]])) }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 1)) { try LAPACK.cholesky(Matrix([[0, 0], [0, 0]])) }
        #expect(throws: LinearAlgebraError.notFinite) { try LAPACK.cholesky(Matrix([[1, .nan], [.nan, 1]])) }
    }

    @Test("dgesv agrees with Gaussian elimination", arguments: [1, 2, 5, 30])
    func solve(n: Int) throws {
        var numbers = Numbers(state: UInt64(100 + n))
        var a = numbers.matrix(n, n)
        for i in 0..<n { a[i, i] += 2 }
        let b = (0..<n).map { _ in numbers.next() }
        let x = try LAPACK.solve(a, Matrix(column: b))
        #expect(zip(x.elements, Naive.solve(a, b)).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("dgesv refuses a singular matrix and NaN")
    func solveFailures() {
        #expect(throws: LinearAlgebraError.self) { try LAPACK.solve(Matrix([[1, 2], [2, 4]]), Matrix(column: [1, 2])) }
        #expect(throws: LinearAlgebraError.notFinite) { try LAPACK.solve(Matrix([[1, 0], [0, 1]]), Matrix(column: [.nan, 1])) }
    }

    @Test("dgels fits a line exactly through collinear points and agrees with the normal equations otherwise")
    func leastSquares() throws {
        let t: [Double] = [0, 1, 2, 3, 4]
        let design = Matrix(t.map { [1, $0] })
        let exact = try LAPACK.leastSquares(design, Matrix(column: t.map { 2 + 3 * $0 }))
        #expect(abs(exact[0, 0] - 2) < 1e-12 && abs(exact[1, 0] - 3) < 1e-12)
        var numbers = Numbers(state: 5)
        let y = t.map { 1 + 0.5 * $0 + 0.1 * numbers.next() }
        let fit = try LAPACK.leastSquares(design, Matrix(column: y))
        // Normal equations (XᵀX) β = Xᵀy, solved naively.
        let xtx = Naive.multiply(design.transposed, design)
        let xty = Naive.multiply(design.transposed, Matrix(column: y)).elements
        let beta = Naive.solve(xtx, xty)
        #expect(abs(fit[0, 0] - beta[0]) < 1e-12 && abs(fit[1, 0] - beta[1]) < 1e-12)
    }

    @Test("dgels refuses a design without full rank")
    func rankDeficient() {
        #expect(throws: LinearAlgebraError.self) {
            try LAPACK.leastSquares(Matrix([[1, 2], [2, 4], [3, 6]]), Matrix(column: [1, 2, 3]))
        }
    }

    @Test("A missing OpenBLAS or LAPACKE is reported with the loader's message: library and package")
    func unavailable() {
        let missing = SharedLibrary.Unavailable(
            purpose: "factorisations and solvers (LAPACK)", library: "liblapacke.so.3", package: "liblapacke",
            reason: "liblapacke.so.3: cannot open shared object file: No such file or directory")
        #expect(
            LinearAlgebraError.unavailable(missing).description
                == "factorisations and solvers (LAPACK) needs liblapacke.so.3, which cannot be loaded "
                + "(liblapacke.so.3: cannot open shared object file: No such file or directory); "
                + "install the Debian package liblapacke (apt-get install liblapacke)")
    }

    @Test("OpenBLAS's thread count can be set and read back")
    func threads() {
        let before = BLAS.threads
        BLAS.threads = 1
        #expect(BLAS.threads == 1)
        BLAS.threads = before
    }
}
