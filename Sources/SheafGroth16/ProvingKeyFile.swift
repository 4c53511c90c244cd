import Dispatch
import SheafCurve
import SheafField

/// Sheaf's proving-key file (`.shpk`): a ``ProvingKey`` written once after a
/// setup and read back instead of redoing it (the recursion circuits' setups
/// take minutes).
///
/// The container is snarkjs's binfile (``SnarkJSBinaryFile``) with the magic
/// "shpk", version 1, so sizes are checked before anything is read. Points are
/// stored as snarkjs stores them: coordinates little-endian in Montgomery form,
/// all zeros for infinity, G2 as (x.c0, x.c1, y.c0, y.c1), so loading copies
/// limbs and checks curves without converting. Sections:
///
/// | type | contents |
/// | --- | --- |
/// | 1 | header: domain size n (2ᵏ, or 3·2ᵏ for a compact domain), variables m, public inputs ℓ, flags (bit 0: commit-and-prove), all u32 |
/// | 2 | verifying key: α (G1), β, γ, δ (G2), IC (ℓ + 1 G1) |
/// | 3 | [β]₁, [δ]₁ |
/// | 4, 5, 6 | A query (m G1), B query in G1 (m G1), B query in G2 (m G2) |
/// | 7 | L query: count u32, then that many G1 |
/// | 8 | H query (n − 1 G1) |
/// | 9 | commit-and-prove keys only: count c, challenge variable (u32 each), the c committed variables (u32, private, each once), bases (c G1), σ·bases (c G1), g, −σg (G2) |
/// | 10 | phase-2 keys with contributions only (``Phase2``): count k (u32), then per contribution [δ]₁ (G1), [δ]₂ (G2), the δ proof T (G1) and z (Fr), and for a commit-and-prove key −σg (G2), the σ proof T (G2) and z (Fr); Fr little-endian, canonical |
///
/// Reading checks every coordinate below p, every point on its curve, the
/// verifying key's G2 points in G2 and none of α, β, γ, δ (nor g, −σg) at
/// infinity, and every count against the header. As for a `.zkey`, the G2
/// subgroup of the m query points is not checked (m checks would cost more than
/// proving): a corrupted query point gives proofs that no verifier accepts.
public enum ProvingKeyFile {
    static let magic = "shpk"
    static let version = 1

    /// The file's bytes for `key`.
    public static func encode(_ key: ProvingKey) -> [UInt8] {
        var out = [UInt8]()
        for piece in pieces(key) { for part in piece() { out += part } }
        return out
    }

    /// Writes `key`'s file to `path` one section at a time, so that the peak is
    /// the key plus its largest section (the G2 B query), not the key plus the
    /// whole file twice (measured: 22.9 GB for a 6.7 GB key written through
    /// ``encode(_:)``).
    public static func write(_ key: ProvingKey, toPath path: String) throws(FileBytes.WriteError) {
        try FileBytes.write(pieces: pieces(key), toPath: path)
    }

    /// The file in order: the container's header, then each section's header
    /// and bytes, made on demand.
    static func pieces(_ key: ProvingKey) -> [() -> [[UInt8]]] {
        var sections: [(Int, () -> [UInt8])] = []
        let vk = key.verifyingKey
        sections.append((1, {
            var header = [UInt8]()
            for v in [key.domainSize, key.variableCount, vk.publicInputCount, key.commitment == nil ? 0 : 1] { put32(&header, v) }
            return header
        }))
        sections.append((2, { g1(vk.alpha) + g2(vk.beta) + g2(vk.gamma) + g2(vk.delta) + vk.ic.flatMap(g1) }))
        sections.append((3, { g1(key.betaG1) + g1(key.deltaG1) }))
        sections.append((4, { key.aQuery.flatMap(g1) }))
        sections.append((5, { key.bG1Query.flatMap(g1) }))
        sections.append((6, { key.bG2Query.flatMap(g2) }))
        sections.append((7, {
            var l = [UInt8]()
            put32(&l, key.lQuery.count)
            return l + key.lQuery.flatMap(g1)
        }))
        sections.append((8, { key.hQuery.flatMap(g1) }))
        if let c = key.commitment {
            sections.append((9, {
                var data = [UInt8]()
                put32(&data, c.layout.committedVariables.count)
                put32(&data, c.layout.challengeVariable)
                for v in c.layout.committedVariables { put32(&data, v) }
                return data + c.basis.flatMap(g1) + c.basisSigma.flatMap(g1) + g2(c.g) + g2(c.gSigmaNeg)
            }))
        }
        if !key.contributions.isEmpty {
            sections.append((10, {
                var data = [UInt8]()
                put32(&data, key.contributions.count)
                for c in key.contributions {
                    data += g1(c.deltaG1) + g2(c.deltaG2) + g1(c.deltaProof.commitment) + fr(c.deltaProof.response)
                    if let sigmaNeg = c.sigmaNeg, let proof = c.sigmaProof {
                        data += g2(sigmaNeg) + g2(proof.commitment) + fr(proof.response)
                    }
                }
                return data
            }))
        }
        var head = Array(magic.utf8)
        put32(&head, version)
        put32(&head, sections.count)
        return [{ [head] }] + sections.map { type, make in
            {
                let data = make()
                var header = [UInt8]()
                put32(&header, type)
                put32(&header, data.count); put32(&header, data.count >> 32)   // u64, little-endian
                return [header, data]
            }
        }
    }

