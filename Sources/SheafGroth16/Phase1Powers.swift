import SheafCurve
import SheafField

/// The part of a powers-of-tau ceremony (phase 1) that a Groth16 phase 2 needs
/// for a domain of size n: [τⁱ]₁ for i < 2n − 1, [τⁱ]₂, [ατⁱ]₁ and [βτⁱ]₁ for
/// i < n, and [β]₂.
///
/// The values come from a snarkjs `.ptau` file (``read(ptauAtPath:domainSize:)``),
/// the output of a real ceremony such as the Hermez/Polygon one, and are checked
/// for consistency before use (``validate()``): a ptau file is input from
/// elsewhere like any other.
public struct Phase1Powers: Sendable {
    /// [τⁱ]₁, i < 2n − 1 (the H query needs [τⁱ·Z(τ)] = [τⁿ⁺ⁱ] − [τⁱ]).
    public let tauG1: [G1Affine]
    /// [τⁱ]₂, i < n.
    public let tauG2: [G2Affine]
    /// [α·τⁱ]₁, i < n.
    public let alphaTauG1: [G1Affine]
    /// [β·τⁱ]₁, i < n.
    public let betaTauG1: [G1Affine]
    /// [β]₂.
    public let betaG2: G2Affine
    /// The Lagrange basis of the size-n domain at τ, [Lⱼ(τ)]₁, [Lⱼ(τ)]₂,
    /// [α·Lⱼ(τ)]₁, [β·Lⱼ(τ)]₁, when the file was prepared for phase 2 (snarkjs
    /// `powersoftau prepare phase2`, sections 12–15); otherwise the initial key
    /// computes it by an inverse FFT over the group.
    public let lagrange: (tauG1: [G1Affine], tauG2: [G2Affine], alphaG1: [G1Affine], betaG1: [G1Affine])?

    /// n, the largest domain these powers serve.
    public var domainSize: Int { tauG2.count }

    /// Powers for a domain of size `tauG2.count` (a power of two), with the counts
    /// above; the first G1 and G2 powers must be the generators.
    ///
    /// - Throws: ``Phase2Error/inconsistentPowers(_:)`` for wrong counts or
    ///   first powers.
    public init(tauG1: [G1Affine], tauG2: [G2Affine], alphaTauG1: [G1Affine], betaTauG1: [G1Affine],
                betaG2: G2Affine,
                lagrange: (tauG1: [G1Affine], tauG2: [G2Affine], alphaG1: [G1Affine], betaG1: [G1Affine])? = nil) throws(Phase2Error) {
        let n = tauG2.count
        guard n >= 2, n & (n - 1) == 0 else { throw .inconsistentPowers("\(n) G2 powers is not a power of two ≥ 2") }
        guard tauG1.count == 2 * n - 1, alphaTauG1.count == n, betaTauG1.count == n else {
            throw .inconsistentPowers("for n = \(n): \(tauG1.count) τ powers in G1 (need \(2 * n - 1)), "
                                      + "\(alphaTauG1.count) α·τ and \(betaTauG1.count) β·τ powers (need \(n) each)")
        }
        guard tauG1[0] == .generator, tauG2[0] == .generator else {
            throw .inconsistentPowers("τ⁰ is not the generator of G1 and G2")
        }
        self.tauG1 = tauG1
        self.tauG2 = tauG2
        self.alphaTauG1 = alphaTauG1
        self.betaTauG1 = betaTauG1
        self.betaG2 = betaG2
        if let lagrange, [lagrange.tauG1.count, lagrange.tauG2.count, lagrange.alphaG1.count, lagrange.betaG1.count] != [n, n, n, n] {
            throw .inconsistentPowers("the Lagrange bases do not hold \(n) points each")
        }
        self.lagrange = lagrange
    }

