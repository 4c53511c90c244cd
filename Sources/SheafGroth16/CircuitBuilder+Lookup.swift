import SheafField
import SheafHash

// Range checks by log-derivative lookup (LogUp: Haböck, ePrint 2022/1530) over a
// Groth16 commitment (BSB22: Botrel and El Housni, ePrint 2022/1072).
//
// Bit decomposition proves 0 ≤ x < 2^b with b + 1 constraints. A lookup splits x
// into c-bit chunks and proves each chunk lies in the table T = {0, …, 2^c − 1}
// with one constraint, by the identity of rational functions
//
//     Σᵢ 1/(X − vᵢ) = Σⱼ mⱼ/(X − j)        (queries vᵢ, multiplicities mⱼ)
//
// which holds exactly when every vᵢ is in T (the multiplicities are below the field
// characteristic). The circuit checks it at one random point X: each query pays
// invᵢ·(X − vᵢ) = 1, each table entry tⱼ·(X − j) = mⱼ, and one constraint says the
// two sums agree. By Schwartz–Zippel a false identity survives a random X with
// probability at most (queries + table)/r.
//
// X must be drawn *after* the chunks and multiplicities are fixed, which a plain
// Groth16 proof cannot express: the prover commits to those variables first (a
// Pedersen commitment D inside the proof), and X is the hash of D, recomputed by
// the verifier. `Groth16+Commitment.swift` is that half; this file is the
// circuit's.

/// The configuration of lookup range checks: the chunk width c and so the table
/// {0, …, 2^c − 1}.
///
/// The table costs 2^c + 1 constraints once per circuit and a b-bit check costs
/// ⌈b/c⌉ + 1 constraints (one more when c does not divide b), so the best c grows
/// with the circuit: 16 for the millions of checks of a pairing, a few bits for a
/// test circuit.
public struct LookupRangeChecks: Sendable, Equatable, Hashable {
    /// The chunk widths supported: up to a table of about a million entries.
    public static let supportedChunkBits = 1...20

    /// The chunk width c in bits.
    public let chunkBits: Int

    /// Lookups over the table {0, …, 2^chunkBits − 1}.
    public init(chunkBits: Int) {
        precondition(Self.supportedChunkBits.contains(chunkBits),
                     "lookup chunk width \(chunkBits) outside \(Self.supportedChunkBits)")
        self.chunkBits = chunkBits
    }

    /// 2^c, the number of table entries.
    public var tableSize: Int { 1 << chunkBits }

    /// The constraints one range check of `bits` bits costs, the shared table
    /// excluded: the recomposition, one query per chunk, and one more for a
    /// narrower top chunk (checked again after a shift).
    public func constraintCount(bits: Int) -> Int {
        guard bits > 0 else { return 1 }
        let chunks = (bits + chunkBits - 1) / chunkBits
        return 1 + chunks + (bits % chunkBits == 0 ? 0 : 1)
    }

    /// The constraints the table and the final sum cost, once per circuit.
    public var tableConstraintCount: Int { tableSize + 1 }
}

/// The variables a commit-and-prove Groth16 proof commits to, and the public
/// input whose value is the hash of that commitment.
public struct CommitmentLayout: Sendable, Equatable, Hashable {
    /// Witness positions of the committed variables, strictly increasing, all
    /// private.
    public let committedVariables: [Int]
    /// The witness position of the challenge, a public input.
    public let challengeVariable: Int

    /// A layout; the positions must be private variables in increasing order.
    public init(committedVariables: [Int], challengeVariable: Int) {
        self.committedVariables = committedVariables
        self.challengeVariable = challengeVariable
    }
}

