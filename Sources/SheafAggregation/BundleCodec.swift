import SheafCurve
import SheafField
import SheafGroth16

/// The deterministic, versioned binary encoding of bundles.
///
/// Layout (all integers big-endian):
/// ```
/// "SHEAFB" | version u16
/// key count u32, then per key: public-input count u32, α (G1, 64), β γ δ (G2, 128 each), IC (G1 × (count+1))
/// entry count u32, then per entry: id length u8, id (ASCII), key index u32,
///     public inputs (32 bytes each, count fixed by the key), flag u8 (1: proof
///     A (64) B (128) C (64) follows; 0: covered by the key's SnarkPack aggregate)
/// aggregate count u32, then per aggregate: key index u32, SnarkPack proof
///     (proof count u32, then its elements in field order, compressed: G_T 192
///     bytes, G1 32, G2 64; the round count follows from the proof count)
/// SRS hash (32 bytes) when there is at least one aggregate
/// [version 2 only] commit-and-prove keys: count u32 (at least 1), then per key:
///     statement input count ℓ u32, α, β, γ, δ, IC (G1 × (ℓ + 2), the last the
///     lookup challenge's), g (G2), −σg (G2)
/// [version 2 only] commit-and-prove entries: count u32 (at least 1), then per
///     entry: id length u8, id, key index u32, ℓ public inputs, proof
///     A (64) B (128) C (64) D (64) π (64)
/// [version 3 only] outer proof: key α, β, γ, δ, IC₀, IC₁, IC₂ (the root's, then
///     the challenge's), −σγ (its Pedersen base g is γ), then proof A (64) B (128)
///     C (64) D (64) π (64); a version-3 bundle has no commit-and-prove entries
///     and no children
/// child count u32, then per child: length u32, child bundle encoding
/// manifest root (32 bytes): Keccak Merkle root of the statements (application
///     id, key hash, public inputs) of this bundle and its children, checked on
///     decode
/// ```
/// Version 1 is written for every bundle without commit-and-prove entries (so
/// such bundles keep their bytes), version 2 for the others, version 3 for a
/// bundle carrying an outer proof; the decoder reads all three. The encoding is canonical: keys appear once each (no repeated key hash, and
/// none with α, β, γ or δ at infinity), in the order of their first use by the
/// entries, and every key is used, aggregates are in increasing key order, G_T
/// elements and points have one encoding each, and no bytes may follow. A change
/// to a statement is caught by the manifest root; a change to a proof, an
/// aggregate or a key makes verification fail (the statement no longer has a
/// valid proof) or the decoder reject it.
/// Points use the EIP-196/197 encodings. Every count is checked against
/// ``Limits`` and against the bytes that remain before anything is allocated, so
/// hostile input cannot force a large allocation; every point is checked to be on
/// its curve and in its subgroup.
public enum BundleCodec {
    /// Bounds the decoder enforces.
    public enum Limits {
        /// The most verifying keys one bundle (not counting its children) may carry.
        public static let maxKeys = 4096
        /// The most public inputs a verifying key may declare.
        public static let maxPublicInputsPerKey = 1024
        /// The most entries one bundle may carry; also the most proofs one SnarkPack
        /// aggregate may claim.
        public static let maxEntries = 1 << 20
        /// The most child bundles one bundle may carry directly.
        public static let maxChildren = 4096
        /// The deepest nesting accepted, counting the outermost bundle as depth 1.
        public static let maxDepth = 8
        /// The longest application id, in bytes (ids are 1 or more printable ASCII
        /// characters).
        public static let maxApplicationIDBytes = 128
        /// The largest bundle file ``BundleCodec/readFile(atPath:)`` reads: 1 GiB,
        /// twice a bundle of a million carried two-input proofs.
        public static let maxFileBytes = 1 << 30
    }

