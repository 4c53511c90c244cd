import Testing
import SheafField
@testable import SheafGroth16

/// `witness` with entry `index` replaced by `value`.
func tampered(_ witness: [Fr], _ index: Int, _ value: Fr) -> [Fr] {
    var copy = witness
    copy[index] = value
    return copy
}

/// The failure of `witness` against `system`, which must be a well-formed witness.
func failure(_ system: ConstraintSystem, _ witness: [Fr]) throws -> UnsatisfiedConstraint? {
    try system.isSatisfied(by: witness).failure
}

@Suite("R1CS: linear combinations and constraint systems")
struct R1CSTests {
    @Test("Linear combinations are canonical: sorted, merged, zero terms dropped")
    func canonicalForm() {
        typealias T = LinearCombination.Term
        let lc = LinearCombination(terms: [T(variable: 5, coefficient: 2), T(variable: 1, coefficient: 3),
                                           T(variable: 5, coefficient: -Fr(2)), T(variable: 0, coefficient: 7),
                                           T(variable: 1, coefficient: 1)])
        #expect(lc.terms == [T(variable: 0, coefficient: 7), T(variable: 1, coefficient: 4)])
        let x = LinearCombination(variable: 3), y = LinearCombination(variable: 2)
        #expect(x + y == y + x)
        #expect((x + y - x).terms == [T(variable: 2, coefficient: 1)])
        #expect((x - x).isZero)
        #expect(x * Fr(2) == x + x)
        #expect(Fr(0) * x == .zero)
        #expect(-(x - 1) == 1 - x)
        #expect((3 as LinearCombination).constantValue == Fr(3))
        #expect(x.constantValue == nil && x.singleVariable == 3 && (x * Fr(2)).singleVariable == nil)
        #expect(LinearCombination(variable: 4, coefficient: .zero).isZero)
        #expect((x + y).maxVariable == 3 && LinearCombination.zero.maxVariable == -1)
    }

    @Test("Evaluation against a witness vector")
    func evaluation() {
        let lc = LinearCombination(variable: 1, coefficient: 3) + LinearCombination(variable: 2) + 10
        #expect(lc.evaluate([1, 5, 7]) == Fr(3 * 5 + 7 + 10))
        #expect(lc.evaluate({ Fr(UInt64($0 + 1)) }) == Fr(3 * 2 + 3 + 10))
    }

    /// x³ + x + 5 = out with `out` public: the classic example, built by hand.
    static func cubic(x: UInt64, mode: CircuitBuilder.Mode = .witness) -> CircuitBuilder {
        var cs = CircuitBuilder(publicInputCount: 1, mode: mode)
        let xv = Fr(x)
        let x = cs.allocate(xv)
        let x2 = cs.product(x, x, "x^2")
        let x3 = cs.product(x2, x, "x^3")
        // The public output is allocated last but is still variable 1.
        let out = cs.publicInput("out", xv * xv * xv + xv + 5)
        cs.enforce(x3 + x + 5, .one, out, "out")
        return cs
    }

    @Test("Builder layout: 1, then public inputs, then private variables")
    func layout() throws {
        let cs = Self.cubic(x: 3)
        let system = cs.constraintSystem()
        let witness = cs.witness()
        #expect(system.publicInputCount == 1 && system.privateVariableCount == 3 && system.variableCount == 5)
        #expect(system.constraintCount == 3)
        #expect(witness == [1, 35, 3, 9, 27])
        #expect(try system.publicInputs(from: witness) == [35])
        #expect(system.publicInputNames == ["out"])
        #expect(try system.isSatisfied(by: witness) == .satisfied)
        #expect(system.constraints.map(\.label) == ["x^2", "x^3", "out"])
    }

    @Test("The first violated constraint is reported with its index, label and values")
    func firstFailure() throws {
        let cs = Self.cubic(x: 3)
        let system = cs.constraintSystem()
        // x³ wrong: "x^3" (index 1) fails first, though "out" fails too.
        let bad = try #require(try failure(system, tampered(cs.witness(), 4, 28)))
        #expect(bad.index == 1 && bad.label == "x^3")
        #expect(bad.a * bad.b == Fr(27) && bad.c == Fr(28))
        #expect(bad.description.contains("constraint 1 (x^3)"))
        // Wrong public output: only the last constraint fails.
        let badOut = try #require(try failure(system, tampered(cs.witness(), 1, 36)))
        #expect(badOut.index == 2 && badOut.label == "out")
    }

    @Test("Malformed witnesses are errors, not results")
    func malformedWitness() {
        let cs = Self.cubic(x: 3)
        let system = cs.constraintSystem()
        #expect(throws: R1CSError.wrongWitnessLength(expected: 5, actual: 4)) {
            try system.isSatisfied(by: Array(cs.witness().dropLast()))
        }
        #expect(throws: R1CSError.witnessConstantNotOne) { try system.isSatisfied(by: tampered(cs.witness(), 0, 2)) }
        #expect(throws: R1CSError.witnessConstantNotOne) { try system.publicInputs(from: tampered(cs.witness(), 0, 0)) }
    }

    @Test("Shape-only building gives the identical system without evaluating values")
    func shapeMode() {
        let withWitness = Self.cubic(x: 3).constraintSystem()
        let shape = Self.cubic(x: 0, mode: .shape)
        #expect(shape.constraintSystem() == withWitness)
        #expect(shape.value(of: LinearCombination(variable: 2)) == .zero)
        #expect(Self.cubic(x: 11).constraintSystem() == withWitness)
    }

    @Test("Namespaces prefix labels and public input names")
    func namespaces() {
        var cs = CircuitBuilder(publicInputCount: 1)
        let a = cs.allocate(2)
        cs.withNamespace("outer") { cs in
            cs.withNamespace("inner[0]") { cs in cs.assertBoolean(a, "bit") }
            _ = cs.publicInput("p", 1)
        }
        cs.assertEqual(a, a, "top")
        let system = cs.constraintSystem()
        #expect(system.constraints.map(\.label) == ["outer/inner[0]/bit", "top"])
        #expect(system.publicInputNames == ["outer/p"])
    }

    @Test("Systems from outside are validated")
    func validation() throws {
        let ok = Constraint(a: LinearCombination(variable: 1), b: .one, c: LinearCombination(variable: 2), label: "copy")
        let system = try ConstraintSystem(publicInputCount: 1, privateVariableCount: 1, constraints: [ok])
        #expect(system.publicInputNames == ["public[0]"])
        #expect(try system.isSatisfied(by: [1, 4, 4]).isSatisfied)
        let bad = Constraint(a: LinearCombination(variable: 3), b: .one, c: .zero, label: "bad")
        #expect(throws: R1CSError.variableOutOfRange(constraint: 1, variable: 3, variableCount: 3)) {
            try ConstraintSystem(publicInputCount: 1, privateVariableCount: 1, constraints: [ok, bad])
        }
        #expect(throws: R1CSError.invalidShape("2 public input names for 1 public inputs")) {
            try ConstraintSystem(publicInputCount: 1, privateVariableCount: 1, constraints: [ok], publicInputNames: ["a", "b"])
        }
        #expect(throws: R1CSError.invalidShape("negative variable count")) {
            try ConstraintSystem(publicInputCount: -1, privateVariableCount: 1, constraints: [])
        }
    }
}