/// A builder's lookup bookkeeping.
struct LookupState: Sendable {
    /// Witness mode: how many queries hit each table entry.
    var counts: [Int] = []
    /// The inverse variable 1/(X − v) of every query.
    var queryInverses: [Int] = []
    /// Witness mode: every query's value v.
    var queryValues: [Fr] = []
    /// The index of every query's constraint (for failure reports).
    var queryConstraints: [Int] = []
    /// Queries whose value was outside the table (a dishonest witness).
    var outOfTable = 0
    /// The committed variables so far: chunks, then the multiplicities.
    var committed: [Int] = []
    /// Set while ``CircuitBuilder/finalize()`` allocates the challenge.
    var finalizing = false
    /// Whether the table, the challenge and the sum have been added.
    var finalized = false
    /// The layout, once finalized.
    var layout: CommitmentLayout?
    /// The spread-pair table's bookkeeping (`CircuitBuilder+SpreadLookup.swift`).
    var spread = SpreadLookupState()
}

extension CircuitBuilder {
    /// The commitment layout of a finalized circuit with lookups; nil otherwise.
    var commitmentLayout: CommitmentLayout? { lookupState.layout }

    /// Number of lookup queries so far.
    public var lookupQueryCount: Int { lookupState.queryInverses.count }

    /// Constrains 0 ≤ x < 2^bits with c-bit chunks looked up in the table:
    /// ⌈bits/c⌉ chunks (the low ones read off x's bits, the top one whatever is
    /// left, so that x ≥ 2^bits puts it outside the table), their recomposition,
    /// and one query each, plus one for the top chunk shifted left by c − top when
    /// it is narrower than c (c·2^(c−top) < 2^c exactly when the chunk is below
    /// 2^top, both being integers below 2^c).
    mutating func lookupRange(_ x: LinearCombination, bits count: Int, _ label: String) {
        precondition(count >= 1 && count <= Self.maxBits, "range-check width must be 1...\(Self.maxBits)")
        let c = lookups!.chunkBits
        let n = (count + c - 1) / c
        let top = count - c * (n - 1)
        let chunkValues = mode == .witness ? Self.chunks(of: value(of: x), count: n, width: c)
            : [Fr](repeating: .zero, count: n)
        withNamespace(label) { cs in
            var chunks = [LinearCombination]()
            chunks.reserveCapacity(n)
            var sum = LinearCombination.zero
            for j in 0..<n {
                let chunk = cs.allocate(chunkValues[j])
                cs.markCommitted(cs.variableCount - 1)
                chunks.append(chunk)
                sum = sum.adding(chunk, scaledBy: Fr.powerOfTwo(c * j))
            }
            cs.enforce(sum, .one, x, "recompose")
            for j in 0..<n { cs.lookup(chunks[j], "chunk[\(j)]") }
            if top < c { cs.lookup(chunks[n - 1] * Fr.powerOfTwo(c - top), "chunk[\(n - 1)]/top") }
        }
    }

    /// The `count` chunks of `width` bits of v, least significant first: the low
    /// ones read off v's bits, the top one whatever is left, (v − low)/2^(width·(count−1)),
    /// so that a v too wide for the chunks puts the top one outside the table.
    static func chunks(of v: Fr, count: Int, width: Int) -> [Fr] {
        let limbs = v.canonicalLimbs
        var out = [Fr]()
        out.reserveCapacity(count)
        var low = Fr.zero
        for j in 0..<(count - 1) {
            let chunk = Fr(bitField(limbs, from: width * j, width: width))
            out.append(chunk)
            low += chunk * Fr.powerOfTwo(width * j)
        }
        out.append((v - low) * Fr.powerOfTwo(width * (count - 1)).inverse()!)
        return out
    }

    /// Bits [from, from + width) of a 256-bit value, width ≤ 64.
    public static func bitField(_ limbs: Limbs4, from: Int, width: Int) -> UInt64 {
        func limb(_ i: Int) -> UInt64 {
            switch i {
            case 0: return UInt64(limbs.0)
            case 1: return UInt64(limbs.1)
            case 2: return UInt64(limbs.2)
            case 3: return UInt64(limbs.3)
            default: return 0
            }
        }
        let word = from >> 6, shift = from & 63
        var bits = limb(word) >> UInt64(shift)
        if shift != 0 && shift + width > 64 { bits |= limb(word + 1) << UInt64(64 - shift) }
        return width == 64 ? bits : bits & ((1 << UInt64(width)) - 1)
    }

