"""Helpers for the outer settlement contract (Contracts/SheafOuterSettlement.vy.template):
its calldata, the SHA-256 statement tree, simulated outer proofs and the
fixture's files. Used by test_outer_settlement.py and scripts/evm/calibrate.py."""
import hashlib
import json
import os

from evm import ROOT, read_contract, selector
from groth16_sim import committed_proof, g1_mul
from snarkjs_vectors import ECADD_GAS, ECMUL_GAS, PAIRING_BASE, PAIRING_PER_PAIR

FIXTURE = os.path.join(ROOT, "Fixtures", "outer")
NESTED_FIXTURE = os.path.join(ROOT, "Fixtures", "nested")
NESTED3_FIXTURE = os.path.join(ROOT, "Fixtures", "nested3")
PADDED_FIXTURE = os.path.join(ROOT, "Fixtures", "outer-padded")
# The SHA-256 precompile's price for one 65-byte message (a leaf or a node): 60 + 12 per word.
SHA256_PER_CALL = 60 + 12 * 3
SETTLE = "settleOuter(bytes32,uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2])"
IS_SETTLED = "isSettled(bytes32,bytes32,bytes32,uint256,bytes32[])"
MASK = (1 << 253) - 1

def precompile_gas():
    """One 5-pair ECPAIRING; ECMULs for the root, the challenge, rho*D and
    -rho*pi; four ECADDs."""
    return PAIRING_BASE + 5 * PAIRING_PER_PAIR + 4 * ECMUL_GAS + 4 * ECADD_GAS


def settle_data(root: bytes, words) -> bytes:
    return selector(SETTLE) + root + b"".join(int(w).to_bytes(32, "big") for w in words)


def is_settled_data(root: bytes, app: bytes, statement: bytes, index: int, siblings) -> bytes:
    head = root + app + statement + index.to_bytes(32, "big") + (5 * 32).to_bytes(32, "big")
    return selector(IS_SETTLED) + head + len(siblings).to_bytes(32, "big") + b"".join(siblings)


def notify_data(n: int, words, applications, statements, receivers) -> bytes:
    """settleAndNotify's calldata on a notifier for n statements (receivers: 20-byte addresses)."""
    signature = "settleAndNotify(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],bytes32[%d],bytes32[%d],address[%d])" % (n, n, n)
    return (selector(signature) + b"".join(int(w).to_bytes(32, "big") for w in words) + b"".join(applications)
            + b"".join(statements) + b"".join(bytes(12) + r for r in receivers))


def notify_precompile_gas(n: int) -> int:
    """settleOuter's precompiles, called by the notifier, and its 2n - 1 SHA-256 hashes."""
    return precompile_gas() + (2 * n - 1) * SHA256_PER_CALL


def checks_only_receiver() -> str:
    """Contracts/ExampleSettlementReceiver.vy without its log: a receiver that
    checks its caller and application id and does nothing else, the cost of
    learning that a statement settled apart from what an application then does."""
    source = read_contract("ExampleSettlementReceiver.vy")
    line = "    log StatementSettled(statementHash=statementHash, root=root)\n"
    assert line in source
    return source.replace(line, "")


def as_bool(res):
    assert res.success, res.revert_reason()
    return res.output[31] == 1


def sha(b: bytes) -> bytes:
    return hashlib.sha256(b).digest()


def tree(leaves: list[bytes], hashed: bool = False):
    """The SHA-256 tree: leaf = sha(0x00 || data), node = sha(0x01 || l || r),
    an odd node promoted (hashed: the leaves are already nodes, such as child
    roots). Returns (root, paths)."""
    level = list(leaves) if hashed else [sha(b"\x00" + d) for d in leaves]
    paths = [[] for _ in leaves]
    members = [[i] for i in range(len(leaves))]
    while len(level) > 1:
        nxt, nmem = [], []
        for i in range(0, len(level), 2):
            if i + 1 < len(level):
                for m in members[i]:
                    paths[m].append(level[i + 1])
                for m in members[i + 1]:
                    paths[m].append(level[i])
                nxt.append(sha(b"\x01" + level[i] + level[i + 1]))
                nmem.append(members[i] + members[i + 1])
            else:
                nxt.append(level[i])
                nmem.append(members[i])
        level, members = nxt, nmem
    return level[0], paths


def simulated(sim, key, n):
    """n statements' leaves (pseudo-random, from the simulator's seed, so the
    calibration's calldata is the same on every run), their root, paths, and a
    proof of the root."""
    leaves = [sha(b"leaf %d %d" % (sim._scalar(), i)) + sha(b"statement %d" % i) for i in range(n)]
    root, paths = tree(leaves)
    return leaves, root, paths, committed_proof(sim, key, [int.from_bytes(root, "big") & MASK])


def load_fixture(directory: str = FIXTURE):
    def j(name):
        with open(os.path.join(directory, name)) as f:
            return json.load(f)
    vk, proof, statements = j("verification_key.json"), j("proof.json"), j("statements.json")
    a, b, c = proof["pi_a"], proof["pi_b"], proof["pi_c"]
    d, k = proof["commitment"], proof["knowledge_proof"]
    words = [int(a[0]), int(a[1]), int(b[0][1]), int(b[0][0]), int(b[1][1]), int(b[1][0]), int(c[0]), int(c[1]),
             int(d[0]), int(d[1]), int(k[0]), int(k[1])]
    return vk, words, statements


def h(s: str) -> bytes:
    return bytes.fromhex(s[2:])


def fixture_apps(directory):
    """Fixtures/outer's three applications as snarkjs triples under directory/apps
    (the input of `sheaf aggregate --proofs`); returns that path."""
    apps = directory / "apps"
    apps.mkdir()
    for name in ("note-spend", "rollup", "wallet-recovery"):
        (apps / name).mkdir()
        for f in ("verification_key.json", "proof.json", "public.json"):
            (apps / name / f).write_text(open(os.path.join(FIXTURE, "..", name, f)).read())
    return apps


def assert_refused(chain, address, root, words, statements, wrong_roots):
    """On a fresh contract: every root in wrong_roots with the real proof, and
    the real root with a forged C, revert with "invalid outer proof"; then the
    first statement does not open (nothing was recorded)."""
    forged = list(words)
    forged[6], forged[7] = g1_mul(3)
    for r, w in [(r, words) for r in wrong_roots] + [(root, forged), (bytes([root[0] ^ 1]) + root[1:], words)]:
        res = chain.call(address, settle_data(r, w))
        assert not res.success and res.revert_reason() == "invalid outer proof"
    item = statements["statements"][0]
    call = is_settled_data(root, h(item["applicationId"]), h(item["statementHash"]), 0, [h(s) for s in item["siblings"]])
    assert as_bool(chain.call(address, call)) is False
