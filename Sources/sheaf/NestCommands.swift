import ArgumentParser
import Foundation
import Sheaf

// Nested outer proofs from the CLI: `sheaf nest --child DIR --child DIR … --out DIR`
// proves that every child outer proof (directories `sheaf aggregate --outer`
// wrote, all under one outer key, or directories `sheaf nest` wrote, all under
// one nested key: trees of any depth) verified, and writes DIR:
//   verification_key.json   the nested key (groth16-bsb22, one statement input)
//   proof.json, public.json the nested proof and [nested root mod 2^253]
//   statements.json         the nested root, childLeaves, children, childRoots,
//                           levels (the tree's widths, bottom up), and per
//                           application its opening to the nested root
//                           (leafIndex = child · childLeaves + index in child)
//   SheafOuterSettlement.vy the settlement contract (NESTED section rendered)
//   settle-outer.hex        settleOuter's calldata, with its expected gas printed
// `sheaf verify-nested DIR` checks such a directory natively.

/// A child directory, checked: its key, proof, statements and root.
struct OuterDirectory {
    var key: CommittedVerifyingKey
    var proof: Groth16CommittedProof
    var statements: [OuterStatement]
    var ids: [String]
    /// The statement tree: one level for an outer proof's directory, one more
    /// per nesting for a nested one's.
    var tree: NestedStatementTree

    /// Reads DIR (written by `aggregate --outer` or by `nest`), recomputing its
    /// root from its statements and refusing a directory whose listing disagrees.
    static func load(_ directory: String, verb: String) throws -> OuterDirectory {
        let (key, proof) = try OuterOptions.load(directory, verb: verb)
        let file = directory + "/statements.json"
        let listing = try readStatements(file, verb: verb)
        let (statements, ids) = try parseStatements(listing, file: file, verb: verb)
        let levels = listing["childLeaves"] == nil ? [statements.count] : try nestedLevels(listing, statements: statements.count, file: file, verb: verb)
        guard let tree = NestedStatementTree(statements, levels: levels) else {
            throw UserError(verb: verb, message: "\(file): levels \(levels) do not hold its \(statements.count) statements", hint: "pass a directory sheaf wrote")
        }
        guard listing["root"] as? String == hex(tree.root) else {
            throw UserError(verb: verb, message: "\(directory)/statements.json lists a root that its statements do not hash to",
                            hint: "use the directory sheaf aggregate --outer wrote, unedited")
        }
        return OuterDirectory(key: key, proof: proof, statements: statements, ids: ids, tree: tree)
    }

    /// A nested statements.json's widths, bottom up: its "levels" (written since
    /// trees could be deeper than two levels), or childLeaves and children.
    static func nestedLevels(_ listing: [String: Any], statements: Int, file: String, verb: String) throws -> [Int] {
        func bad(_ what: String) -> UserError { UserError(verb: verb, message: "\(file): \(what)", hint: "pass a directory sheaf nest wrote") }
        guard let childLeaves = listing["childLeaves"] as? Int, let children = listing["children"] as? Int,
              (1...256).contains(childLeaves), (1...NestedOuterCircuit.maximumChildren).contains(children) else {
            throw bad("no valid childLeaves and children")
        }
        guard statements == childLeaves * children else { throw bad("\(statements) statements, not \(children) children of \(childLeaves)") }
        guard let listed = listing["levels"] else { return [childLeaves, children] }
        // Each width bounded first, so that their product cannot overflow.
        guard let levels = listed as? [Int], (2...8).contains(levels.count), levels.last == children,
              levels.allSatisfy({ (1...256).contains($0) }), levels.dropLast().reduce(1, { $0 * $1 }) == childLeaves else {
            throw bad("levels must list 2 to 8 widths, the last the children, the others multiplying to childLeaves")
        }
        return levels
    }

    static func readStatements(_ path: String, verb: String) throws -> [String: Any] {
        let data: Data
        do throws(Groth16Error) { data = try SnarkJS.readFile(atPath: path) } catch {
            throw UserError(verb: verb, message: "\(error)", hint: "check the path")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw UserError(verb: verb, message: "\(path) is not a JSON object", hint: "pass a statements.json that sheaf wrote")
        }
        return object
    }

    /// The statements of a statements.json, each field checked.
    static func parseStatements(_ listing: [String: Any], file: String, verb: String) throws -> ([OuterStatement], [String]) {
        func bad(_ what: String) -> UserError {
            UserError(verb: verb, message: "\(file): \(what)", hint: "pass a statements.json that sheaf wrote")
        }
        guard let items = listing["statements"] as? [[String: Any]], !items.isEmpty, items.count <= 256 else {
            throw bad("\"statements\" must list 1 to 256 statements")
        }
        var statements = [OuterStatement](), ids = [String]()
        for (i, item) in items.enumerated() {
            guard let id = item["id"] as? String, let appHex = item["applicationId"] as? String,
                  let appId = try? Hex.decode(appHex), appId.count == 32 else { throw bad("statement \(i) has no valid id and 32-byte applicationId") }
            guard let keyHex = item["keyHash"] as? String, let keyBytes = try? Hex.decode(keyHex), keyBytes.count == 32,
                  let keyHash = try? Fr(bigEndianBytes: keyBytes) else { throw bad("statement \(i)'s keyHash is not a 32-byte element below r") }
            guard let inputs = item["publicInputs"] as? [String], inputs.count <= 32 else { throw bad("statement \(i)'s publicInputs is not a list of up to 32 decimals") }
            var values = [Fr]()
            for text in inputs {
                guard let x = try? Fr(decimal: text) else { throw bad("statement \(i) has an input that is not a decimal below r: \(text.prefix(80))") }
                values.append(x)
            }
            statements.append(OuterStatement(applicationId: appId, keyHash: keyHash, publicInputs: values))
            ids.append(id)
        }
        return (statements, ids)
    }
}