    /// One query "v is in the table": a fresh variable inv with inv·(X − v) = 1.
    /// inv's value is set by ``finalize()`` once X is known; the constraint is
    /// checked there too.
    mutating func lookup(_ v: LinearCombination, _ label: String) {
        let inverse = allocate(.zero)
        lookupState.queryInverses.append(variableCount - 1)
        lookupState.queryConstraints.append(constraintCount)
        if mode == .witness {
            let value = value(of: v)
            lookupState.queryValues.append(value)
            let limbs = value.canonicalLimbs
            if limbs.1 == 0 && limbs.2 == 0 && limbs.3 == 0 && limbs.0 < UInt(lookups!.tableSize) {
                lookupState.counts[Int(limbs.0)] += 1
            } else {
                lookupState.outOfTable += 1
                if lookupState.outOfTable <= 4 {
                    hintFailures.append(HintFailure(
                        hint: prefixed(label),
                        reason: "lookup value is not in the table 0..<2^\(lookups!.chunkBits), so the range check fails"))
                }
            }
        }
        let challenge = LinearCombination(variable: publicInputCount)
        record(inverse, challenge - v, .one, label, checked: false)
    }

    /// Completes a circuit with lookups: allocates the multiplicities (the last
    /// committed variables), draws the challenge X (``commitmentChallenge``, or a
    /// check-only hash of the committed values), allocates it as the last public
    /// input, fills in every query's inverse, and adds the table constraints
    /// tⱼ·(X − j) = mⱼ and the sum Σ invᵢ = Σ tⱼ. Call it once, after every other
    /// constraint and public input; without ``lookups`` it does nothing.
    /// 2^c + 1 constraints.
    public mutating func finalize() {
        guard let lookups, !lookupState.finalized else { return }
        precondition(publicAllocated == publicInputCount - 1,
                     "\(publicAllocated) of \(publicInputCount - 1) declared public inputs were allocated before finalize()")
        let size = lookups.tableSize
        lookupState.finalizing = true
        withNamespace("lookup") { cs in
            var multiplicities = [LinearCombination]()
            multiplicities.reserveCapacity(size)
            for j in 0..<size {
                let count = cs.mode == .witness ? Fr(UInt64(cs.lookupState.counts[j])) : Fr.zero
                multiplicities.append(cs.allocate(count))
                cs.markCommitted(cs.variableCount - 1)
            }
            // The spread-pair table's multiplicities, when a gadget used it.
            let spreadMultiplicities = cs.allocateSpreadMultiplicities()
            // Variables committed for checks at the challenge join the layout
            // late, so the layout is sorted (every circuit build sorts alike).
            cs.lookupState.committed.sort()
            var x = Fr.zero
            if cs.mode == .witness {
                let committedValues = cs.lookupState.committed.map { cs.values[$0] }
                x = cs.commitmentChallenge?(committedValues) ?? Self.checkOnlyChallenge(committedValues)
            }
            let challenge = cs.publicInput("challenge", x)
            if cs.mode == .witness {
                cs.fillQueryInverses(challenge: x)
                cs.fillChallengeProducts(challenge: x)
            }
            cs.finalizeSpreadTable(challenge: challenge, challengeValue: x, multiplicities: spreadMultiplicities)
            // The table side: tⱼ = mⱼ/(X − j).
            var tableInverses = [Fr]()
            if cs.mode == .witness {
                tableInverses = (0..<size).map { x - Fr(UInt64($0)) }
                Fr.batchInvert(&tableInverses)
            }
            var sumTerms = cs.lookupState.queryInverses.map { LinearCombination.Term(variable: $0, coefficient: .one) }
            sumTerms.reserveCapacity(sumTerms.count + size)
            let minusOne = -Fr.one
            for j in 0..<size {
                let tValue = cs.mode == .witness ? Fr(UInt64(cs.lookupState.counts[j])) * tableInverses[j] : Fr.zero
                let t = cs.allocate(tValue)
                sumTerms.append(LinearCombination.Term(variable: cs.variableCount - 1, coefficient: minusOne))
                cs.enforce(t, challenge - .constant(Fr(UInt64(j))), multiplicities[j], "table[\(j)]")
            }
            cs.enforce(LinearCombination(terms: sumTerms), .one, .zero, "sum")
        }
        lookupState.layout = CommitmentLayout(committedVariables: lookupState.committed,
                                              challengeVariable: publicInputCount)
        lookupState.finalizing = false
        lookupState.finalized = true
        lookupState.queryValues = []
        lookupState.counts = []
    }