    /// The bytes of the bundle file at `path`, read with a bound: only a regular
    /// file, its magic checked before anything else is read, its size checked
    /// against ``Limits/maxFileBytes`` before its contents are read. Pass the
    /// result to ``decode(_:)``.
    ///
    /// - Throws: ``AggregationError/badMagic``,
    ///   ``AggregationError/limitExceeded(what:limit:)`` or
    ///   ``AggregationError/unreadableFile(path:reason:)``.
    public static func readFile(atPath path: String) throws(AggregationError) -> [UInt8] {
        do {
            return try BoundedFile.read(atPath: path, limit: Limits.maxFileBytes, magic: magic)
        } catch {
            switch error {
            case .wrongMagic: throw .badMagic
            case .tooLarge: throw .limitExceeded(what: "bundle file size in bytes", limit: Limits.maxFileBytes)
            default: throw .unreadableFile(path: path, reason: error.reason)
            }
        }
    }

    static let magic: [UInt8] = Array("SHEAFB".utf8)
    /// The format version written by this build for bundles without
    /// commit-and-prove entries.
    public static let version: UInt16 = 1
    /// The format version of bundles with commit-and-prove entries.
    public static let committedVersion: UInt16 = 2
    /// The format version of bundles carrying an outer proof (plain entries, no children).
    public static let outerVersion: UInt16 = 3

    /// Encodes a bundle.
    public static func encode(_ bundle: ProofBundle) -> [UInt8] {
        var out = magic
        let hasCommitted = !bundle.committedEntries.isEmpty
        put16(&out, bundle.outerProof != nil ? outerVersion : hasCommitted ? committedVersion : version)
        put32(&out, bundle.keys.count)
        for key in bundle.keys {
            put32(&out, key.publicInputCount)
            out += key.alpha.evmBytes + key.beta.evmBytes + key.gamma.evmBytes + key.delta.evmBytes
            for p in key.ic { out += p.evmBytes }
        }
        put32(&out, bundle.entries.count)
        for entry in bundle.entries {
            let id = Array(entry.applicationID.utf8)
            out.append(UInt8(id.count))
            out += id
            put32(&out, entry.keyIndex)
            for x in entry.publicInputs { out += x.bigEndianBytes }
            if let proof = entry.proof {
                out.append(1)
                out += proof.a.evmBytes + proof.b.evmBytes + proof.c.evmBytes
            } else {
                out.append(0)
            }
        }
        put32(&out, bundle.aggregates.count)
        for aggregate in bundle.aggregates {
            put32(&out, aggregate.keyIndex)
            encode(aggregate.proof, into: &out)
        }
        if let hash = bundle.srsHash, !bundle.aggregates.isEmpty { out += hash }
        if hasCommitted {
            put32(&out, bundle.committedKeys.count)
            for key in bundle.committedKeys {
                put32(&out, key.publicInputCount)
                let base = key.base
                out += base.alpha.evmBytes + base.beta.evmBytes + base.gamma.evmBytes + base.delta.evmBytes
                for p in base.ic { out += p.evmBytes }
                out += key.g.evmBytes + key.gSigmaNeg.evmBytes
            }
            put32(&out, bundle.committedEntries.count)
            for entry in bundle.committedEntries {
                let id = Array(entry.applicationID.utf8)
                out.append(UInt8(id.count))
                out += id
                put32(&out, entry.keyIndex)
                for x in entry.publicInputs { out += x.bigEndianBytes }
                out += entry.proof.evmBytes
            }
        }
        if let outer = bundle.outerProof {
            let base = outer.key.base
            out += base.alpha.evmBytes + base.beta.evmBytes + base.gamma.evmBytes + base.delta.evmBytes
            for p in base.ic { out += p.evmBytes }
            out += outer.key.gSigmaNeg.evmBytes + outer.proof.evmBytes
        }
        put32(&out, bundle.children.count)
        for child in bundle.children {
            let bytes = encode(child)
            put32(&out, bytes.count)
            out += bytes
        }
        out += bundle.manifestRoot
        return out
    }

    /// Decodes and validates a bundle.
    public static func decode(_ bytes: [UInt8]) throws(AggregationError) -> ProofBundle {
        var reader = Reader(bytes: bytes)
        let bundle = try decode(&reader, depth: 1)
        guard reader.remaining == 0 else { throw AggregationError.trailingBytes(reader.remaining) }
        return bundle
    }

