import SheafCurve
import SheafField
import SheafGroth16

/// Collects proofs (and child bundles) and seals them into a ``ProofBundle``.
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
    private var committedKeys: [CommittedVerifyingKey] = []
    private var committedKeyIndex: [[UInt8]: Int] = [:]
    private var committedEntries: [CommittedBundleEntry] = []
    private var children: [ProofBundle] = []

    /// An empty aggregator.
    public init() {}

    /// Adds one proof. The proof's points must be valid group elements (as every
    /// decoder in Sheaf guarantees); the input count is checked here.
    public mutating func add(proof: Groth16Proof, publicInputs: [Fr], key: VerifyingKey, applicationID: String) throws(AggregationError) {
        try Self.check(applicationID, inputs: publicInputs.count, expected: key.publicInputCount)
        let index = Self.index(of: key, hash: key.hash, in: &keys, &keyIndex)
        entries.append(BundleEntry(applicationID: applicationID, keyIndex: index, publicInputs: publicInputs, proof: proof))
    }

    /// The application id's form and the statement's input count.
    private static func check(_ applicationID: String, inputs: Int, expected: Int) throws(AggregationError) {
        try BundleCodec.checkApplicationID(applicationID)
        guard inputs == expected else {
            throw AggregationError.wrongPublicInputCount(application: applicationID, expected: expected, got: inputs)
        }
    }

    /// The index of `key` (known by `hash`) in `keys`, appended when new.
    private static func index<Key>(of key: Key, hash: [UInt8], in keys: inout [Key], _ indices: inout [[UInt8]: Int]) -> Int {
        if let existing = indices[hash] { return existing }
        keys.append(key)
        indices[hash] = keys.count - 1
        return keys.count - 1
    }

    /// Adds one commit-and-prove (BSB22) proof, for a circuit with lookups. It is
    /// carried as it is (SnarkPack packs plain Groth16 only) and its statement
    /// follows the plain ones in the manifest. The points must be valid group
    /// elements (as Sheaf's decoders guarantee); the input count is checked here.
    public mutating func add(committedProof proof: Groth16CommittedProof, publicInputs: [Fr], key: CommittedVerifyingKey,
                             applicationID: String) throws(AggregationError) {
        try Self.check(applicationID, inputs: publicInputs.count, expected: key.publicInputCount)
        let index = Self.index(of: key, hash: key.hash, in: &committedKeys, &committedKeyIndex)
        committedEntries.append(CommittedBundleEntry(applicationID: applicationID, keyIndex: index,
                                                     publicInputs: publicInputs, proof: proof))
    }

    /// Adds a child bundle (a shard sealed elsewhere).
    public mutating func add(child: ProofBundle) {
        children.append(child)
    }

    /// The number of proofs added so far, children included.
    public var proofCount: Int { entries.count + committedEntries.count + children.reduce(0) { $0 + $1.proofCount } }

    /// The sealed bundle. Entries keep the order in which they were added, so the
    /// same inputs always give the same bundle bytes.
    ///
    /// - Parameters:
    ///   - srs: when given, every verifying key whose group of proofs the `policy`
    ///     packs gets one SnarkPack aggregate in place of its proofs (the
    ///     statements stay in the manifest); other groups are carried and
    ///     batch-verified. Without it every proof is carried.
    ///   - policy: which groups get an aggregate; by default (``SnarkPackPolicy/auto``)
    ///     only groups of at least ``SnarkPack/autoThreshold`` proofs, where an
    ///     aggregate is both smaller and faster to verify.
    /// - Throws: ``AggregationError/emptyBundle``, a limit of ``BundleCodec/Limits``
    ///   exceeded, or ``AggregationError/snarkPack(_:)`` when the SRS is too small
    ///   for a group.
    public func seal(snarkPack srs: SnarkPackSRS? = nil, policy: SnarkPackPolicy = .auto) throws(AggregationError) -> ProofBundle {
        // Without a stop request the core always returns a bundle.
        try seal(srs, policy, shouldStop: { false }, progress: { _ in })!
    }

    /// ``seal(snarkPack:policy:)`` with progress after each SnarkPack aggregate,
    /// for callers that are not async (the CLI draws its progress bar from it).
    ///
    /// - Parameter progress: called with `(0, total)` before the first aggregate
    ///   and after each one.
    public func seal(snarkPack srs: SnarkPackSRS? = nil, policy: SnarkPackPolicy = .auto,
                     progress: (SealProgress) -> Void) throws(AggregationError) -> ProofBundle {
        try seal(srs, policy, shouldStop: { false }, progress: progress)!
    }

    /// ``seal(snarkPack:policy:)`` for Swift concurrency: it reports progress after
    /// each SnarkPack aggregate (the long part of sealing) and honours task
    /// cancellation between aggregates.
    ///
    /// The work runs on the calling task; a group of a thousand proofs takes
    /// seconds, so cancellation takes effect when the aggregate in progress is
    /// done.
    ///
    /// - Parameters:
    ///   - srs: as in ``seal(snarkPack:policy:)``.
    ///   - policy: as in ``seal(snarkPack:policy:)``.
    ///   - progress: called on the calling task with `(0, total)` before the first
    ///     aggregate and after each one.
    /// - Throws: `CancellationError` when the task is cancelled before sealing
    ///   finishes, otherwise an ``AggregationError`` as ``seal(snarkPack:policy:)``.
    public func seal(snarkPack srs: SnarkPackSRS? = nil, policy: SnarkPackPolicy = .auto,
                     progress: (SealProgress) -> Void) async throws -> ProofBundle {
        try Task.checkCancellation()
        guard let bundle = try seal(srs, policy, shouldStop: { Task.isCancelled }, progress: progress) else {
            throw CancellationError()
        }
        return bundle
    }

    /// The sealing work: `nil` when `shouldStop` says so before an aggregate.
    private func seal(_ srs: SnarkPackSRS?, _ policy: SnarkPackPolicy, shouldStop: () -> Bool,
                      progress: (SealProgress) -> Void) throws(AggregationError) -> ProofBundle? {
        guard proofCount > 0 else { throw AggregationError.emptyBundle }
        // Entries grouped by key, in order of first appearance and otherwise in
        // insertion order: a settlement contract combines public inputs once per
        // run of consecutive statements under one key, so grouping makes each key
        // one run (see Contracts/SheafSettlement.vy).
        var sealedEntries = entries.enumerated().sorted { ($0.element.keyIndex, $0.offset) < ($1.element.keyIndex, $1.offset) }.map(\.element)
        var aggregates = [BundleAggregate]()
        if let srs {
            let groups = keys.indices.map { keyIndex in sealedEntries.indices.filter { sealedEntries[$0].keyIndex == keyIndex } }
            let total = groups.filter { policy.packs(groupOf: $0.count) }.count
            progress(SealProgress(aggregated: 0, total: total))
            for (keyIndex, members) in groups.enumerated() {
                guard policy.packs(groupOf: members.count) else { continue }
                if shouldStop() { return nil }
                let proof: SnarkPackProof
                do {
                    proof = try SnarkPack.aggregate(
                        proofs: members.map { sealedEntries[$0].proof! },
                        publicInputs: members.map { sealedEntries[$0].publicInputs }, key: keys[keyIndex], srs: srs)
                } catch {
                    throw AggregationError.snarkPack(error)
                }
                for i in members { sealedEntries[i].proof = nil }
                aggregates.append(BundleAggregate(keyIndex: keyIndex, proof: proof))
                progress(SealProgress(aggregated: aggregates.count, total: total))
            }
        }
        // Commit-and-prove entries are grouped by key the same way.
        let sealedCommitted = committedEntries.enumerated()
            .sorted { ($0.element.keyIndex, $0.offset) < ($1.element.keyIndex, $1.offset) }.map(\.element)
        let bundle = ProofBundle(keys: keys, entries: sealedEntries, aggregates: aggregates,
                                 srsHash: aggregates.isEmpty ? nil : srs?.verifierKey.hash,
                                 committedKeys: committedKeys, committedEntries: sealedCommitted, children: children)
        guard bundle.depth <= BundleCodec.Limits.maxDepth else {
            throw AggregationError.limitExceeded(what: "bundle nesting depth", limit: BundleCodec.Limits.maxDepth)
        }
        // The decoder's limits, checked here too, so that a sealed bundle always
        // decodes.
        typealias L = BundleCodec.Limits
        guard keys.count <= L.maxKeys else { throw AggregationError.limitExceeded(what: "verifying keys", limit: L.maxKeys) }
        guard entries.count <= L.maxEntries else { throw AggregationError.limitExceeded(what: "entries", limit: L.maxEntries) }
        guard committedKeys.count <= L.maxKeys else { throw AggregationError.limitExceeded(what: "commit-and-prove keys", limit: L.maxKeys) }
        guard committedEntries.count <= L.maxEntries else {
            throw AggregationError.limitExceeded(what: "commit-and-prove entries", limit: L.maxEntries)
        }
        for key in committedKeys where key.publicInputCount > L.maxPublicInputsPerKey {
            throw AggregationError.limitExceeded(what: "public inputs of a verifying key", limit: L.maxPublicInputsPerKey)
        }
        guard children.count <= L.maxChildren else { throw AggregationError.limitExceeded(what: "child bundles", limit: L.maxChildren) }
        for key in keys where key.publicInputCount > L.maxPublicInputsPerKey {
            throw AggregationError.limitExceeded(what: "public inputs of a verifying key", limit: L.maxPublicInputsPerKey)
        }
        return bundle
    }

    /// ``seal(snarkPack:policy:)`` with ``SnarkPackPolicy/threshold(_:)``: every
    /// verifying key with at least `threshold` proofs gets one SnarkPack aggregate.
    public func seal(snarkPack srs: SnarkPackSRS?, threshold: Int) throws(AggregationError) -> ProofBundle {
        try seal(snarkPack: srs, policy: .threshold(threshold))
    }
}

/// How far an asynchronous ``Aggregator/seal(snarkPack:policy:progress:)`` has got.
public struct SealProgress: Sendable, Hashable {
    /// SnarkPack aggregates made so far.
    public var aggregated: Int
    /// SnarkPack aggregates this seal makes in all (0 when no group is packed).
    public var total: Int

    /// Creates a progress report.
    public init(aggregated: Int, total: Int) {
        self.aggregated = aggregated
        self.total = total
    }

    /// The share done, from 0 to 1 (1 when there is nothing to aggregate).
    public var fractionCompleted: Double { total == 0 ? 1 : Double(aggregated) / Double(total) }
}