    /// Sets invᵢ = 1/(X − vᵢ) for every query (one batch inversion). With
    /// discarded storage it also checks the query constraints, which were
    /// recorded unchecked: one fails only when X equals a queried value.
    private mutating func fillQueryInverses(challenge x: Fr) {
        var inverses = lookupState.queryValues.map { x - $0 }
        Fr.batchInvert(&inverses)
        for (k, variable) in lookupState.queryInverses.enumerated() {
            values[variable] = inverses[k]
            if storage == .evaluate {
                let row = lookupState.queryConstraints[k]
                rowA[row] = inverses[k]; rowB[row] = x - lookupState.queryValues[k]; rowC[row] = .one
            }
            if inverses[k].isZero, storage != .record,
               firstViolation == nil || lookupState.queryConstraints[k] < firstViolation!.constraint.index {
                let failure = UnsatisfiedConstraint(index: lookupState.queryConstraints[k], label: prefixed("query"),
                                                    a: .zero, b: .zero, c: .one)
                firstViolation = CircuitCheckFailure(constraint: failure, hints: [], hintFailures: hintFailures)
            }
        }
    }

    /// The challenge the builder draws for its own check when no
    /// ``commitmentChallenge`` is set: Keccak-256 of a domain tag and the
    /// committed values, reduced mod r. A proof cannot use it (the verifier does
    /// not see the values).
    static func checkOnlyChallenge(_ committed: [Fr]) -> Fr {
        var bytes = Array("sheaf/lookup/check-only".utf8)
        bytes.reserveCapacity(bytes.count + 32 * committed.count)
        for v in committed { bytes += v.bigEndianBytes }
        return Fr(reducingBigEndian: Keccak256.hash(bytes))
    }
}

// Range checks as gadgets use them: one entry point that picks bits or lookups,
// and range-checked hints, whose outputs are born as chunks.

/// One output of ``CircuitBuilder/rangeCheckedHint(_:inputs:outputs:_:)``: the
/// hint's value v is proved to satisfy 0 ≤ v + offset < 2^bits.
public struct RangeCheckedOutput: Sendable, Equatable {
    /// The namespace of the output's range check, such as `limb[0]` or `c1/limb[3]`.
    public let label: String
    /// The width of the range.
    public let bits: Int
    /// Added to the value before the check (a carry's lower bound, negated).
    public let offset: Fr

    /// An output checked in [−offset, 2^bits − offset).
    public init(label: String, bits: Int, offset: Fr = .zero) {
        precondition(bits >= 0 && bits <= CircuitBuilder.maxBits, "range-check width \(bits) out of 0...\(CircuitBuilder.maxBits)")
        self.label = label; self.bits = bits; self.offset = offset
    }
}

extension CircuitBuilder {
    /// The namespace of every range-check constraint, which tallies use to split
    /// a gadget's cost into range checks and the rest.
    public static let rangeCheckNamespace = "range"

