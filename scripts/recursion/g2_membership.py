#!/usr/bin/env python3
"""Check, independently of Sheaf, the facts behind the G2 membership test that
Sheaf's in-circuit Miller loop proves (Sources/SheafRecursion/EmulatedG2Membership.swift):

  phi = [6x + 2] + psi - psi^2 + psi^3 kills Q in E'(Fp2) exactly when Q is in G2.

It recomputes, with its own Fp2 and twist arithmetic (Python integers only):
  1. psi^2 - t*psi + p = 0 on random twist points (so phi = a + b*psi, degree N);
  2. r divides N and gcd(N, h2) = 1, h2 = 2p - r the twist's cofactor, and h2 is odd;
  3. phi(Q) = O for points of G2 and not for random twist points or points of
     the cofactor part (including one of order 10069, a factor of h2);
  4. gcd(k -/+ 1, h2) = 1 at each of the loop's additions of +/-Q (no exceptional
     addition can occur for any twist point).
Exits 1 on the first failed check.

usage: python3 scripts/recursion/g2_membership.py
"""
import math
import random
import sys

P = 21888242871839275222246405745257275088696311157297823662689037894645226208583
R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
X = 4965661367192848881
T = P + 1 - R
H2 = 2 * P - R


def fadd(a, b): return ((a[0] + b[0]) % P, (a[1] + b[1]) % P)
def fsub(a, b): return ((a[0] - b[0]) % P, (a[1] - b[1]) % P)
def fmul(a, b): return ((a[0] * b[0] - a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)
def fconj(a): return (a[0], -a[1] % P)


def finv(a):
    n = pow(a[0] * a[0] + a[1] * a[1], P - 2, P)
    return (a[0] * n % P, -a[1] * n % P)


def fpow(a, e):
    out = (1, 0)
    while e:
        if e & 1:
            out = fmul(out, a)
        a, e = fmul(a, a), e >> 1
    return out


XI = (9, 1)
B_TWIST = fmul((3, 0), finv(XI))
GAMMA_X = fpow(XI, (P - 1) // 3)
GAMMA_Y = fpow(XI, (P - 1) // 2)


def add(p, q):
    if p is None:
        return q
    if q is None:
        return p
    if p[0] == q[0]:
        if fadd(p[1], q[1]) == (0, 0):
            return None
        slope = fmul(fmul((3, 0), fmul(p[0], p[0])), finv(fmul((2, 0), p[1])))
    else:
        slope = fmul(fsub(q[1], p[1]), finv(fsub(q[0], p[0])))
    x3 = fsub(fsub(fmul(slope, slope), p[0]), q[0])
    return (x3, fsub(fmul(slope, fsub(p[0], x3)), p[1]))


def neg(p): return None if p is None else (p[0], ((-p[1][0]) % P, (-p[1][1]) % P))


def mul(p, k):
    if k < 0:
        return mul(neg(p), -k)
    out = None
    while k:
        if k & 1:
            out = add(out, p)
        p, k = add(p, p), k >> 1
    return out


def psi(p): return None if p is None else (fmul(fconj(p[0]), GAMMA_X), fmul(fconj(p[1]), GAMMA_Y))


def phi(q): return add(add(add(mul(q, 6 * X + 2), psi(q)), neg(psi(psi(q)))), psi(psi(psi(q))))


def sqrt(a):
    # p = 3 mod 4 (Adj and Rodriguez-Henriquez, ePrint 2012/685, algorithm 9)
    a1 = fpow(a, (P - 3) // 4)
    alpha = fmul(a1, fmul(a1, a))
    x0 = fmul(a1, a)
    if alpha == (P - 1, 0):
        return fmul((0, 1), x0)
    return fmul(fpow(fadd((1, 0), alpha), (P - 1) // 2), x0)


def twist_point(rng):
    while True:
        x = (rng.randrange(P), rng.randrange(P))
        rhs = fadd(fmul(x, fmul(x, x)), B_TWIST)
        y = sqrt(rhs)
        if fmul(y, y) == rhs:
            return (x, y)


def naf(k):
    digits = []
    while k:
        d = (2 - k % 4) if k & 1 else 0
        digits.append(d)
        k = (k - d) // 2
    return digits[::-1]


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        sys.exit(1)


def main():
    a = 6 * X + 2 + P - T * P
    b = 1 - T + T * T - P
    n = a * a + a * b * T + b * b * P
    check(T == 6 * X * X + 1, "t = 6x^2 + 1")
    check(H2 % 2 == 1, "h2 = 2p - r is odd: no point of order 2 on the twist")
    check(math.gcd(H2, R) == 1, "gcd(h2, r) = 1")
    check(n % R == 0, "r divides N = deg(phi)")
    check(math.gcd(n, H2) == 1, "gcd(N, h2) = 1: phi kills no point of the cofactor part")
    check(H2 % 10069 == 0, "10069 divides h2")
    rng = random.Random(2026)
    for i in range(3):
        q = twist_point(rng)
        check(mul(q, R * H2) is None, f"random point {i}: order divides r*h2")
        check(add(add(psi(psi(q)), neg(mul(psi(q), T))), mul(q, P)) is None, f"random point {i}: psi^2 - t*psi + p = 0")
        check(phi(q) is not None and mul(q, R) is not None, f"random point {i}: outside G2, phi(Q) != O")
        g2 = mul(q, H2)
        check(g2 is not None and mul(g2, R) is None and phi(g2) is None, f"random point {i}: [h2]Q in G2, phi = O")
        cofactor = mul(q, R)
        check(cofactor is not None and phi(cofactor) is not None, f"random point {i}: [r]Q in the cofactor part, phi != O")
        small = mul(cofactor, H2 // 10069)
        if small is not None:
            check(mul(small, 10069) is None and phi(small) is not None, f"random point {i}: a point of order 10069, phi != O")
    digits = naf(6 * X + 2)
    k, additions = 1, 0
    for d in digits[1:]:
        k *= 2
        if d:
            check(math.gcd(k - d, H2) == 1, f"loop addition {additions + 1}: gcd(k - d, h2) = 1 (k = {k}, d = {d})")
            k += d
            additions += 1
    check(k == 6 * X + 2 and additions == 21, "the loop walks 6x + 2 with 21 additions")


if __name__ == "__main__":
    main()
