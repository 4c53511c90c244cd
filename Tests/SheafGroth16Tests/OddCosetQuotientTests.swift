import SheafField
import Testing
@testable import SheafGroth16

/// The snarkjs-key prover's quotient scalars (values of A·B − C at the odd
/// 2n-th roots) against Sheaf's own QAP quotient h = (A·B − C)/Z, on the rollup
/// circuit (n = 16,384, where the FFTs run on both cores) and the wallet-recovery
/// circuit (n = 4,096, one core). At an odd 2n-th root x, Z(x) = xⁿ − 1 = −2, so
/// the two must satisfy dⱼ = −2·h(ω₂ₙ·ωʲ) for every j.
@Suite("snarkjs odd-coset quotient")
struct OddCosetQuotientTests {
    @Test(arguments: [ExampleApplication.rollup, .walletRecovery])
    func quotientValuesMatchTheQAPQuotient(application: ExampleApplication) throws {
        var rng = SeededGenerator(seed: 21)
        let (system, witness) = try application.exampleAssignment(using: &rng)
        let domain = try QAP.domain(for: system)
        let n = domain.size
        let d = SnarkJSProvingKey.oddCosetQuotient(coefficients: SnarkJSProvingKey.coefficients(of: system), domainSize: n, witness: witness)
        // h on the odd coset, by direct evaluation at a spread of points and by one
        // shifted FFT at all of them.
        var h = try QAP.computeH(constraintSystem: system, witness: witness)
        let shift = try EvaluationDomain(size: 2 * n).generator
        for j in [0, 1, 2, n / 3, n / 2, n - 1] {
            let x = shift * domain.element(j)
            #expect(d[j] == -Fr(2) * Polynomial.evaluate(h, at: x), "\(application) point \(j)")
        }
        h.append(contentsOf: [Fr](repeating: .zero, count: n - h.count))
        EvaluationDomain.scaleByPowers(&h, of: shift, parallel: false)
        domain.fft(&h)
        #expect(d == h.map { -Fr(2) * $0 }, "\(application): all \(n) points")
    }
}
