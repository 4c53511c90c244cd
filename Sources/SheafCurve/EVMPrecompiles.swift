import SheafField

/// Why an EVM precompile call fails. On chain every failure consumes all gas
/// the call was given and returns nothing; here each says why.
public enum PrecompileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input has a length the precompile does not accept.
    case invalidInputLength(precompile: String, length: Int)
    /// A point in the input is malformed.
    case invalidPoint(precompile: String, index: Int, reason: CurveError)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .invalidInputLength(precompile, length):
            return "\(precompile): input length \(length) is not accepted"
        case let .invalidPoint(precompile, index, reason):
            return "\(precompile): point \(index): \(reason)"
        }
    }
}

/// BN254 precompiles with the exact byte-in/byte-out semantics of EIP-196
/// (`ecAdd` at 0x06, `ecMul` at 0x07) and EIP-197 (`ecPairing` at 0x08).
public enum EVMPrecompiles {
    /// Right-pads short input with zeros and ignores bytes beyond `length`, as the
    /// EVM does for the fixed-size precompiles.
    static func padded(_ input: [UInt8], to length: Int) -> [UInt8] {
        if input.count >= length { return Array(input[0..<length]) }
        return input + [UInt8](repeating: 0, count: length - input.count)
    }

    /// `ecAdd` (0x06): two G1 points in, their sum out (64 bytes).
    public static func ecAdd(_ input: [UInt8]) throws -> [UInt8] {
        let data = padded(input, to: 128)
        let p = try decodeG1(data[0..<64], "ecAdd", 0)
        let q = try decodeG1(data[64..<128], "ecAdd", 1)
        return (p + q).evmBytes
    }

    /// `ecMul` (0x07): a G1 point and a 256-bit scalar in, the product out. The
    /// scalar may exceed r; since G1 has prime order r it acts modulo r.
    public static func ecMul(_ input: [UInt8]) throws -> [UInt8] {
        let data = padded(input, to: 96)
        let p = try decodeG1(data[0..<64], "ecMul", 0)
        let k = Fr(reducingBigEndian: data[64..<96])
        return (p * k).evmBytes
    }

    /// `ecPairing` (0x08): k pairs (G1 64 bytes, G2 128 bytes) in; 32 bytes out,
    /// ending in 1 when ∏ e(Pᵢ, Qᵢ) = 1 and 0 otherwise. Empty input gives 1.
    public static func ecPairing(_ input: [UInt8]) throws -> [UInt8] {
        guard input.count % 192 == 0 else {
            throw PrecompileError.invalidInputLength(precompile: "ecPairing", length: input.count)
        }
        var pairs: [(G1Affine, G2Prepared)] = []
        for i in 0..<(input.count / 192) {
            let base = i * 192
            let p = try decodeG1(input[base..<base + 64], "ecPairing", 2 * i)
            let q: G2Affine
            do { q = try G2Affine(evmBytes: input[base + 64..<base + 192]) } catch let error as CurveError {
                throw PrecompileError.invalidPoint(precompile: "ecPairing", index: 2 * i + 1, reason: error)
            }
            pairs.append((p, G2Prepared(q)))
        }
        var out = [UInt8](repeating: 0, count: 32)
        out[31] = Pairing.pairingCheck(pairs) ? 1 : 0
        return out
    }

    private static func decodeG1(_ bytes: ArraySlice<UInt8>, _ name: String, _ index: Int) throws -> G1Affine {
        do { return try G1Affine(evmBytes: bytes) } catch let error as CurveError {
            throw PrecompileError.invalidPoint(precompile: name, index: index, reason: error)
        }
    }
}
