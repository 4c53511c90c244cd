import Testing
import SheafField
import SheafGroth16
@testable import SheafRecursion

/// Small circuits, one per gadget, for the tampering tests.
private let gadgets: [(String, (inout CircuitBuilder) -> Void)] = {
    var rng = SeededGenerator(seed: 21)
    let x = randomFp(&rng), y = randomFp(&rng)
    return [
        ("multiply", { cs in _ = cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }),
        ("square", { cs in _ = cs.square(cs.allocateEmulated(x)) }),
        ("reduce", { cs in let a = cs.allocateEmulated(x); _ = cs.reduce(cs.add(a, a)) }),
        ("inverse", { cs in _ = cs.inverse(cs.allocateEmulated(x)) }),
        ("divide", { cs in _ = cs.divide(cs.allocateEmulated(x), cs.allocateEmulated(y)) }),
        ("equal", { cs in let a = cs.allocateEmulated(x); cs.assertEqual(cs.add(a, a), cs.multiply(a, byConstant: 2)) }),
        ("canonical", { cs in _ = cs.canonical(cs.allocateEmulated(x)) }),
    ]
}()

/// Integer limbs of a value below 2^256.
private func limbValues(_ x: Natural) -> [Fr] { EmulatedFp.limbValues(of: x) }

/// Builds every gadget of `gadgets`, checks it satisfied, then adds 1 to each
/// hinted value in turn: each change must be caught by a constraint fed by that
/// hint.
private func expectEveryHintValueCaught(lookups: LookupRangeChecks?) {
    for (name, body) in gadgets {
        let (cs, _) = circuit(lookups: lookups, body)
        #expect(cs.check().isSatisfied, "\(name): \(cs.check())")
        let witness = cs.witness()
        var tampered = 0
        for hint in cs.hints {
            for variable in hint.variables {
                var wrong = witness
                wrong[variable] += .one
                guard let failure = cs.check(witness: wrong).failure else {
                    Issue.record("\(name): +1 on \(hint.name) (variable \(variable)) is not caught")
                    continue
                }
                #expect(failure.hints.contains(hint.name), "\(name): \(failure)")
                tampered += 1
            }
        }
        #expect(tampered == cs.hints.map(\.variables.count).reduce(0, +) && tampered >= 4, "\(name): \(tampered) values")
    }
}

/// The product 2^40 · 2^40 = 2^80 with the `target` hint's output forged as the
/// same integer with a 65-bit limb 0 (limb0 + 2^64, limb1 − 1).
private func productWithWideLimb(_ target: String, lookups: LookupRangeChecks?) -> CircuitBuilder {
    let x = Fp(1 << 40), y = Fp(1 << 40)
    return circuit(adversary: { name, values in
        guard name == target, values.count >= 2 else { return values }
        var v = values
        v[0] += Natural.powerOfTwo(64).fr
        v[1] -= .one
        return v
    }, lookups: lookups) { cs in cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }.0
}

@Suite("Emulated Fp soundness")
struct SoundnessTests {
    @Test("One wrong hint value, anywhere, makes the circuit unsatisfied and the check names that hint")
    func everyHintValue() {
        expectEveryHintValueCaught(lookups: nil)
    }

    @Test("The failure message names the constraint and the hint")
    func message() {
        let (cs, _) = circuit { cs in
            _ = cs.multiply(cs.allocateEmulated(Fp(3)), cs.allocateEmulated(Fp(5)))
        }
        let remainder = cs.hints.first { $0.name == "fp.mul/remainder" }!
        var wrong = cs.witness()
        wrong[remainder.variables.lowerBound] += .one
        let text = cs.check(witness: wrong).description
        #expect(text.contains("fp.mul/limb[0]/range"), "\(text)")
        #expect(text.contains("fed by hint fp.mul/remainder"), "\(text)")
    }

    @Test("A remainder that is right modulo q but not over the integers (r + q) is rejected")
    func remainderPlusNativeModulus() {
        let x = Fp(123_456_789), y = (Natural.p - Natural(10)).fp
        // r + q < 2^256 keeps every limb 64 bits wide, so range checks alone pass.
        let (honest, _) = circuit { cs in _ = cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }
        #expect(honest.check().isSatisfied)
        let (cs, product) = circuit(adversary: { name, values in
            guard name == "fp.mul/remainder" else { return values }
            let r = EmulatedFp.integer(fromLimbValues: values[...])
            return limbValues(r + .q)
        }) { cs in cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }
        let forged = cs.integerValue(of: product)
        // The forgery satisfies a·b ≡ r' + k·p (mod q) with the honest k: a check
        // modulo the native field alone would accept it...
        let k = (Natural(x) * Natural(y)).quotientAndRemainder(dividingBy: .p).quotient
        #expect((Natural(x) * Natural(y)).fr == (forged + k * .p).fr)
        #expect(forged.bitWidth <= 256)
        // ...but it is a different element, and the integer carry check refuses it.
        #expect(forged.fp != x * y)
        let failure = cs.check().failure
        #expect(failure?.constraint.label.hasPrefix("fp.mul/carries") == true, "\(cs.check())")
    }

