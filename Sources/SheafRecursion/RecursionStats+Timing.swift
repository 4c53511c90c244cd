import SheafCurve
import SheafField
import SheafGroth16

extension RecursionStats {
    /// The witness-generation time of one gadget, built in witness mode on valid
    /// random inputs (seeded).
    public struct WitnessTiming: Sendable {
        /// The gadget's name, as in ``RecursionStats/gadgets``.
        public let name: String
        /// What was built.
        public let detail: String
        /// Constraints built (inputs included).
        public let constraints: Int
        /// Seconds to build the circuit with its witness (hints computed,
        /// constraints recorded); the satisfiability check is not timed.
        public let seconds: Double
        /// Whether the built witness satisfies the constraints (checked only when
        /// asked: the check of millions of constraints takes seconds itself).
        public let satisfied: Bool?
    }

    /// Times witness generation for the main gadgets on valid inputs: an Fp,
    /// an Fp2 and an Fp12 product, a Miller doubling step, a G1 scalar
    /// multiplication, a G2 membership check, a 1-pair Miller loop and a true
    /// 2-pair pairing check. These are wall-clock figures for this machine and
    /// build, so they belong in dated records (docs/benchmarks.md), not in
    /// checked doc blocks.
    public static func witnessTimings(checkSatisfied: Bool = false) -> [WitnessTiming] {
        var rng = SeededGenerator(seed: 2026)
        var out = [WitnessTiming]()
        func time(_ name: String, _ detail: String, _ body: (inout CircuitBuilder) -> Void) {
            let clock = ContinuousClock()
            var cs = CircuitBuilder(publicInputCount: 0, lookups: Groth16BatchCircuit.defaultLookups)
            let elapsed = clock.measure { body(&cs) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            // The gadget's own constraints and time; the shared lookup table is
            // added afterwards only so that the witness can be checked.
            let constraints = cs.constraintCount
            cs.finalize()
            out.append(WitnessTiming(name: name, detail: detail, constraints: constraints, seconds: seconds,
                                     satisfied: checkSatisfied ? cs.check().isSatisfied : nil))
        }
        let a = Fp.random(using: &rng), b = Fp.random(using: &rng)
        time("fp.mul", "two random elements") { cs in _ = cs.multiply(cs.allocateEmulated(a), cs.allocateEmulated(b)) }
        let a2 = Fp2.random(using: &rng), b2 = Fp2.random(using: &rng)
        time("fp2.mul", "two random elements") { cs in _ = cs.multiply(cs.allocateEmulated(a2), cs.allocateEmulated(b2)) }
        let a12 = Fp12.random(using: &rng), b12 = Fp12.random(using: &rng)
        time("fp12.mul", "two random elements") { cs in _ = cs.multiply(cs.allocateEmulated(a12), cs.allocateEmulated(b12)) }
        let q = (G2Jacobian.generator * Fr.random(using: &rng)).affine
        let p = (G1Jacobian.generator * Fr.random(using: &rng)).affine
        time("g2.double", "a random point of G2") { cs in _ = cs.doubleWithLine(cs.allocateEmulated(q)) }
        let scalar = Fr.random(using: &rng)
        time("g1.scalarMul", "a random point and 254-bit scalar") { cs in
            _ = cs.multiply(cs.allocateEmulatedG1(x: p.x, y: p.y), by: cs.allocate(scalar), bits: 254)
        }
        time("g2.subgroup", "a random point of G2") { cs in cs.assertInG2(cs.allocateEmulated(q)) }
        time("miller.loop", "1 pair, random P and Q") { cs in
            _ = cs.millerLoop([EmulatedPairingPair(p: cs.allocateEmulatedG1(x: p.x, y: p.y), q: cs.allocateEmulated(q))])
        }
        // A true equation: e(P, Q)·e(−P, Q) = 1.
        let negatedP = -p
        time("pairing.check", "2 pairs, the true equation e(P, Q)·e(−P, Q) = 1") { cs in
            cs.assertPairingProductIsOne([
                EmulatedPairingPair(p: cs.allocateEmulatedG1(x: p.x, y: p.y), q: cs.allocateEmulated(q)),
                EmulatedPairingPair(p: cs.allocateEmulatedG1(x: negatedP.x, y: negatedP.y), q: cs.allocateEmulated(q)),
            ])
        }
        return out
    }
}
