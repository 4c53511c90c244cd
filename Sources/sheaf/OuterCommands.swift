import ArgumentParser
import Foundation
import Sheaf

// Outer proofs from the CLI: `sheaf aggregate --outer DIR` proves, beside the
// bundle, that every application in it verified, and writes DIR:
//   verification_key.json  the outer key (groth16-bsb22, one statement input)
//   proof.json             the outer proof
//   public.json            [root mod 2^253]
//   statements.json        the statement tree: root, and per application its id,
//                          applicationId, keyHash, inputs, statementHash,
//                          leafIndex and siblings (for isSettled)
//   SheafOuterSettlement.vy the settlement contract for this key and size

/// What `--outer` needs: where to write, and where the proving key comes from.
struct OuterOptions {
    var directory: String
    var keyFile: String?
    var insecureSeed: UInt64?
    /// The slots of a fixed-size outer circuit (`--outer-size`; the bundle is
    /// already padded to them), or nil for a circuit of the bundle's own shape.
    var fixedSize: Int? = nil

    /// Proves the bundle's plain entries in one outer proof and writes the
    /// directory; returns the outer key and proof.
    func write(bundle: ProofBundle) throws -> (key: CommittedVerifyingKey, proof: Groth16CommittedProof) {
        let (verifyingKey, outer) = try prove(bundle: bundle, verb: "aggregate")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tree = outer.tree
        let statements = outer.statements
        try writeFileBytes(Array(SnarkJS.encodeCommittedVerifyingKey(verifyingKey)), to: directory + "/verification_key.json", verb: "aggregate")
        try writeFileBytes(Array(SnarkJS.encodeCommittedProof(outer.proof)), to: directory + "/proof.json", verb: "aggregate")
        try writeFileBytes(Array("[\"\(tree.publicInput)\"]\n".utf8), to: directory + "/public.json", verb: "aggregate")
        try writeFileBytes(Self.statementsJSON(outer, ids: bundle.entries.map(\.applicationID)), to: directory + "/statements.json", verb: "aggregate")
        let source = try VyperVerifier.outerSettlementSource(for: verifyingKey, statements: statements.count)
        try writeFileBytes(Array(source.utf8), to: directory + "/SheafOuterSettlement.vy", verb: "aggregate")
        print("wrote outer proof to \(directory): \(statements.count) applications, statement root \(hex(tree.root))")
        if insecureSeed != nil { print("warning: the outer proving key is INSECURE (seed-derived); for tests and demos only") }
        return (verifyingKey, outer.proof)
    }

    /// Proves the bundle's plain entries in one outer proof (timings and peak
    /// memory on standard error) and checks it under its own key; `verb` names
    /// the command in errors. Writes nothing but a new key file, when a seeded
    /// setup was asked to write one.
    func prove(bundle: ProofBundle, verb: String) throws -> (key: CommittedVerifyingKey, proof: OuterProof) {
        guard bundle.committedEntries.isEmpty, bundle.children.isEmpty else {
            throw UserError(verb: verb, message: "--outer takes plain Groth16 applications only (this bundle has commit-and-prove entries or children)",
                            hint: "bundle the commit-and-prove applications separately")
        }
        // Keys in order of first use, as in the bundle.
        var keyOfProof = [Int](), proofs = [Groth16Proof]()
        for entry in bundle.entries {
            guard let proof = entry.proof else {
                throw UserError(verb: verb, message: "\(entry.applicationID)'s proof is inside a SnarkPack aggregate", hint: "use --outer without --srs")
            }
            keyOfProof.append(entry.keyIndex)
            proofs.append(proof)
        }
        let statements = bundle.outerStatements
        // A fixed-size circuit gives each proof a key slot of its own (a shared
        // key is repeated); otherwise the circuit has the bundle's own shape.
        let circuit: OuterCircuit, keys: [VerifyingKey]
        if let fixedSize {
            circuit = try OuterCircuit.fixedSize(slots: fixedSize, publicInputs: bundle.keys[0].publicInputCount)
            keys = keyOfProof.map { bundle.keys[$0] }
        } else {
            circuit = try OuterCircuit(publicInputCounts: bundle.keys.map(\.publicInputCount), keyOfProof: keyOfProof)
            keys = bundle.keys
        }
        let shapeNote = fixedSize.map { "fixed size \($0), " } ?? ""
        var laps = Laps("outer proof")
        // A key file is read beside the witness (PendingProvingKey); a seeded
        // setup comes first.
        let pendingKey = try Self.pendingProvingKey(file: keyFile, insecureSeed: insecureSeed, verb: verb,
                                                    what: "outer proof: INSECURE seeded setup for \(shapeNote)\(statements.count) proofs under \(bundle.keys.count) keys (minutes)…",
                                                    missing: "--outer needs a proving key: --outer-key FILE (an existing .shpk) or --insecure-outer-seed N") {
            try OuterProof.insecureSetup(circuit: circuit, seed: $0)
        }
        if pendingKey.isResolved { laps.lap("proving key") }
        var rng = SystemRandomNumberGenerator()
        let outer: OuterProof
        do {
            outer = try OuterProof.prove(circuit: circuit, pendingKey: pendingKey, keys: keys, proofs: proofs,
                                         statements: statements, using: &rng) { laps.lap($0) }
        } catch let RecursionError.invalidInnerProof(i) {
            throw UserError(verb: verb, message: "application \(bundle.entries[i].applicationID) does not verify; no outer proof was made", hint: "prove it again or leave it out")
        } catch let error as Groth16Error {
            throw UserError(verb: verb, message: "the outer proving key does not fit this bundle (\(error))",
                            hint: "an outer key serves one shape (proofs per key and inputs per key, or a fixed size and input count); make one for this shape or pass the --outer-size it was made for")
        }
        guard let verifyingKey = try pendingKey.wait().committedVerifyingKey else {
            throw UserError(verb: verb, message: "the outer proving key has no commitment part", hint: "make it with --insecure-outer-seed")
        }
        laps.lap("verified")
        guard try outer.verify(key: verifyingKey) else {
            throw UserError(verb: verb, message: "the outer proof does not verify under its own key", hint: "report this as a bug")
        }
        return (verifyingKey, outer)
    }

