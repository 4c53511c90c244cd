/// What a ZK proof must establish: that `transition` is a correct state transition
/// of chain `chainID`, checked by the verifier logic deployed at `verifier`.
///
/// `verifier` is part of the statement so a proof made for replaced verifier logic
/// cannot be re-used after the council replaces it.
public struct ZKStatement: Hashable, Sendable {
    /// The L2 chain id.
    public var chainID: UInt64
    /// The ZK verifier logic in force (its contract address).
    public var verifier: EthereumAddress
    /// The claimed transition.
    public var transition: Transition

    /// A statement for `transition` under `verifier`.
    public init(chainID: UInt64, verifier: EthereumAddress, transition: Transition) {
        self.chainID = chainID
        self.verifier = verifier
        self.transition = transition
    }

    /// The domain-separated packed encoding: "SHEAF_ZK_STATEMENT_V1" ‖ chainID
    /// (uint256) ‖ verifier (20 bytes) ‖ height (uint256) ‖ parent ‖ root. A ZK
    /// circuit would expose keccak256 of this as its public input.
    public var encoded: [UInt8] {
        Packed.transitionClaim(tag: "SHEAF_ZK_STATEMENT_V1", chainID: chainID, verifier: verifier, transition: transition)
    }

    /// keccak256 of `encoded`.
    public var digest: Bytes32 { Bytes32.keccak(encoded) }
}

/// The ZK leg as the state machine sees it: "does this proof establish this
/// statement?". The caller supplies it (later a Groth16 / aggregated-bundle check),
/// so the finality rules do not depend on any proof system.
///
/// Implementations must be deterministic: a journal is replayed by verifying every
/// recorded proof again, and the rebuilt state must equal the original.
public protocol ZKProofVerifier: Sendable {
    /// Whether `proof` is a valid proof of `statement`.
    func verify(proof: [UInt8], for statement: ZKStatement) -> Bool
}

/// A `ZKProofVerifier` made from a closure.
public struct ClosureZKVerifier: ZKProofVerifier {
    private let body: @Sendable ([UInt8], ZKStatement) -> Bool

    /// Wraps `body`, which must be deterministic.
    public init(_ body: @escaping @Sendable (_ proof: [UInt8], _ statement: ZKStatement) -> Bool) {
        self.body = body
    }

    /// Calls the closure.
    public func verify(proof: [UInt8], for statement: ZKStatement) -> Bool { body(proof, statement) }
}

/// The ZK verifier used by simulations and tests until a real proof system is wired
/// in. It is deterministic but NOT sound: a "proof" is keccak256("SHEAF_SIM_ZK_PROOF"
/// ‖ statement digest), which anyone can compute. It models an honest prover that
/// only proves correct roots (the simulation decides what it proves), and verifier
/// logic with a soundness bug (`unsound`), which accepts any proof bytes at all.
public struct SimulatedZKVerifier: ZKProofVerifier {
    /// Verifier addresses whose logic is modelled as broken: they accept anything.
    public var unsound: Set<EthereumAddress>

    /// A verifier where the logic at each address in `unsound` is broken.
    public init(unsound: Set<EthereumAddress> = []) { self.unsound = unsound }

    /// The proof an honest prover submits for `statement`.
    public static func proof(for statement: ZKStatement) -> [UInt8] {
        Keccak256Domain.hash(tag: "SHEAF_SIM_ZK_PROOF", statement.digest.bytes)
    }

    /// Accepts `proof(for:)` under sound logic; anything under unsound logic.
    public func verify(proof: [UInt8], for statement: ZKStatement) -> Bool {
        unsound.contains(statement.verifier) || proof == SimulatedZKVerifier.proof(for: statement)
    }
}

/// keccak256 over a tag and data, the domain separation used throughout the module.
enum Keccak256Domain {
    static func hash(tag: String, _ data: [UInt8]) -> [UInt8] {
        Bytes32.keccak(Array(tag.utf8) + data).bytes
    }
}
