import SheafField

/// The quadratic arithmetic program of a ``ConstraintSystem`` evaluated at one point
/// τ: what Groth16's setup needs from the circuit.
///
/// For each variable i (witness position, 0 = the constant one),
/// uᵢ(τ) = Σⱼ A[j][i]·Lⱼ(τ), and likewise vᵢ from B and wᵢ from C, where Lⱼ are the
/// Lagrange polynomials of the domain and the rows j include the public-input rows
/// described at ``QAP``.
public struct QAPEvaluation: Sendable, Equatable {
    /// n, the size of the domain the QAP lives on.
    public let domainSize: Int
    /// uᵢ(τ) for every variable i (A side), ``ConstraintSystem/variableCount`` entries.
    public let u: [Fr]
    /// vᵢ(τ) for every variable i (B side).
    public let v: [Fr]
    /// wᵢ(τ) for every variable i (C side).
    public let w: [Fr]
    /// Z(τ) = τⁿ − 1.
    public let vanishing: Fr
}

/// The R1CS-to-QAP reduction Groth16 is built on.
///
/// Rows. Constraint j of the system becomes row j. Following snarkjs, rows m…m+ℓ
/// (m constraints, ℓ public inputs) are extra rows "xᵢ · 0 = 0" for i = 0…ℓ: row
/// m + i has A = xᵢ and B = C = 0. They hold for every witness, but they give each
/// public variable's uᵢ a term Lₘ₊ᵢ that no other variable has, so the polynomials
/// uᵢ + … of the public inputs are linearly independent of each other and of the
/// private ones; without that, a public input appearing in no constraint (or two
/// inputs appearing identically) would let a prover shift value between them, and
/// Groth16's soundness proof assumes the independence. Snarkjs keys are derived
/// with the same rows, so the layout matches its `.zkey`s. The domain H has the
/// smallest power-of-two size n ≥ m + ℓ + 1; rows beyond that are all zero.
///
/// Quotient. For a satisfying witness w, A(x) = Σ wᵢuᵢ(x) etc. satisfy
/// A·B − C = h·Z with Z(x) = xⁿ − 1 and deg h ≤ n − 2. ``computeH(constraintSystem:witness:domainSize:)``
/// gets h from the row values by three inverse FFTs, three coset FFTs (on g·H,
/// where Z is the constant gⁿ − 1), a pointwise division and one coset inverse FFT.
public enum QAP {
    /// m + ℓ + 1: the constraint rows plus the public-input rows.
    public static func rowCount(for system: ConstraintSystem) -> Int {
        system.constraintCount + system.publicInputCount + 1
    }