    /// The largest proving-key file ``read(atPath:)`` reads: 64 GiB.
    public static let maximumFileBytes = 1 << 36

    /// Reads and validates the proving-key file at `path` one section at a
    /// time, each into its own buffer released once its points are decoded: the
    /// peak is the key plus its largest section (the G2 B query), not the key
    /// plus the whole file.
    ///
    /// - Throws: ``SnarkJSFileError``: ``SnarkJSFileError/unreadableFile(path:reason:)``
    ///   when the file cannot be read, otherwise naming the section and value at fault.
    public static func read(atPath path: String) throws(SnarkJSFileError) -> ProvingKey {
        try decode(try SectionedFile(path: path, magic: magic, versions: version...version, limit: maximumFileBytes))
    }

    /// Reads and validates a proving-key file.
    ///
    /// - Throws: ``SnarkJSFileError`` naming the section and value at fault.
    public static func decode(_ bytes: [UInt8]) throws(SnarkJSFileError) -> ProvingKey {
        try decode(try SnarkJSBinaryFile(bytes: bytes, magic: magic, versions: version...version))
    }

    /// ``read(atPath:)`` in two parts: the container (magic, version, the
    /// section table against the file's size) and the header are checked here,
    /// so a file that is not a key fails at once; the points, nearly all of the
    /// time, are decoded and checked on another thread, so that a prover builds
    /// its witness meanwhile (``PendingProvingKey``; its ``PendingProvingKey/wait()``
    /// throws what ``read(atPath:)`` would).
    ///
    /// - Throws: ``SnarkJSFileError`` for the container or the header.
    public static func readInBackground(atPath path: String) throws(SnarkJSFileError) -> PendingProvingKey {
        let file = try SectionedFile(path: path, magic: magic, versions: version...version, limit: maximumFileBytes)
        _ = try header(file)
        return PendingProvingKey { try decode(file) }
    }

    /// The header section, checked: domain size n, variables m, inputs ℓ, flags.
    static func header(_ file: some BinarySections) throws(SnarkJSFileError) -> (n: Int, m: Int, ell: Int, flags: Int) {
        var header = try file.section(1, "proving-key header")
        try header.expectSize(16)
        let n = try header.u32("domain size"), m = try header.u32("variables"), ell = try header.u32("public inputs")
        let flags = try header.u32("flags")
        guard EvaluationDomain.isSupportedSize(n), n <= SnarkJSProvingKey.maxDomainSize else {
            throw .invalidHeader("domain size \(n) is neither a power of two nor 3·2^k up to \(SnarkJSProvingKey.maxDomainSize)")
        }
        guard ell < m else { throw .invalidHeader("public inputs (\(ell)) must be below the variables (\(m))") }
        guard flags <= 1 else { throw .invalidHeader("unknown flags \(flags)") }
        return (n, m, ell, flags)
    }

