import Testing
@testable import SheafGroth16
import SheafCurve
import SheafField

/// A tiny R1CS turned into a QAP by naive Lagrange interpolation: an independent,
/// deliberately simple path for checking setup and prover.
///
/// Circuit: public y, private x, t: t = x·x, y = t·x + x + 5 (so y = x³ + x + 5),
/// written as constraints (a·w)(b·w) = (c·w) over variables [1, y, x, t].
struct CubicCircuit {
    // Rows: (A, B, C) as dense coefficient vectors over [one, y, x, t].
    static let rows: [([Fr], [Fr], [Fr])] = [
        ([0, 0, 1, 0], [0, 0, 1, 0], [0, 0, 0, 1]),      // x · x = t
        ([0, 0, 0, 1], [0, 0, 1, 0], [-Fr(5), 1, -Fr.one, 0]),  // t · x = y − x − 5
    ]
    static let n = 4  // domain size (power of two ≥ rows + public inputs + 1)

    static func witness(x: Fr) -> [Fr] { [.one, x * x * x + x + Fr(5), x, x * x] }

    /// The domain ωⁱ and Lagrange basis values Lᵢ(τ) = (τⁿ − 1)·ωⁱ / (n·(τ − ωⁱ)).
    static func lagrange(at tau: Fr) -> [Fr] {
        var omega = Fr.twoAdicRootOfUnity
        for _ in 0..<(28 - 2) { omega = omega.squared() }  // order 4
        let z = tau.power([UInt(n)]) - .one
        var point = Fr.one
        var out = [Fr]()
        for _ in 0..<n {
            out.append(z * point * (Fr(UInt64(n)) * (tau - point)).inverse()!)
            point *= omega
        }
        return out
    }

    /// Columns of the QAP: rows first, then the snarkjs-style rows xᵢ·0 = 0 for
    /// the constant and each public input, which keep the public-input
    /// polynomials linearly independent.
    static func matrices() -> ([[Fr]], [[Fr]], [[Fr]]) {
        var a = rows.map(\.0), b = rows.map(\.1), c = rows.map(\.2)
        for i in 0...1 {
            var e = [Fr](repeating: .zero, count: 4); e[i] = .one
            a.append(e); b.append([Fr](repeating: .zero, count: 4)); c.append([Fr](repeating: .zero, count: 4))
        }
        return (a, b, c)
    }

    static func qap(at tau: Fr) -> QAPEvaluation {
        let l = lagrange(at: tau)
        let (a, b, c) = matrices()
        func column(_ m: [[Fr]], _ i: Int) -> Fr { (0..<m.count).reduce(Fr.zero) { $0 + m[$1][i] * l[$1] } }
        return QAPEvaluation(domainSize: n, u: (0..<4).map { column(a, $0) }, v: (0..<4).map { column(b, $0) },
                             w: (0..<4).map { column(c, $0) }, vanishing: tau.power([UInt(n)]) - .one)
    }

    /// h = (A·B − C)/Z by evaluating at 2n points and interpolating: naive but independent.
    static func h(witness: [Fr]) -> [Fr] {
        // Evaluate A(X), B(X), C(X) at X = k for k = 10…10+2n−1 via the Lagrange formula,
        // form (AB − C)/Z there, and interpolate the degree < n − 1 quotient.
        let (a, b, c) = matrices()
        let points = (0..<(n - 1)).map { Fr(UInt64(10 + $0)) }
        let values = points.map { x -> Fr in
            let l = lagrange(at: x)
            func eval(_ m: [[Fr]]) -> Fr { (0..<m.count).reduce(Fr.zero) { acc, row in acc + l[row] * zip(m[row], witness).reduce(Fr.zero) { $0 + $1.0 * $1.1 } } }
            return (eval(a) * eval(b) - eval(c)) * (x.power([UInt(n)]) - .one).inverse()!
        }
        // Newton-free Lagrange interpolation to coefficients (small n).
        var coefficients = [Fr](repeating: .zero, count: n - 1)
        for (i, xi) in points.enumerated() {
            var basis: [Fr] = [.one]
            var denominator = Fr.one
            for (j, xj) in points.enumerated() where j != i {
                var next = [Fr](repeating: .zero, count: basis.count + 1)
                for (k, coefficient) in basis.enumerated() { next[k] -= coefficient * xj; next[k + 1] += coefficient }
                basis = next
                denominator *= xi - xj
            }
            let scale = values[i] * denominator.inverse()!
            for k in 0..<basis.count { coefficients[k] += basis[k] * scale }
        }
        return coefficients
    }
}

@Suite("Groth16 setup and prover")
struct ProverTests {
    let key = Groth16.insecureSetup(publicInputs: 1, seed: 77, qapAt: CubicCircuit.qap)

    @Test func honestProofsVerifyAndAreRandomised() throws {
        var rng = SeededGenerator(seed: 1)
        let x = Fr(3)
        let witness = CubicCircuit.witness(x: x)
        #expect(witness[1] == Fr(35))
        let h = CubicCircuit.h(witness: witness)
        let p1 = Groth16.prove(key: key, witness: witness, h: h, using: &rng)
        let p2 = Groth16.prove(key: key, witness: witness, h: h, using: &rng)
        #expect(p1 != p2, "fresh r, s give a different proof")
        #expect(try Groth16.verify(proof: p1, publicInputs: [Fr(35)], key: key.verifyingKey))
        #expect(try Groth16.verify(proof: p2, publicInputs: [Fr(35)], key: PreparedVerifyingKey(key.verifyingKey)))
        #expect(!(try Groth16.verify(proof: p1, publicInputs: [Fr(36)], key: key.verifyingKey)))
    }

    @Test func aFalseWitnessDoesNotProve() throws {
        var rng = SeededGenerator(seed: 2)
        var witness = CubicCircuit.witness(x: Fr(3))
        witness[1] = Fr(36)  // claims y = 36 with x = 3
        let h = CubicCircuit.h(witness: witness)
        let proof = Groth16.prove(key: key, witness: witness, h: h, using: &rng)
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [Fr(36)], key: key.verifyingKey)))
    }

    @Test func aProofForOneKeyFailsUnderAnother() throws {
        var rng = SeededGenerator(seed: 3)
        let other = Groth16.insecureSetup(publicInputs: 1, seed: 78, qapAt: CubicCircuit.qap)
        let witness = CubicCircuit.witness(x: Fr(4))
        let proof = Groth16.prove(key: key, witness: witness, h: CubicCircuit.h(witness: witness), using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [witness[1]], key: key.verifyingKey))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [witness[1]], key: other.verifyingKey)))
    }
}
