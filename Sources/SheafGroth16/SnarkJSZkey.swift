import SheafCurve
import SheafField

/// A Groth16 proving key read from a snarkjs `.zkey` file: the output of a real
/// circuit-specific ceremony (`snarkjs groth16 setup` and its contributions), so
/// circom circuits can be proved by Sheaf with the keys their projects already use.
///
/// What the file holds (section numbers as snarkjs writes them):
/// 1. the protocol (1 = Groth16);
/// 2. the field primes, the number of variables m, of public inputs ℓ, the
///    domain size n, and [α]₁, [β]₁, [β]₂, [γ]₂, [δ]₁, [δ]₂;
/// 3. IC, ℓ + 1 points [(β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ))/γ]₁;
/// 4. the nonzero entries of the constraint matrices A and B (C is not stored:
///    for a satisfying witness the C-row values are the products of the A- and
///    B-row values); each value is stored times R² (R = 2²⁵⁶), a quirk of
///    snarkjs's Montgomery arithmetic;
/// 5–7. [uᵢ(τ)]₁, [vᵢ(τ)]₁ and [vᵢ(τ)]₂ for every variable;
/// 8. [(β·uᵢ(τ) + α·vᵢ(τ) + wᵢ(τ))/δ]₁ for the private variables;
/// 9. the quotient query: [ℓ′ⱼ(τ)/δ]₁ for j < n, where ℓ′ⱼ is the Lagrange
///    polynomial of the 2n-th roots of unity at the odd point ω₂ₙ^(2j+1);
/// 10. the ceremony's contribution transcript (not needed to prove; not read).
///
/// Why section 9 looks as it does: A(X)·B(X) − C(X) = h(X)·Z(X) has degree below
/// 2n and vanishes on the n-th roots (the even 2n-th roots), so its value at τ is
/// the sum of its values at the n odd 2n-th roots times their Lagrange
/// polynomials. The prover therefore needs only those n values, which one inverse
/// FFT and one shifted FFT per row polynomial give, and never divides by Z.
public struct SnarkJSProvingKey: Sendable {
    /// One nonzero entry of the A or B constraint matrix.
    public struct Coefficient: Hashable, Sendable {
        /// Which matrix: A or B.
        public enum Matrix: Int, Sendable { case a = 0, b = 1 }
        /// The matrix the entry belongs to.
        public let matrix: Matrix
        /// The row: the constraint's index (its point ωᶜ of the evaluation domain).
        public let constraint: Int
        /// The column: the variable (signal) it multiplies.
        public let signal: Int
        /// The coefficient.
        public let value: Fr
    }

    /// The queries in the layout of ``ProvingKey``, except that `hQuery` holds
    /// section 9's odd-coset Lagrange points (not τʲ·Z(τ)/δ): the quotient
    /// scalars this type computes are values at the odd points, not coefficients.
    /// Kept internal so that nobody pairs it with ``QAP/computeH(constraintSystem:witness:domainSize:)``.
    let queries: ProvingKey
    /// The A and B matrix entries, in file order.
    public let coefficients: [Coefficient]

    /// The verifying key embedded in the zkey (what `snarkjs zkey export
    /// verificationkey` writes as `verification_key.json`).
    public var verifyingKey: VerifyingKey { queries.verifyingKey }
    /// The number of variables m, the constant one included.
    public var variableCount: Int { queries.variableCount }
    /// The number of public inputs ℓ (circom's outputs, then its public inputs).
    public var publicInputCount: Int { queries.publicInputCount }
    /// The size n of the evaluation domain.
    public var domainSize: Int { queries.domainSize }

    /// The largest domain accepted: the prover evaluates on the 2n-th roots of
    /// unity, and BN254's Fr has them only up to 2n = 2²⁸.
    public static let maxDomainSize = 1 << (EvaluationDomain.maxLogSize - 1)