    static func decode(_ r: inout Reader, depth: Int) throws(AggregationError) -> ProofBundle {
        guard depth <= Limits.maxDepth else {
            throw AggregationError.limitExceeded(what: "bundle nesting depth", limit: Limits.maxDepth)
        }
        guard try r.take(6, "magic") == magic else { throw AggregationError.badMagic }
        let v = try r.u16("version")
        guard v == version || v == committedVersion || v == outerVersion else { throw AggregationError.unsupportedVersion(v) }

        let keyCount = try r.count("key count", limit: Limits.maxKeys, minimumBytesEach: 4 + 64 + 3 * 128 + 64)
        var keys = [VerifyingKey]()
        var keyIndices = [VerifyingKey: Int]()
        for k in 0..<keyCount {
            let inputs = try r.count("public-input count", limit: Limits.maxPublicInputsPerKey, minimumBytesEach: 64)
            let alpha = try r.g1("key \(k) alpha")
            let beta = try r.g2("key \(k) beta"), gamma = try r.g2("key \(k) gamma"), delta = try r.g2("key \(k) delta")
            var ic = [G1Affine]()
            for i in 0...inputs { ic.append(try r.g1("key \(k) IC[\(i)]")) }
            let key = VerifyingKey(alpha: alpha, beta: beta, gamma: gamma, delta: delta, ic: ic)
            if let degenerate = key.pointAtInfinity {
                throw AggregationError.groth16(.degenerateVerifyingKey(field: "key \(k) \(degenerate.rawValue)"))
            }
            // One listing per key: a repeated key would give the same manifest
            // root from different bytes.
            if let first = keyIndices[key] {
                throw AggregationError.invalidEncoding("key \(k) repeats key \(first) (same key hash): each key is listed once")
            }
            keyIndices[key] = k
            keys.append(key)
        }

        let entryCount = try r.count("entry count", limit: Limits.maxEntries, minimumBytesEach: 1 + 1 + 4 + 1)
        var entries = [BundleEntry]()
        entries.reserveCapacity(entryCount)
        for e in 0..<entryCount {
            let idLength = Int(try r.take(1, "entry \(e) id length")[0])
            let idBytes = try r.take(idLength, "entry \(e) id")
            let id = String(decoding: idBytes, as: UTF8.self)
            try checkApplicationID(id)
            let keyIndex = try r.u32("entry \(e) key index")
            guard keyIndex < keys.count else { throw AggregationError.keyIndexOutOfRange(keyIndex) }
            var inputs = [Fr]()
            for i in 0..<keys[keyIndex].publicInputCount {
                let word = try r.take(32, "entry \(e) input \(i)")
                guard let x = try? Fr(bigEndianBytes: word) else { throw AggregationError.invalidScalar("entry \(e) input \(i)") }
                inputs.append(x)
            }
            var proof: Groth16Proof? = nil
            switch try r.take(1, "entry \(e) proof flag")[0] {
            case 1:
                let a = try r.g1("entry \(e) proof A"), b = try r.g2("entry \(e) proof B"), c = try r.g1("entry \(e) proof C")
                proof = Groth16Proof(a: a, b: b, c: c)
            case 0:
                break
            case let flag:
                throw AggregationError.invalidEncoding("entry \(e) proof flag is \(flag), expected 0 or 1")
            }
            entries.append(BundleEntry(applicationID: id, keyIndex: keyIndex, publicInputs: inputs, proof: proof))
        }
        // One encoding per bundle: keys are listed in the order of their first
        // use by the entries (as `Aggregator` assigns them), and every key is used.
        var nextKey = 0
        var pendingPerKey = [Int](repeating: 0, count: keys.count)
        for (e, entry) in entries.enumerated() {
            if entry.keyIndex == nextKey {
                nextKey += 1
            } else if entry.keyIndex > nextKey {
                throw AggregationError.invalidEncoding("entry \(e) uses key \(entry.keyIndex) before key \(nextKey): keys must be listed in order of first use")
            }
            if entry.proof == nil { pendingPerKey[entry.keyIndex] += 1 }
        }
        guard nextKey == keys.count else {
            throw AggregationError.invalidEncoding("key \(nextKey) is not used by any entry")
        }

        let aggregateCount = try r.count("aggregate count", limit: max(keyCount, 0), minimumBytesEach: 4 + 4)
        var aggregates = [BundleAggregate]()
        for a in 0..<aggregateCount {
            let keyIndex = try r.u32("aggregate \(a) key index")
            guard keyIndex < keys.count else { throw AggregationError.keyIndexOutOfRange(keyIndex) }
            // Strictly increasing key indices: no key twice, one order.
            guard aggregates.last.map({ $0.keyIndex < keyIndex }) ?? true else {
                throw AggregationError.invalidEncoding("aggregate \(a) is for key \(keyIndex): aggregates must be in increasing key order, one per key")
            }
            let proof = try decodeSnarkPack(&r, "aggregate \(a)")
            let covered = pendingPerKey[keyIndex]
            guard covered == proof.proofCount else {
                throw AggregationError.invalidEncoding("aggregate \(a) covers \(proof.proofCount) proofs but \(covered) entries lack one")
            }
            aggregates.append(BundleAggregate(keyIndex: keyIndex, proof: proof))
        }
        let aggregatedKeys = Set(aggregates.map(\.keyIndex))
        for entry in entries where entry.proof == nil && !aggregatedKeys.contains(entry.keyIndex) {
            throw AggregationError.invalidEncoding("entry '\(entry.applicationID)' has neither a proof nor an aggregate")
        }
        let srsHash: [UInt8]? = aggregates.isEmpty ? nil : try r.take(32, "SRS hash")
        let (committedKeys, committedEntries) = v == committedVersion ? try decodeCommitted(&r) : ([], [])
        let outerProof = v == outerVersion ? try decodeOuterProof(&r) : nil

        let childCount = try r.count("child count", limit: Limits.maxChildren, minimumBytesEach: 4 + 6 + 2 + 12 + 32)
        var children = [ProofBundle]()
        for c in 0..<childCount {
            let length = try r.u32("child \(c) length")
            var sub = Reader(bytes: try r.take(length, "child \(c)"))
            children.append(try decode(&sub, depth: depth + 1))
            guard sub.remaining == 0 else { throw AggregationError.trailingBytes(sub.remaining) }
        }
        if outerProof != nil, !children.isEmpty {
            throw AggregationError.invalidEncoding("a bundle carrying an outer proof has no children")
        }
        let bundle = ProofBundle(keys: keys, entries: entries, aggregates: aggregates, srsHash: srsHash,
                                 committedKeys: committedKeys, committedEntries: committedEntries, children: children,
                                 outerProof: outerProof)
        guard bundle.proofCount > 0 else { throw AggregationError.emptyBundle }
        guard try r.take(32, "manifest root") == bundle.manifestRoot else { throw AggregationError.manifestRootMismatch }
        return bundle
    }

