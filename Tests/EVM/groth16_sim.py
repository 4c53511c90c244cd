"""Independent generator of valid Groth16 keys and proofs (py_ecc.optimized_bn128).

Knowing the trapdoor makes proofs trivial to forge, which is exactly what a
verifier test needs: for a key with secret scalars alpha, beta, gamma, delta
and IC[j] = u_j * G1, a proof for inputs x (x_0 = 1) is
    A = a * G1,  B = b * G2,  C = c * G1,
    c = (a*b - alpha*beta - gamma*s) / delta  (mod r),  s = sum_j u_j * x_j,
because e(A,B) = e(alpha,beta) e(S,gamma) e(C,delta) holds in the exponent:
a*b = alpha*beta + s*gamma + c*delta.

G2 scalar multiplications dominate the cost, so G2 points (beta, gamma, delta of
keys, B of proofs) come from a small seeded pool of cached multiples; G1 points
are computed per key / proof.  Everything is deterministic given the seed.
"""
from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from py_ecc import optimized_bn128 as bn

P = bn.field_modulus
R = bn.curve_order


def g1_affine(pt) -> tuple[int, int]:
    if bn.is_inf(pt):
        return (0, 0)
    x, y = bn.normalize(pt)
    return (int(x), int(y))


def g2_affine(pt) -> tuple[int, int, int, int]:
    """EIP-197 order: x.c1, x.c0, y.c1, y.c0."""
    if bn.is_inf(pt):
        return (0, 0, 0, 0)
    x, y = bn.normalize(pt)
    return (int(x.coeffs[1]), int(x.coeffs[0]), int(y.coeffs[1]), int(y.coeffs[0]))


@functools.lru_cache(maxsize=None)
def g1_mul(k: int) -> tuple[int, int]:
    return g1_affine(bn.multiply(bn.G1, k % R))


@functools.lru_cache(maxsize=None)
def g2_mul(k: int) -> tuple[int, int, int, int]:
    return g2_affine(bn.multiply(bn.G2, k % R))


def w32(v: int) -> bytes:
    return int(v).to_bytes(32, "big")


@dataclass
class Key:
    alpha: tuple
    beta: tuple
    gamma: tuple
    delta: tuple
    ic: list  # ell + 1 G1 points
    # trapdoor
    t_alpha: int
    t_beta: int
    t_gamma: int
    t_delta: int
    t_ic: list

    @property
    def ell(self) -> int:
        return len(self.ic) - 1

    def canonical_bytes(self) -> bytes:
        """alpha | beta | gamma | delta | icCount word | ic[0] | ic[1] | ..."""
        out = b"".join(w32(v) for v in self.alpha)
        for g2 in (self.beta, self.gamma, self.delta):
            out += b"".join(w32(v) for v in g2)
        out += w32(len(self.ic))
        for p in self.ic:
            out += w32(p[0]) + w32(p[1])
        return out

    def snarkjs_json(self) -> dict:
        def s(v):
            return str(v)

        def g2j(g):
            x1, x0, y1, y0 = g
            return [[s(x0), s(x1)], [s(y0), s(y1)], ["1", "0"]]

        return {
            "protocol": "groth16",
            "curve": "bn128",
            "nPublic": self.ell,
            "vk_alpha_1": [s(self.alpha[0]), s(self.alpha[1]), "1"],
            "vk_beta_2": g2j(self.beta),
            "vk_gamma_2": g2j(self.gamma),
            "vk_delta_2": g2j(self.delta),
            "IC": [[s(p[0]), s(p[1]), "1"] for p in self.ic],
        }