    /// The evaluation domain of the QAP: the smallest power of two ≥ ``rowCount(for:)``.
    ///
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)`` beyond 2²⁸ rows.
    public static func domain(for system: ConstraintSystem) throws -> EvaluationDomain {
        try EvaluationDomain(atLeast: rowCount(for: system))
    }

    /// ⟨Aⱼ, w⟩, ⟨Bⱼ, w⟩, ⟨Cⱼ, w⟩ for every row j of the domain (public-input rows and
    /// zero padding included): the evaluations of A(x), B(x), C(x) on H.
    ///
    /// - Throws: as ``ConstraintSystem/validate(witness:)``, or for an oversized domain.
    public static func rowEvaluations(constraintSystem system: ConstraintSystem, witness: [Fr],
                                      domain: EvaluationDomain? = nil) throws -> (a: [Fr], b: [Fr], c: [Fr]) {
        try system.validate(witness: witness)
        let n = try domain?.size ?? QAP.domain(for: system).size
        precondition(n >= rowCount(for: system), "domain too small for the constraint system")
        var a = [Fr](repeating: .zero, count: n)
        var b = a, c = a
        let m = system.constraintCount
        let constraints = system.constraints
        a.withUnsafeMutableBufferPointer { ab in
            b.withUnsafeMutableBufferPointer { bb in
                c.withUnsafeMutableBufferPointer { cb in
                    let pa = ab.baseAddress!, pb = bb.baseAddress!, pc = cb.baseAddress!
                    fftForEachChunk(m, parallel: m >= EvaluationDomain.parallelThreshold) { range in
                        for j in range {
                            pa[j] = constraints[j].a.evaluate(witness)
                            pb[j] = constraints[j].b.evaluate(witness)
                            pc[j] = constraints[j].c.evaluate(witness)
                        }
                    }
                }
            }
        }
        for i in 0...system.publicInputCount { a[m + i] = witness[i] }
        return (a, b, c)
    }

    /// The coefficients of h = (A·B − C)/Z for a satisfying witness: n − 1 of them
    /// (deg h ≤ n − 2), n being ``domain(for:)``'s size. The Groth16 prover combines
    /// them with the key's [τⁱ·Z(τ)/δ]₁.
    ///
    /// - Throws: ``R1CSError/unsatisfied(index:label:)`` for the first violated
    ///   constraint (there is no polynomial h then), or the errors of
    ///   ``ConstraintSystem/validate(witness:)``.
    ///
    /// - Parameter domainSize: the domain of the proving key (its
    ///   ``ProvingKey/domainSize``), which may be a compact 3·2ᵏ one; by default
    ///   ``domain(for:)``.
    public static func computeH(constraintSystem system: ConstraintSystem, witness: [Fr],
                                domainSize: Int? = nil) throws -> [Fr] {
        let domain = try domainSize.map { try keyDomain(size: $0, rows: rowCount(for: system)) } ?? QAP.domain(for: system)
        let (a, b, c) = try rowEvaluations(constraintSystem: system, witness: witness, domain: domain)
        // On H, A·B − C must vanish: that is the R1CS itself, checked in O(n) so that
        // an unsatisfying witness is reported instead of producing garbage.
        for j in 0..<system.constraintCount where a[j] * b[j] != c[j] {
            throw R1CSError.unsatisfied(index: j, label: system.constraints[j].label)
        }
        return quotient(a, b, c, domain: domain)
    }

    /// h(X) from the constraint rows alone (``CircuitBuilder/takeRowEvaluations()``):
    /// the rows are padded to the domain with the public-input rows (A = wᵢ for
    /// i = 0…ℓ, as ``rowEvaluations(constraintSystem:witness:domain:)`` lays them
    /// out) and zeros, so the result is the one ``computeH(constraintSystem:witness:domainSize:)``
    /// gives for the same circuit.
    ///
    /// - Throws: `R1CSError.unsatisfied` for the first row with A·B ≠ C (labelled
    ///   by its index: the rows carry no labels), or for an oversized domain.
    ///
    /// - Parameter domainSize: as for ``computeH(constraintSystem:witness:domainSize:)``.
    public static func computeH(rows: consuming (a: [Fr], b: [Fr], c: [Fr]), witness: [Fr], publicInputCount: Int,
                                domainSize: Int? = nil) throws -> [Fr] {
        var (a, b, c) = rows
        _ = consume rows
        let m = a.count
        precondition(b.count == m && c.count == m, "the three rows have one length")
        precondition(witness.count > publicInputCount, "the witness holds the public inputs")
        let rows = m + publicInputCount + 1
        let domain = try domainSize.map { try keyDomain(size: $0, rows: rows) } ?? EvaluationDomain(atLeast: rows)
        for j in 0..<m where a[j] * b[j] != c[j] { throw R1CSError.unsatisfied(index: j, label: "constraint \(j)") }
        a += witness[0...publicInputCount]
        // Padded to n inside quotient, one row at a time.
        return quotient(a, b, c, domain: domain)
    }

    /// The domain of `size` points a key names, once it holds `rows` rows.
    ///
    /// - Throws: ``R1CSError/invalidShape(_:)`` when it is too small, and the
    ///   errors of ``EvaluationDomain/init(size:)``.
    static func keyDomain(size: Int, rows: Int) throws -> EvaluationDomain {
        guard size >= rows else {
            throw R1CSError.invalidShape("the key's domain of \(size) points is smaller than the circuit's \(rows) rows")
        }
        return try EvaluationDomain(size: size)
    }

    /// The quotient (A·B − C)/Z from the rows on H (zero-padded to n when
    /// shorter), which must satisfy the R1CS. The rows are taken one at a time
    /// (A and B, their product, then C), so at most two n-long arrays and C's
    /// rows are alive at once: about 1.2 GB less at n = 2²⁴ than all six.
    static func quotient(_ a: consuming [Fr], _ b: consuming [Fr], _ c: consuming [Fr], domain: EvaluationDomain) -> [Fr] {
        let n = domain.size
        func toCoset(_ x: inout [Fr]) {
            x.reserveCapacity(n)
            x += repeatElement(.zero, count: n - x.count)
            domain.ifft(&x)
            domain.cosetFFT(&x)
        }
        func combine(_ x: inout [Fr], _ y: [Fr], _ body: @escaping (Fr, Fr) -> Fr) {
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    let px = xb.baseAddress!, py = yb.baseAddress!
                    fftForEachChunk(n, parallel: n >= EvaluationDomain.parallelThreshold) { range in
                        for j in range { px[j] = body(px[j], py[j]) }
                    }
                }
            }
        }
        var a = a, b = b
        toCoset(&a)
        toCoset(&b)
        combine(&a, b, *)
        _ = consume b
        var c = c
        toCoset(&c)
        // Z(g·ωʲ) = gⁿ·ωʲⁿ − 1 = gⁿ − 1 for every j: one inversion for all points.
        let zInverse = (domain.cosetShiftToSize - .one).inverse()!
        combine(&a, c) { ($0 - $1) * zInverse }
        _ = consume c
        domain.cosetIFFT(&a)
        // A·B − C has degree ≤ 2n − 2 and Z has degree n, so h has degree ≤ n − 2:
        // the top coefficient is zero whenever the division is exact.
        precondition(a[n - 1].isZero, "QAP quotient has degree n − 1 for a satisfying witness")
        a.removeLast()
        return a
    }

    /// uᵢ(τ), vᵢ(τ), wᵢ(τ) for every variable, and Z(τ): the Lagrange basis at τ in
    /// O(n), then one pass over the nonzero matrix entries.
    ///
    /// - Throws: ``R1CSError/domainTooLarge(requested:maximum:)``.
    public static func evaluate(constraintSystem system: ConstraintSystem, at tau: Fr) throws -> QAPEvaluation {
        let domain = try QAP.domain(for: system)
        let lagrange = domain.lagrangeCoefficients(at: tau)
        let count = system.variableCount
        var u = [Fr](repeating: .zero, count: count)
        var v = u, w = u
        for (j, constraint) in system.constraints.enumerated() {
            let l = lagrange[j]
            for term in constraint.a.terms { u[term.variable] += term.coefficient * l }
            for term in constraint.b.terms { v[term.variable] += term.coefficient * l }
            for term in constraint.c.terms { w[term.variable] += term.coefficient * l }
        }
        let m = system.constraintCount
        for i in 0...system.publicInputCount { u[i] += lagrange[m + i] }
        return QAPEvaluation(domainSize: domain.size, u: u, v: v, w: w,
                             vanishing: domain.vanishingPolynomial(at: tau))
    }
}
