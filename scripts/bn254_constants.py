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
# GLV for G1: beta is a cube root of unity in Fp, lambda the matching one in Fr.
beta = pow(2, (p - 1) // 3, p)
print("beta", beta)
