import SheafField
import SheafGroth16

/// An element of BN254's base field Fp inside a circuit over the scalar field Fr.
///
/// The element stands for the integer X = Σ limbᵢ·2^(64i), i = 0…3, and means
/// X mod p. Limbs are native linear combinations; the invariant every operation
/// keeps is that each limb's native value is the image of an integer in
/// [0, 2^``limbBits``). A freshly hinted or reduced element has 64-bit limbs (so
/// X < 2^256, not necessarily < p); sums and differences are left unreduced and
/// their limbs grow by about one bit per operation (the *overflow*), which costs
/// nothing until a multiplication needs the bound. Operations reduce their
/// operands automatically when a bound would otherwise come too close to q, the
/// native modulus, where a limb could wrap.
///
/// Why 4×64 limbs: a limb product is below 2^128 and a sum of four of them below
/// 2^130, so two product coefficients fit in one carry group below q ≈ 2^254 (see
/// `IntegerZeroCheck.swift`); 64-bit limbs also match Fp's own representation, so
/// hints read limbs directly. Three 88-bit limbs (halo2-lib) would give 5 instead
/// of 7 product coefficients but 176-bit products, one coefficient per carry
/// group, and the same 256 range-checked bits for each remainder.
public struct EmulatedFp: Sendable, Equatable {
    /// The number of limbs.
    public static let limbCount = 4
    /// The nominal width of a limb in bits; limb i has weight 2^(64i).
    public static let limbWidth = 64

    /// The limbs, least significant first.
    public let limbs: [LinearCombination]
    /// Every limb is an integer below 2^limbBits (64 when reduced).
    public let limbBits: Int

    /// Wraps limbs whose bound the caller has established.
    init(limbs: [LinearCombination], limbBits: Int) {
        precondition(limbs.count == Self.limbCount, "an emulated Fp element has \(Self.limbCount) limbs")
        self.limbs = limbs
        self.limbBits = limbBits
    }

    /// Bits above the nominal limb width: 0 for a reduced element.
    public var overflow: Int { limbBits - Self.limbWidth }

    /// The largest value of each limb, as an integer.
    var limbMaximum: Natural { .allOnes(limbBits) }

    /// The largest integer X the element can stand for.
    var maximum: Natural {
        var sum = Natural.zero
        for i in 0..<Self.limbCount { sum = sum + (limbMaximum << (64 * i)) }
        return sum
    }

    /// The four 64-bit limbs of an integer below 2^256.
    static func limbValues(of x: Natural) -> [Fr] {
        (0..<limbCount).map { Fr(UInt64(x.word($0))) }
    }

    /// The integer X = Σ limbᵢ·2^(64i) from native limb values, reading each as the
    /// canonical integer of its field element (exact for every honest witness, whose
    /// limbs are below 2^limbBits ≤ 2^250).
    static func integer(fromLimbValues values: ArraySlice<Fr>) -> Natural {
        var x = Natural.zero
        for (i, v) in values.enumerated() { x = x + (Natural(v) << (64 * i)) }
        return x
    }
}