    /// The powers for a domain of size `domainSize` from a snarkjs `.ptau` file,
    /// reading only the prefix of each section that domain needs.
    ///
    /// Layout (snarkjs's binfile, magic "ptau", version 1): section 1 is the
    /// header (n8 = 32, the prime q, power, ceremony power), 2 holds [τⁱ]₁ for
    /// i < 2·2^power − 1, 3 [τⁱ]₂, 4 [ατⁱ]₁, 5 [βτⁱ]₁ for i < 2^power, 6 [β]₂;
    /// points in little-endian Montgomery form, G2 as (x.c0, x.c1, y.c0, y.c1).
    /// Every point is checked on its curve, G2 points in the subgroup, and the
    /// powers with ``validate()``.
    ///
    /// - Throws: ``SnarkJSFileError`` for a malformed file (naming the section
    ///   and value), ``Phase2Error/powersTooShort(needed:available:)`` when the
    ///   ceremony is smaller than the domain, ``Phase2Error/inconsistentPowers(_:)``.
    public static func read(ptauAtPath path: String, domainSize: Int) throws -> Phase1Powers {
        try decode(try SectionedFile(path: path, magic: "ptau", versions: 1...1, limit: 1 << 40), domainSize: domainSize)
    }

    /// As ``read(ptauAtPath:domainSize:)``, from the file's bytes.
    public static func decode(ptau bytes: [UInt8], domainSize: Int) throws -> Phase1Powers {
        try decode(try SnarkJSBinaryFile(bytes: bytes, magic: "ptau", versions: 1...1), domainSize: domainSize)
    }

    static func decode(_ file: some BinarySections, domainSize n: Int) throws -> Phase1Powers {
        var header = try file.section(1, "ptau header")
        try header.expectPrime(Fp.modulus, name: "base field")
        let power = try header.u32("power")
        guard (1...28).contains(power) else { throw SnarkJSFileError.invalidHeader("ptau power \(power) is out of range 1…28") }
        guard n >= 2, n & (n - 1) == 0, n <= 1 << power else {
            throw Phase2Error.powersTooShort(needed: n, available: 1 << power)
        }
        func g1s(_ type: Int, _ name: String, _ count: Int) throws -> [G1Affine] {
            var r = try file.section(type, name, prefix: 64 * count)
            guard r.remaining == 64 * count else { throw SnarkJSFileError.truncated("\(name): \(count) points") }
            return try (0..<count).map { i throws(SnarkJSFileError) in try r.g1("point \(i)") }
        }
        func g2s(_ type: Int, _ name: String, _ count: Int) throws -> [G2Affine] {
            var r = try file.section(type, name, prefix: 128 * count)
            guard r.remaining == 128 * count else { throw SnarkJSFileError.truncated("\(name): \(count) points") }
            return try (0..<count).map { i throws(SnarkJSFileError) in try r.g2("point \(i)", checkSubgroup: true) }
        }
        // A prepared file's Lagrange sections list the bases of the domains 2⁰,
        // 2¹, …: the size-n one starts after n − 1 points.
        func skipped<P>(_ read: (Int, String, Int) throws -> [P], _ type: Int, _ name: String) throws -> [P] {
            Array(try read(type, name, 2 * n - 1).dropFirst(n - 1))
        }
        var lagrange: (tauG1: [G1Affine], tauG2: [G2Affine], alphaG1: [G1Affine], betaG1: [G1Affine])?
        if (12...15).allSatisfy(file.contains) {
            lagrange = (try skipped(g1s, 12, "ptau [Lⱼ(τ)]₁"), try skipped(g2s, 13, "ptau [Lⱼ(τ)]₂"),
                        try skipped(g1s, 14, "ptau [α·Lⱼ(τ)]₁"), try skipped(g1s, 15, "ptau [β·Lⱼ(τ)]₁"))
        }
        let powers = try Phase1Powers(tauG1: g1s(2, "ptau [τⁱ]₁", 2 * n - 1), tauG2: g2s(3, "ptau [τⁱ]₂", n),
                                      alphaTauG1: g1s(4, "ptau [α·τⁱ]₁", n), betaTauG1: g1s(5, "ptau [β·τⁱ]₁", n),
                                      betaG2: g2s(6, "ptau [β]₂", 1)[0], lagrange: lagrange)
        try powers.validate()
        return powers
    }