class Simulator:
    def __init__(self, seed: int, g2_pool: int = 8, g1_pool: int = 24):
        self.rng = random.Random(seed)
        # pool of G2 scalars; their multiples are cached across the session by g2_mul
        self.g2_scalars = [self._scalar() for _ in range(g2_pool)]
        # pool of G1 scalars: key points are sums of two pooled multiples (one
        # point addition instead of a scalar multiplication), so keys are cheap
        self.g1_scalars = [self._scalar() for _ in range(g1_pool)]

    def _g1_pooled(self) -> tuple[int, tuple[int, int]]:
        """A random-looking scalar u = s_i + s_j (i < j) and u * G1."""
        i, j = sorted(self.rng.sample(range(len(self.g1_scalars)), 2))
        si, sj = self.g1_scalars[i], self.g1_scalars[j]
        pi, pj = g1_mul(si), g1_mul(sj)
        proj = lambda p: (bn.FQ(p[0]), bn.FQ(p[1]), bn.FQ(1))
        return (si + sj) % R, g1_affine(bn.add(proj(pi), proj(pj)))

    def _scalar(self) -> int:
        return self.rng.randrange(1, R)

    def _g2_pick(self) -> int:
        return self.rng.choice(self.g2_scalars)

    def key(self, ell: int, like: "Key | None" = None, share: str = "") -> Key:
        """A key with ell inputs; share "ab" takes alpha and beta from `like`
        (keys from one powers-of-tau file), "g" its gamma (every snarkjs key
        has gamma = the G2 generator)."""
        tb, tg, td = self._g2_pick(), self._g2_pick(), self._g2_pick()
        ta, alpha = self._g1_pooled()
        if like is not None and "ab" in share:
            ta, alpha, tb = like.t_alpha, like.alpha, like.t_beta
        if like is not None and "g" in share:
            tg = like.t_gamma
        ics = [self._g1_pooled() for _ in range(ell + 1)]
        return Key(
            alpha=alpha, beta=g2_mul(tb), gamma=g2_mul(tg), delta=g2_mul(td),
            ic=[p for _, p in ics],
            t_alpha=ta, t_beta=tb, t_gamma=tg, t_delta=td, t_ic=[u for u, _ in ics],
        )

    def inputs(self, ell: int) -> list[int]:
        return [self.rng.randrange(0, R) for _ in range(ell)]

    def proof(self, key: Key, inputs: list[int]) -> list[int]:
        """8 words: A.x A.y B.x.c1 B.x.c0 B.y.c1 B.y.c0 C.x C.y."""
        assert len(inputs) == key.ell
        s = key.t_ic[0] + sum(u * x for u, x in zip(key.t_ic[1:], inputs))
        a = self._scalar()
        b = self._g2_pick()
        c = (a * b - key.t_alpha * key.t_beta - key.t_gamma * s) * pow(key.t_delta, -1, R) % R
        A, B, C = g1_mul(a), g2_mul(b), g1_mul(c)
        return [A[0], A[1], B[0], B[1], B[2], B[3], C[0], C[1]]


def check_proof_offchain(key: Key, inputs: list[int], words: list[int]) -> bool:
    """Pairing check with py_ecc (slow; used sparingly to validate the simulator)."""
    from py_ecc.fields import optimized_bn128_FQ as FQ, optimized_bn128_FQ2 as FQ2

    def G1(x, y):
        return (FQ(x), FQ(y), FQ(1)) if (x, y) != (0, 0) else bn.Z1

    def G2(x1, x0, y1, y0):
        return (FQ2([x0, x1]), FQ2([y0, y1]), FQ2([1, 0]))

    S = G1(*key.ic[0])
    for x, p in zip(inputs, key.ic[1:]):
        S = bn.add(S, bn.multiply(G1(*p), x))
    lhs = bn.pairing(G2(*words[2:6]), G1(words[0], words[1]))
    rhs = (
        bn.pairing(G2(*key.beta), G1(*key.alpha))
        * bn.pairing(G2(*key.gamma), S)
        * bn.pairing(G2(*key.delta), G1(words[6], words[7]))
    )
    return lhs == rhs