    /// Parses and validates a `.zkey` file.
    ///
    /// Checks: the container and its section sizes against the header's counts;
    /// BN254's primes; protocol Groth16; 0 < ℓ < m; n a power of two up to
    /// ``maxDomainSize``; every coordinate below p and every point on its curve;
    /// the verifying key's G2 points in the subgroup and none of its α, β, γ, δ at
    /// infinity; every coefficient's matrix,
    /// row and column in range and its value below r. The query points' G2
    /// subgroup membership is not checked here (m subgroup checks would cost more
    /// than proving); ``prove(witness:using:)`` checks its proof instead.
    ///
    /// - Throws: ``SnarkJSFileError``, naming the section and value at fault.
    public init(bytes: [UInt8]) throws(SnarkJSFileError) {
        let file = try SnarkJSBinaryFile(bytes: bytes, magic: "zkey", versions: 1...1)

        var protocolSection = try file.section(1, "zkey header")
        let protocolID = try protocolSection.u32("protocol")
        guard protocolID == 1 else { throw .unsupportedProtocol(protocolID) }

        var header = try file.section(2, "zkey Groth16 header")
        try header.expectPrime(Fp.modulus, name: "base field")
        try header.expectPrime(Fr.modulus, name: "scalar field")
        let m = try header.u32("nVars"), l = try header.u32("nPublic"), n = try header.u32("domainSize")
        guard l < m else { throw .invalidHeader("nPublic (\(l)) must be below nVars (\(m))") }
        guard n >= 1, n & (n - 1) == 0 else { throw .invalidHeader("domainSize \(n) is not a power of two") }
        guard n <= Self.maxDomainSize else {
            throw .invalidHeader("domainSize \(n) exceeds \(Self.maxDomainSize) (BN254 Fr has 2n-th roots of unity only up to 2^28)")
        }
        try header.expectSize(4 + 32 + 4 + 32 + 12 + 3 * 64 + 3 * 128)
        let alpha = try header.g1("alpha1"), beta1 = try header.g1("beta1")
        let beta2 = try header.g2("beta2", checkSubgroup: true), gamma2 = try header.g2("gamma2", checkSubgroup: true)
        let delta1 = try header.g1("delta1"), delta2 = try header.g2("delta2", checkSubgroup: true)
        for (point, name) in [(alpha.isInfinity, "alpha1"), (beta2.isInfinity, "beta2"), (gamma2.isInfinity, "gamma2"),
                              (delta2.isInfinity, "delta2")] where point {
            throw .degenerateVerifyingKey("zkey Groth16 header \(name)")
        }

        // Every count is checked against its section's actual size before the
        // section is read, so a hostile count cannot cause a large allocation.
        func g1Section(_ type: Int, _ name: String, count: Int) throws(SnarkJSFileError) -> [G1Affine] {
            var reader = try file.section(type, name)
            try reader.expectSize(count * 64)
            var points = [G1Affine]()
            points.reserveCapacity(count)
            for i in 0..<count { points.append(try reader.g1("point \(i)")) }
            return points
        }
        let ic = try g1Section(3, "zkey IC", count: l + 1)

        var coefficientSection = try file.section(4, "zkey coefficients")
        let coefficientCount = try coefficientSection.u32("count")
        try coefficientSection.expectSize(4 + coefficientCount * 44)
        var coefficients = [Coefficient]()
        coefficients.reserveCapacity(coefficientCount)
        for index in 0..<coefficientCount {
            let matrixID = try coefficientSection.u32("matrix of coefficient \(index)")
            guard let matrix = Coefficient.Matrix(rawValue: matrixID) else {
                throw .invalidCoefficient(index: index, reason: "matrix \(matrixID) is neither A (0) nor B (1)")
            }
            let constraint = try coefficientSection.u32("constraint of coefficient \(index)")
            guard constraint < n else {
                throw .invalidCoefficient(index: index, reason: "constraint \(constraint) is not below the domain size \(n)")
            }
            let signal = try coefficientSection.u32("signal of coefficient \(index)")
            guard signal < m else {
                throw .invalidCoefficient(index: index, reason: "signal \(signal) is not below nVars \(m)")
            }
            let raw = try coefficientSection.limbs("value of coefficient \(index)")
            guard !Limbs.greaterOrEqual(raw, Fr.modulus) else {
                throw .invalidCoefficient(index: index, reason: "value is not below r")
            }
            // The stored limbs are v·R² mod r; read as Montgomery limbs they are
            // the element v·R, whose canonical limbs are the Montgomery form of v.
            let value = Fr(montgomeryLimbs: Fr(montgomeryLimbs: raw).canonicalLimbs)
            coefficients.append(Coefficient(matrix: matrix, constraint: constraint, signal: signal, value: value))
        }

        let aQuery = try g1Section(5, "zkey A query", count: m)
        let b1Query = try g1Section(6, "zkey B1 query", count: m)
        var b2Section = try file.section(7, "zkey B2 query")
        try b2Section.expectSize(m * 128)
        var b2Query = [G2Affine]()
        b2Query.reserveCapacity(m)
        for i in 0..<m { b2Query.append(try b2Section.g2("point \(i)", checkSubgroup: false)) }
        let lQuery = try g1Section(8, "zkey C query", count: m - l - 1)
        let hQuery = try g1Section(9, "zkey H query", count: n)

        let key = VerifyingKey(alpha: alpha, beta: beta2, gamma: gamma2, delta: delta2, ic: ic)
        queries = ProvingKey(verifyingKey: key, betaG1: beta1, deltaG1: delta1, aQuery: aQuery,
                             bG1Query: b1Query, bG2Query: b2Query, lQuery: lQuery, hQuery: hQuery, domainSize: n)
        self.coefficients = coefficients
    }