    /// The powers as a snarkjs `.ptau` file of power log₂ n (sections 1–7: the
    /// header, the five kinds of powers and an empty contribution list), so that
    /// a prefix of a large ceremony can be kept for one circuit, or test powers
    /// written. Stored Lagrange bases are not written (a prepared file holds
    /// those of every smaller domain too).
    public func encodePtau() -> [UInt8] {
        func u32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let power = domainSize.trailingZeroBitCount
        let modulus = Fp.modulus
        let prime = [modulus.0, modulus.1, modulus.2, modulus.3].flatMap { l in (0..<8).map { UInt8(truncatingIfNeeded: l >> (8 * $0)) } }
        let sections: [(Int, [UInt8])] = [
            (1, u32(32) + prime + u32(power) + u32(power)),
            (2, tauG1.flatMap(ProvingKeyFile.g1)), (3, tauG2.flatMap(ProvingKeyFile.g2)),
            (4, alphaTauG1.flatMap(ProvingKeyFile.g1)), (5, betaTauG1.flatMap(ProvingKeyFile.g1)),
            (6, ProvingKeyFile.g2(betaG2)), (7, u32(0)),
        ]
        var out = Array("ptau".utf8) + u32(1) + u32(sections.count)
        for (type, data) in sections { out += u32(type) + u32(data.count) + u32(data.count >> 32) + data }
        return out
    }

    /// Checks that the powers are powers of one τ with one α and one β, by
    /// random linear combinations (five pairing checks whatever n):
    /// e(Σ rᵢ[τⁱ⁺¹]₁, [1]₂) = e(Σ rᵢ[τⁱ]₁, [τ]₂) over the G1 powers, the same for
    /// the α and β powers, e([τ]₁, Σ rᵢ[τⁱ]₂) = e([1]₁, Σ rᵢ[τⁱ⁺¹]₂) over the G2
    /// powers, and e([β]₁, [1]₂) = e([1]₁, [β]₂). Points at infinity (τ, α or β
    /// zero) are refused.
    ///
    /// - Throws: ``Phase2Error/inconsistentPowers(_:)`` naming the first failed check.
    public func validate() throws(Phase2Error) {
        guard !tauG1[1].isInfinity, !alphaTauG1[0].isInfinity, !betaTauG1[0].isInfinity, !betaG2.isInfinity else {
            throw .inconsistentPowers("τ, α or β is zero")
        }
        var rng = SystemRandomNumberGenerator()
        func weights(_ count: Int) -> [Fr] { (0..<count).map { _ in Fr(UInt64.random(in: 1...UInt64.max, using: &rng)) } }
        func shifted(_ points: [G1Affine], _ name: String) throws(Phase2Error) {
            let r = weights(points.count - 1)
            let low = MultiScalarMultiplication.compute(points: Array(points.dropLast()), scalars: r).affine
            let high = MultiScalarMultiplication.compute(points: Array(points.dropFirst()), scalars: r).affine
            guard Pairing.pairingCheck([(high, .generator), (-low, tauG2[1])]) else {
                throw .inconsistentPowers("the \(name) powers are not successive powers of the G2 τ")
            }
        }
        try shifted(tauG1, "[τⁱ]₁")
        try shifted(alphaTauG1, "[α·τⁱ]₁")
        try shifted(betaTauG1, "[β·τⁱ]₁")
        let r = weights(tauG2.count - 1)
        let low = MultiScalarMultiplication.compute(points: Array(tauG2.dropLast()), scalars: r).affine
        let high = MultiScalarMultiplication.compute(points: Array(tauG2.dropFirst()), scalars: r).affine
        guard Pairing.pairingCheck([(tauG1[1], low), (-G1Affine.generator, high)]) else {
            throw .inconsistentPowers("the [τⁱ]₂ powers are not successive powers of the G1 τ")
        }
        guard Pairing.pairingCheck([(betaTauG1[0], .generator), (-G1Affine.generator, betaG2)]) else {
            throw .inconsistentPowers("[β]₁ and [β]₂ hold different β")
        }
        // Stored Lagrange bases: Σⱼ rⱼ·Lⱼ(X) is the polynomial with the values r
        // on the domain, whose coefficients c are r's inverse FFT, so
        // Σⱼ rⱼ[Lⱼ(τ)] must equal Σᵢ cᵢ[τⁱ], basis by basis.
        if let lagrange {
            let n = domainSize
            let values = weights(n)
            var coefficients = values
            (try! EvaluationDomain(size: n)).ifft(&coefficients)
            func same<C>(_ basis: [AffinePoint<C>], _ monomial: ArraySlice<AffinePoint<C>>, _ name: String) throws(Phase2Error) {
                guard MultiScalarMultiplication.compute(points: basis, scalars: values).affine
                        == MultiScalarMultiplication.compute(points: Array(monomial.prefix(n)), scalars: coefficients).affine else {
                    throw .inconsistentPowers("the Lagrange basis \(name) is not that of the powers (domain \(n))")
                }
            }
            try same(lagrange.tauG1, tauG1[...], "[Lⱼ(τ)]₁")
            try same(lagrange.tauG2, tauG2[...], "[Lⱼ(τ)]₂")
            try same(lagrange.alphaG1, alphaTauG1[...], "[α·Lⱼ(τ)]₁")
            try same(lagrange.betaG1, betaTauG1[...], "[β·Lⱼ(τ)]₁")
        }
    }