    /// The outer proof of a version-3 bundle: its key (α, β, γ, δ, IC₀…IC₂, −σγ;
    /// the Pedersen base g is γ, not repeated) and its proof (A, B, C, D, π).
    /// Points are validated here; whether the proof verifies is
    /// ``ProofBundle/verify(srs:)``'s question.
    static func decodeOuterProof(_ r: inout Reader) throws(AggregationError) -> BundleOuterProof {
        let alpha = try r.g1("outer key alpha")
        let beta = try r.g2("outer key beta"), gamma = try r.g2("outer key gamma"), delta = try r.g2("outer key delta")
        var ic = [G1Affine]()
        for i in 0..<3 { ic.append(try r.g1("outer key IC[\(i)]")) }
        let gSigmaNeg = try r.g2("outer key -sigma*gamma")
        let base = VerifyingKey(alpha: alpha, beta: beta, gamma: gamma, delta: delta, ic: ic)
        if let degenerate = base.pointAtInfinity {
            throw AggregationError.groth16(.degenerateVerifyingKey(field: "outer key \(degenerate.rawValue)"))
        }
        if gSigmaNeg.isInfinity { throw AggregationError.groth16(.degenerateVerifyingKey(field: "outer key -sigma*gamma")) }
        let proof = Groth16CommittedProof(
            proof: Groth16Proof(a: try r.g1("outer proof A"), b: try r.g2("outer proof B"), c: try r.g1("outer proof C")),
            commitment: try r.g1("outer proof commitment"), knowledgeProof: try r.g1("outer proof knowledge proof"))
        return BundleOuterProof(key: CommittedVerifyingKey(base: base, g: gamma, gSigmaNeg: gSigmaNeg), proof: proof)
    }

