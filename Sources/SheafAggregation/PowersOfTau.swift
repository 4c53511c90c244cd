import Foundation
import SheafCurve
import SheafField
import SheafGroth16

/// Reads the powers of tau from a snarkjs `.ptau` file (a real ceremony's output).
///
/// Layout (snarkjs's binary container, read by ``SnarkJSBinaryFile``): magic
/// "ptau", version 1, then sections. Section 1 is the header (field size n8 = 32, the prime q, power, ceremony
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
        do {
            let file = try SnarkJSBinaryFile(bytes: bytes, magic: "ptau", versions: 1...1)
            var header = try file.section(1, "ptau header")
            try header.expectPrime(Fp.modulus, name: "base field")
            let power = try header.u32("power")
            guard (1...28).contains(power) else { throw AggregationError.invalidEncoding("ptau power \(power) is out of range") }
            self.power = power
            let g2Count = min(1 << power, maxG2 ?? (1 << power))
            let g1Count = min(2 * (1 << power) - 1, 2 * g2Count)
            var g1Section = try file.section(2, "ptau tauG1"), g2Section = try file.section(3, "ptau tauG2")
            guard g1Section.remaining >= g1Count * 64, g2Section.remaining >= g2Count * 128 else {
                throw AggregationError.invalidEncoding("ptau tau sections are missing or shorter than 2^power points")
            }
            var tauG1 = [G1Affine](), tauG2 = [G2Affine]()
            tauG1.reserveCapacity(g1Count)
            tauG2.reserveCapacity(g2Count)
            for i in 0..<g1Count { tauG1.append(try g1Section.g1("tauG1[\(i)]")) }
            for i in 0..<g2Count { tauG2.append(try g2Section.g2("tauG2[\(i)]", checkSubgroup: true)) }
            self.tauG1 = tauG1
            self.tauG2 = tauG2
        } catch let error as SnarkJSFileError {
            switch error {
            case let .truncated(what): throw AggregationError.truncated(what)
            case let .invalidPoint(what, reason): throw AggregationError.invalidPoint(what: what, reason: reason)
            default: throw AggregationError.invalidEncoding(error.description)
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