/// Why an emulated-field gadget refused its arguments at build time.
public enum RecursionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A gadget was given the wrong number of limbs or coefficients.
    case wrongLimbCount(expected: Int, actual: Int)
    /// A batch circuit was asked for with no proofs.
    case emptyBatch
    /// More proofs than ``Groth16BatchCircuit/maximumProofs``.
    case tooManyProofs(count: Int, maximum: Int)
    /// A key takes more public inputs than ``Groth16BatchCircuit/maximumPublicInputs``
    /// (or a negative number).
    case unsupportedPublicInputCount(key: Int, count: Int, maximum: Int)
    /// A proof refers to a key the batch does not have.
    case unknownKey(proof: Int, key: Int)
    /// A key that no proof uses (its pairs would check nothing).
    case unusedKey(Int)
    /// The batch was given the wrong number of keys, proofs or input lists.
    case wrongCount(what: String, expected: Int, actual: Int)
    /// A key's input count differs from the circuit's.
    case keyShapeMismatch(key: Int, expected: Int, actual: Int)
    /// A proof came with the wrong number of public inputs.
    case wrongPublicInputCount(proof: Int, expected: Int, actual: Int)
    /// A key point is infinity, off the curve or outside its group: keys are
    /// trusted through their hash, so they are validated natively.
    case malformedKey(key: Int, reason: String)
    /// A proof or its input point has a point at infinity, which the circuit's
    /// affine arithmetic cannot carry.
    case pointAtInfinity(proof: Int, what: String)
    /// An inner proof that does not verify: the outer prover refuses it.
    case invalidInnerProof(proof: Int)
    /// An outer statement that does not describe its proof.
    case statementMismatch(proof: Int, reason: String)
    /// Padding was asked of a circuit that is not fixed-size
    /// (``OuterCircuit/isFixedSize``).
    case notFixedSize

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case let .wrongLimbCount(expected, actual): return "expected \(expected) limbs, got \(actual)"
        case .emptyBatch: return "a batch needs at least one proof"
        case let .tooManyProofs(count, maximum): return "\(count) proofs, more than the \(maximum) a batch circuit takes"
        case let .unsupportedPublicInputCount(key, count, maximum):
            return "key \(key) takes \(count) public inputs; a batch circuit supports 0...\(maximum)"
        case let .unknownKey(proof, key): return "proof \(proof) refers to key \(key), which the batch does not have"
        case let .unusedKey(key): return "key \(key) is not used by any proof"
        case let .wrongCount(what, expected, actual): return "expected \(expected) \(what), got \(actual)"
        case let .keyShapeMismatch(key, expected, actual):
            return "key \(key) takes \(actual) public inputs; the circuit was built for \(expected)"
        case let .wrongPublicInputCount(proof, expected, actual):
            return "proof \(proof) has \(actual) public inputs; its key takes \(expected)"
        case let .malformedKey(key, reason): return "key \(key) is malformed: \(reason)"
        case let .pointAtInfinity(proof, what):
            return "proof \(proof): \(what) is the point at infinity, which the batch circuit cannot carry"
        case let .invalidInnerProof(proof): return "inner proof \(proof) does not verify; no outer proof is made"
        case let .statementMismatch(proof, reason): return "the statement of proof \(proof) does not match it: \(reason)"
        case .notFixedSize: return "padding needs a fixed-size circuit (one key slot per proof, all with one input count)"
        }
    }
}

extension CircuitBuilder {
    /// The constant `value` (reduced, 64-bit limbs). Free.
    public func emulatedConstant(_ value: Fp) -> EmulatedFp {
        let x = Natural(value)
        return EmulatedFp(limbs: EmulatedFp.limbValues(of: x).map { LinearCombination.constant($0) }, limbBits: 64)
    }

    /// A private element with value `value`: four hinted limbs, each range-checked
    /// to 64 bits (4 × 65 = 260 constraints). The limbs are those of the canonical
    /// value, but nothing forces X < p: any X < 2^256 with X ≡ value passes, which
    /// every gadget here accepts.
    public mutating func allocateEmulated(_ value: @autoclosure () -> Fp, _ name: String = "fp.input") -> EmulatedFp {
        withNamespace(name) { cs in
            cs.hintedElement("limbs", inputs: []) { _ in EmulatedFp.limbValues(of: Natural(value())) }
        }
    }

    /// A private element given by four 64-bit limb values, standing for any integer
    /// below 2^256, such as 2^256 − 1 > p. Each limb is range-checked to 64 bits.
    ///
    /// - Throws: ``RecursionError/wrongLimbCount(expected:actual:)`` unless there are
    ///   exactly four limbs.
    public mutating func allocateEmulated(limbs values: [UInt64], _ name: String = "fp.input") throws(RecursionError) -> EmulatedFp {
        guard values.count == EmulatedFp.limbCount else {
            throw RecursionError.wrongLimbCount(expected: EmulatedFp.limbCount, actual: values.count)
        }
        return withNamespace(name) { cs in
            cs.hintedElement("limbs", inputs: []) { _ in values.map { Fr($0) } }
        }
    }

    /// The integer an element stands for under the witness so far (0 in shape
    /// mode). Exact when the witness is honest.
    func integerValue(of element: EmulatedFp) -> Natural {
        EmulatedFp.integer(fromLimbValues: element.limbs.map { value(of: $0) }[...])
    }

    /// The element's value in Fp under the witness so far (0 in shape mode).
    public func emulatedValue(of element: EmulatedFp) -> Fp {
        integerValue(of: element).fp
    }
}