    static func decode(_ file: some BinarySections) throws(SnarkJSFileError) -> ProvingKey {
        let (n, m, ell, flags) = try header(file)

        var vkSection = try file.section(2, "verifying key")
        try vkSection.expectSize(64 + 3 * 128 + 64 * (ell + 1))
        let alpha = try vkSection.g1("alpha")
        let beta = try vkSection.g2("beta", checkSubgroup: true), gamma = try vkSection.g2("gamma", checkSubgroup: true)
        let delta = try vkSection.g2("delta", checkSubgroup: true)
        let ic = try points(&vkSection, count: ell + 1) { r, i throws(SnarkJSFileError) in try r.g1("IC[\(i)]") }
        let vk = VerifyingKey(alpha: alpha, beta: beta, gamma: gamma, delta: delta, ic: ic)
        if let degenerate = vk.pointAtInfinity { throw .degenerateVerifyingKey("verifying key \(degenerate.rawValue)") }

        var betaDelta = try file.section(3, "[β]₁ and [δ]₁")
        try betaDelta.expectSize(128)
        let betaG1 = try betaDelta.g1("beta"), deltaG1 = try betaDelta.g1("delta")

        func g1Section(_ type: Int, _ name: String, count: Int) throws(SnarkJSFileError) -> [G1Affine] {
            var reader = try file.section(type, name)
            try reader.expectSize(count * 64)
            return try points(&reader, count: count, bytesPerPoint: 64, placeholder: .infinity) { r, i throws(SnarkJSFileError) in
                try r.g1("point \(i)")
            }
        }
        let aQuery = try g1Section(4, "A query", count: m)
        let bG1Query = try g1Section(5, "B query (G1)", count: m)
        // Each large section is read inside its own function, so that with a
        // SectionedFile its buffer is released as soon as its points are decoded.
        func g2Section() throws(SnarkJSFileError) -> [G2Affine] {
            var b2 = try file.section(6, "B query (G2)")
            try b2.expectSize(m * 128)
            return try points(&b2, count: m, bytesPerPoint: 128, placeholder: .infinity) { r, i throws(SnarkJSFileError) in
                try r.g2("point \(i)", checkSubgroup: false)
            }
        }
        let bG2Query = try g2Section()
        func lSection() throws(SnarkJSFileError) -> [G1Affine] {
            var lSection = try file.section(7, "L query")
            let lCount = try lSection.u32("count")
            guard lCount <= m - ell - 1 else { throw .invalidHeader("L query has \(lCount) points for \(m - ell - 1) private variables") }
            try lSection.expectSize(4 + 64 * lCount)
            return try points(&lSection, count: lCount, bytesPerPoint: 64, placeholder: .infinity) { r, i throws(SnarkJSFileError) in
                try r.g1("point \(i)")
            }
        }
        let lQuery = try lSection()
        let lCount = lQuery.count
        let hQuery = try g1Section(8, "H query", count: n - 1)

        var commitment: CommitmentProvingKey? = nil
        if flags == 1 {
            var c = try file.section(9, "commitment")
            let count = try c.u32("committed count"), challenge = try c.u32("challenge variable")
            guard count <= m, challenge >= 1, challenge <= ell else {
                throw .invalidHeader("commitment: \(count) committed variables, challenge variable \(challenge) (public inputs 1…\(ell))")
            }
            guard lCount + count == m - ell - 1 else {
                throw .invalidHeader("L query (\(lCount)) and committed variables (\(count)) do not cover the \(m - ell - 1) private variables")
            }
            try c.expectSize(8 + 4 * count + 128 * count + 256)
            var committed = [Int](), seen = Set<Int>()
            committed.reserveCapacity(count)
            for i in 0..<count {
                let v = try c.u32("committed variable \(i)")
                guard v > ell, v < m, seen.insert(v).inserted else {
                    throw .invalidHeader("committed variable \(i) is \(v): it must be private (above \(ell)), below \(m) and listed once")
                }
                committed.append(v)
            }
            let basis = try points(&c, count: count) { r, i throws(SnarkJSFileError) in try r.g1("basis \(i)") }
            let basisSigma = try points(&c, count: count) { r, i throws(SnarkJSFileError) in try r.g1("σ·basis \(i)") }
            let g = try c.g2("g", checkSubgroup: true), gSigmaNeg = try c.g2("−σg", checkSubgroup: true)
            guard !g.isInfinity, !gSigmaNeg.isInfinity else { throw .degenerateVerifyingKey("commitment g or −σg") }
            commitment = CommitmentProvingKey(layout: CommitmentLayout(committedVariables: committed, challengeVariable: challenge),
                                              basis: basis, basisSigma: basisSigma, g: g, gSigmaNeg: gSigmaNeg)
        } else {
            guard !file.contains(9) else { throw .invalidHeader("a commitment section in a plain key") }
            guard lCount == m - ell - 1 else {
                throw .invalidHeader("L query has \(lCount) points for \(m - ell - 1) private variables")
            }
        }
        var key = ProvingKey(verifyingKey: vk, betaG1: betaG1, deltaG1: deltaG1, aQuery: aQuery, bG1Query: bG1Query,
                             bG2Query: bG2Query, lQuery: lQuery, hQuery: hQuery, domainSize: n, commitment: commitment)
        if file.contains(10) { key.contributions = try contributions(try file.section(10, "phase-2 contributions"), committed: flags == 1) }
        return key
    }

    /// The largest number of phase-2 contributions a key file may list.
    public static let maximumContributions = 1 << 16

