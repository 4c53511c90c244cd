import SheafCurve
import SheafField
import SheafGroth16

/// The Vyper source of a Groth16 verifier for one verifying key, as
/// `snarkjs zkey export solidityverifier` writes a Solidity one: the key's points
/// are compile-time constants and the ABI is snarkjs's
/// `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[ℓ] input) -> bool`.
///
/// The source is `Contracts/Groth16Verifier.vy.template` with the key filled in;
/// ``template`` holds that file's text (a test checks the two are identical).
/// Template language: `{{NAME}}` is a decimal integer; a line `{{#S}}` opens
/// section S and `{{/S}}` closes it. `ELL_POS` is kept when ℓ ≥ 1 and `ELL_ZERO`
/// when ℓ = 0; `IC_DECL`, `IC_CHECK`, `IC_OPEN` and `IC_CLOSE` each repeat for
/// j = 1…ℓ, with `J`, `JM1` (j − 1), `ICJ_X`, `ICJ_Y` bound to IC[j].
public enum VyperVerifier {
    /// The Vyper source of the verifier for `key`.
    public static func source(for key: VerifyingKey) -> String {
        let (values, sections) = templateValues(key, inputs: key.publicInputCount)
        return render(template, values, sections)
    }

    /// The Vyper source of the commit-and-prove verifier for `key`:
    /// `Contracts/Groth16CommittedVerifier.vy.template` (``committedTemplate``)
    /// with the key filled in. Its ABI is
    /// `verifyProof(uint256[2] a, uint256[2][2] b, uint256[2] c, uint256[2] commitment,
    /// uint256[2] knowledgeProof, uint256[ℓ] input) -> bool`, ℓ the statement's
    /// inputs; the contract computes the lookup challenge from the commitment.
    public static func source(for key: CommittedVerifyingKey) -> String {
        let ell = key.publicInputCount
        var (values, sections) = templateValues(key.base, inputs: ell)
        let x = words(key.base.ic[ell + 1].evmBytes)
        values["ICX_X"] = x[0]; values["ICX_Y"] = x[1]
        g2(&values, "G", key.g); g2(&values, "GSN", key.gSigmaNeg)
        return render(committedTemplate, values, sections)
    }

    /// The Vyper source of the outer settlement contract for an outer key and
    /// bundle size: `Contracts/SheafOuterSettlement.vy.template`
    /// (``outerSettlementTemplate``) with the key and `statements` filled in.
    /// Its ABI is `settleOuter(bytes32 root, uint256[2] a, uint256[2][2] b,
    /// uint256[2] c, uint256[2] commitment, uint256[2] knowledgeProof) -> bool`
    /// and `isSettled(bytes32, bytes32, bytes32, uint256, bytes32[]) -> bool`.
    ///
    /// - Throws: ``OuterKeyError`` unless the key takes one statement input (the
    ///   root) and its Pedersen base g is γ (the contract's five-pair check
    ///   relies on it), or `statements` is outside 1…256 (the tree depth
    ///   `isSettled` walks).
    ///
    /// - Parameter childLeaves: for a nested outer key, the statements of each
    ///   child (its root's tree joins `statements / childLeaves` child trees);
    ///   nil for an outer key over applications directly.
    public static func outerSettlementSource(for key: CommittedVerifyingKey, statements: Int,
                                             childLeaves: Int? = nil) throws(OuterKeyError) -> String {
        guard let childLeaves else { return try outerSettlementSource(for: key, statements: statements, levels: [statements]) }
        let levels = childLeaves >= 1 && statements % childLeaves == 0 ? [childLeaves, statements / childLeaves] : []
        do { return try outerSettlementSource(for: key, statements: statements, levels: levels) } catch {
            if case .unsupportedLevels = error { throw .unsupportedChildLeaves(childLeaves, statements: statements) }
            throw error
        }
    }

