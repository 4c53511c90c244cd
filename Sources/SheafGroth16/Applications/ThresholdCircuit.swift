import SheafField
import SheafHash

/// A commit-and-prove example: the 64-bit value hidden in a Poseidon commitment
/// is at least a public threshold ("my balance is at least t").
///
/// Public inputs: `commitment` = Poseidon(value, salt) and `threshold`; the
/// lookup challenge is appended by the builder. The range checks (value < 2⁶⁴
/// and value − threshold < 2⁶⁴) are 8-bit lookups, so the circuit is proved
/// with ``Groth16/proveCommitted(key:constraintSystem:witness:using:)`` and is
/// Sheaf's smallest commit-and-prove statement: the fixture
/// `Fixtures/commit-and-prove/threshold` and the EVM tests of the
/// commit-and-prove verifier use it.
///
/// Soundness of the comparison: with both value and threshold below 2⁶⁴, value −
/// threshold is in [0, 2⁶⁴) as a field element exactly when value ≥ threshold
/// (otherwise it is r − (threshold − value), far above 2⁶⁴). The threshold is
/// range-checked too, so a threshold near r cannot wrap the subtraction.
public struct ThresholdCircuit: CircuitDefinition {
    /// The prover's knowledge.
    public struct Witness: Sendable {
        /// The hidden value.
        public var value: UInt64
        /// The commitment's blinding.
        public var salt: Fr
        /// The public threshold.
        public var threshold: UInt64

        /// A witness.
        public init(value: UInt64, salt: Fr, threshold: UInt64) {
            self.value = value; self.salt = salt; self.threshold = threshold
        }

        /// Poseidon(value, salt): the commitment the statement names.
        public var commitment: Fr { Poseidon.hash(Fr(value), salt) }
    }

    /// A circuit.
    public init() {}

    /// Two: the commitment and the threshold.
    public var publicInputCount: Int { 2 }

    /// 8-bit lookup chunks: a 257-constraint table, 8 queries per 64-bit check.
    public var lookups: LookupRangeChecks? { LookupRangeChecks(chunkBits: 8) }

    /// A witness of the right shape.
    public func placeholderWitness() -> Witness { Witness(value: 0, salt: .zero, threshold: 0) }

    /// Enforces commitment = Poseidon(value, salt), value < 2⁶⁴, threshold < 2⁶⁴
    /// and value − threshold < 2⁶⁴.
    public func synthesize(_ builder: inout CircuitBuilder, witness: Witness) throws {
        let commitment = builder.publicInput("commitment", witness.commitment)
        let threshold = builder.publicInput("threshold", Fr(witness.threshold))
        let value = builder.allocate(Fr(witness.value))
        let salt = builder.allocate(witness.salt)
        builder.assertEqual(try builder.poseidon([value, salt], "commitment"), commitment, "commitment opens")
        builder.assertRange(value, bits: 64, "value")
        builder.assertRange(threshold, bits: 64, "threshold")
        builder.assertRange(value - threshold, bits: 64, "value ≥ threshold")
    }
}