/// `sheaf nest`: a nested outer proof over outer proofs.
struct NestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest",
        abstract: "Prove, in one nested outer proof, that several outer proofs (from sheaf aggregate --outer, one outer key) verified.",
        discussion: "The nested root is the SHA-256 tree over the children's statement roots, so every application opens it with the same isSettled call as before, through its child. The nested key is made once (INSECURE, --insecure-seed) and cached with --key.")

    @Option(name: .long, help: ArgumentHelp("A child outer-proof directory (repeat; all under one outer key, of one size).", valueName: "DIR"))
    var child: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where to write the nested proof.", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("The nested proving key (.shpk): read when it exists, else written after --insecure-seed makes it.", valueName: "FILE"))
    var key: String?

    @Option(name: .long, help: ArgumentHelp("Make an INSECURE seed-derived nested proving key (tests and demos only).", valueName: "N"))
    var insecureSeed: UInt64?

    @Option(name: .long, help: "The fork whose gas schedule prices settleOuter.")
    var fork: String = ForkSchedule.latest.name

    func run() throws {
        try reportingErrors("nest") {
            let schedule = try namedSchedule(fork, verb: "nest")
            guard !child.isEmpty else { throw UserError(verb: "nest", message: "no --child given", hint: "pass --child DIR once per outer proof") }
            let children = try child.map { try OuterDirectory.load($0, verb: "nest") }
            let childKey = children[0].key
            for (i, c) in children.enumerated() where c.key != childKey {
                throw UserError(verb: "nest", message: "\(child[i]) is under another outer key than \(child[0])", hint: "nest outer proofs of one key")
            }
            let childLeaves = children[0].statements.count
            for (i, c) in children.enumerated() where c.tree.levels != children[0].tree.levels {
                throw UserError(verb: "nest", message: "\(child[i]) covers \(c.statements.count) statements in levels \(c.tree.levels), \(child[0]) \(childLeaves) in \(children[0].tree.levels)",
                                hint: "children of one key have one shape")
            }
            let levels = children[0].tree.levels + [children.count]
            guard levels.count <= 8, childLeaves * children.count <= 256 else {
                throw UserError(verb: "nest", message: "the tree would have \(levels.count) levels and \(childLeaves * children.count) applications; a settlement contract takes at most 8 and 256",
                                hint: "nest fewer or smaller children")
            }
            let circuit: NestedOuterCircuit
            do { circuit = try NestedOuterCircuit(childKey: childKey, childCount: children.count) } catch {
                throw UserError(verb: "nest", message: "\(error)", hint: "pass 1 to \(NestedOuterCircuit.maximumChildren) outer proofs")
            }
            let nestedChildren = children.map { NestedOuterChild(proof: $0.proof, root: $0.tree.root) }
            do { try NestedOuterProof.checkChildren(circuit: circuit, children: nestedChildren) } catch {
                if case let RecursionError.invalidInnerProof(i) = error {
                    throw UserError(verb: "nest", message: "the outer proof in \(child[i]) does not verify on its statements; no nested proof was made",
                                    hint: "make it again with sheaf aggregate --outer")
                }
                throw UserError(verb: "nest", message: "\(error)", hint: "check the child directories")
            }
            var laps = Laps("nested proof")
            // A key file is read beside the witness, as for sheaf aggregate --outer.
            let pendingKey = try OuterOptions.pendingProvingKey(file: key, insecureSeed: insecureSeed, verb: "nest",
                                                                what: "nested proof: INSECURE seeded setup for \(children.count) \(levels.count == 2 ? "outer" : "nested") proofs (minutes)…",
                                                                missing: "nest needs a proving key: --key FILE (an existing .shpk) or --insecure-seed N") {
                try NestedOuterProof.insecureSetup(circuit: circuit, seed: $0)
            }
            if pendingKey.isResolved { laps.lap("proving key") }
            var rng = SystemRandomNumberGenerator()
            let nested: NestedOuterProof
            do {
                nested = try NestedOuterProof.prove(circuit: circuit, pendingKey: pendingKey, children: nestedChildren, using: &rng) { laps.lap($0) }
            } catch let error as Groth16Error {
                throw UserError(verb: "nest", message: "the nested proving key does not fit these children (\(error))",
                                hint: "a nested key serves one child key and one number of children")
            }
            guard let verifyingKey = try pendingKey.wait().committedVerifyingKey else {
                throw UserError(verb: "nest", message: "the nested proving key has no commitment part", hint: "make it with --insecure-seed")
            }
            laps.lap("verified")
            guard try nested.verify(key: verifyingKey) else {
                throw UserError(verb: "nest", message: "the nested proof does not verify under its own key", hint: "report this as a bug")
            }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try writeFileBytes(Array(SnarkJS.encodeCommittedVerifyingKey(verifyingKey)), to: out + "/verification_key.json", verb: "nest")
            try writeFileBytes(Array(SnarkJS.encodeCommittedProof(nested.proof)), to: out + "/proof.json", verb: "nest")
            try writeFileBytes(Array("[\"\(nested.publicInput)\"]\n".utf8), to: out + "/public.json", verb: "nest")
            try writeFileBytes(Self.statementsJSON(nested, children: children), to: out + "/statements.json", verb: "nest")
            let total = childLeaves * children.count
            let source = try VyperVerifier.outerSettlementSource(for: verifyingKey, statements: total, levels: levels)
            try writeFileBytes(Array(source.utf8), to: out + "/SheafOuterSettlement.vy", verb: "nest")
            let calldata = OuterSettlementCalldata.settle(root: nested.root, proof: nested.proof)
            try writeFileBytes(Array((hex(calldata) + "\n").utf8), to: out + "/settle-outer.hex", verb: "nest")
            let gas = try OuterSettlementGas.settle(calldata: calldata, schedule: schedule)
            print("wrote nested proof to \(out): \(children.count) \(levels.count == 2 ? "outer" : "nested") proofs of \(childLeaves) applications, \(levels.count) levels, nested root \(hex(nested.root))")
            print("settle-outer.hex: expected \(gas) gas to settle on \(schedule.name) (\(gas / total) per application)")
            if insecureSeed != nil { print("warning: the nested proving key is INSECURE (seed-derived); for tests and demos only") }
        }
    }

    /// statements.json of a nested proof: every application's opening to the nested root.
    static func statementsJSON(_ nested: NestedOuterProof, children: [OuterDirectory]) -> [UInt8] {
        let childLeaves = children[0].statements.count
        var items = [[String: Any]]()
        for (c, child) in children.enumerated() {
            for (j, s) in child.statements.enumerated() {
                let childSiblings = child.tree.siblings(forLeaf: j)
                items.append(["id": child.ids[j], "child": c, "applicationId": hex(s.applicationId), "keyHash": hex(s.keyHash.bigEndianBytes),
                              "publicInputs": s.publicInputs.map { "\($0)" }, "statementHash": hex(s.statementHash),
                              "leafIndex": c * childLeaves + j,
                              "siblings": nested.siblings(child: c, childSiblings: childSiblings).map(hex)])
            }
        }
        let object: [String: Any] = ["root": hex(nested.root), "publicInput": "\(nested.publicInput)", "count": items.count,
                                     "childLeaves": childLeaves, "children": children.count, "levels": children[0].tree.levels + [children.count],
                                     "childRoots": children.map { hex($0.tree.root) }, "statements": items]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [0x0a]
    }
}

