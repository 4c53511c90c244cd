"""SheafSettlement with commit-and-prove (BSB22) claims, in revm.

Keys and proofs come from groth16_sim's committed keys (forged with the
trapdoor, independent of Sheaf); `sheaf settle` on a bundle holding a real Sheaf
commit-and-prove proof is checked in test_cli.py.
"""
import pytest

import settlement_abi as abi
import settlement_world as sw
from evm import PyEvmChain
from groth16_sim import P, R, Simulator, commitment_challenge, committed_key, g1_mul, g2_mul


@pytest.fixture(scope="module")
def sim():
    return Simulator(seed=4242)


@pytest.fixture()
def world():
    return sw.SettlementWorld()


def settle(world, items):
    world.register_all(items)
    return world.send(sw.settle_calldata(items))


def with_proof(items, index, words):
    out = list(items)
    name, key, x, _ = out[index]
    out[index] = (name, key, x, list(words))
    return out


def mixed(sim, n_plain, k_plain, n_committed, k_committed, ell, tag):
    plain = sw.make_items(sim, n_plain, k_plain, ell, prefix=tag + "-p") if n_plain else []
    return plain + sw.make_items(sim, n_committed, k_committed, ell, prefix=tag + "-c", committed=True)


@pytest.mark.parametrize("n_plain,k_plain,n_committed,k_committed,ell",
                         [(0, 0, 1, 1, 0), (0, 0, 4, 1, 1), (3, 1, 4, 2, 2), (2, 2, 8, 8, 1), (1, 1, 3, 3, 5)])
def test_mixed_bundles_settle_and_record_their_root(world, sim, n_plain, k_plain, n_committed, k_committed, ell):
    items = mixed(sim, n_plain, k_plain, n_committed, k_committed, ell, f"m{n_plain}{n_committed}{ell}")
    result = settle(world, items)
    assert result.success, result.revert_reason()
    levels = sw.manifest(items)
    root = levels[-1][0]
    assert result.output == root and world.leaf_count(root) == len(items)
    assert [t[0] for t, _ in result.logs if len(t) == 1] == [abi.application_id(name) for name, _, _, _ in items]
    # Every application's inclusion proof is accepted; a forged one is not.
    for i, (name, key, x, _) in enumerate(items):
        stmt = abi.statement_hash(sw.key_hash(key), x)
        path = abi.merkle_path(levels, i)
        ok = world.view(abi.is_settled(root, abi.application_id(name), stmt, i, path))
        assert int.from_bytes(ok, "big") == 1
        forged = abi.statement_hash(sw.key_hash(key), [(x[0] + 1) % R] + x[1:]) if x else sw.keccak(stmt)
        assert int.from_bytes(world.view(abi.is_settled(root, abi.application_id(name), forged, i, path)), "big") == 0
    # Replaying records nothing new and emits nothing.
    again = world.send(sw.settle_calldata(items))
    assert again.success and again.output == root and again.logs == []


def test_every_forgery_of_a_commit_and_prove_claim_reverts(world, sim):
    items = mixed(sim, 2, 1, 3, 1, 1, "forge")
    world.register_all(items)
    i = 3                       # the second commit-and-prove claim
    name, key, x, words = items[i]
    k = key.base

    def proof_for(d, pi_scalar, challenge):
        """A proof with A = 5*G1 and a chosen commitment, knowledge proof and challenge."""
        a, b = 5, 7
        s = k.t_ic[0] + sum(u * v for u, v in zip(k.t_ic[1:], list(x) + [challenge]))
        c = (a * b - k.t_alpha * k.t_beta - k.t_gamma * (s + d)) * pow(k.t_delta, -1, R) % R
        A, B, C = g1_mul(a), g2_mul(b), g1_mul(c)
        D = g1_mul(d)
        return [A[0], A[1], B[0], B[1], B[2], B[3], C[0], C[1], D[0], D[1], *g1_mul(pi_scalar)]

    d = 1234
    D = g1_mul(d)
    honest = proof_for(d, key.t_sigma * d, commitment_challenge(D))
    assert settle(sw.SettlementWorld(), with_proof(items, i, honest)).success
    forgeries = {
        "own challenge": proof_for(d, key.t_sigma * d, 99),
        "no knowledge of D": proof_for(d, key.t_sigma * d + 1, commitment_challenge(D)),
        "D swapped with another point": words[:8] + list(g1_mul(3)) + words[10:],
        "knowledge proof of another claim": words[:10] + items[2][3][10:12],
    }
    for label, bad in forgeries.items():
        result = world.send(sw.settle_calldata(with_proof(items, i, bad)))
        assert not result.success, label
        assert result.revert_reason() == "pairing check failed", label
    # D or pi off the curve, or a coordinate >= p: the ECMUL builtin reverts.
    for bad in (words[:9] + [(words[9] + 1) % P] + words[10:], words[:10] + [words[10] + P, words[11]]):
        assert not world.send(sw.settle_calldata(with_proof(items, i, bad))).success
    assert world.leaf_count(sw.manifest(items)[-1][0]) == 0


