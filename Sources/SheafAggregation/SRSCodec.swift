import SheafCurve
import SheafField
import SheafGroth16
import SheafHash

/// The versioned binary SRS file.
///
/// ```
/// "SHEAFSRS" | version u16 | flags u8 (bit 0: insecure, seed-derived) | maxProofs u32
/// g^(aⁱ) ×2n (G1) | g^(bⁱ) ×2n (G1) | h^(aⁱ) ×n (G2) | h^(bⁱ) ×n (G2)
/// Keccak-256 of everything before it (32 bytes)
/// ```
/// Decoding checks the content hash, every point (curve and subgroup) and the
/// consistency of consecutive powers.
public enum SRSCodec {
    static let magic: [UInt8] = Array("SHEAFSRS".utf8)
    /// The format version written by this build.
    public static let version: UInt16 = 1
    /// The largest SRS the decoder accepts.
    public static let maxProofsLimit = 1 << 16

    /// The size of the largest SRS file (N = ``maxProofsLimit``): 47 + 512·N bytes.
    public static let maxFileBytes = 47 + 512 * maxProofsLimit

    /// The bytes of the SRS file at `path`, read with a bound: only a regular
    /// file, its magic checked first, its size checked against ``maxFileBytes``
    /// before its contents are read. Pass the result to ``decode(_:)``.
    ///
    /// - Throws: ``AggregationError/invalidEncoding(_:)`` ("not a Sheaf SRS file"),
    ///   ``AggregationError/limitExceeded(what:limit:)`` or
    ///   ``AggregationError/unreadableFile(path:reason:)``.
    public static func readFile(atPath path: String) throws(AggregationError) -> [UInt8] {
        do {
            return try BoundedFile.read(atPath: path, limit: maxFileBytes, magic: magic)
        } catch {
            switch error {
            case .wrongMagic: throw .invalidEncoding("not a Sheaf SRS file")
            case .tooLarge: throw .limitExceeded(what: "SRS file size in bytes", limit: maxFileBytes)
            default: throw .unreadableFile(path: path, reason: error.reason)
            }
        }
    }

    /// Encodes an SRS with its content hash.
    public static func encode(_ srs: SnarkPackSRS) -> [UInt8] {
        var out = magic
        BundleCodec.put16(&out, version)
        out.append(srs.isInsecure ? 1 : 0)
        BundleCodec.put32(&out, srs.maxProofs)
        for p in srs.gAlphaPowers + srs.gBetaPowers { out += p.evmBytes }
        for p in srs.hAlphaPowers + srs.hBetaPowers { out += p.evmBytes }
        return out + Keccak256.hash(out)
    }

    /// Decodes and validates an SRS file.
    public static func decode(_ bytes: [UInt8]) throws(AggregationError) -> SnarkPackSRS {
        guard bytes.count >= 47 else { throw AggregationError.truncated("SRS header") }
        let body = Array(bytes[..<(bytes.count - 32)])
        var r = BundleCodec.Reader(bytes: body)
        guard try r.take(8, "SRS magic") == magic else { throw AggregationError.invalidEncoding("not a Sheaf SRS file") }
        let v = try r.u16("SRS version")
        guard v == version else { throw AggregationError.unsupportedVersion(v) }
        let flags = try r.take(1, "SRS flags")[0]
        guard flags & 0xfe == 0 else { throw AggregationError.invalidEncoding("SRS flags 0x\(String(flags, radix: 16)) set unknown bits") }
        let insecure = flags & 1 == 1
        let n = try r.u32("SRS size")
        guard n >= 2, n <= maxProofsLimit, n & (n - 1) == 0 else {
            throw AggregationError.invalidEncoding("SRS size \(n) is not a power of two between 2 and \(maxProofsLimit)")
        }
        let expected = 4 * n * 64 + 2 * n * 128
        guard r.remaining >= expected else { throw AggregationError.truncated("SRS points") }
        guard r.remaining == expected else { throw AggregationError.trailingBytes(r.remaining - expected) }
        guard Keccak256.hash(body) == Array(bytes[(bytes.count - 32)...]) else {
            throw AggregationError.invalidEncoding("SRS content hash does not match (corrupted file)")
        }
        var gA = [G1Affine]()
        for i in 0..<2 * n { gA.append(try r.g1("g^(a^\(i))")) }
        var gB = [G1Affine]()
        for i in 0..<2 * n { gB.append(try r.g1("g^(b^\(i))")) }
        var hA = [G2Affine]()
        for i in 0..<n { hA.append(try r.g2("h^(a^\(i))")) }
        var hB = [G2Affine]()
        for i in 0..<n { hB.append(try r.g2("h^(b^\(i))")) }
        let srs = SnarkPackSRS(gAlphaPowers: gA, gBetaPowers: gB, hAlphaPowers: hA, hBetaPowers: hB, isInsecure: insecure)
        var rng = SystemRandomNumberGenerator()
        guard srs.isWellFormed(using: &rng) else {
            throw AggregationError.invalidEncoding("SRS powers are inconsistent (the pairing checks fail)")
        }
        return srs
    }
}
