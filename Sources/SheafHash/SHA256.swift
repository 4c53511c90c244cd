/// SHA-256 (FIPS 180-4), the hash of Ethereum's precompile at address 0x02.
///
/// Sheaf uses it where a digest must be cheap both on the EVM (the precompile
/// costs 60 + 12 gas per word) and inside a circuit (about 26k constraints per
/// 64-byte block, against about 150k for a Keccak-f permutation): the outer
/// proof's statement tree (`SheafRecursion.OuterStatementTree`).
public enum SHA256 {
    /// The block length in bytes.
    public static let blockLength = 64
    /// The digest length in bytes.
    public static let digestLength = 32

    /// The initial hash value H⁽⁰⁾: the first 32 bits of the fractional parts of
    /// the square roots of the first eight primes.
    public static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    /// The round constants K₀…K₆₃: the first 32 bits of the fractional parts of
    /// the cube roots of the first 64 primes.
    public static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The 32-byte SHA-256 digest of `data`.
    public static func hash<D: Collection>(_ data: D) -> [UInt8] where D.Element == UInt8 {
        var state = initialState
        for block in paddedBlocks(Array(data)) { compress(&state, block) }
        return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
    }

    /// The message padded to whole blocks: a 1 bit, zeros, and the bit length as
    /// a 64-bit big-endian number.
    public static func paddedBlocks(_ message: [UInt8]) -> [[UInt8]] {
        let bitLength = UInt64(message.count) * 8
        var padded = message + [0x80]
        while padded.count % blockLength != blockLength - 8 { padded.append(0) }
        padded += (0..<8).map { UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64($0))) }
        return stride(from: 0, to: padded.count, by: blockLength).map { Array(padded[$0..<($0 + blockLength)]) }
    }

    /// The number of compression-function calls for a message of `length` bytes.
    public static func blockCount(messageLength length: Int) -> Int { (length + 8) / blockLength + 1 }

    /// The compression function on one 64-byte block.
    static func compress(_ state: inout [UInt32], _ block: [UInt8]) {
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var w = (0..<16).map { j in (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(block[4 * j + $1]) } }
        for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w.append(s1 &+ w[t - 7] &+ s0 &+ w[t - 16])
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        for t in 0..<64 {
            let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ roundConstants[t] &+ w[t]
            let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        for (i, x) in [a, b, c, d, e, f, g, h].enumerated() { state[i] = state[i] &+ x }
    }
}