def test_malformed_commitment_calls_revert(world, sim):
    items = mixed(sim, 1, 1, 2, 1, 1, "shape")
    world.register_all(items)
    keys, claims, inputs, commitments = [], [], [], []
    for name, key, x, words in items:
        h = sw.key_hash(key)
        if h not in keys:
            keys.append(h)
        claims.append((abi.application_id(name), keys.index(h), words[:8]))
        inputs += x
        if sw.is_committed(key):
            commitments.append(words[8:12])
    good = abi.settle(keys, claims, inputs, commitments)
    assert good == sw.settle_calldata(items)
    # the three-array form cannot carry commit-and-prove claims
    r = world.send(abi.settle(keys, claims, inputs))
    assert not r.success and r.revert_reason() == "commit-and-prove key without commitments"
    # one commitment too few or too many
    r = world.send(abi.settle(keys, claims, inputs, commitments[:1]))
    assert not r.success and r.revert_reason() == "commitment count"
    r = world.send(abi.settle(keys, claims, inputs, commitments + [commitments[0]]))
    assert not r.success and r.revert_reason() == "commitment count"
    # the four-array form with no commitments at all
    plain = items[:1]
    r = world.send(abi.settle([sw.key_hash(plain[0][1])], [(abi.application_id(plain[0][0]), 0, plain[0][3])], plain[0][2], []))
    assert not r.success and r.revert_reason() == "no commitments"
    # trailing bytes
    assert not world.send(good + bytes(32)).success
    assert world.send(good).success


def test_register_committed_key_validates(world, sim):
    key = committed_key(sim, 2)
    good = key.canonical_bytes()
    base_len = len(key.base.canonical_bytes())
    g_at = base_len                      # g, then -sigma*g
    cases = {
        "g at infinity": good[:g_at] + bytes(128) + good[g_at + 128:],
        "-sigma*g at infinity": good[:g_at + 128] + bytes(128),
        "g coordinate >= p": good[:g_at] + (int.from_bytes(good[g_at:g_at + 32], "big") + P).to_bytes(32, "big") + good[g_at + 32:],
        "g off the twist": good[:g_at + 96] + ((int.from_bytes(good[g_at + 96:g_at + 128], "big") + 1) % P).to_bytes(32, "big") + good[g_at + 128:],
        "truncated": good[:-32],
    }
    for label, data in cases.items():
        assert not world.send(abi.register_key(data)).success, label
    result, _ = world.register(key)
    assert result.success, result.revert_reason()
    assert world.send(abi.register_key(good)).success     # registering twice changes nothing


def test_prague_matches_revm_functionally():
    """py-evm (Prague) settles the same mixed bundle; its gas is what the calibration fits."""
    sim = Simulator(seed=4343)
    items = mixed(sim, 2, 1, 2, 1, 1, "prague")
    world = sw.SettlementWorld(PyEvmChain())
    result = settle(world, items)
    assert result.success, result.revert_reason()
    assert result.output == sw.manifest(items)[-1][0]