# Commit-and-prove (BSB22) keys and proofs, for Contracts/Groth16CommittedVerifier.vy.template.
#
# The key is a Groth16 key with one IC point more (the challenge's, last) and
# two G2 points g = t_g * G2 and -sigma * g.  With the trapdoor a proof is
# again a choice of exponents: D = d * G1, pi = sigma * D (so that
# e(D, -sigma g) e(pi, g) = 1), X = keccak(D.x || D.y) mod r, and
#     c = (a*b - alpha*beta - gamma*(s + d)) / delta,  s = u_0 + sum_j u_j x_j + u_X X.

COMMITTED_PROTOCOL = "groth16-bsb22"


@dataclass
class CommittedKey:
    base: Key   # ell + 2 IC points, the last one the challenge's
    g: tuple
    gsn: tuple  # -sigma * g
    t_g: int
    t_sigma: int

    @property
    def ell(self) -> int:
        return self.base.ell - 1

    def canonical_bytes(self) -> bytes:
        """The Groth16 key's canonical bytes (icCount counting the challenge's
        point), then g and -sigma*g: CommittedVerifyingKey.canonicalBytes."""
        return self.base.canonical_bytes() + b"".join(w32(v) for v in self.g + self.gsn)

    def snarkjs_json(self) -> dict:
        """Sheaf's commit-and-prove key JSON (docs/formats.md)."""
        def g2j(g):
            x1, x0, y1, y0 = g
            return [[str(x0), str(x1)], [str(y0), str(y1)], ["1", "0"]]

        out = self.base.snarkjs_json()
        out["protocol"] = COMMITTED_PROTOCOL
        out["nPublic"] = self.ell
        out["vk_commitment_g_2"] = g2j(self.g)
        out["vk_commitment_gsigmaneg_2"] = g2j(self.gsn)
        return out


def commitment_challenge(d_point: tuple[int, int]) -> int:
    from evm import keccak
    return int.from_bytes(keccak(w32(d_point[0]) + w32(d_point[1])), "big") % R


def committed_key(sim: "Simulator", ell: int, like=None, share: str = "") -> CommittedKey:
    """share as in Simulator.key, from `like` (a Key or CommittedKey)."""
    base = sim.key(ell + 1, like=getattr(like, "base", like), share=share)
    t_g, t_sigma = sim._g2_pick(), sim._scalar()
    return CommittedKey(base=base, g=g2_mul(t_g), gsn=g2_mul(-t_sigma * t_g), t_g=t_g, t_sigma=t_sigma)


def committed_proof(sim: "Simulator", key: CommittedKey, inputs: list[int], d: int | None = None) -> list[int]:
    """12 words: the 8 of a Groth16 proof, then D.x D.y pi.x pi.y."""
    assert len(inputs) == key.ell
    d = sim._scalar() if d is None else d
    D, Pi = g1_mul(d), g1_mul(key.t_sigma * d)
    x = commitment_challenge(D)
    k = key.base
    s = k.t_ic[0] + sum(u * v for u, v in zip(k.t_ic[1:], list(inputs) + [x]))
    a, b = sim._scalar(), sim._g2_pick()
    c = (a * b - k.t_alpha * k.t_beta - k.t_gamma * (s + d)) * pow(k.t_delta, -1, R) % R
    A, B, C = g1_mul(a), g2_mul(b), g1_mul(c)
    return [A[0], A[1], B[0], B[1], B[2], B[3], C[0], C[1], D[0], D[1], Pi[0], Pi[1]]


def outer_key(sim: "Simulator") -> CommittedKey:
    """A commit-and-prove key shaped like Sheaf's outer keys: one statement input
    (the root) and the Pedersen base g = gamma."""
    base = sim.key(2)
    t_sigma = sim._scalar()
    return CommittedKey(base=base, g=g2_mul(base.t_gamma), gsn=g2_mul(-t_sigma * base.t_gamma),
                        t_g=base.t_gamma, t_sigma=t_sigma)
