"""SheafSettlement's calldata and manifest, written in Python from the ABI spec.

An encoder independent of Sheaf's Swift one (SettlementCalldata): the tests
check that both produce the same bytes, and the calibration drives the contract
with these directly.
"""
from __future__ import annotations

from evm import keccak, selector

SETTLE_SIGNATURE = "settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[])"
SETTLE_COMMITTED_SIGNATURE = "settle(bytes32[],(bytes32,uint256,uint256[8])[],uint256[],uint256[4][])"
ISSETTLED_SIGNATURE = "isSettled(bytes32,bytes32,bytes32,uint256,bytes32[])"


def word(v: int) -> bytes:
    return int(v).to_bytes(32, "big")


def register_key(key_bytes: bytes) -> bytes:
    padded = key_bytes + b"\x00" * (-len(key_bytes) % 32)
    return selector("registerKey(bytes)") + word(32) + word(len(key_bytes)) + padded


def application_id(name: str) -> bytes:
    return keccak(name.encode())


def statement_hash(key_hash: bytes, inputs: list[int]) -> bytes:
    return keccak(key_hash + b"".join(word(x) for x in inputs))


def leaf(app_id: bytes, stmt: bytes) -> bytes:
    return keccak(b"\x00" + app_id + stmt)


def node(left: bytes, right: bytes) -> bytes:
    return keccak(b"\x01" + left + right)


def merkle_levels(leaves: list[bytes]) -> list[list[bytes]]:
    """Level by level; an odd last node is promoted unchanged."""
    levels = [list(leaves)]
    while len(levels[-1]) > 1:
        cur = levels[-1]
        levels.append([node(cur[i], cur[i + 1]) if i + 1 < len(cur) else cur[i] for i in range(0, len(cur), 2)])
    return levels


def merkle_path(levels: list[list[bytes]], index: int) -> list[bytes]:
    """The real siblings of leaf `index`, bottom up (none at promoted levels)."""
    out = []
    for level in levels[:-1]:
        sib = index ^ 1
        if sib < len(level):
            out.append(level[sib])
        index >>= 1
    return out


def settle(key_hashes: list[bytes], claims: list[tuple[bytes, int, list[int]]], inputs: list[int],
           commitments: list[list[int]] | None = None) -> bytes:
    """claims: (applicationId, keyIndex, proof words[8]); inputs concatenated in
    claim order; commitments: (D.x, D.y, pi.x, pi.y) of each commit-and-prove
    claim in claim order (the four-array form; None: the three-array form)."""
    k, n, m = len(key_hashes), len(claims), len(inputs)
    off_keys = 96 if commitments is None else 128
    off_claims = off_keys + 32 + 32 * k
    off_inputs = off_claims + 32 + 320 * n
    sig = SETTLE_SIGNATURE if commitments is None else SETTLE_COMMITTED_SIGNATURE
    out = selector(sig) + word(off_keys) + word(off_claims) + word(off_inputs)
    if commitments is not None:
        out += word(off_inputs + 32 + 32 * m)
    out += word(k) + b"".join(key_hashes)
    out += word(n) + b"".join(app + word(j) + b"".join(word(w) for w in proof) for app, j, proof in claims)
    out += word(m) + b"".join(word(x) for x in inputs)
    if commitments is not None:
        out += word(len(commitments)) + b"".join(word(w) for c in commitments for w in c)
    return out


def is_settled(root: bytes, app_id: bytes, stmt: bytes, index: int, siblings: list[bytes]) -> bytes:
    return (selector(ISSETTLED_SIGNATURE) + root + app_id + stmt + word(index) + word(160)
            + word(len(siblings)) + b"".join(siblings))


SETTLE_TREE_SIGNATURE = "settleTree(bytes32[])"


def settle_tree(roots: list[bytes]) -> bytes:
    return selector(SETTLE_TREE_SIGNATURE) + word(32) + word(len(roots)) + b"".join(roots)