    /// ``outerSettlementSource(for:statements:childLeaves:)`` for a tree of
    /// outer proofs of any depth (``NestedStatementTree``'s widths, bottom up):
    /// `levels[0]` statements per outer proof, then the children per proof at
    /// each level above; `[statements]` for an outer key over applications
    /// directly.
    ///
    /// - Throws: as there, and ``OuterKeyError/unsupportedLevels(_:statements:)``
    ///   unless the widths multiply to `statements`, the levels above the first
    ///   have 1 to 16 children each, and there are at most 8 levels.
    public static func outerSettlementSource(for key: CommittedVerifyingKey, statements: Int,
                                             levels: [Int]) throws(OuterKeyError) -> String {
        guard key.publicInputCount == 1 else { throw .notAnOuterKey("it takes \(key.publicInputCount) statement inputs, an outer key takes 1 (the root)") }
        guard key.g == key.base.gamma else { throw .notAnOuterKey("its Pedersen base g is not gamma") }
        guard (1...256).contains(statements) else { throw .unsupportedStatementCount(statements) }
        // Each width bounded first, so that their product cannot overflow.
        guard (1...8).contains(levels.count), (1...256).contains(levels[0]), levels.dropFirst().allSatisfy({ (1...16).contains($0) }),
              levels.reduce(1, { $0 * $1 }) == statements else {
            throw .unsupportedLevels(levels, statements: statements)
        }
        var (values, sections) = templateValues(key.base, inputs: 1)
        let x = words(key.base.ic[2].evmBytes)
        values["ICX_X"] = x[0]; values["ICX_Y"] = x[1]
        values["N"] = "\(statements)"
        if levels.count == 1 {
            values["LEAF_POSITION"] = "leafIndex"; values["LEAF_TREE_SIZE"] = "N"; values["MAX_SIBLINGS"] = "8"
        } else {
            // The top level's children hold CHILD_LEAVES statements each; the
            // levels between are placed by their widths, written out.
            let childLeaves = statements / levels.last!
            values["MAX_SIBLINGS"] = "16"
            sections["NESTED"] = [["CHILD_LEAVES": "\(childLeaves)"]]
            var between = [[String: String]](), below = levels[0]
            if levels.count == 2 {
                values["LEAF_POSITION"] = "leafIndex % CHILD_LEAVES"; values["LEAF_TREE_SIZE"] = "CHILD_LEAVES"
            } else {
                values["LEAF_POSITION"] = "leafIndex % \(levels[0])"; values["LEAF_TREE_SIZE"] = "\(levels[0])"
                for width in levels.dropFirst().dropLast() {
                    between.append(["LEVEL_NODES": "the roots of \(width) proofs of \(below) statements each",
                                    "LEVEL_POSITION": "(leafIndex // \(below)) % \(width)", "LEVEL_WIDTH": "\(width)"])
                    below *= width
                }
            }
            sections["LEVELS"] = between + [["LEVEL_NODES": "the N / CHILD_LEAVES child roots",
                                             "LEVEL_POSITION": "leafIndex // CHILD_LEAVES", "LEVEL_WIDTH": "N // CHILD_LEAVES"]]
        }
        g2(&values, "GSN", key.gSigmaNeg)
        return render(outerSettlementTemplate, values, sections)
    }

    /// Why a key cannot be rendered into an outer settlement contract.
    public enum OuterKeyError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The key is not an outer key.
        case notAnOuterKey(String)
        /// The bundle size is outside 1…256.
        case unsupportedStatementCount(Int)
        /// A nested key's child size does not divide the bundle size into 1…16 children.
        case unsupportedChildLeaves(Int, statements: Int)
        /// A tree's widths do not multiply to the bundle size, or a level above
        /// the first is outside 1…16 children, or there are more than 8 levels.
        case unsupportedLevels([Int], statements: Int)
        /// A notifier's bundle size is outside 1…``VyperVerifier/notifierMaximumStatements``.
        case unsupportedNotifierStatementCount(Int)