    /// Section 10's contributions (their proofs are checked by ``Phase2/verify(key:initial:)``,
    /// their points here).
    static func contributions(_ section: SnarkJSBinaryReader, committed: Bool) throws(SnarkJSFileError) -> [Phase2Contribution] {
        var r = section
        let count = try r.u32("contribution count")
        guard count <= maximumContributions else {
            throw .invalidHeader("\(count) phase-2 contributions, more than \(maximumContributions)")
        }
        try r.expectSize(4 + count * (committed ? 576 : 288))
        return try points(&r, count: count) { r, i throws(SnarkJSFileError) in
            let deltaG1 = try r.g1("contribution \(i) δ₁"), deltaG2 = try r.g2("contribution \(i) δ₂", checkSubgroup: true)
            let t = try r.g1("contribution \(i) δ proof T"), z = try r.canonicalFr("contribution \(i) δ proof z")
            var sigmaNeg: G2Affine?, sigmaProof: SchnorrProof<BN254G2Parameters>?
            if committed {
                sigmaNeg = try r.g2("contribution \(i) −σg", checkSubgroup: true)
                let ts = try r.g2("contribution \(i) σ proof T", checkSubgroup: false)
                sigmaProof = SchnorrProof(commitment: ts, response: try r.canonicalFr("contribution \(i) σ proof z"))
            }
            return Phase2Contribution(deltaG1: deltaG1, deltaG2: deltaG2, deltaProof: SchnorrProof(commitment: t, response: z),
                                      sigmaNeg: sigmaNeg, sigmaProof: sigmaProof)
        }
    }

    /// `count` points of `bytesPerPoint` bytes each, decoded by both cores in
    /// contiguous chunks when there are many (the key's queries: tens of
    /// millions of points, each converted and checked on its curve). The first
    /// bad point in file order is the one reported, as when decoding in order.
    static func points<P>(_ reader: inout SnarkJSBinaryReader, count: Int, bytesPerPoint: Int, placeholder: P,
                          _ read: (inout SnarkJSBinaryReader, Int) throws(SnarkJSFileError) -> P) throws(SnarkJSFileError) -> [P] {
        guard count >= parallelPointThreshold else { return try points(&reader, count: count, read) }
        guard reader.remaining >= count * bytesPerPoint else { throw .truncated("\(reader.context): \(count) points") }
        let chunks = 16
        let chunk = (count + chunks - 1) / chunks
        let start = reader.offset, base = reader
        var out = [P](repeating: placeholder, count: count)
        var failures = [SnarkJSFileError?](repeating: nil, count: chunks)
        out.withUnsafeMutableBufferPointer { out in
            failures.withUnsafeMutableBufferPointer { failures in
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    let lower = c * chunk, upper = min(count, lower + chunk)
                    guard lower < upper else { return }
                    var r = base
                    r.offset = start + lower * bytesPerPoint
                    do throws(SnarkJSFileError) {
                        for i in lower..<upper { out[i] = try read(&r, i) }
                    } catch {
                        failures[c] = error
                    }
                }
            }
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw first }
        reader.offset = start + count * bytesPerPoint
        return out
    }

    /// Sections with at least this many points are decoded in parallel.
    static let parallelPointThreshold = 1 << 14

    /// `count` points read with `read`, after the caller checked the section's size.
    static func points<P>(_ reader: inout SnarkJSBinaryReader, count: Int,
                          _ read: (inout SnarkJSBinaryReader, Int) throws(SnarkJSFileError) -> P) throws(SnarkJSFileError) -> [P] {
        var out = [P]()
        out.reserveCapacity(count)
        for i in 0..<count { out.append(try read(&reader, i)) }
        return out
    }

    static func put32(_ out: inout [UInt8], _ v: Int) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> shift)) }
    }

    static func fp(_ x: Fp) -> [UInt8] {
        let l = x.montgomeryLimbs
        return [l.0, l.1, l.2, l.3].flatMap { limb in (0..<8).map { UInt8(truncatingIfNeeded: limb >> (8 * $0)) } }
    }

    static func fr(_ x: Fr) -> [UInt8] {
        let l = x.canonicalLimbs
        return [l.0, l.1, l.2, l.3].flatMap { limb in (0..<8).map { UInt8(truncatingIfNeeded: limb >> (8 * $0)) } }
    }

    static func g1(_ p: G1Affine) -> [UInt8] {
        p.isInfinity ? [UInt8](repeating: 0, count: 64) : fp(p.x) + fp(p.y)
    }

    static func g2(_ p: G2Affine) -> [UInt8] {
        p.isInfinity ? [UInt8](repeating: 0, count: 128) : fp(p.x.c0) + fp(p.x.c1) + fp(p.y.c0) + fp(p.y.c1)
    }
}
