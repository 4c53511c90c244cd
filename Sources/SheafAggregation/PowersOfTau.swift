import Foundation
import SheafCurve
import SheafField

/// Reads the powers of tau from a snarkjs `.ptau` file (a real ceremony's output).
///
/// Layout (snarkjs's binary container): magic "ptau", version u32, section count
/// u32, then sections (type u32, size u64, data), integers little-endian.
/// Section 1 is the header (field size n8 = 32, the prime q, power, ceremony
/// power); section 2 holds τⁱ·G1 for i < 2·2^power − 1, section 3 τⁱ·G2 for
/// i < 2^power. Coordinates are little-endian Montgomery form ("LEM": x·2²⁵⁶ mod
/// q), G2 coordinates as (x.c0, x.c1, y.c0, y.c1); all-zero bytes encode infinity.
public struct PowersOfTau: Sendable {
    /// The ceremony's power: it holds 2^power G2 powers.
    public let power: Int
    /// τⁱ·G1, i < 2^(power+1) − 1.
    public let tauG1: [G1Affine]
    /// τⁱ·G2, i < 2^power.
    public let tauG2: [G2Affine]

    /// Parses and validates a `.ptau` file, keeping the first `maxG2` G2 powers
    /// and 2·maxG2 G1 powers (a SnarkPack SRS for maxG2 proofs needs no more).
    ///
    /// - Throws: ``AggregationError`` for `maxG2` outside 1…``SRSCodec/maxProofsLimit``,
    ///   a wrong magic, a prime other than BN254's
    ///   base field, missing or short sections, coordinates ≥ q, points off the
    ///   curve or (G2) outside the subgroup.
    public init(bytes: [UInt8], maxG2: Int? = nil) throws {
        if let maxG2, maxG2 < 1 || maxG2 > SRSCodec.maxProofsLimit {
            throw AggregationError.limitExceeded(what: "powers kept from a .ptau file (\(maxG2))", limit: SRSCodec.maxProofsLimit)
        }
        var offset = 0
        func take(_ n: Int, _ what: String) throws -> ArraySlice<UInt8> {
            guard n >= 0, n <= bytes.count - offset else { throw AggregationError.truncated("ptau \(what)") }
            defer { offset += n }
            return bytes[offset..<offset + n]
        }
        func u32(_ what: String) throws -> Int { try take(4, what).reversed().reduce(0) { $0 << 8 | Int($1) } }
        func u64(_ what: String) throws -> Int {
            let value = try take(8, what).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard value <= UInt64(Int.max) else { throw AggregationError.invalidEncoding("ptau \(what) is too large") }
            return Int(value)
        }
        guard Array(try take(4, "magic")) == Array("ptau".utf8) else {
            throw AggregationError.invalidEncoding("not a snarkjs .ptau file (bad magic)")
        }
        _ = try u32("version")
        let sectionCount = try u32("section count")
        guard sectionCount <= 64 else { throw AggregationError.limitExceeded(what: "ptau section count", limit: 64) }
        var sections: [Int: Range<Int>] = [:]
        for _ in 0..<sectionCount {
            let type = try u32("section type"), size = try u64("section size")
            let start = offset
            _ = try take(size, "section \(type)")
            if sections[type] == nil { sections[type] = start..<(start + size) }
        }
        guard let header = sections[1], header.count >= 4 + 32 + 8 else {
            throw AggregationError.invalidEncoding("ptau header section is missing or short")
        }
        let n8 = bytes[header.lowerBound..<header.lowerBound + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard n8 == 32 else { throw AggregationError.invalidEncoding("ptau field size is \(n8) bytes; BN254 needs 32") }
        let q = Array(bytes[(header.lowerBound + 4)..<(header.lowerBound + 36)].reversed())
        guard q == Limbs.bigEndianBytes(Fp.modulus) else {
            throw AggregationError.invalidEncoding("ptau prime is not BN254's base field (is it a BLS12-381 ceremony?)")
        }
        let powerStart = header.lowerBound + 36
        let power = bytes[powerStart..<powerStart + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard (1...28).contains(power) else { throw AggregationError.invalidEncoding("ptau power \(power) is out of range") }
        self.power = power
        let g2Count = min(1 << power, maxG2 ?? (1 << power))
        let g1Count = min(2 * (1 << power) - 1, 2 * g2Count)
        guard let g1Section = sections[2], g1Section.count >= g1Count * 64,
              let g2Section = sections[3], g2Section.count >= g2Count * 128 else {
            throw AggregationError.invalidEncoding("ptau tau sections are missing or shorter than 2^power points")
        }
        func fp(_ at: Int, _ what: String) throws -> Fp {
            let limbs = Limbs.fromBigEndian(bytes[at..<at + 32].reversed())
            guard !Limbs.greaterOrEqual(limbs, Fp.modulus) else { throw AggregationError.invalidEncoding("\(what): coordinate ≥ q") }
            return Fp(montgomeryLimbs: limbs)
        }
        func isZero(_ range: Range<Int>) -> Bool { bytes[range].allSatisfy { $0 == 0 } }
        tauG1 = try (0..<g1Count).map { i in
            let at = g1Section.lowerBound + 64 * i
            if isZero(at..<at + 64) { return .infinity }
            do { return try G1Affine(validatingX: try fp(at, "tauG1[\(i)]"), y: try fp(at + 32, "tauG1[\(i)]")) } catch let e as CurveError {
                throw AggregationError.invalidPoint(what: "ptau tauG1[\(i)]", reason: e)
            }
        }
        tauG2 = try (0..<g2Count).map { i in
            let at = g2Section.lowerBound + 128 * i
            if isZero(at..<at + 128) { return .infinity }
            let x = Fp2(try fp(at, "tauG2[\(i)]"), try fp(at + 32, "tauG2[\(i)]"))
            let y = Fp2(try fp(at + 64, "tauG2[\(i)]"), try fp(at + 96, "tauG2[\(i)]"))
            do { return try G2Affine(validatingX: x, y: y) } catch let e as CurveError {
                throw AggregationError.invalidPoint(what: "ptau tauG2[\(i)]", reason: e)
            }
        }
    }
}

extension SnarkPackSRS {
    /// A SnarkPack SRS from two independent powers-of-tau ceremonies: a is the
    /// first ceremony's τ, b the second's. Validated before use: both start at the
    /// generators, consecutive powers pass the pairing checks, and the two secrets
    /// differ.
    ///
    /// - Parameter maxProofs: the largest aggregate (a power of two); each file
    ///   must hold at least that many G2 and twice as many G1 powers.
    public static func fromCeremonies(_ first: PowersOfTau, _ second: PowersOfTau, maxProofs: Int) throws -> SnarkPackSRS {
        guard maxProofs >= 2, maxProofs & (maxProofs - 1) == 0 else { throw SnarkPackError.notPowerOfTwo(maxProofs) }
        for ptau in [first, second] {
            guard ptau.tauG2.count >= maxProofs, ptau.tauG1.count >= 2 * maxProofs else {
                throw SnarkPackError.srsTooSmall(needed: maxProofs, available: min(ptau.tauG2.count, ptau.tauG1.count / 2))
            }
        }
        let srs = SnarkPackSRS(
            gAlphaPowers: Array(first.tauG1[..<(2 * maxProofs)]), gBetaPowers: Array(second.tauG1[..<(2 * maxProofs)]),
            hAlphaPowers: Array(first.tauG2[..<maxProofs]), hBetaPowers: Array(second.tauG2[..<maxProofs]), isInsecure: false)
        guard srs.gAlphaPowers[1] != srs.gBetaPowers[1] else {
            throw AggregationError.invalidEncoding("the two ceremonies have the same tau: SnarkPack needs two independent ones")
        }
        var rng = SystemRandomNumberGenerator()
        guard srs.isWellFormed(using: &rng) else {
            throw AggregationError.invalidEncoding("the ceremonies' powers are inconsistent (the pairing checks fail)")
        }
        return srs
    }
}
