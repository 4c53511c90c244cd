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
        abstract: "Print the R1CS constraint count of each emulated Fp, Fp2, Fp6 and Fp12 gadget.",
        discussion: "Counts are measured by building each gadget (inputs excluded) and depend only on the circuit's shape. Range checks are bit decompositions; docs/recursion.md explains the choice."
    )

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        try reportingErrors("recursion stats") {
            let stats = RecursionStats.measure()
            if json {
                let rows: [[String: Any]] = stats.gadgets.map { g in
                    ["gadget": g.name, "detail": g.detail, "constraints": g.constraints,
                     "rangeCheckConstraints": g.rangeCheckConstraints, "rangeCheckedValues": g.rangeCheckedValues,
                     "variables": g.variables]
                }
                printJSON(["rangeCheck": "bits", "gadgets": rows])
                return
            }
            let nameWidth = stats.gadgets.map(\.name.count).max() ?? 0
            func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
            func right(_ n: Int, _ width: Int) -> String { let s = String(n); return String(repeating: " ", count: max(0, width - s.count)) + s }
            print(pad("gadget", nameWidth) + "  constraints  range checks  checked values  variables  measured with")
            for g in stats.gadgets {
                print(pad(g.name, nameWidth) + "  " + right(g.constraints, 11) + "  " + right(g.rangeCheckConstraints, 12)
                      + "  " + right(g.rangeCheckedValues, 14) + "  " + right(g.variables, 9) + "  " + g.detail)
            }
        }
    }
}