    /// The commit-and-prove keys and entries of a version-2 bundle: both lists
    /// non-empty (a bundle without such entries is version 1), keys listed once
    /// each in order of first use, every key used.
    static func decodeCommitted(_ r: inout Reader) throws(AggregationError) -> ([CommittedVerifyingKey], [CommittedBundleEntry]) {
        let keyCount = try r.count("commit-and-prove key count", limit: Limits.maxKeys,
                                   minimumBytesEach: 4 + 64 + 3 * 128 + 2 * 64 + 2 * 128)
        guard keyCount > 0 else { throw AggregationError.invalidEncoding("a version-2 bundle has commit-and-prove keys") }
        var keys = [CommittedVerifyingKey]()
        var seen = [[UInt8]: Int]()
        for k in 0..<keyCount {
            let what = "commit-and-prove key \(k)"
            let inputs = try r.count("\(what) public-input count", limit: Limits.maxPublicInputsPerKey, minimumBytesEach: 64)
            let alpha = try r.g1("\(what) alpha")
            let beta = try r.g2("\(what) beta"), gamma = try r.g2("\(what) gamma"), delta = try r.g2("\(what) delta")
            var ic = [G1Affine]()
            for i in 0...(inputs + 1) { ic.append(try r.g1("\(what) IC[\(i)]")) }
            let g = try r.g2("\(what) g"), gSigmaNeg = try r.g2("\(what) -sigma*g")
            let base = VerifyingKey(alpha: alpha, beta: beta, gamma: gamma, delta: delta, ic: ic)
            if let degenerate = base.pointAtInfinity {
                throw AggregationError.groth16(.degenerateVerifyingKey(field: "\(what) \(degenerate.rawValue)"))
            }
            if g.isInfinity || gSigmaNeg.isInfinity {
                throw AggregationError.groth16(.degenerateVerifyingKey(field: "\(what) \(g.isInfinity ? "g" : "-sigma*g")"))
            }
            let key = CommittedVerifyingKey(base: base, g: g, gSigmaNeg: gSigmaNeg)
            if let first = seen[key.hash] {
                throw AggregationError.invalidEncoding("\(what) repeats commit-and-prove key \(first): each key is listed once")
            }
            seen[key.hash] = k
            keys.append(key)
        }
        let entryCount = try r.count("commit-and-prove entry count", limit: Limits.maxEntries, minimumBytesEach: 1 + 1 + 4 + 384)
        guard entryCount > 0 else { throw AggregationError.invalidEncoding("a version-2 bundle has commit-and-prove entries") }
        var entries = [CommittedBundleEntry]()
        var nextKey = 0
        for e in 0..<entryCount {
            let what = "commit-and-prove entry \(e)"
            let idLength = Int(try r.take(1, "\(what) id length")[0])
            let id = String(decoding: try r.take(idLength, "\(what) id"), as: UTF8.self)
            try checkApplicationID(id)
            let keyIndex = try r.u32("\(what) key index")
            guard keyIndex < keys.count else { throw AggregationError.keyIndexOutOfRange(keyIndex) }
            guard keyIndex <= nextKey else {
                throw AggregationError.invalidEncoding("\(what) uses commit-and-prove key \(keyIndex) before key \(nextKey): keys must be listed in order of first use")
            }
            if keyIndex == nextKey { nextKey += 1 }
            var inputs = [Fr]()
            for i in 0..<keys[keyIndex].publicInputCount {
                let word = try r.take(32, "\(what) input \(i)")
                guard let x = try? Fr(bigEndianBytes: word) else { throw AggregationError.invalidScalar("\(what) input \(i)") }
                inputs.append(x)
            }
            let proof = Groth16CommittedProof(
                proof: Groth16Proof(a: try r.g1("\(what) proof A"), b: try r.g2("\(what) proof B"), c: try r.g1("\(what) proof C")),
                commitment: try r.g1("\(what) commitment"), knowledgeProof: try r.g1("\(what) knowledge proof"))
            entries.append(CommittedBundleEntry(applicationID: id, keyIndex: keyIndex, publicInputs: inputs, proof: proof))
        }
        guard nextKey == keys.count else {
            throw AggregationError.invalidEncoding("commit-and-prove key \(nextKey) is not used by any entry")
        }
        return (keys, entries)
    }

