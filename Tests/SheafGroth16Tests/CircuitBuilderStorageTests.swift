import SheafField
import Testing
@testable import SheafGroth16

/// A small circuit with a late public input (allocated after constraints that
/// read it), a namespace and a range check; `wrong` breaks one constraint.
private func sample(_ storage: CircuitBuilder.ConstraintStorage, mode: CircuitBuilder.Mode = .witness,
                    wrong: Bool = false, wrongOutput: Bool = false) -> CircuitBuilder {
    var cs = CircuitBuilder(publicInputCount: 1, mode: mode, storage: storage)
    cs.tallies = [CircuitBuilder.Tally(namespace: "inner", labelSuffix: "recompose")]
    let x = cs.allocate(Fr(6))
    let y = cs.allocate(wrong ? Fr(11) : Fr(7))
    cs.withNamespace("inner") { cs in
        let product = cs.product(x, y, "xy")
        cs.assertRange(product, bits: 6, "range")
        // Reads public input 1 before it is allocated.
        cs.enforce(product, .one, LinearCombination(variable: 1), "output")
    }
    _ = cs.publicInput("out", wrongOutput ? Fr(41) : Fr(42))
    return cs
}

@Suite("Circuit builder: discarded constraint storage and tallies")
struct CircuitBuilderStorageTests {
    @Test("Discarding storage keeps the count and the tally, and checks as it builds")
    func countsAndChecks() {
        let recorded = sample(.record), discarded = sample(.discard)
        #expect(discarded.constraintCount == recorded.constraintCount)
        #expect(sample(.discard, mode: .shape).constraintCount == recorded.constraintCount)
        #expect(recorded.check().isSatisfied)
        #expect(discarded.check().isSatisfied)
        // The tally: the product, 6 bits + recomposition, and the output.
        #expect(discarded.tally == recorded.tally)
        #expect(recorded.tally?.constraints == 9)
        #expect(recorded.tally?.suffixed == 1)
    }

    @Test("The first violation is the same with either storage, deferred public-input constraints included")
    func sameFailure() {
        for (wrong, wrongOutput) in [(true, false), (false, true)] {
            let recorded = sample(.record, wrong: wrong, wrongOutput: wrongOutput).check()
            let discarded = sample(.discard, wrong: wrong, wrongOutput: wrongOutput).check()
            #expect(!recorded.isSatisfied)
            #expect(discarded.failure?.constraint == recorded.failure?.constraint, "\(discarded) vs \(recorded)")
        }
    }
}
