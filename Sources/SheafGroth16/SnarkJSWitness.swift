import SheafField

extension SnarkJS {
    /// Decodes a circom/snarkjs `.wtns` witness file (container version 2):
    /// section 1 holds the element size n8 = 32, the prime r and the number of
    /// values; section 2 the values, 32 little-endian bytes each in plain (not
    /// Montgomery) form. The first value is circom's constant signal 1, then the
    /// public outputs and inputs, then the private signals.
    ///
    /// - Throws: ``SnarkJSFileError``: a wrong magic or version, a prime other than
    ///   BN254's r, a section size that disagrees with the count, a value ≥ r, or a
    ///   first value other than 1.
    public static func decodeWitness(_ bytes: [UInt8]) throws(SnarkJSFileError) -> [Fr] {
        let file = try SnarkJSBinaryFile(bytes: bytes, magic: "wtns", versions: 2...2)
        var header = try file.section(1, "wtns header")
        try header.expectPrime(Fr.modulus, name: "scalar field")
        let count = try header.u32("number of values")
        guard header.remaining == 0 else { throw .trailingBytes(what: "wtns header", count: header.remaining) }
        guard count >= 1 else { throw .invalidHeader("the witness holds no values (circom's first value is the constant 1)") }
        var values = try file.section(2, "wtns values")
        try values.expectSize(count * 32)
        var witness = [Fr]()
        witness.reserveCapacity(count)
        for i in 0..<count { witness.append(try values.canonicalFr("value \(i)")) }
        guard witness[0] == .one else { throw .witnessConstantNotOne }
        return witness
    }

    /// Encodes a witness as a `.wtns` file (version 2), as circom's witness
    /// calculator and `snarkjs wtns calculate` write it.
    public static func encodeWitness(_ witness: [Fr]) -> [UInt8] {
        func u32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        func u64(_ v: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        func littleEndian(_ limbs: Limbs4) -> [UInt8] { Limbs.bigEndianBytes(limbs).reversed() }
        let header = u32(32) + littleEndian(Fr.modulus) + u32(witness.count)
        var out = Array("wtns".utf8) + u32(2) + u32(2)
        out += u32(1) + u64(header.count) + header
        out += u32(2) + u64(32 * witness.count)
        out.reserveCapacity(out.count + 32 * witness.count)
        for value in witness { out += littleEndian(value.canonicalLimbs) }
        return out
    }

    /// Reads a `.wtns` file.
    ///
    /// - Throws: ``SnarkJSFileError/unreadableFile(path:reason:)`` or any error of
    ///   ``decodeWitness(_:)``.
    public static func readWitness(atPath path: String) throws(SnarkJSFileError) -> [Fr] {
        try decodeWitness(SnarkJSBinaryFile.read(atPath: path))
    }
}
