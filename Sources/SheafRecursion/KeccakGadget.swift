import SheafField
import SheafGroth16
import SheafHash

// Keccak-256 inside a circuit, bit by bit, for the one place a circuit must
// recompute an EVM Keccak: the commitment challenge X = Keccak-256(D) of a
// commit-and-prove proof that a nested outer circuit verifies
// (`NestedOuterCircuit.swift`).
//
// The state is 25 lanes of 64 bits, each bit a boolean linear combination,
// lane (x, y) at x + 5y, bit z of a lane its z-th least significant. Rotations
// and the π permutation move bits and cost nothing; an XOR of two bits is a
// fresh variable r with 2a·b = a + b − r, one constraint (kept as a variable:
// as a linear combination it would grow with every round); χ's b ⊕ (¬c ∧ d) is
// t = d − cd, then b ⊕ t, two constraints; ι flips constant positions for free. A round costs about
// 4·320 (θ's column parities) + 320 (θ's mix) + 1600 (θ applied) + 3200 (χ) =
// 6,400 products, the permutation about 154k; constant bits (the padding and
// the capacity of the first block) fold away.

extension CircuitBuilder {
    /// The Keccak-256 digest (Ethereum's, first pad byte 0x01) of a message given
    /// as bits in stream order (bytes in order, each most significant bit first;
    /// every bit boolean), as 256 bits in the same order. The length is fixed by
    /// the circuit. About 154k constraints per 136-byte block.
    public mutating func keccak256(bits message: [LinearCombination], _ label: String = "keccak256") -> [LinearCombination] {
        precondition(message.count % 8 == 0, "Keccak-256 here takes whole bytes")
        let rate = Keccak256.rate
        var bytes = stride(from: 0, to: message.count, by: 8).map { Array(message[$0..<($0 + 8)]) }
        // pad10*1 with Keccak's 0x01 suffix: 0x01, zeros, 0x80 (0x81 when one byte).
        let padLength = rate - bytes.count % rate
        var padding = [UInt8](repeating: 0, count: padLength)
        padding[0] |= 0x01
        padding[padLength - 1] |= 0x80
        bytes += padding.map(Self.constantBits)
        var state = [[LinearCombination]](repeating: [LinearCombination](repeating: .zero, count: 64), count: 25)
        for block in 0..<(bytes.count / rate) {
            withNamespace("\(label)/block[\(block)]") { cs in
                for k in 0..<rate {
                    // Byte k fills bits 8(k mod 8)…+7 of lane k / 8, least significant bit first.
                    let byte = bytes[block * rate + k]
                    for i in 0..<8 {
                        let z = 8 * (k % 8) + i
                        state[k / 8][z] = cs.xorBits(state[k / 8][z], byte[7 - i], "absorb")
                    }
                }
                state = cs.keccakF1600(state)
            }
        }
        // The digest: the first 32 bytes of the state, lanes little-endian.
        var digest = [LinearCombination]()
        for k in 0..<Keccak256.digestLength {
            for i in (0..<8).reversed() { digest.append(state[k / 8][8 * (k % 8) + i]) }
        }
        return digest
    }

    /// The Keccak-f[1600] permutation on 25 lanes of 64 bits.
    mutating func keccakF1600(_ input: [[LinearCombination]]) -> [[LinearCombination]] {
        var a = input
        for round in 0..<24 {
            withNamespace("round[\(round)]") { cs in
                // θ: every bit absorbs the parities of two neighbouring columns.
                let c = (0..<5).map { x in
                    (0..<64).map { z in
                        var parity = a[x][z]
                        for y in 1..<5 { parity = cs.xorBits(parity, a[x + 5 * y][z], "theta.c") }
                        return parity
                    }
                }
                let d = (0..<5).map { x in
                    (0..<64).map { z in cs.xorBits(c[(x + 4) % 5][z], c[(x + 1) % 5][(z + 63) % 64], "theta.d") }
                }
                for lane in 0..<25 {
                    for z in 0..<64 { a[lane][z] = cs.xorBits(a[lane][z], d[lane % 5][z], "theta") }
                }
                // ρ and π: lane (x, y), rotated left by its offset, moves to (y, 2x + 3y).
                var b = a
                for x in 0..<5 {
                    for y in 0..<5 {
                        let offset = Self.keccakRhoOffsets[x + 5 * y]
                        let target = y + 5 * ((2 * x + 3 * y) % 5)
                        b[target] = (0..<64).map { z in a[x + 5 * y][(z + 64 - offset) % 64] }
                    }
                }
                // χ: b ⊕ (¬b₊₁ ∧ b₊₂) along each row.
                for x in 0..<5 {
                    for y in 0..<5 {
                        let next = b[(x + 1) % 5 + 5 * y], afterNext = b[(x + 2) % 5 + 5 * y]
                        a[x + 5 * y] = (0..<64).map { z in
                            // ¬n ∧ m = m − n·m, still boolean.
                            let t = afterNext[z] - cs.bitProduct(next[z], afterNext[z], "chi.and")
                            return cs.xorBits(b[x + 5 * y][z], t, "chi")
                        }
                    }
                }
                // ι: constant bits of lane (0, 0) flip.
                let constant = Keccak256.roundConstants[round]
                for z in 0..<64 where (constant >> UInt64(z)) & 1 == 1 { a[0][z] = LinearCombination.one - a[0][z] }
            }
        }
        return a
    }

    /// a ⊕ b for booleans as one fresh variable r with 2a·b = a + b − r: one
    /// constraint, none when either is constant. A fresh variable rather than the
    /// linear combination a + b − 2ab, which would grow with every round.
    mutating func xorBits(_ a: LinearCombination, _ b: LinearCombination, _ label: String) -> LinearCombination {
        if let x = a.constantValue { return x.isZero ? b : LinearCombination.one - b }
        if let y = b.constantValue { return y.isZero ? a : LinearCombination.one - a }
        let sum = a + b
        let bit = value(of: a) == value(of: b) ? Fr.zero : Fr.one
        let r = allocate(bit)
        enforce(a * Fr(2), b, sum - r, label)
        return r
    }

    /// ρ's rotation of lane x + 5y: (t + 1)(t + 2)/2 mod 64 along the walk
    /// (x, y) ← (y, 2x + 3y) from (1, 0), 0 for (0, 0) (the Keccak reference's definition).
    static let keccakRhoOffsets: [Int] = {
        var offsets = [Int](repeating: 0, count: 25)
        var (x, y) = (1, 0)
        for t in 0..<24 {
            offsets[x + 5 * y] = ((t + 1) * (t + 2) / 2) % 64
            (x, y) = (y, (2 * x + 3 * y) % 5)
        }
        return offsets
    }()
}