/// `sheaf verify-nested DIR`: a nested proof checked on the statements it lists.
struct VerifyNestedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-nested",
        abstract: "Verify a nested outer proof (the directory sheaf nest wrote) on the statements it lists.",
        discussion: "Each child's statement root is recomputed from its statements, the nested root from the child roots, and the nested proof checked on it. Exits 1 when the proof does not verify.")

    @Argument(help: ArgumentHelp("The directory sheaf nest wrote.", valueName: "DIR"))
    var directory: String

    func run() throws {
        try reportingErrors("verify-nested") {
            let (key, proof) = try OuterOptions.load(directory, verb: "verify-nested")
            let file = directory + "/statements.json"
            let listing = try OuterDirectory.readStatements(file, verb: "verify-nested")
            guard listing["childLeaves"] != nil else {
                throw UserError(verb: "verify-nested", message: "\(file) has no valid childLeaves and children", hint: "pass a directory sheaf nest wrote")
            }
            let (statements, _) = try OuterDirectory.parseStatements(listing, file: file, verb: "verify-nested")
            let levels = try OuterDirectory.nestedLevels(listing, statements: statements.count, file: file, verb: "verify-nested")
            guard let tree = NestedStatementTree(statements, levels: levels) else {
                throw UserError(verb: "verify-nested", message: "\(file): levels \(levels) do not hold its statements", hint: "pass a directory sheaf nest wrote")
            }
            let count = levels.last!, childLeaves = statements.count / count
            let nested = NestedOuterProof(children: tree.childRoots.map { NestedOuterChild(proof: proof, root: $0) }, proof: proof)
            let valid = try nested.verify(key: key)
            print(valid ? "valid: nested proof over \(count) \(levels.count == 2 ? "outer" : "nested") proofs of \(childLeaves) applications, root \(hex(nested.root))"
                        : "invalid: the nested proof does not verify on these statements")
            if !valid { throw ExitCode(1) }
        }
    }
}