    /// Appends a SnarkPack proof in compressed form: G_T elements as 192 bytes
    /// (torus compression), G1 as 32 and G2 as 64 bytes (x and a sign bit).
    public static func encode(_ p: SnarkPackProof, into out: inout [UInt8]) {
        func gt(_ x: Fp12) -> [UInt8] {
            guard let bytes = x.compressedBytes else { preconditionFailure("SnarkPack proofs hold target-group elements only") }
            return bytes
        }
        put32(&out, p.proofCount)
        out += [p.comAB.first, p.comAB.second, p.comC.first, p.comC.second, p.ipAB].flatMap(gt)
        out += p.aggC.compressedBytes
        for round in p.rounds {
            out += [round.tLeft.first, round.tLeft.second, round.tRight.first, round.tRight.second,
                    round.uLeft.first, round.uLeft.second, round.uRight.first, round.uRight.second,
                    round.zLeft, round.zRight].flatMap(gt)
            out += round.zcLeft.compressedBytes + round.zcRight.compressedBytes
        }
        out += p.finalA.compressedBytes + p.finalB.compressedBytes + p.finalC.compressedBytes
        out += p.finalV1.compressedBytes + p.finalV2.compressedBytes + p.finalW1.compressedBytes + p.finalW2.compressedBytes
        out += p.vOpening1.compressedBytes + p.vOpening2.compressedBytes + p.wOpening1.compressedBytes + p.wOpening2.compressedBytes
    }

    /// The encoded size of a SnarkPack proof for n proofs: (5 + 10·L) G_T,
    /// (7 + 2·L) G1 and 5 G2 elements, L = log₂ of the padded count.
    public static func snarkPackSize(proofs n: Int) -> Int {
        let rounds = SnarkPack.paddedCount(n).trailingZeroBitCount
        return 4 + (5 + 10 * rounds) * 192 + (7 + 2 * rounds) * 32 + 5 * 64
    }

    static func decodeSnarkPack(_ r: inout Reader, _ what: String) throws(AggregationError) -> SnarkPackProof {
        let n = try r.u32("\(what) proof count")
        guard n >= 1, n <= Limits.maxEntries else { throw AggregationError.limitExceeded(what: "\(what) proof count", limit: Limits.maxEntries) }
        guard snarkPackSize(proofs: n) - 4 <= r.remaining else { throw AggregationError.truncated(what) }
        let comAB = GTPair(first: try r.gt("\(what) com_ab"), second: try r.gt("\(what) com_ab"))
        let comC = GTPair(first: try r.gt("\(what) com_c"), second: try r.gt("\(what) com_c"))
        let ipAB = try r.gt("\(what) ip_ab")
        let aggC = try r.g1c("\(what) agg_c")
        var rounds = [SnarkPackRound]()
        for i in 0..<SnarkPack.paddedCount(n).trailingZeroBitCount {
            let w = "\(what) round \(i)"
            let tL = GTPair(first: try r.gt(w), second: try r.gt(w)), tR = GTPair(first: try r.gt(w), second: try r.gt(w))
            let uL = GTPair(first: try r.gt(w), second: try r.gt(w)), uR = GTPair(first: try r.gt(w), second: try r.gt(w))
            let zL = try r.gt(w), zR = try r.gt(w)
            rounds.append(SnarkPackRound(tLeft: tL, tRight: tR, uLeft: uL, uRight: uR, zLeft: zL, zRight: zR,
                                         zcLeft: try r.g1c(w), zcRight: try r.g1c(w)))
        }
        return SnarkPackProof(
            proofCount: n, comAB: comAB, comC: comC, ipAB: ipAB, aggC: aggC, rounds: rounds,
            finalA: try r.g1c("\(what) final A"), finalB: try r.g2c("\(what) final B"), finalC: try r.g1c("\(what) final C"),
            finalV1: try r.g2c("\(what) final v1"), finalV2: try r.g2c("\(what) final v2"),
            finalW1: try r.g1c("\(what) final w1"), finalW2: try r.g1c("\(what) final w2"),
            vOpening1: try r.g2c("\(what) v opening"), vOpening2: try r.g2c("\(what) v opening"),
            wOpening1: try r.g1c("\(what) w opening"), wOpening2: try r.g1c("\(what) w opening"))
    }