    /// A zero-knowledge proof from a full circom witness (as read from a `.wtns`
    /// file), with its public inputs (`public.json` order: witness values 1…ℓ).
    ///
    /// The proof is checked before it is returned (one pairing check, well under
    /// the cost of proving): a witness that does not satisfy the circuit, which
    /// the zkey alone cannot detect because it omits the C matrix, is reported
    /// instead of producing a proof that every verifier would reject.
    ///
    /// - Throws: ``SnarkJSFileError/wrongWitnessLength(expected:got:)``,
    ///   ``SnarkJSFileError/witnessConstantNotOne`` or
    ///   ``SnarkJSFileError/proofDoesNotVerify``.
    public func prove<G: RandomNumberGenerator>(
        witness: [Fr], using rng: inout G
    ) throws(SnarkJSFileError) -> (proof: Groth16Proof, publicInputs: [Fr]) {
        guard witness.count == variableCount else {
            throw .wrongWitnessLength(expected: variableCount, got: witness.count)
        }
        guard witness[0] == .one else { throw .witnessConstantNotOne }
        let quotient = Self.oddCosetQuotient(coefficients: coefficients, domainSize: domainSize, witness: witness)
        let proof = Groth16.prove(key: queries, witness: witness, h: quotient, using: &rng)
        let publicInputs = Array(witness[1..<(publicInputCount + 1)])  // empty when ℓ = 0
        // B comes from the unchecked G2 query: confirm it is a group element
        // before the verifier (which assumes so) sees it.
        guard proof.b.isInSubgroup,
              (try? Groth16.verify(proof: proof, publicInputs: publicInputs, key: verifyingKey)) == true else {
            throw .proofDoesNotVerify
        }
        return (proof, publicInputs)
    }

