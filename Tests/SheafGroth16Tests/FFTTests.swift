import Testing
import SheafField
@testable import SheafGroth16

/// Random field elements from a fixed seed.
func randomElements(_ count: Int, seed: UInt64) -> [Fr] {
    var rng = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Fr.random(using: &rng) }
}

/// The O(n²) definition: p evaluated at shift·ωʲ for j < n, ω computed here from
/// the 2²⁸-th root independently of the domain's own tables.
func naiveDFT(_ coefficients: [Fr], shift: Fr = .one) -> [Fr] {
    let n = coefficients.count
    var omega = Fr.twoAdicRootOfUnity
    for _ in n.trailingZeroBitCount..<28 { omega = omega.squared() }
    var point = shift
    var result = [Fr]()
    for _ in 0..<n {
        var value = Fr.zero, power = Fr.one
        for c in coefficients { value += c * power; power *= point }
        result.append(value)
        point *= omega
    }
    return result
}

/// Schoolbook product of two coefficient arrays.
func schoolbook(_ a: [Fr], _ b: [Fr]) -> [Fr] {
    if a.isEmpty || b.isEmpty { return [] }
    var result = [Fr](repeating: .zero, count: a.count + b.count - 1)
    for (i, x) in a.enumerated() { for (j, y) in b.enumerated() { result[i + j] += x * y } }
    return result
}

@Suite("FFT over Fr")
struct FFTTests {
    @Test("Domain generators have exact order n", arguments: [1, 2, 4, 1024, 1 << 16])
    func generatorOrder(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        #expect(domain.generator.power((UInt(size), 0, 0, 0)) == .one)
        if size > 1 { #expect(domain.generator.power((UInt(size / 2), 0, 0, 0)) == -Fr.one) }
        #expect(domain.generator * domain.generatorInverse == .one)
        #expect(domain.sizeInverse * Fr(UInt64(size)) == .one)
        #expect(domain.element(size) == .one && domain.element(-1) == domain.generatorInverse)
    }

    @Test("The coset shift 5 lies in no 2ᵏ-subgroup (5^(2^k) ≠ 1 for k ≤ 28)")
    func cosetShift() {
        var x = EvaluationDomain.cosetShift
        for _ in 0...28 {
            #expect(x != .one)
            x = x.squared()
        }
    }

    @Test("FFT equals the O(n²) DFT", arguments: [1, 2, 4, 8, 16, 32, 64])
    func fftMatchesDFT(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        let coefficients = randomElements(size, seed: UInt64(size))
        var values = coefficients
        domain.fft(&values)
        #expect(values == naiveDFT(coefficients))
        var coset = coefficients
        domain.cosetFFT(&coset)
        #expect(coset == naiveDFT(coefficients, shift: EvaluationDomain.cosetShift))
        if size >= 2 {
            // The domain's points are the evaluations of p(x) = x.
            #expect(domain.elements == naiveDFT([0, 1] + Array(repeating: .zero, count: size - 2)))
        }
    }

    @Test("Inverse transforms undo forward ones", arguments: [1, 2, 8, 256, 4096])
    func roundTrips(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        let original = randomElements(size, seed: 99)
        var x = original
        domain.fft(&x)
        domain.ifft(&x)
        #expect(x == original)
        domain.cosetFFT(&x)
        #expect(size == 1 || x != original)
        domain.cosetIFFT(&x)
        #expect(x == original)
        // And the other way round: evaluations → coefficients → evaluations.
        domain.ifft(&x)
        domain.fft(&x)
        #expect(x == original)
    }

    /// 2¹⁵ and 2¹⁸ also cross the cache-block boundary (stages done block by
    /// block, then whole-array stages); 2¹⁸ has enough blocks to split across cores.
    /// 3·2¹⁴ and 3·2¹⁶ are compact domains: each radix-2 third crosses the
    /// cache-block boundary and is split across cores, and so is the radix-3 stage.
    @Test("Parallel and serial transforms give identical results", arguments: [1 << 14, 1 << 15, 1 << 18, 3 << 14, 3 << 16])
    func parallelMatchesSerial(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        let original = randomElements(size, seed: 5)
        var serial = original, parallel = original
        domain.transform(&serial, parallel: false)
        domain.transform(&parallel, parallel: true)
        #expect(serial == parallel)
        // Any cache-block size gives the same transform (0: every stage over the whole array).
        for blockLog in [0, 3] {
            var blocked = original
            domain.transform(&blocked, parallel: true, cacheBlockLog: blockLog)
            #expect(blocked == serial, "block 2^\(blockLog)")
        }
        let forward = serial
        domain.inverseTransform(&serial, parallel: false)
        domain.inverseTransform(&parallel, parallel: true)
        #expect(serial == parallel && serial == original)
        var scaledSerial = original, scaledParallel = original
        EvaluationDomain.scaleByPowers(&scaledSerial, of: 5, parallel: false)
        EvaluationDomain.scaleByPowers(&scaledParallel, of: 5, parallel: true)
        #expect(scaledSerial == scaledParallel)
        #expect(EvaluationDomain.powers(of: 7, count: size, parallel: true)
                == EvaluationDomain.powers(of: 7, count: size, parallel: false))
        // The public entry point takes the parallel path at this size; spot-check it
        // against direct evaluation by Horner's rule.
        var viaPublic = original
        domain.fft(&viaPublic)
        #expect(viaPublic == forward)
        for j in [0, 1, 12345, size / 3 - 1, size / 3, size / 2 + 1, 2 * size / 3 + 7, size - 1] {
            #expect(viaPublic[j] == Polynomial.evaluate(original, at: domain.element(j)))
        }
    }