    /// The four Lagrange bases for a domain of `size`: the stored ones when
    /// they are for that size, else by inverse FFTs over the group.
    func lagrangeBases(size: Int) -> (tauG1: [G1Affine], tauG2: [G2Affine], alphaG1: [G1Affine], betaG1: [G1Affine]) {
        if let lagrange, size == domainSize { return lagrange }
        return (Self.lagrange(tauG1[...], size: size), Self.lagrange(tauG2[...], size: size),
                Self.lagrange(alphaTauG1[...], size: size), Self.lagrange(betaTauG1[...], size: size))
    }

    /// The Lagrange basis of the domain of size `size` (≤ ``domainSize``) at τ,
    /// in the exponent: [Lⱼ(τ)] = (1/n)·Σₖ ω⁻ʲᵏ·[τᵏ] for j < n, one inverse FFT
    /// over the group ((n/2)·log n scalar multiplications by twiddles).
    static func lagrange<C: CurveParameters>(_ powers: ArraySlice<AffinePoint<C>>, size: Int) -> [AffinePoint<C>] {
        let domain = try! EvaluationDomain(size: size)
        let scale = domain.sizeInverse
        var values = powers.prefix(size).map { JacobianPoint<C>($0) * scale }
        // Bit-reversal permutation, then log n rounds of butterflies with ω⁻¹.
        let bits = size.trailingZeroBitCount
        for i in 0..<size {
            let j = Int(UInt(i).bitReversed(bits: bits))
            if i < j { values.swapAt(i, j) }
        }
        var half = 1
        while half < size {
            let step = domain.generatorInverse.power([UInt(size / (2 * half))])
            var twiddles = [Fr.one]
            for _ in 1..<half { twiddles.append(twiddles[twiddles.count - 1] * step) }
            // Butterfly k joins i = (k div h)·2h + (k mod h) with i + h.
            let butterflies = Parallel.map(size / 2, minimumChunk: 4) { [values] k -> (JacobianPoint<C>, JacobianPoint<C>) in
                let offset = k % half, i = (k / half) * 2 * half + offset
                let t = offset == 0 ? values[i + half] : values[i + half] * twiddles[offset]
                return (values[i] + t, values[i] - t)
            }
            for (k, pair) in butterflies.enumerated() {
                let i = (k / half) * 2 * half + k % half
                values[i] = pair.0
                values[i + half] = pair.1
            }
            half *= 2
        }
        return JacobianPoint<C>.batchAffine(values)
    }
}

private extension UInt {
    /// The low `bits` bits in reverse order.
    func bitReversed(bits: Int) -> UInt {
        bits == 0 ? 0 : self.bitSwapped >> (UInt.bitWidth - bits)
    }
    var bitSwapped: UInt {
        var x = self, r: UInt = 0
        for _ in 0..<UInt.bitWidth { r = (r << 1) | (x & 1); x >>= 1 }
        return r
    }
}
