import SheafCurve
import SheafField
import SheafGroth16

/// Collects proofs (and child bundles) and seals them into a ``Bundle``.
///
/// ```swift
/// var aggregator = Aggregator()
/// try aggregator.add(proof: proof, publicInputs: inputs, key: vk, applicationID: "rollup-a")
/// let bundle = try aggregator.seal()
/// bundle.verify()   // one final exponentiation for everything
/// ```
public struct Aggregator: Sendable {
    private var keys: [VerifyingKey] = []
    private var keyIndex: [[UInt8]: Int] = [:]
    private var entries: [BundleEntry] = []
    private var children: [Bundle] = []

    /// An empty aggregator.
    public init() {}

    /// Adds one proof. The proof's points must be valid group elements (as every
    /// decoder in Sheaf guarantees); the input count is checked here.
    public mutating func add(proof: Groth16Proof, publicInputs: [Fr], key: VerifyingKey, applicationID: String) throws {
        try BundleCodec.checkApplicationID(applicationID)
        guard publicInputs.count == key.publicInputCount else {
            throw AggregationError.wrongPublicInputCount(
                application: applicationID, expected: key.publicInputCount, got: publicInputs.count)
        }
        let hash = key.hash
        let index: Int
        if let existing = keyIndex[hash] {
            index = existing
        } else {
            index = keys.count
            keys.append(key)
            keyIndex[hash] = index
        }
        entries.append(BundleEntry(applicationID: applicationID, keyIndex: index, publicInputs: publicInputs, proof: proof))
    }

    /// Adds a child bundle (a shard sealed elsewhere).
    public mutating func add(child: Bundle) {
        children.append(child)
    }

    /// The number of proofs added so far, children included.
    public var proofCount: Int { entries.count + children.reduce(0) { $0 + $1.proofCount } }

    /// The sealed bundle. Entries keep the order in which they were added, so the
    /// same inputs always give the same bundle bytes.
    public func seal() throws -> Bundle {
        guard proofCount > 0 else { throw AggregationError.emptyBundle }
        let bundle = Bundle(keys: keys, entries: entries, children: children)
        guard bundle.depth <= BundleCodec.Limits.maxDepth else {
            throw AggregationError.limitExceeded(what: "bundle nesting depth", limit: BundleCodec.Limits.maxDepth)
        }
        return bundle
    }
}
