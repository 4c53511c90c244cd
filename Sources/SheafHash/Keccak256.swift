/// Ethereum's Keccak-256: the Keccak[r = 1088, c = 512] sponge with the original
/// Keccak padding (first pad byte 0x01, last 0x80), as used by the `KECCAK256`
/// opcode, addresses and ABI selectors.
///
/// This is not FIPS 202 SHA3-256, whose domain-separation suffix makes the first pad
/// byte 0x06; the two give different digests for every input.
public enum Keccak256 {
    /// The sponge rate in bytes (1600 − 2·256 bits).
    public static let rate = 136
    /// The digest length in bytes.
    public static let digestLength = 32
    /// The 24 round constants of Keccak-f[1600]'s iota step, for circuits that
    /// compute the permutation themselves.
    public static var roundConstants: [UInt64] { keccakRoundConstants }

    /// The 32-byte Keccak-256 digest of `data`.
    @inlinable
    public static func hash<D: Collection>(_ data: D) -> [UInt8] where D.Element == UInt8 {
        var hasher = Keccak256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }
}

/// An incremental Keccak-256: feed bytes in any number of `update` calls, then
/// `finalize` once. Splitting the input differently never changes the digest.
///
/// Bytes are XORed straight into the state (there is no separate block buffer), so
/// the hasher is a fixed-size value with no heap storage.
public struct Keccak256Hasher: Sendable {
    @usableFromInline var state: KeccakState
    /// Bytes absorbed into the current, not yet permuted block (0 ..< rate).
    @usableFromInline var offset: Int

    /// A hasher that has absorbed nothing.
    @inlinable
    public init() {
        state = KeccakState()
        offset = 0
    }

    /// Absorbs `bytes`. Contiguous collections (arrays, slices, `Data`) take a
    /// word-at-a-time path; other collections are absorbed byte by byte.
    @inlinable
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            absorb(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            for byte in bytes { absorbByte(byte) }
        }
    }

    /// Absorbs raw bytes: first completes a partial block, then XORs whole blocks as
    /// little-endian lanes, then leaves the tail in a new partial block.
    @usableFromInline
    mutating func absorb(_ buffer: UnsafeRawBufferPointer) {
        let count = buffer.count
        var index = 0
        while offset != 0 && index < count {
            absorbByte(buffer[index])
            index += 1
        }
        let laneCount = Keccak256.rate / 8
        while count - index >= Keccak256.rate {
            state.withLanes { lanes in
                for lane in 0..<laneCount {
                    let word = buffer.loadUnaligned(fromByteOffset: index + 8 * lane, as: UInt64.self)
                    lanes[lane] ^= UInt64(littleEndian: word)
                }
            }
            state.permute()
            index += Keccak256.rate
        }
        while index < count {
            absorbByte(buffer[index])
            index += 1
        }
    }

    /// XORs one byte at the current block position, permuting when the block fills.
    @inlinable
    mutating func absorbByte(_ byte: UInt8) {
        xorByte(byte, at: offset)
        offset += 1
        if offset == Keccak256.rate {
            state.permute()
            offset = 0
        }
    }

    /// XORs `byte` into byte `position` of the state, bytes numbered little-endian
    /// within each lane (the Keccak convention), independent of host byte order.
    @inlinable
    mutating func xorByte(_ byte: UInt8, at position: Int) {
        state.withLanes { lanes in
            lanes[position >> 3] ^= UInt64(byte) << UInt64((position & 7) << 3)
        }
    }

    /// Pads (0x01 after the message, 0x80 in the block's last byte; both land in the
    /// same byte as 0x81 when one byte is left), permutes, and squeezes 32 bytes.
    public consuming func finalize() -> [UInt8] {
        xorByte(0x01, at: offset)
        xorByte(0x80, at: Keccak256.rate - 1)
        state.permute()
        var digest = [UInt8](repeating: 0, count: Keccak256.digestLength)
        state.withLanes { lanes in
            for lane in 0..<4 {
                let word = lanes[lane]
                for byte in 0..<8 { digest[8 * lane + byte] = UInt8(truncatingIfNeeded: word >> UInt64(8 * byte)) }
            }
        }
        return digest
    }
}