        public var description: String {
            switch self {
            case let .notAnOuterKey(reason): return "not an outer verifying key: \(reason)"
            case let .unsupportedStatementCount(n): return "\(n) statements: an outer settlement contract takes 1 to 256"
            case let .unsupportedChildLeaves(c, n): return "children of \(c) statements cannot make up \(n) statements in 1 to 16 children"
            case let .unsupportedNotifierStatementCount(n):
                return "\(n) statements: an outer notifier takes 1 to \(VyperVerifier.notifierMaximumStatements)"
            case let .unsupportedLevels(levels, n):
                return "a tree of widths \(levels) cannot hold \(n) statements (their product must be \(n), 1 to 16 children a level above the first, at most 8 levels)"
            }
        }
    }

    /// The scalars and sections both templates share, for a key whose first
    /// `inputs` IC points after IC[0] belong to the statement's inputs.
    static func templateValues(_ key: VerifyingKey, inputs ell: Int) -> ([String: String], [String: [[String: String]]]) {
        var values: [String: String] = ["L": "\(ell)", "KL": "\(384 + 32 * ell)"]
        let alpha = words(key.alpha.evmBytes), ic0 = words(key.ic[0].evmBytes)
        values["ALPHA_X"] = alpha[0]; values["ALPHA_Y"] = alpha[1]
        values["IC0_X"] = ic0[0]; values["IC0_Y"] = ic0[1]
        g2(&values, "BETA", key.beta); g2(&values, "GAMMA", key.gamma); g2(&values, "DELTA", key.delta)
        let perInput: [[String: String]] = (1...max(ell, 1)).compactMap { j in
            guard j <= ell else { return nil }
            let w = words(key.ic[j].evmBytes)
            return ["J": "\(j)", "JM1": "\(j - 1)", "ICJ_X": w[0], "ICJ_Y": w[1]]
        }
        let sections: [String: [[String: String]]] = [
            "ELL_POS": ell > 0 ? [[:]] : [], "ELL_ZERO": ell == 0 ? [[:]] : [],
            "IC_DECL": perInput, "IC_CHECK": perInput, "IC_OPEN": perInput, "IC_CLOSE": perInput,
        ]
        return (values, sections)
    }

    /// A G2 point's four words under `NAME_X1`, `NAME_X0`, `NAME_Y1`, `NAME_Y0` (EIP-197 order).
    static func g2(_ values: inout [String: String], _ name: String, _ p: G2Affine) {
        let w = words(p.evmBytes)   // x.c1, x.c0, y.c1, y.c0
        values[name + "_X1"] = w[0]; values[name + "_X0"] = w[1]; values[name + "_Y1"] = w[2]; values[name + "_Y0"] = w[3]
    }

    /// `text` rendered with `values` and `sections`.
    static func render(_ text: String, _ values: [String: String], _ sections: [String: [[String: String]]]) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return render(lines[...], values, sections).joined(separator: "\n")
    }

    /// 32-byte big-endian words as decimal strings.
    static func words(_ bytes: [UInt8]) -> [String] {
        stride(from: 0, to: bytes.count, by: 32).map { decimal(Array(bytes[$0..<$0 + 32])) }
    }

    /// A big-endian byte string as a decimal number (for constants in generated sources).
    public static func decimal(_ bytes: [UInt8]) -> String {
        var digits = [UInt8]()   // little-endian base 10
        for byte in bytes {
            var carry = Int(byte)
            for i in digits.indices {
                let v = Int(digits[i]) * 256 + carry
                digits[i] = UInt8(v % 10); carry = v / 10
            }
            while carry > 0 { digits.append(UInt8(carry % 10)); carry /= 10 }
        }
        return digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
    }

    /// Renders `lines`: sections are expanded once per context in `sections`
    /// (none: dropped), then `{{NAME}}` placeholders are replaced.
    static func render(_ lines: ArraySlice<String>, _ values: [String: String],
                       _ sections: [String: [[String: String]]]) -> [String] {
        var out = [String]()
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            if line.hasPrefix("{{#"), line.hasSuffix("}}") {
                let name = String(line.dropFirst(3).dropLast(2))
                guard let end = lines[(i + 1)...].firstIndex(of: "{{/\(name)}}") else {
                    preconditionFailure("the verifier template does not close section \(name)")
                }
                for context in sections[name] ?? [] {
                    out += render(lines[(i + 1)..<end], values.merging(context) { $1 }, sections)
                }
                i = end + 1
                continue
            }
            out.append(substitute(line, values))
            i += 1
        }
        return out
    }

    /// `line` with each `{{NAME}}` replaced by its value.
    static func substitute(_ line: String, _ values: [String: String]) -> String {
        guard line.contains("{{") else { return line }
        var result = "", rest = Substring(line)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else { preconditionFailure("the verifier template has no value for \(name)") }
            result += value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
