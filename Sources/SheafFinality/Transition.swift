/// An L2 state transition: the state root `root` of block `height`, built on the
/// state root `parent` of block `height − 1`. Every approval, proposal and
/// challenge names one, and "a block" in the finality rules is one of these.
public struct Transition: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The L2 block number.
    public var height: UInt64
    /// The state root of block `height − 1` this transition builds on.
    public var parent: Bytes32
    /// The claimed state root after block `height`.
    public var root: Bytes32

    /// A transition from `parent` to `root` at `height`.
    public init(height: UInt64, parent: Bytes32, root: Bytes32) {
        self.height = height
        self.parent = parent
        self.root = root
    }

    /// Ordered by height, then parent, then root, so iteration is deterministic.
    public static func < (lhs: Transition, rhs: Transition) -> Bool {
        (lhs.height, lhs.parent, lhs.root) < (rhs.height, rhs.parent, rhs.root)
    }

    /// "#height parent→root" with shortened hashes.
    public var description: String { "#\(height) \(parent.short)→\(root.short)" }
}

/// The three legs of the 2-of-3 rule, each with replaceable verifier logic.
public enum VerifierKind: String, Codable, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    /// A zero-knowledge validity proof.
    case zk
    /// A trusted-execution-environment attestation.
    case tee
    /// The optimistic (fraud-proof) game.
    case optimistic

    /// Declaration order (zk, tee, optimistic).
    public static func < (lhs: VerifierKind, rhs: VerifierKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// "ZK", "TEE" or "optimistic".
    public var description: String {
        switch self {
        case .zk: return "ZK"
        case .tee: return "TEE"
        case .optimistic: return "optimistic"
        }
    }
}

/// The two provers whose approvals are events (the optimistic leg is a game).
public enum ProverKind: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    /// The ZK prover.
    case zk
    /// The TEE prover.
    case tee

    /// The verifier slot whose logic checks this prover's approvals.
    public var verifierKind: VerifierKind { self == .zk ? .zk : .tee }

    /// "ZK" or "TEE".
    public var description: String { verifierKind.description }
}