    /// ``prove(witness:using:)`` for Swift concurrency: progress after the
    /// quotient and after each MSM (as ``Groth16/prove(key:constraintSystem:witness:using:progress:)``),
    /// task cancellation honoured between steps.
    ///
    /// - Throws: `CancellationError` when the task is cancelled before the proof
    ///   is done, otherwise a ``SnarkJSFileError`` as the synchronous prover.
    public func prove<G: RandomNumberGenerator>(
        witness: [Fr], using rng: inout G, progress: (ProvingProgress) -> Void
    ) async throws -> (proof: Groth16Proof, publicInputs: [Fr]) {
        try Task.checkCancellation()
        guard witness.count == variableCount else {
            throw SnarkJSFileError.wrongWitnessLength(expected: variableCount, got: witness.count)
        }
        guard witness[0] == .one else { throw SnarkJSFileError.witnessConstantNotOne }
        let total = 1 + Groth16.msmSteps.count
        progress(ProvingProgress(completed: 0, total: total, step: "start"))
        let quotient = Self.oddCosetQuotient(coefficients: coefficients, domainSize: domainSize, witness: witness)
        progress(ProvingProgress(completed: 1, total: total, step: "quotient"))
        try Task.checkCancellation()
        var completed = 1
        let made = Groth16.prove(key: queries, witness: witness, h: quotient, using: &rng) { step in
            completed += 1
            progress(ProvingProgress(completed: completed, total: total, step: step))
            return !Task.isCancelled
        }
        guard let proof = made else { throw CancellationError() }
        let publicInputs = Array(witness[1..<(publicInputCount + 1)])
        guard proof.b.isInSubgroup,
              (try? Groth16.verify(proof: proof, publicInputs: publicInputs, key: verifyingKey)) == true else {
            throw SnarkJSFileError.proofDoesNotVerify
        }
        return (proof, publicInputs)
    }

    /// A proof with blinding from the system's cryptographically secure generator.
    public func prove(witness: [Fr]) throws(SnarkJSFileError) -> (proof: Groth16Proof, publicInputs: [Fr]) {
        var generator = SystemRandomNumberGenerator()
        return try prove(witness: witness, using: &generator)
    }

    /// The values of A(X)·B(X) − C(X) at the odd 2n-th roots ω₂ₙ·ωʲ (j < n):
    /// the scalars for section 9's points.
    ///
    /// A and B take their row values from the coefficients, C = A·B row by row
    /// (true for a satisfying witness); each is interpolated on the n-th roots
    /// and evaluated on the shifted coset.
    static func oddCosetQuotient(coefficients: [Coefficient], domainSize n: Int, witness: [Fr]) -> [Fr] {
        var a = [Fr](repeating: .zero, count: n), b = [Fr](repeating: .zero, count: n)
        for entry in coefficients {
            switch entry.matrix {
            case .a: a[entry.constraint] += entry.value * witness[entry.signal]
            case .b: b[entry.constraint] += entry.value * witness[entry.signal]
            }
        }
        var c = [Fr](unsafeUninitializedCapacity: n) { buffer, count in
            for i in 0..<n { buffer.initializeElement(at: i, to: a[i] * b[i]) }
            count = n
        }
        // The domain was validated at decoding (n a power of two, 2n ≤ 2²⁸).
        let domain = try! EvaluationDomain(size: n)
        var shift = Fr.twoAdicRootOfUnity
        for _ in (domain.logSize + 1)..<EvaluationDomain.maxLogSize { shift = shift.squared() }
        let parallel = n >= EvaluationDomain.parallelThreshold
        func toOddCoset(_ values: inout [Fr]) {
            domain.ifft(&values)
            EvaluationDomain.scaleByPowers(&values, of: shift, parallel: parallel)
            domain.fft(&values)
        }
        toOddCoset(&a)
        toOddCoset(&b)
        toOddCoset(&c)
        for i in 0..<n { a[i] = a[i] * b[i] - c[i] }
        return a
    }
}

extension SnarkJS {
    /// Reads a snarkjs `.zkey` file (Groth16 over BN254).
    ///
    /// - Throws: ``SnarkJSFileError/unreadableFile(path:reason:)`` or any
    ///   decoding error of ``SnarkJSProvingKey/init(bytes:)``.
    public static func readProvingKey(atPath path: String) throws(SnarkJSFileError) -> SnarkJSProvingKey {
        try SnarkJSProvingKey(bytes: SnarkJSBinaryFile.read(atPath: path))
    }
}