    /// The label suffix that marks one constraint per range-checked value: the
    /// recomposition of a bit decomposition, the first chunk's query of a lookup.
    public var rangeCheckedValueSuffix: String { lookups == nil ? "recompose" : "chunk[0]" }

    /// Constrains 0 ≤ x < 2^bits under `label`/range: bit decomposition or
    /// lookups, as the builder is configured. A width of 0 constrains x = 0.
    public mutating func rangeCheck(_ x: LinearCombination, bits: Int, _ label: String) {
        precondition(bits >= 0 && bits <= CircuitBuilder.maxBits, "range-check width \(bits) out of 0...\(CircuitBuilder.maxBits)")
        withNamespace(label) { cs in
            cs.withNamespace(Self.rangeCheckNamespace) { cs in
                if bits == 0 {
                    cs.assertEqual(x, .zero, "zero")
                } else {
                    cs.assertRange(x, bits: bits, "bits")
                }
            }
        }
    }

    /// A hint whose outputs are range-checked as they are made.
    ///
    /// With bit decomposition this is ``hint(_:inputs:count:_:)`` followed by
    /// ``rangeCheck(_:bits:_:)`` of each output (plus its offset). With lookups
    /// the hint allocates no variable for an output at all: it allocates the
    /// output's c-bit chunks (the hint's recorded variables) and returns their
    /// weighted sum minus the offset, so a checked value costs its queries only,
    /// not a recomposition constraint. A value outside its range (from a failed
    /// hint or the ``adversary``) puts its top chunk outside the table.
    public mutating func rangeCheckedHint(
        _ name: String, inputs: [LinearCombination], outputs ranges: [RangeCheckedOutput],
        _ compute: ([Fr]) throws(HintError) -> [Fr]
    ) -> [LinearCombination] {
        guard let lookups else {
            let outputs = hint(name, inputs: inputs, count: ranges.count, compute)
            for (out, range) in zip(outputs, ranges) {
                rangeCheck(range.offset.isZero ? out : out + .constant(range.offset), bits: range.bits, range.label)
            }
            return outputs
        }
        let fullName = prefixed(name)
        let values = hintValues(fullName, inputs: inputs, count: ranges.count, compute)
        // Every output's chunks, allocated consecutively so that the hint's record
        // covers them; then the queries.
        let c = lookups.chunkBits
        let first = variableCount
        var chunkSets = [[LinearCombination]]()
        chunkSets.reserveCapacity(ranges.count)
        var results = [LinearCombination]()
        results.reserveCapacity(ranges.count)
        for (i, range) in ranges.enumerated() {
            let n = (range.bits + c - 1) / c
            let chunkValues = mode == .witness && n > 0 ? Self.chunks(of: values[i] + range.offset, count: n, width: c)
                : [Fr](repeating: .zero, count: n)
            var sum = LinearCombination.constant(-range.offset)
            var chunks = [LinearCombination]()
            for j in 0..<n {
                let chunk = allocate(chunkValues[j])
                markCommitted(variableCount - 1)
                chunks.append(chunk)
                sum = sum.adding(chunk, scaledBy: Fr.powerOfTwo(c * j))
            }
            chunkSets.append(chunks)
            results.append(sum)
        }
        hintRecords.append(HintRecord(name: fullName, variables: first..<variableCount))
        for (range, chunks) in zip(ranges, chunkSets) where !chunks.isEmpty {
            let top = range.bits - c * (chunks.count - 1)
            withNamespace(range.label) { cs in
                cs.withNamespace(Self.rangeCheckNamespace) { cs in
                    for (j, chunk) in chunks.enumerated() { cs.lookup(chunk, "chunk[\(j)]") }
                    if top < c { cs.lookup(chunks[chunks.count - 1] * Fr.powerOfTwo(c - top), "chunk[\(chunks.count - 1)]/top") }
                }
            }
        }
        return results
    }
}