    @Test("Another representative of the right remainder passes; r − 1 + q does not")
    func quotientCompensation() {
        let x = Fp(987_654_321), y = Fp(55_555)
        // r' = r + p with k' = k − 1 is the same integer identity with another
        // representative of the same element (r + p < 2^256 here): it must pass, since
        // the check is about integers, not about the form of r.
        let (same, product) = circuit(adversary: { name, values in
            switch name {
            case "fp.mul/remainder":
                return limbValues(EmulatedFp.integer(fromLimbValues: values[...]) + .p)
            case "fp.mul/quotient":
                return [values[0] - .one] + values.dropFirst()
            default: return values
            }
        }) { cs in cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }
        #expect(same.check().isSatisfied, "an honest alternative representation: \(same.check())")
        #expect(same.emulatedValue(of: product) == x * y)
        let (cs, _) = circuit(adversary: { name, values in
            guard name == "fp.mul/remainder" else { return values }
            return limbValues(EmulatedFp.integer(fromLimbValues: values[...]) + .q - Natural(1))
        }) { cs in cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }
        #expect(!cs.check().isSatisfied)
    }

    @Test("An out-of-range limb is rejected even when the integer it encodes is right")
    func outOfRangeLimb() {
        for target in ["fp.mul/remainder", "fp.mul/quotient"] {
            let failure = productWithWideLimb(target, lookups: nil).check().failure
            #expect(failure?.constraint.label.contains("/range") == true, "\(target): \(String(describing: failure))")
        }
    }

    @Test("Carries: a carry off by one, or off by a multiple of q/2^128, is rejected")
    func wrongCarries() {
        let x = Fp(3), y = (Natural.p - Natural(1)).fp
        for shift in [Fr.one, Natural.powerOfTwo(200).fr, -Fr.one] {
            let (cs, _) = circuit(adversary: { name, values in
                name == "fp.mul/carries/carry[0]" ? [values[0] + shift] : values
            }) { cs in cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }
            #expect(!cs.check().isSatisfied)
        }
    }

    @Test("Division by zero is refused: the hint fails and no inverse value satisfies the check")
    func divisionByZero() {
        var rng = SeededGenerator(seed: 5)
        for numerator in [Fp.zero, Fp(7)] {
            let (cs, _) = circuit { cs in
                _ = cs.divide(cs.allocateEmulated(numerator), cs.allocateEmulated(Fp.zero))
            }
            guard let failure = cs.check().failure else { Issue.record("0 divisor accepted"); continue }
            #expect(failure.hintFailures.map(\.hint) == ["fp.divide/fp.inverse/inverse"])
            #expect(failure.description.contains("the inverse of 0 mod p does not exist"))
        }
        // p itself is zero too; and a cheating prover may offer any inverse.
        for _ in 0..<5 {
            let guess = EmulatedFp.limbValues(of: Natural(randomFp(&rng)))
            let (cs, _) = try! circuit(adversary: { name, values in
                name.hasSuffix("fp.inverse/inverse") ? guess : values
            }) { cs in _ = cs.inverse(try cs.allocateEmulated(limbs: unreducedLimbVectors[1])) }
            #expect(!cs.check().isSatisfied)
        }
    }

    @Test("An honest adversary (identity) changes nothing")
    func identityAdversary() {
        let (cs, _) = circuit(adversary: { _, values in values }) { cs in
            _ = cs.divide(cs.allocateEmulated(Fp(10)), cs.allocateEmulated(Fp(4)))
        }
        #expect(cs.check().isSatisfied)
    }

