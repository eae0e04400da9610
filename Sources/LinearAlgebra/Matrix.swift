/// A dense matrix of Doubles stored column by column (the layout BLAS and LAPACK use).
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Column-major: element (i, j) is `elements[i + j * rows]`.
    public var elements: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix has a non-negative size")
        self.rows = rows
        self.columns = columns
        elements = [Double](repeating: value, count: rows * columns)
    }

    /// From column-major elements.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        precondition(elements.count == rows * columns, "\(rows)×\(columns) needs \(rows * columns) elements, not \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// From rows, as a matrix is written: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowValues: [[Double]]) {
        let columns = rowValues.first?.count ?? 0
        precondition(rowValues.allSatisfy { $0.count == columns }, "every row needs \(columns) values")
        self.init(rows: rowValues.count, columns: columns)
        for (i, row) in rowValues.enumerated() {
            for (j, value) in row.enumerated() { self[i, j] = value }
        }
    }

    /// A column vector.
    public init(column: [Double]) { self.init(rows: column.count, columns: 1, columnMajor: column) }

    public static func identity(_ n: Int) -> Matrix {
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    public subscript(row: Int, column: Int) -> Double {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { result[j, i] = self[i, j] }
        }
        return result
    }

    /// The rows, as written.
    public var rowValues: [[Double]] { (0..<rows).map { i in (0..<columns).map { self[i, $0] } } }

    public var isSquare: Bool { rows == columns }

    public var description: String { rowValues.map { $0.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n") }
}