    @Test("Polynomial multiplication via FFT equals schoolbook", arguments: [(1, 1), (1, 7), (3, 5), (16, 16), (17, 40), (100, 29)])
    func multiplication(lengths: (Int, Int)) throws {
        let a = randomElements(lengths.0, seed: 1), b = randomElements(lengths.1, seed: 2)
        #expect(try Polynomial.multiply(a, b) == schoolbook(a, b))
        #expect(try Polynomial.multiply(a, []) == [])
    }

    /// 12 points: a compact domain (3·2²), whose basis obeys the same formula.
    @Test("Vanishing polynomial and Lagrange basis", arguments: [16, 12])
    func lagrange(size: Int) throws {
        let domain = try EvaluationDomain(size: size)
        for j in 0..<size { #expect(domain.vanishingPolynomial(at: domain.element(j)).isZero) }
        let x = randomElements(1, seed: 77)[0]
        #expect(domain.vanishingPolynomial(at: x) == x.power((UInt(size), 0, 0, 0)) - .one)
        let basis = domain.lagrangeCoefficients(at: x)
        // Lⱼ(x) = Π_{k≠j} (x − ωᵏ)/(ωʲ − ωᵏ), the definition.
        for j in [0, 3, 7, size - 1] {
            var expected = Fr.one
            for k in 0..<size where k != j {
                expected *= (x - domain.element(k)) * (domain.element(j) - domain.element(k)).inverse()!
            }
            #expect(basis[j] == expected)
        }
        // Interpolation: Σ Lⱼ(x)·p(ωʲ) = p(x) for a random p of degree < n.
        let p = randomElements(size, seed: 78)
        var values = p
        domain.fft(&values)
        #expect(zip(basis, values).reduce(Fr.zero) { $0 + $1.0 * $1.1 } == Polynomial.evaluate(p, at: x))
        // On the domain the basis is a unit vector.
        let onDomain = domain.lagrangeCoefficients(at: domain.element(5))
        #expect(onDomain == (0..<size).map { $0 == 5 ? Fr.one : Fr.zero })
    }

    @Test("Bad domain sizes are refused")
    func badSizes() throws {
        #expect(throws: R1CSError.domainSizeNotPowerOfTwo(3)) { try EvaluationDomain(size: 3) }
        #expect(throws: R1CSError.domainSizeNotPowerOfTwo(0)) { try EvaluationDomain(size: 0) }
        #expect(throws: R1CSError.domainTooLarge(requested: 1 << 29, maximum: 1 << 28)) { try EvaluationDomain(size: 1 << 29) }
        #expect(throws: R1CSError.domainTooLarge(requested: (1 << 28) + 1, maximum: 1 << 28)) {
            try EvaluationDomain(atLeast: (1 << 28) + 1)
        }
        #expect(try EvaluationDomain(atLeast: 1000).size == 1024)
        #expect(try EvaluationDomain(atLeast: 1024).size == 1024)
        #expect(try EvaluationDomain(atLeast: 0).size == 1)
    }
}
