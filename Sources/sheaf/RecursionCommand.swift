import ArgumentParser
import Foundation
import Sheaf

/// `sheaf recursion`: the in-circuit verifier's building blocks (issue 14).
struct RecursionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recursion",
        abstract: "Emulated BN254 base-field arithmetic for proving Groth16 verification in a circuit.",
        subcommands: [RecursionStatsCommand.self]
    )
}

/// `sheaf recursion stats`: constraint counts per emulated-field gadget.
struct RecursionStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print the R1CS constraint count of each in-circuit BN254 gadget (emulated fields, G1, G2, Miller loop, pairing check).",
        discussion: "Counts are measured by building each gadget (inputs excluded) and depend only on the circuit's shape. Range checks are 16-bit lookups over a Groth16 commitment (a gadget's queries counted, the shared 2^16 table once per circuit), or bit decompositions with --range-checks bits; docs/recursion.md explains both."
    )

    /// How range checks are made.
    enum RangeChecks: String, ExpressibleByArgument, CaseIterable {
        case lookup, bits
    }

    @Option(name: .long, help: "Range checks: lookup (16-bit LogUp over a commitment, the default) or bits (bit decomposition, plain Groth16).")
    var rangeChecks: RangeChecks = .lookup

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .long, help: "Also time witness generation for the main gadgets on valid inputs (this machine's wall clock; about a minute).")
    var timing = false

    func run() throws {
        try reportingErrors("recursion stats") {
            let lookups = rangeChecks == .lookup ? Groth16BatchCircuit.defaultLookups : nil
            let stats = RecursionStats.measure(lookups: lookups)
            let batches = try RecursionStats.measureBatches(lookups: lookups)
            let outers = lookups == nil ? [] : try RecursionStats.measureOuter()
            let timings = timing ? RecursionStats.witnessTimings() : []
            let batchTimings = timing ? try RecursionStats.batchWitnessTimings() : []
            if json {
                let rows: [[String: Any]] = stats.gadgets.map { g in
                    ["gadget": g.name, "detail": g.detail, "constraints": g.constraints,
                     "rangeCheckConstraints": g.rangeCheckConstraints, "rangeCheckedValues": g.rangeCheckedValues,
                     "variables": g.variables]
                }
                var report: [String: Any] = ["rangeCheck": lookups.map { "lookup\($0.chunkBits)" } ?? "bits", "gadgets": rows]
                report["batchVerifier"] = batches.map { b -> [String: Any] in
                    ["proofs": b.proofs, "keys": b.sharedKey ? "shared" : "distinct", "publicInputs": b.publicInputs,
                     "pairs": b.pairs, "constraints": b.constraints, "rangeCheckConstraints": b.rangeCheckConstraints,
                     "parts": Dictionary(uniqueKeysWithValues: b.parts.map { ($0.name, $0.constraints) })]
                }
                report["outerCircuit"] = outers.map { o -> [String: Any] in
                    ["proofs": o.proofs, "keys": o.sharedKey ? "shared" : "distinct", "publicInputs": o.publicInputs,
                     "constraints": o.constraints, "keyChecks": o.keyChecks, "statementTree": o.statementTree,
                     "sha256Blocks": o.sha256Blocks, "spreadTable": o.spreadTable]
                }
                if timing {
                    report["witnessGeneration"] = (timings + batchTimings).map { t -> [String: Any] in
                        ["gadget": t.name, "detail": t.detail, "constraints": t.constraints, "seconds": t.seconds]
                    }
                }
                printJSON(report)
                return
            }
            let nameWidth = stats.gadgets.map(\.name.count).max() ?? 0
            func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
            func right(_ n: Int, _ width: Int) -> String { let s = String(n); return String(repeating: " ", count: max(0, width - s.count)) + s }
            print(lookups.map { "range checks: \($0.chunkBits)-bit lookups (table of \($0.tableSize) entries, once per circuit)\n" }
                  ?? "range checks: bit decomposition\n", terminator: "")
            print(pad("gadget", nameWidth) + "  constraints  range checks  checked values  variables  measured with")
            for g in stats.gadgets {
                print(pad(g.name, nameWidth) + "  " + right(g.constraints, 11) + "  " + right(g.rangeCheckConstraints, 12)
                      + "  " + right(g.rangeCheckedValues, 14) + "  " + right(g.variables, 9) + "  " + g.detail)
            }
            print("")
            print("batch verifier (Groth16BatchCircuit, \(batches.first?.publicInputs ?? 1) public input per key; whole circuit)")
            let partNames = batches.first?.parts.map(\.name) ?? []
            print("proofs  keys       pairs  constraints  range checks  "
                  + partNames.map { String(repeating: " ", count: max(0, 11 - $0.count)) + $0 }.joined(separator: "  "))
            for b in batches {
                print(right(b.proofs, 6) + "  " + pad(b.sharedKey ? "shared" : "distinct", 9) + "  " + right(b.pairs, 5) + "  "
                      + right(b.constraints, 11) + "  " + right(b.rangeCheckConstraints, 12) + "  "
                      + b.parts.map { right($0.constraints, max($0.name.count, 11)) }.joined(separator: "  "))
            }
            if !outers.isEmpty {
                print("")
                print("outer circuit (OuterCircuit: the batch verifier, each key's beta, gamma, delta in G2, and the SHA-256 statement tree on spread words, with its spread table; one public input)")
                print("proofs  keys       constraints  over batch   key checks  statement tree  SHA-256 blocks  spread table")
                for o in outers {
                    let batch = batches.first { $0.proofs == o.proofs && $0.sharedKey == o.sharedKey }?.constraints ?? 0
                    print(right(o.proofs, 6) + "  " + pad(o.sharedKey ? "shared" : "distinct", 9) + "  " + right(o.constraints, 11) + "  "
                          + right(o.constraints - batch, 10) + "  " + right(o.keyChecks, 11) + "  " + right(o.statementTree, 14) + "  "
                          + right(o.sha256Blocks, 14) + "  " + right(o.spreadTable, 12))
                }
            }
            guard timing else { return }
            print("")
            print("witness generation (wall clock, this machine; inputs' allocation included)")
            let all = timings + batchTimings
            let width = all.map(\.name.count).max() ?? 0
            for t in all {
                let seconds = String(format: "%.3f", t.seconds)
                print(pad(t.name, width) + "  " + right(t.constraints, 11) + " constraints  "
                      + String(repeating: " ", count: max(0, 9 - seconds.count)) + seconds + " s  " + t.detail)
            }
        }
    }
}
