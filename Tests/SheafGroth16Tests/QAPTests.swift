import Testing
import SheafField
import SheafHash
@testable import SheafGroth16

/// A small circuit with two public inputs, the second used by no constraint, and a
/// Poseidon hash so that rows are dense and numerous (n = 256).
func qapTestCircuit(x: UInt64 = 3, mode: CircuitBuilder.Mode = .witness) throws -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 2, mode: mode)
    let xv = Fr(x)
    let xVar = cs.allocate(xv)
    let x3 = cs.product(cs.product(xVar, xVar), xVar)
    let out = cs.publicInput("out", xv * xv * xv + xv + 5)
    cs.enforce(x3 + xVar + 5, .one, out, "cubic")
    _ = cs.publicInput("unused", 77)
    let h = try cs.poseidon([xVar, out])
    cs.assertNotEqual(h, 0)
    return cs
}

/// Σᵢ wᵢ·fᵢ.
func dot(_ w: [Fr], _ f: [Fr]) -> Fr { zip(w, f).reduce(Fr.zero) { $0 + $1.0 * $1.1 } }

@Suite("QAP reduction")
struct QAPTests {
    @Test("Domain covers constraints plus the public-input rows")
    func domainSize() throws {
        let system = try qapTestCircuit().constraintSystem()
        #expect(system.constraintCount == 3 + 243 + 1)
        #expect(QAP.rowCount(for: system) == 247 + 3)
        #expect(try QAP.domain(for: system).size == 256)
    }

    @Test("uᵢ(τ), vᵢ(τ), wᵢ(τ) equal the interpolated column polynomials at τ")
    func evaluationMatchesInterpolation() throws {
        let system = try qapTestCircuit().constraintSystem()
        let domain = try QAP.domain(for: system)
        let tau = randomElements(1, seed: 2024)[0]
        let qap = try QAP.evaluate(constraintSystem: system, at: tau)
        #expect(qap.domainSize == domain.size && qap.u.count == system.variableCount)
        #expect(qap.vanishing == tau.power((UInt(domain.size), 0, 0, 0)) - .one)
        let m = system.constraintCount
        for variable in 0..<system.variableCount {
            // Column `variable` of each matrix, row by row, padded to n.
            var columns = [[Fr]](repeating: [Fr](repeating: .zero, count: domain.size), count: 3)
            for (j, constraint) in system.constraints.enumerated() {
                for (k, lc) in [constraint.a, constraint.b, constraint.c].enumerated() {
                    for term in lc.terms where term.variable == variable { columns[k][j] += term.coefficient }
                }
            }
            if variable <= system.publicInputCount { columns[0][m + variable] = .one }
            for k in 0..<3 { domain.ifft(&columns[k]) }
            #expect(qap.u[variable] == Polynomial.evaluate(columns[0], at: tau))
            #expect(qap.v[variable] == Polynomial.evaluate(columns[1], at: tau))
            #expect(qap.w[variable] == Polynomial.evaluate(columns[2], at: tau))
        }
        // The unused public input (variable 2) still has u = L_{m+2}(τ) ≠ 0: the
        // extra rows keep public inputs independent.
        let lagrange = domain.lagrangeCoefficients(at: tau)
        #expect(qap.u[2] == lagrange[m + 2] && !qap.u[2].isZero)
        #expect(qap.v[2].isZero && qap.w[2].isZero)
    }

    @Test("A·B − C = h·Z at random points, both through the rows and through uᵢ, vᵢ, wᵢ")
    func quotient() throws {
        let cs = try qapTestCircuit()
        let system = cs.constraintSystem(), witness = cs.witness()
        let domain = try QAP.domain(for: system)
        let h = try QAP.computeH(constraintSystem: system, witness: witness)
        #expect(h.count == domain.size - 1)
        #expect(h.contains { !$0.isZero })
        var rows = try QAP.rowEvaluations(constraintSystem: system, witness: witness)
        domain.ifft(&rows.a); domain.ifft(&rows.b); domain.ifft(&rows.c)
        for r in randomElements(4, seed: 8) {
            let a = Polynomial.evaluate(rows.a, at: r), b = Polynomial.evaluate(rows.b, at: r)
            let c = Polynomial.evaluate(rows.c, at: r)
            let z = r.power((UInt(domain.size), 0, 0, 0)) - .one
            #expect(a * b - c == Polynomial.evaluate(h, at: r) * z)
            let qap = try QAP.evaluate(constraintSystem: system, at: r)
            #expect(dot(witness, qap.u) == a && dot(witness, qap.v) == b && dot(witness, qap.w) == c)
            #expect(qap.vanishing == z)
        }
    }

    @Test("An unsatisfying witness has no quotient: the violated constraint is reported")
    func unsatisfied() throws {
        let cs = try qapTestCircuit()
        let system = cs.constraintSystem()
        let bad = tampered(cs.witness(), 1, 36)   // wrong public output
        #expect(throws: R1CSError.unsatisfied(index: 2, label: "cubic")) {
            try QAP.computeH(constraintSystem: system, witness: bad)
        }
        #expect(throws: R1CSError.wrongWitnessLength(expected: system.variableCount, actual: 3)) {
            try QAP.computeH(constraintSystem: system, witness: [1, 2, 3])
        }
    }

    @Test("A wrong public input that appears in no constraint still changes A(x)")
    func unusedPublicInputMatters() throws {
        let cs = try qapTestCircuit()
        let system = cs.constraintSystem(), witness = cs.witness()
        let other = tampered(witness, 2, 78)
        // Both satisfy the R1CS, yet their A polynomials differ: the proof binds it.
        #expect(try system.isSatisfied(by: other).isSatisfied)
        let r = randomElements(1, seed: 9)[0]
        let qap = try QAP.evaluate(constraintSystem: system, at: r)
        #expect(dot(witness, qap.u) != dot(other, qap.u))
        #expect(try QAP.computeH(constraintSystem: system, witness: other) != QAP.computeH(constraintSystem: system, witness: witness))
    }

    @Test("Shape-only building gives the same QAP")
    func shapeQAP() throws {
        let shape = try qapTestCircuit(x: 0, mode: .shape).constraintSystem()
        let full = try qapTestCircuit(x: 5).constraintSystem()
        #expect(shape == full)
        let tau: Fr = 123456789
        #expect(try QAP.evaluate(constraintSystem: shape, at: tau) == QAP.evaluate(constraintSystem: full, at: tau))
    }
}