    /// Application ids are 1–128 printable ASCII characters, so they print safely
    /// and encode in one length byte.
    static func checkApplicationID(_ id: String) throws(AggregationError) {
        let bytes = Array(id.utf8)
        guard !bytes.isEmpty, bytes.count <= Limits.maxApplicationIDBytes, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else {
            throw AggregationError.invalidApplicationID(id)
        }
    }

    static func put16(_ out: inout [UInt8], _ v: UInt16) { out += [UInt8(v >> 8), UInt8(v & 0xff)] }
    static func put32(_ out: inout [UInt8], _ v: Int) {
        out += [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    /// A bounds-checked cursor over untrusted bytes.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func take(_ n: Int, _ what: String) throws(AggregationError) -> [UInt8] {
            guard n >= 0, n <= remaining else { throw AggregationError.truncated(what) }
            defer { offset += n }
            return Array(bytes[offset..<offset + n])
        }
        mutating func u16(_ what: String) throws(AggregationError) -> UInt16 {
            let b = try take(2, what)
            return UInt16(b[0]) << 8 | UInt16(b[1])
        }
        mutating func u32(_ what: String) throws(AggregationError) -> Int {
            let b = try take(4, what)
            return Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        }
        /// A count, checked against its limit and against the bytes left.
        mutating func count(_ what: String, limit: Int, minimumBytesEach: Int) throws(AggregationError) -> Int {
            let n = try u32(what)
            guard n <= limit else { throw AggregationError.limitExceeded(what: what, limit: limit) }
            guard n * minimumBytesEach <= remaining else { throw AggregationError.truncated(what) }
            return n
        }
        mutating func g1(_ what: String) throws(AggregationError) -> G1Affine {
            do { return try G1Affine(evmBytes: try take(64, what)) } catch let e as CurveError {
                throw AggregationError.invalidPoint(what: what, reason: e)
            } catch let e as AggregationError {
                throw e
            } catch {
                throw AggregationError.invalidEncoding("\(what): \(error)")
            }
        }
        mutating func gt(_ what: String) throws(AggregationError) -> Fp12 {
            do { return try Fp12(compressedBytes: try take(192, what)) } catch is FieldError {
                throw AggregationError.invalidEncoding("\(what): not a valid compressed target-group element")
            } catch let e as AggregationError {
                throw e
            } catch {
                throw AggregationError.invalidEncoding("\(what): \(error)")
            }
        }
        mutating func g1c(_ what: String) throws(AggregationError) -> G1Affine {
            do { return try G1Affine(compressedBytes: try take(32, what)) } catch let e as CurveError {
                throw AggregationError.invalidPoint(what: what, reason: e)
            } catch let e as AggregationError {
                throw e
            } catch {
                throw AggregationError.invalidEncoding("\(what): \(error)")
            }
        }
        mutating func g2c(_ what: String) throws(AggregationError) -> G2Affine {
            do { return try G2Affine(compressedBytes: try take(64, what)) } catch let e as CurveError {
                throw AggregationError.invalidPoint(what: what, reason: e)
            } catch let e as AggregationError {
                throw e
            } catch {
                throw AggregationError.invalidEncoding("\(what): \(error)")
            }
        }
        mutating func g2(_ what: String) throws(AggregationError) -> G2Affine {
            do { return try G2Affine(evmBytes: try take(128, what)) } catch let e as CurveError {
                throw AggregationError.invalidPoint(what: what, reason: e)
            } catch let e as AggregationError {
                throw e
            } catch {
                throw AggregationError.invalidEncoding("\(what): \(error)")
            }
        }
    }
}
