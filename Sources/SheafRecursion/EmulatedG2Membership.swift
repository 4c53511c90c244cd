import SheafCurve
import SheafField
import SheafGroth16

// G2 membership proved by the Miller loop's own walk (El Housni, gnark PR #1387;
// the test is ePrint 2022/348's with the optimal-ate lattice vector).
//
// The test. On the twist E′(Fp2) the map ψ (untwist, p-power Frobenius, twist)
// is an endomorphism with ψ² − tψ + p = 0, and G2 is where it acts as p. The
// optimal-ate relation 6x + 2 + p − p² + p³ ≡ 0 (mod r) makes
//
//     φ = [6x + 2] + ψ − ψ² + ψ³
//
// vanish on G2. Reduced by ψ's equation, φ = a + bψ with a = 6x + 2 + p − tp and
// b = 1 − t + t² − p, of degree N = a² + abt + b²p. E′(Fp2) has order r·h₂
// (h₂ = 2p − r, coprime to r), and gcd(N, h₂) = 1, so φ kills no point of order
// dividing h₂ other than O: on E′(Fp2), φ(Q) = O exactly when Q ∈ G2.
// (`scripts/recursion/g2_membership.py` recomputes N, the gcd and ψ's equation
// on random twist points, independently of Sheaf.)
//
// Why it is almost free. The Miller loop over Q already walks T through the NAF
// of 6x + 2, ending at [6x + 2]Q, then adds ψ(Q) and draws the line to −ψ²(Q).
// Proving that last sum equals −ψ³(Q) = ψ(−ψ²(Q)) proves φ(Q) = O, provided
// every step computed the true group law on a point of the twist:
//
// - Q is on the twist: checked.
// - Doublings: the tangent slope is unique when y_T ≠ 0, and a point of
//   E′(Fp2) with y = 0 would have order 2, which the odd order r·h₂ excludes.
// - The loop's additions of ±Q: T = [k]Q, and a slope can be free only when
//   T = ±Q (T = −Q fails the slope check outright: it would need y_Q = 0). T = Q
//   means ord(Q) | k ∓ 1. A Q with a nonzero G2 part has order ≥ r > k + 1, and a
//   Q of order dividing h₂ would need gcd(k ∓ 1, h₂) > 1, which holds at none of
//   the loop's 21 additions (SheafRecursionTests checks each). So no addition in
//   the loop can be exceptional, for any Q on the twist.
// - The two additions after the loop (ψ(Q), then −ψ²(Q)) have no such
//   argument: each proves x_T ≠ x_addend by an Fp2 inverse.
//
// So a satisfied circuit computed T = [6x + 2]Q + ψ(Q) by the group law, and the
// last sum equals −ψ³(Q): Q ∈ G2. Cost per checked point: the twist equation,
// two inverses, ψ(−ψ²(Q)) and two Fp2 reductions fixed to the target's
// coordinates; `sheaf recursion stats` measures it.

extension CircuitBuilder {
    /// Runs `body` inside the namespaces of `path`, components separated by "/".
    mutating func withNamespacePath<T>(_ path: String, _ body: (inout CircuitBuilder) -> T) -> T {
        let components = path.split(separator: "/").map(String.init)
        return withoutActuallyEscaping(body) { body in
            func descend(_ index: Int, _ cs: inout CircuitBuilder) -> T {
                index == components.count ? body(&cs) : cs.withNamespace(components[index]) { cs in descend(index + 1, &cs) }
            }
            return descend(0, &self)
        }
    }
}
