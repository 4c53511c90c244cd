#!/usr/bin/env python3
"""Derive every BN254 constant Sheaf hard-codes, from p, r, x and the tower choice.

Run: python3 scripts/bn254_constants.py. Sources/SheafField/BN254Constants.swift and
Sources/SheafCurve/BN254Parameters.swift hold the output; tests re-check each value
with GMP at run time.
"""
x = 4965661367192848881
p = 36 * x**4 + 36 * x**3 + 24 * x**2 + 6 * x + 1
r = 36 * x**4 + 36 * x**3 + 18 * x**2 + 6 * x + 1
assert p == 21888242871839275222246405745257275088696311157297823662689037894645226208583
assert r == 21888242871839275222246405745257275088548364400416034343698204186575808495617

def limbs(v):
    return "(" + ", ".join("0x%016x" % ((v >> (64 * i)) & (2**64 - 1)) for i in range(4)) + ")"

def field(name, m):
    R = pow(2, 256, m)
    print(f"// {name}")
    print("modulus", limbs(m))
    print("R", limbs(R))
    print("R2", limbs(R * R % m))
    print("R3", limbs(R * R * R % m))
    print("inv", "0x%016x" % ((-pow(m, -1, 2**64)) % 2**64))

field("Fp", p)
field("Fr", r)

# Fr: 2-adicity, a quadratic non-residue, the 2^28-th root of unity.
s, t = 0, r - 1
while t % 2 == 0:
    s += 1; t //= 2
print("Fr two-adicity", s, "odd part", hex(t))
g = 5
assert pow(g, (r - 1) // 2, r) == r - 1
root = pow(g, t, r)
print("Fr root of unity (2^28)", root)

# Fp2 = Fp[u]/(u^2+1)
def f2mul(a, b):
    return ((a[0] * b[0] - a[1] * b[1]) % p, (a[0] * b[1] + a[1] * b[0]) % p)
def f2pow(a, e):
    res, base = (1, 0), a
    while e:
        if e & 1: res = f2mul(res, base)
        base = f2mul(base, base); e >>= 1
    return res
def f2inv(a):
    n = (a[0] * a[0] + a[1] * a[1]) % p
    ni = pow(n, p - 2, p)
    return (a[0] * ni % p, (-a[1]) * ni % p)

xi = (9, 1)
bt = f2mul((3, 0), f2inv(xi))
print("twist b' = 3/(9+u)", bt)
for k, e in (("p", p), ("p2", p * p), ("p3", p**3)):
    for i in range(1, 6):
        print(f"frob gamma {k} w^{i}", f2pow(xi, i * (e - 1) // 6))
print("6x+2", 6 * x + 2)
# GLV for G1 (Sources/SheafCurve/GLV.swift): beta is a primitive cube root of
# unity in Fp, lambda the matching one in Fr. 2 is a cube mod p (2^((p-1)/3) = 1),
# so the root comes from 3. phi(x, y) = (beta*x, y) acts on G1 as [lambda]; which
# of the two roots pairs with which is checked on the generator below.
assert pow(2, (p - 1) // 3, p) == 1
beta = pow(pow(3, (p - 1) // 3, p), 2, p)
lam = 36 * x**3 + 18 * x**2 + 6 * x + 1
assert beta != 1 and pow(beta, 3, p) == 1 and (lam * lam + lam + 1) % r == 0

def g1_add(P, Q):
    if P is None: return Q
    if Q is None: return P
    if P[0] == Q[0]:
        if (P[1] + Q[1]) % p == 0: return None
        s = 3 * P[0] * P[0] * pow(2 * P[1], -1, p) % p
    else:
        s = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x3 = (s * s - P[0] - Q[0]) % p
    return (x3, (s * (P[0] - x3) - P[1]) % p)
def g1_mul(P, k):
    R = None
    while k:
        if k & 1: R = g1_add(R, P)
        P = g1_add(P, P); k >>= 1
    return R
assert g1_mul((1, 2), lam) == (beta, 2), "beta pairs with lambda"
print("GLV beta", beta)
print("GLV lambda", lam)

# Lattice decompositions (GLV.swift, GLS.swift). L = {v : sum v_j ev^j = 0 mod r}
# has determinant r; B is a reduced basis (rows). Babai rounding of (k, 0, .., 0)
# uses g_i = round(2^256 * alpha_i / r) with alpha_i = r * (B^-1)_{0i}, an integer
# (a cofactor of B up to sign), and c_i = floor((k*|g_i| + 2^255) / 2^256) with
# g_i's sign; then |c_i - beta_i| <= 5/8 and |u_j| <= 5/8 * sum_i |B_ij|.
def det(B):
    if len(B) == 1: return B[0][0]
    return sum((-1)**j * B[0][j] * det([row[:j] + row[j + 1:] for row in B[1:]]) for j in range(len(B)))
def cofactor(B, i, j):
    return (-1)**(i + j) * det([row[:j] + row[j + 1:] for k, row in enumerate(B) if k != i])
def lattice(name, B, ev):
    n = len(B)
    for v in B: assert sum(v[j] * pow(ev, j, r) for j in range(n)) % r == 0, (name, v)
    d = det(B)
    assert abs(d) == r, (name, "determinant", d)
    alpha = [cofactor(B, i, 0) * (1 if d > 0 else -1) for i in range(n)]
    g = [(2 * a * 2**256 + r) // (2 * r) for a in alpha]
    bound = max(5 * sum(abs(B[i][j]) for i in range(n)) for j in range(n)) // 8 + 1
    print(name, "basis", B)
    print(name, "sub-scalar bound: bits", bound.bit_length())
    for gi in g: print(name, "rounding", "-" if gi < 0 else "+", limbs(abs(gi)))
    def decompose(k):
        c = [((k * abs(gi) + 2**255) >> 256) * (1 if gi >= 0 else -1) for gi in g]
        return [(k if j == 0 else 0) - sum(c[i] * B[i][j] for i in range(n)) for j in range(n)]
    import random
    rng = random.Random(1)
    for k in [0, 1, 2, r - 1, r - 2, ev, 2**127, 2**128 - 1] + [rng.randrange(r) for _ in range(2000)]:
        u = decompose(k)
        assert sum(u[j] * pow(ev, j, r) for j in range(n)) % r == k
        assert all(abs(v) < 2**bound.bit_length() for v in u)

lattice("GLV", [[2 * x + 1, -(6 * x * x + 2 * x)], [6 * x * x + 4 * x + 1, 2 * x + 1]], lam)
# GLS on G2: psi acts as [mu], mu = p mod r = 6x^2. An LLL-reduced basis. (The
# four vectors often quoted for BN curves, (x+1, x, x, -2x), (2x+1, -x, -x-1, -x),
# (2x, 2x+1, 2x+1, 2x+1), (x-1, 4x+2, -2x+1, x-1), lie in L but have
# determinant -3r, an index-3 sublattice.)
quoted = [[x + 1, x, x, -2 * x], [2 * x + 1, -x, -x - 1, -x],
          [2 * x, 2 * x + 1, 2 * x + 1, 2 * x + 1], [x - 1, 4 * x + 2, -2 * x + 1, x - 1]]
assert det(quoted) == -3 * r
mu = p % r
assert mu == 6 * x * x
lattice("GLS", [[x + 1, x, x, -2 * x], [2 * x + 1, -x, -x - 1, -x],
                [2 * x, x + 1, -x, x], [2 * x + 1, 0, 2 * x, 1]], mu)