    @Test("Groth16 proves an emulated product and refuses to prove a tampered one")
    func prover() throws {
        let x = Fp(1_000_003), y = (Natural.p - Natural(2)).fp
        // One public input: the product's low limb, so the proof says something.
        var cs = CircuitBuilder(publicInputCount: 1)
        let product = cs.canonical(cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)))
        let low = cs.publicInput("product.limb[0]", Fr(UInt64(Natural(x * y).word(0))))
        cs.assertEqual(product.limbs[0], low)
        #expect(cs.check().isSatisfied)
        let system = cs.constraintSystem()
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: 99)
        var rng = SeededGenerator(seed: 100)
        let proof = try Groth16.prove(key: key, constraintSystem: system, witness: cs.witness(), using: &rng)
        #expect(try Groth16.verify(proof: proof, publicInputs: [Fr(UInt64(Natural(x * y).word(0)))], key: key.verifyingKey))
        // One remainder limb off by one: the prover refuses and names the same constraint.
        var wrong = cs.witness()
        let remainder = cs.hints.first { $0.name == "fp.mul/remainder" }!
        wrong[remainder.variables.lowerBound] += .one
        #expect(throws: R1CSError.self) {
            _ = try Groth16.prove(key: key, constraintSystem: system, witness: wrong, using: &rng)
        }
        do {
            _ = try Groth16.prove(key: key, constraintSystem: system, witness: wrong, using: &rng)
        } catch let R1CSError.unsatisfied(_, label) {
            #expect(label == cs.check(witness: wrong).failure?.constraint.label)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("Emulated Fp soundness with lookup range checks")
struct LookupSoundnessTests {
    @Test("One wrong hint value, anywhere, makes the circuit unsatisfied and the check names that hint")
    func everyHintValue() {
        expectEveryHintValueCaught(lookups: testLookups)
    }

    @Test("A limb of 65 bits that encodes the right integer fails its lookup, named in the report")
    func outOfRangeLimb() {
        for target in ["fp.mul/remainder", "fp.mul/quotient"] {
            let cs = productWithWideLimb(target, lookups: testLookups)
            let failure = cs.check().failure
            #expect(failure?.constraint.label == "lookup/sum", "\(target): \(cs.check())")
            let hintName = target == "fp.mul/remainder" ? "fp.mul/limb[0]/range/" : "fp.mul/quotient[0]/range/"
            #expect(failure?.hintFailures.contains { $0.hint.hasPrefix(hintName) } == true, "\(target): \(cs.check())")
        }
    }

    @Test("A remainder right modulo q but not over the integers (r + q) is still rejected")
    func remainderPlusNativeModulus() {
        let x = Fp(123_456_789), y = (Natural.p - Natural(10)).fp
        let (cs, _) = circuit(adversary: { name, values in
            guard name == "fp.mul/remainder" else { return values }
            return limbValues(EmulatedFp.integer(fromLimbValues: values[...]) + .q)
        }, lookups: testLookups) { cs in cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)) }
        let failure = cs.check().failure
        let named = failure?.constraint.label.hasPrefix("fp.mul/carries") == true
            || failure?.hintFailures.contains { $0.hint.hasPrefix("fp.mul/carries") } == true
        #expect(named, "\(cs.check())")
    }

    @Test("Commit-and-prove Groth16 proves an emulated product and refuses a tampered one")
    func prover() throws {
        let x = Fp(1_000_003), y = (Natural.p - Natural(2)).fp
        let low = Fr(UInt64(Natural(x * y).word(0)))
        func build(challenge: (@Sendable ([Fr]) -> Fr)?, mode: CircuitBuilder.Mode = .witness) -> CircuitBuilder {
            var cs = CircuitBuilder(publicInputCount: 1, mode: mode, lookups: testLookups)
            cs.commitmentChallenge = challenge
            let product = cs.canonical(cs.multiply(cs.allocateEmulated(x), cs.allocateEmulated(y)))
            cs.assertEqual(product.limbs[0], cs.publicInput("product.limb[0]", low))
            cs.finalize()
            return cs
        }
        let system = build(challenge: nil, mode: .shape).constraintSystem()
        let key = try Groth16.insecureSetup(constraintSystem: system, seed: 99)
        let cs = build(challenge: Groth16.commitmentChallenge(key: key))
        #expect(cs.check().isSatisfied)
        #expect(cs.constraintSystem() == system)
        var rng = SeededGenerator(seed: 100)
        let proof = try Groth16.proveCommitted(key: key, constraintSystem: system, witness: cs.witness(), using: &rng)
        let vk = try #require(key.committedVerifyingKey)
        #expect(try Groth16.verify(proof: proof, publicInputs: [low], key: vk))
        #expect(!(try Groth16.verify(proof: proof, publicInputs: [low + .one], key: vk)))
        var wrong = cs.witness()
        let remainder = cs.hints.first { $0.name == "fp.mul/remainder" }!
        wrong[remainder.variables.lowerBound] += .one
        #expect(throws: R1CSError.self) {
            _ = try Groth16.proveCommitted(key: key, constraintSystem: system, witness: wrong, using: &rng)
        }
    }
}
