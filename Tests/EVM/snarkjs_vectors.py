"""Loading snarkjs-format vectors and encoding verifyProof calldata."""
import glob
import json
import os

from evm import ROOT, selector

SHARED_SNARKJS = os.path.normpath(os.path.join(ROOT, "..", "shared", "vectors", "snarkjs"))
VECTOR_DIRS = sorted(glob.glob(os.path.join(SHARED_SNARKJS, "*", ""))) + sorted(
    glob.glob(os.path.join(ROOT, "Fixtures", "*", ""))
)
# Plain Groth16 only: Fixtures/outer holds a commit-and-prove outer key
# (protocol groth16-bsb22), which test_outer_settlement.py covers.
VECTOR_DIRS = [d for d in VECTOR_DIRS if os.path.exists(os.path.join(d, "verification_key.json"))
               and '"groth16-bsb22"' not in open(os.path.join(d, "verification_key.json")).read()]

ECADD_GAS, ECMUL_GAS, PAIRING_BASE, PAIRING_PER_PAIR = 150, 6000, 45000, 34000


def load(d):
    def j(name):
        with open(os.path.join(d, name)) as f:
            return json.load(f)
    return j("verification_key.json"), j("proof.json"), [int(x) for x in j("public.json")]


def proof_words(proof):
    """snarkjs proof.json -> 8 words A.x A.y B.x.c1 B.x.c0 B.y.c1 B.y.c0 C.x C.y."""
    a, b, c = proof["pi_a"], proof["pi_b"], proof["pi_c"]
    return [int(a[0]), int(a[1]), int(b[0][1]), int(b[0][0]), int(b[1][1]), int(b[1][0]), int(c[0]), int(c[1])]


def verify_calldata(words, inputs):
    sig = "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[%d])" % len(inputs)
    return selector(sig) + b"".join(w.to_bytes(32, "big") for w in list(words) + list(inputs))


def verifier_precompile_gas(ell):
    return ell * (ECMUL_GAS + ECADD_GAS) + PAIRING_BASE + 4 * PAIRING_PER_PAIR
