import Foundation
import Sheaf
import Testing

// What a package user writes: `import Foundation` and `import Sheaf` side by side.
// This file compiles only if every generic name the umbrella exports resolves
// unqualified next to Foundation and the standard library (as `Bundle` did not,
// before it became `ProofBundle`).

/// Takes a bundle by its unqualified name, as README examples do.
private func manifestSize(_ bundle: ProofBundle) -> Int { bundle.manifest.count }

@Suite("The umbrella module beside Foundation")
struct UmbrellaNameTests {
    @Test("Generic names exported by Sheaf resolve unqualified next to Foundation")
    func genericNamesResolve() {
        let types: [(Any.Type, String)] = [
            (ProofBundle.self, "SheafAggregation.ProofBundle"),
            (Transaction.self, "SheafGas.Transaction"),
            (Application.self, "SheafGas.Application"),
            (Constraint.self, "SheafGroth16.Constraint"),
            (Polynomial.self, "SheafGroth16.Polynomial"),
            (Timestamp.self, "SheafFinality.Timestamp"),
            (Seconds.self, "SheafFinality.Seconds"),
            (Transition.self, "SheafFinality.Transition"),
            (Approval.self, "SheafFinality.Approval"),
            (LogEntry.self, "SheafFinality.LogEntry"),
            (Note.self, "SheafGroth16.Note"),
            (Guardian.self, "SheafGroth16.Guardian"),
            (Transcript.self, "SheafHash.Transcript"),
            (Hex.self, "SheafHash.Hex"),
            (Pairing.self, "SheafCurve.Pairing"),
            (FixedBase.self, "SheafCurve.FixedBase"),
            (Limbs.self, "SheafField.Limbs"),
            (QAP.self, "SheafGroth16.QAP"),
            (ProofSystem.self, "SheafGas.ProofSystem"),
            (Bookkeeping.self, "SheafGas.Bookkeeping"),
            (Aggregator.self, "SheafAggregation.Aggregator"),
            (SnarkPackPolicy.self, "SheafAggregation.SnarkPackPolicy"),
        ]
        for (type, name) in types {
            #expect(String(reflecting: type) == name)
        }
        // Foundation's own types are still there under their names.
        #expect(String(reflecting: Bundle.self).hasSuffix("Bundle"))
        #expect(String(reflecting: Data.self).hasSuffix("Data"))
    }
}