    /// A proving key read from `file` when it exists, else made by `setup` from
    /// the INSECURE seed (and written to `file` when one is named).
    static func provingKey(file: String?, insecureSeed: UInt64?, verb: String, what: String, missing: String,
                           setup: (UInt64) throws -> ProvingKey) throws -> ProvingKey {
        if let file, FileManager.default.fileExists(atPath: file) {
            let key: ProvingKey
            do { key = try ProvingKeyFile.read(atPath: file) } catch {
                throw UserError(verb: verb, message: "\(file): \(error)", hint: "pass a proving-key file that sheaf wrote")
            }
            warnIfUncontributed(key, file: file)
            return key
        }
        guard let insecureSeed else {
            throw UserError(verb: verb, message: missing,
                            hint: "make an INSECURE key once with the seed option and a key file, then reuse the file")
        }
        StandardError.writeLine(what)
        let key = try setup(insecureSeed)
        if let file { try writeProvingKey(key, to: file, verb: verb) }
        return key
    }

    /// ``provingKey(file:insecureSeed:verb:what:missing:setup:)`` with an
    /// existing file read on another thread (its errors, with the file named,
    /// come from ``PendingProvingKey/wait()``); a seeded setup runs here.
    static func pendingProvingKey(file: String?, insecureSeed: UInt64?, verb: String, what: String, missing: String,
                                  setup: (UInt64) throws -> ProvingKey) throws -> PendingProvingKey {
        guard let file, FileManager.default.fileExists(atPath: file) else {
            return PendingProvingKey(try provingKey(file: file, insecureSeed: insecureSeed, verb: verb, what: what,
                                                    missing: missing, setup: setup))
        }
        let hint = "pass a proving-key file that sheaf wrote"
        // The container and header are checked here, so a file that is not a
        // key is refused before any witness is built; the points after.
        let reading: PendingProvingKey
        do { reading = try ProvingKeyFile.readInBackground(atPath: file) } catch {
            throw UserError(verb: verb, message: "\(file): \(error)", hint: hint)
        }
        return PendingProvingKey {
            let key: ProvingKey
            do { key = try reading.wait() } catch { throw UserError(verb: verb, message: "\(file): \(error)", hint: hint) }
            warnIfUncontributed(key, file: file)
            return key
        }
    }

    /// An initial phase-2 key (sheaf phase2 new) has δ = 1 until contributed to.
    static func warnIfUncontributed(_ key: ProvingKey, file: String) {
        if key.deltaG1 == .generator {
            StandardError.writeLine("warning: \(file) has δ = 1 (a phase-2 key nobody contributed to): anyone can forge proofs under it")
        }
    }

    /// The outer key and proof that `--outer DIR` wrote, decoded with the usual checks.
    static func load(_ directory: String, verb: String) throws -> (key: CommittedVerifyingKey, proof: Groth16CommittedProof) {
        let key = try loadSnarkJS(directory + "/verification_key.json", verb: verb, SnarkJS.decodeCommittedVerifyingKey)
        let proof = try loadSnarkJS(directory + "/proof.json", verb: verb, SnarkJS.decodeCommittedProof)
        guard key.publicInputCount == OuterCircuit.publicInputCount else {
            throw UserError(verb: verb, message: "\(directory)/verification_key.json takes \(key.publicInputCount) statement inputs; an outer key takes 1 (the statement root)",
                            hint: "pass the directory that sheaf aggregate --outer wrote")
        }
        return (key, proof)
    }

