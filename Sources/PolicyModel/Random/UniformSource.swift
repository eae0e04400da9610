/// A stream of uniform numbers in [0, 1), and the standard normals drawn from it.
public protocol UniformSource {
    /// Uniform in [0, 1) on the grid of 2⁻⁵³.
    mutating func nextUnit() -> Double
}

extension UniformSource {
    /// Standard normal by Marsaglia's polar method, two units per attempt, with the portable
    /// logarithm: the same bits on every IEEE-754 machine for the same stream.
    public mutating func nextNormal() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * PortableMath.log(s) / s).squareRoot() }
        }
    }
}
