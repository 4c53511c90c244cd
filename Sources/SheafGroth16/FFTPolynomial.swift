import SheafField

/// Dense univariate polynomials over Fr as coefficient arrays, lowest degree first.
public enum Polynomial {
    /// p(x) by Horner's rule; the empty array is the zero polynomial.
    public static func evaluate(_ coefficients: [Fr], at x: Fr) -> Fr {
        var result = Fr.zero
        for c in coefficients.reversed() { result = result * x + c }
        return result
    }

    /// The product a·b via FFT: both are evaluated on a domain of at least
    /// a.count + b.count − 1 points, multiplied pointwise and interpolated.
    /// O(n log n); the result has exactly a.count + b.count − 1 coefficients
    /// (empty if either factor is empty).
    ///
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)`` when the product
    ///   has more than 2²⁸ coefficients.
    public static func multiply(_ a: [Fr], _ b: [Fr]) throws -> [Fr] {
        if a.isEmpty || b.isEmpty { return [] }
        let count = a.count + b.count - 1
        let domain = try EvaluationDomain(atLeast: count)
        var x = a + Array(repeating: .zero, count: domain.size - a.count)
        var y = b + Array(repeating: .zero, count: domain.size - b.count)
        domain.fft(&x)
        domain.fft(&y)
        for i in 0..<domain.size { x[i] *= y[i] }
        domain.ifft(&x)
        return Array(x.prefix(count))
    }
}