    /// `sheaf settle --outer`: DIR/settle-outer.hex (settleOuter's calldata) and
    /// DIR/plan.json, after checking the outer proof on the bundle's statements.
    /// With `notify` (a receivers file, ``receivers(file:ids:)``), also
    /// DIR/settle-notify.hex: settleAndNotify's calldata for the outer notifier.
    static func writeSettlement(bundle: ProofBundle, outer: String?, out: String, schedule: ForkSchedule,
                                notify: String? = nil) throws {
        let (key, proof): (CommittedVerifyingKey, Groth16CommittedProof)
        if let outer { (key, proof) = try load(outer, verb: "settle") } else if let carried = bundle.outerProof {
            (key, proof) = (carried.key, carried.proof)
        } else {
            throw UserError(verb: "settle", message: "the bundle carries no outer proof", hint: "pass --outer DIR or aggregate with --outer")
        }
        guard bundle.committedEntries.isEmpty, bundle.children.isEmpty else {
            throw UserError(verb: "settle", message: "outer proofs cover plain Groth16 bundles without children", hint: "settle without --outer")
        }
        let outerProof = OuterProof(statements: bundle.outerStatements, proof: proof)
        let ids = bundle.entries.map(\.applicationID)
        // The receivers file is checked before any proof work or output.
        let receivers = try notify.map { try Self.receivers(file: $0, ids: ids) }
        if receivers != nil, outerProof.statements.count > VyperVerifier.notifierMaximumStatements {
            throw UserError(verb: "settle", message: "--notify: an outer notifier takes at most \(VyperVerifier.notifierMaximumStatements) applications, this outer proof has \(outerProof.statements.count)",
                            hint: "settle with settleOuter and isSettled (leave out --notify)")
        }
        guard try outerProof.verify(key: key) else {
            throw UserError(verb: "settle", message: "the outer proof in \(outer ?? "the bundle") does not verify on this bundle's statements",
                            hint: "settle the bundle it was made for, or make it again with sheaf aggregate --outer")
        }
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw UserError(verb: "settle", message: "cannot create '\(out)'", hint: "check the path")
        }
        let planned = try writePlan(outerProof, ids: ids, manifestRoot: bundle.manifestRoot,
                                    to: out, schedule: schedule, receivers: receivers)
        let settleGas = planned.settleGas
        let n = outerProof.statements.count
        let tree = outerProof.tree
        print("wrote \(out): 1 settleOuter transaction for \(n) statement(s), expected \(settleGas) gas to settle (\(settleGas / n) per statement) on \(schedule.name)")
        print("root: \(hex(tree.root)) (the outer proof's statement root; open it on the outer settlement contract)")
        if let notify = planned.notifyGas {
            print("settle-notify.hex: settleAndNotify on the outer notifier instead of settleOuter, the same root: expected \(notify) gas with receivers that only check their caller (\(notify / n) per statement), each receiver's own work on top")
        }
    }

    /// The receivers file of `settle --notify`: a JSON object from application
    /// id to receiver address ("0x" and 40 hex digits). One receiver (or nil)
    /// per bundle entry, in order; an id's repeats (a padded bundle) get nil,
    /// so each receiver hears its statement once. Ids that are not the bundle's,
    /// addresses that are not addresses and files that are not such an object
    /// are refused with the file named.
    static func receivers(file: String, ids: [String]) throws -> [[UInt8]?] {
        let fail = { (message: String) in
            UserError(verb: "settle", message: "\(file): \(message)",
                      hint: "write a JSON object from application id to receiver address, e.g. {\"rollup\": \"0x00000000000000000000000000000000000000a1\"}")
        }
        let bytes: [UInt8]
        do { bytes = try BoundedFile.read(atPath: file, limit: 1 << 20) } catch {
            throw UserError(verb: "settle", message: "\(file): \(error)", hint: "check the path (a receivers file is at most 1 MiB)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        var addresses = [String: [UInt8]]()
        for (id, value) in object {
            guard ids.contains(id) else { throw fail("'\(id.prefix(80))' is not an application of this bundle") }
            guard let text = value as? String, text.hasPrefix("0x"), text.count == 42,
                  let address = try? Hex.decode(text), address.count == 20 else {
                throw fail("the receiver of '\(id.prefix(80))' is not an address (0x and 40 hex digits)")
            }
            guard address.contains(where: { $0 != 0 }) else {
                throw fail("the receiver of '\(id.prefix(80))' is the zero address, which the notifier skips (leave the application out instead)")
            }
            addresses[id] = address
        }
        var seen = Set<String>()
        return ids.map { id in seen.insert(id).inserted ? addresses[id] : nil }
    }

    /// Writes `out`/settle-outer.hex (settleOuter's calldata) and `out`/plan.json
    /// (the transaction with its predicted gas, and per application its share,
    /// opening and isSettled call with its predicted gas) for this outer proof;
    /// with `receivers` (one per statement, nil for none) also
    /// `out`/settle-notify.hex, settleAndNotify's calldata, and plan.json's
    /// "notify" entry. Returns the predicted gas of settleOuter, of each
    /// isSettled call and of settleAndNotify (nil without receivers).
    @discardableResult
    static func writePlan(_ outerProof: OuterProof, ids: [String], manifestRoot: [UInt8], to out: String,
                          schedule: ForkSchedule, receivers: [[UInt8]?]? = nil) throws -> (settleGas: Int, isSettledGas: [Int], notifyGas: Int?) {
        let tree = outerProof.tree
        let calldata = OuterSettlementCalldata.settle(root: tree.root, proof: outerProof.proof)
        let settleGas = try OuterSettlementGas.settle(calldata: calldata, schedule: schedule)
        try writeFileBytes(Array((hex(calldata) + "\n").utf8), to: "\(out)/settle-outer.hex", verb: "settle")
        let n = outerProof.statements.count
        var isSettledGas = [Int]()
        let applications = outerProof.statements.enumerated().map { i, s -> [String: Any] in
            let path = tree.inclusionProof(i)
            let call = SettlementCalldata.isSettled(root: tree.root, applicationIDHash: s.applicationId, statementHash: s.statementHash, path: path)
            let levels = path.siblings.compactMap { $0 }.count
            isSettledGas.append((try? OuterSettlementGas.isSettled(calldata: call, levels: levels, schedule: schedule)) ?? 0)
            return ["id": ids[i], "gasShare": settleGas / n, "applicationId": hex(s.applicationId),
                    "statementHash": hex(s.statementHash), "root": hex(tree.root), "leafIndex": i,
                    "siblings": path.siblings.compactMap { $0 }.map(hex), "isSettledCalldata": hex(call),
                    "isSettledGas": isSettledGas[i]]
        }
        var notifyGas: Int? = nil
        var document: [String: Any] = [
            "fork": schedule.name, "mode": "outer", "transactionGasCap": schedule.maximumTransactionGas,
            "bundleManifestRoot": hex(manifestRoot), "statementRoot": hex(tree.root), "split": false, "dropped": [Int](),
            "transactions": [["file": "settle-outer.hex", "function": "settleOuter", "root": hex(tree.root), "statements": n,
                              "expectedGas": settleGas]],
            "applications": applications, "settleGas": settleGas,
        ]
        if let receivers {
            // The alternative to settle-outer.hex, sent to the notifier: the
            // same root, settled from the statements, each receiver called.
            let statements = outerProof.statements.map { (applicationId: $0.applicationId, statementHash: $0.statementHash) }
            let call = OuterSettlementCalldata.settleAndNotify(proof: outerProof.proof, statements: statements, receivers: receivers)
            try writeFileBytes(Array((hex(call) + "\n").utf8), to: "\(out)/settle-notify.hex", verb: "settle")
            // Predicted for receivers that check their caller and id and do
            // nothing else (the calibration's); a receiver's own work adds to it.
            let gas = try OuterSettlementGas.settleAndNotify(calldata: call, statements: receivers.count,
                                                             receivers: receivers.compactMap { $0 }.count, schedule: schedule)
            notifyGas = gas
            document["notify"] = ["file": "settle-notify.hex", "function": "settleAndNotify", "instead": "settle-outer.hex",
                                  "receivers": receivers.map { $0.map(hex) ?? "0x" + String(repeating: "0", count: 40) },
                                  "receiverGas": OuterSettlementCalldata.notifierReceiverGas,
                                  "expectedGas": gas] as [String: Any]
        }
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try writeFileBytes(Array(data) + [10], to: "\(out)/plan.json", verb: "settle")
        return (settleGas, isSettledGas, notifyGas)
    }

    /// statements.json: the root and each application's opening.
    static func statementsJSON(_ outer: OuterProof, ids: [String]) -> [UInt8] {
        let tree = outer.tree
        let items: [[String: Any]] = outer.statements.enumerated().map { i, s in
            let path = tree.inclusionProof(i)
            return ["id": ids[i], "applicationId": hex(s.applicationId), "keyHash": hex(s.keyHash.bigEndianBytes),
                    "publicInputs": s.publicInputs.map { "\($0)" }, "statementHash": hex(s.statementHash),
                    "leafIndex": i, "siblings": path.siblings.compactMap { $0.map(hex) }]
        }
        let object: [String: Any] = ["root": hex(tree.root), "publicInput": "\(tree.publicInput)", "count": items.count, "statements": items]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [0x0a]
    }
}
