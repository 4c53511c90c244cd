"""SheafSettlement in revm: the contract's own checks, with Python-made calldata."""
import pytest

import settlement_abi as abi
import settlement_world as sw
from evm import PyEvmChain, calldata_cost, prague_expected, prague_floor, selector
from py_ecc import optimized_bn128 as bn
from py_ecc.fields import optimized_bn128_FQ as FQ

from groth16_sim import P, R, Simulator, g1_mul


@pytest.fixture(scope="module")
def sim():
    return Simulator(seed=77)


@pytest.fixture()
def world():
    return sw.SettlementWorld()


def settle_ok(world, items):
    world.register_all(items)
    data = sw.settle_calldata(items)
    result = world.send(data)
    assert result.success, result.revert_reason()
    return result, data


def tampered(items, index, proof=None, inputs=None):
    out = list(items)
    name, key, x, words = out[index]
    out[index] = (name, key, inputs if inputs is not None else x, proof if proof is not None else words)
    return out


@pytest.mark.parametrize("n,k,ell", [(1, 1, 0), (5, 2, 1), (7, 3, 5), (3, 1, 11)])
def test_settles_records_root_and_logs_every_application(world, sim, n, k, ell):
    items = sw.make_items(sim, n, k, ell)
    result, data = settle_ok(world, items)
    levels = sw.manifest(items)
    root = levels[-1][0]
    assert result.output == root
    assert world.leaf_count(root) == n
    app_logs = [t[0] for t, d in result.logs if len(t) == 1]
    assert app_logs == [abi.application_id(name) for name, _, _, _ in items]
    bundle_logs = [(t, d) for t, d in result.logs if len(t) == 2]
    assert bundle_logs == [([sw.keccak(b"BundleSettled(bytes32,uint256)"), root], abi.word(n))]


def test_ungrouped_claims_settle_too(world, sim):
    items = sw.make_items(sim, 9, 3, 2, grouped=False)
    assert sw.shape_of(items)["runs"] == 9
    settle_ok(world, items)


@pytest.mark.parametrize("position", ["first", "middle", "last"])
def test_one_bad_proof_anywhere_reverts(world, sim, position):
    items = sw.make_items(sim, 7, 2, 1)
    world.register_all(items)
    i = {"first": 0, "middle": 3, "last": 6}[position]
    other = items[(i + 1) % 7][3]  # a valid proof, but of another statement
    for bad in (tampered(items, i, proof=other), tampered(items, i, inputs=[(items[i][2][0] + 1) % R])):
        result = world.send(sw.settle_calldata(bad))
        assert not result.success
        assert result.revert_reason() == "pairing check failed"
    root = sw.manifest(items)[-1][0]
    assert world.leaf_count(root) == 0


def test_errors_that_cancel_under_equal_weights_revert(world, sim):
    """Two false proofs whose errors cancel in an unweighted sum: C1 + dG and
    C2 - dG. Each weight is drawn from a keccak chain after its own proof, so
    the errors meet as d*delta*(rho2 - rho1), and the check fails. A contract
    that gave both claims one weight (or summed the equations) would accept."""
    items = sw.make_items(sim, 2, 1, 1, prefix="cancel")
    world.register_all(items)
    d = g1_mul(987654321)
    shifted = []
    for (name, key, x, words), sign in zip(items, (1, -1)):
        c = bn.add((FQ(words[6]), FQ(words[7]), FQ(1)), (FQ(d[0]), FQ(sign * d[1] % P), FQ(1)))
        cx, cy = bn.normalize(c)
        forged = words[:6] + [int(cx), int(cy)]
        assert forged != words
        shifted.append((name, key, x, forged))
    # the two errors cancel: C1' + C2' = C1 + C2
    total = lambda ws: bn.normalize(bn.add((FQ(ws[0][6]), FQ(ws[0][7]), FQ(1)), (FQ(ws[1][6]), FQ(ws[1][7]), FQ(1))))
    assert total([w for _, _, _, w in shifted]) == total([w for _, _, _, w in items])
    result = world.send(sw.settle_calldata(shifted))
    assert not result.success and result.revert_reason() == "pairing check failed"
    assert world.leaf_count(sw.manifest(shifted)[-1][0]) == 0
    settle_ok(world, items)


@pytest.mark.parametrize("share", ["ab", "g", "abg"])
def test_keys_sharing_the_first_keys_pairs_settle_and_still_catch_a_bad_proof(world, sim, share):
    """Keys that take the first key's alpha and beta and/or gamma (snarkjs keys
    all have gamma = the G2 generator; keys from one powers-of-tau file share
    alpha and beta) have their pairs merged into the first key's; a false proof
    under any of them still fails the check."""
    items = sw.make_items(sim, 8, 4, 2, grouped=False, prefix=f"share-{share}", share=share)
    shape = sw.shape_of(items)
    assert shape["sharedAB"] == (3 if "ab" in share else 0) and shape["sharedG"] >= (3 if "g" in share else 0)
    world.register_all(items)
    for i in (0, 5):
        other = items[(i + 1) % 8][3]
        result = world.send(sw.settle_calldata(tampered(items, i, proof=other)))
        assert not result.success and result.revert_reason() == "pairing check failed"
    settle_ok(world, items)
    assert world.leaf_count(sw.manifest(items)[-1][0]) == 8


def test_a_call_whose_exact_pairs_exceed_the_bound_reverts(world, sim):
    """The early check counts the fewest pairs possible (n + k + 2, every key
    sharing everything); a call over the bound once sharing is known is
    refused by the pairing input's bounds, before anything is recorded."""
    items = sw.make_items(sim, 30, 30, 0, prefix="overfull")
    shape = sw.shape_of(items)
    assert shape["n"] + shape["k"] + 2 <= 96 < shape["pairs"]
    world.register_all(items)
    assert not world.send(sw.settle_calldata(items)).success
    assert world.leaf_count(sw.manifest(items)[-1][0]) == 0
    settle_ok(world, items[:16])


def test_invalid_points_and_inputs_revert(world, sim):
    items = sw.make_items(sim, 3, 1, 1)
    world.register_all(items)
    words = list(items[1][3])
    # G1 points go through Vyper's ecmul builtin, which reverts without a reason
    off_curve = words[:1] + [(words[1] + 1) % P] + words[2:]
    assert not world.send(sw.settle_calldata(tampered(items, 1, proof=off_curve))).success
    off_curve_c = words[:7] + [(words[7] + 1) % P]
    assert not world.send(sw.settle_calldata(tampered(items, 1, proof=off_curve_c))).success
    beyond_p = words[:1] + [words[1] + P] + words[2:]
    assert not world.send(sw.settle_calldata(tampered(items, 1, proof=beyond_p))).success
    bad_b = words[:2] + [words[2], (words[3] + 1) % P] + words[4:]
    assert world.send(sw.settle_calldata(tampered(items, 1, proof=bad_b))).revert_reason() == "invalid G2 point"
    over_r = tampered(items, 2, inputs=[items[2][2][0] + R])
    assert world.send(sw.settle_calldata(over_r)).revert_reason() == "input >= r"


def test_malformed_calls_revert(world, sim):
    items = sw.make_items(sim, 2, 1, 1)
    world.register_all(items)
    data = sw.settle_calldata(items)
    assert world.send(data[:-32]).revert_reason() == "encoding"           # an input missing
    assert world.send(data + abi.word(5)).revert_reason() == "encoding"   # trailing bytes
    extra_input = data[:-32 - 32] + abi.word(3) + data[-64:] + abi.word(1)
    assert not world.send(extra_input).success                            # inputs length word lies
    assert world.send(b"\x12\x34\x56\x78" + data[4:]).revert_reason() == "unknown function"
    # key index out of range
    name, key, x, words = items[0]
    bad_index = abi.settle([sw.key_hash(key)], [(abi.application_id(name), 1, words)], x)
    assert world.send(bad_index).revert_reason() == "key index"
    # an unregistered key
    stranger = sim.key(1)
    y = sim.inputs(1)
    unknown = sw.settle_calldata([("stranger", stranger, y, sim.proof(stranger, y))])
    assert world.send(unknown).revert_reason() == "unregistered key"
    # more pairs than the contract takes
    many = [(f"m{i}", key, x, words) for i in range(94)]
    assert world.send(sw.settle_calldata(many)).revert_reason() == "too many pairs"


def test_counts_at_the_edges_of_the_unchecked_arithmetic_revert(world, sim):
    """settle's loops add offsets without overflow checks, so every count they
    trust is checked before them: inputs that do not add up either way, counts
    near 2^256 (the header's checked arithmetic or its encoding checks refuse
    them) and a key index near 2^256."""
    items = sw.make_items(sim, 2, 1, 1, prefix="edge")
    world.register_all(items)
    (n0, key, x0, w0), (n1, _, x1, w1) = items
    h = sw.key_hash(key)
    claims = [(abi.application_id(n0), 0, w0), (abi.application_id(n1), 0, w1)]
    assert world.send(abi.settle([h], claims, x0 + x1 + [7])).revert_reason() == "input count"   # one too many
    assert world.send(abi.settle([h], claims, x0)).revert_reason() == "input count"              # one too few
    data = abi.settle([h], claims, x0 + x1)
    claims_at = 4 + 96 + 32 + 32                       # selector, heads, keys
    inputs_at = claims_at + 32 + 320 * 2
    assert data[claims_at:claims_at + 32] == data[inputs_at:inputs_at + 32] == abi.word(2)   # n and m
    for huge in (2**255, 2**256 - 1, (2**256 - 1) // 320):
        bad_n = data[:claims_at] + abi.word(huge) + data[claims_at + 32:]
        assert not world.send(bad_n).success
        bad_m = data[:inputs_at] + abi.word(huge) + data[inputs_at + 32:]
        assert not world.send(bad_m).success
    bad_j = abi.settle([h], [(abi.application_id(n0), 2**256 - 1, w0)], x0)
    assert world.send(bad_j).revert_reason() == "key index"
    root = sw.manifest(items)[-1][0]
    assert world.leaf_count(root) == 0
    settle_ok(world, items)


def test_replay_changes_nothing(world, sim):
    items = sw.make_items(sim, 4, 2, 1)
    first, data = settle_ok(world, items)
    again = world.send(data)
    assert again.success and again.output == first.output
    assert again.logs == []
    assert again.gas_used < first.gas_used // 4
    assert world.leaf_count(first.output) == 4


def test_is_settled_accepts_real_paths_and_rejects_forgeries(world, sim):
    items = sw.make_items(sim, 7, 2, 2)
    settle_ok(world, items)
    levels = sw.manifest(items)
    root = levels[-1][0]
    true, false = abi.word(1), abi.word(0)
    for i, (name, key, x, _) in enumerate(items):
        app, stmt = abi.application_id(name), abi.statement_hash(sw.key_hash(key), x)
        path = abi.merkle_path(levels, i)
        assert world.view(abi.is_settled(root, app, stmt, i, path)) == true
        assert world.view(abi.is_settled(root, app, stmt, (i + 1) % 7, path)) == false          # wrong index
        assert world.view(abi.is_settled(root, app, sw.keccak(stmt), i, path)) == false        # wrong statement
        assert world.view(abi.is_settled(root, sw.keccak(app), stmt, i, path)) == false        # wrong application
        assert world.view(abi.is_settled(sw.keccak(root), app, stmt, i, path)) == false        # unknown root
        assert world.view(abi.is_settled(root, app, stmt, i, path + [root])) == false          # extra sibling
        assert world.view(abi.is_settled(root, app, stmt, i, path[:-1])) == false              # missing sibling
        forged = [sw.keccak(path[0])] + path[1:]
        assert world.view(abi.is_settled(root, app, stmt, i, forged)) == false                 # wrong sibling
    assert world.view(abi.is_settled(root, abi.application_id(items[0][0]), levels[0][0], 7, [])) == false


def test_register_key_validates(world, sim):
    key = sim.key(2)
    good = key.canonical_bytes()
    result, _ = world.register(key)
    assert result.success and result.output == sw.keccak(good)
    again = world.send(abi.register_key(good))
    assert again.success and again.gas_used < 40_000                                  # a no-op
    fresh = sim.key(2).canonical_bytes()
    def reason(blob):
        return world.send(abi.register_key(blob)).revert_reason()
    assert reason(fresh[:-64]) == "key length"                                       # count word lies
    assert reason(fresh[:64] + fresh[64:96] + abi.word(P) + fresh[128:]) == "coordinate >= p"
    assert reason(abi.word(0) * 2 + fresh[64:]) == "alpha at infinity"
    assert reason(fresh[:64] + abi.word(0) * 4 + fresh[192:]) == "G2 point at infinity"  # beta
    assert reason(fresh[:320] + abi.word(0) * 4 + fresh[448:]) == "G2 point at infinity"  # delta
    off = fresh[:32] + abi.word((int.from_bytes(fresh[32:64], "big") + 1) % P) + fresh[64:]
    assert reason(off) == "invalid G1 point"
    twisted = fresh[:64] + fresh[64:160] + abi.word((int.from_bytes(fresh[160:192], "big") + 1) % P) + fresh[192:]
    assert reason(twisted) == "invalid G2 point"
    ic_off = fresh[:-32] + abi.word((int.from_bytes(fresh[-32:], "big") + 1) % P)
    assert reason(ic_off) == "invalid G1 point"


def test_prague_gas_and_the_calldata_floor():
    """py-evm's Prague: settle pays as under Cancun (execution dominates), and
    a replay, which does little, pays the EIP-7623 floor."""
    sim = Simulator(seed=5)
    items = sw.make_items(sim, 2, 1, 1)
    cancun = sw.SettlementWorld()
    prague = sw.SettlementWorld(PyEvmChain())
    for w in (cancun, prague):
        w.register_all(items)
    data = sw.settle_calldata(items)
    c, p = cancun.send(data), prague.send(data)
    assert c.success and p.success
    assert p.gas_used == prague_expected(c.gas_used, data) == c.gas_used
    replay_c, replay_p = cancun.send(data), prague.send(data)
    assert replay_p.success
    assert prague_floor(data) > replay_c.gas_used
    assert replay_p.gas_used == prague_floor(data) == 21000 + 10 * (data.count(0) + 4 * (len(data) - data.count(0)))


@pytest.mark.parametrize("n,width", [(13, 4), (16, 8), (9, 8), (40, 16)])
def test_parts_combine_into_the_bundles_own_root(world, sim, n, width):
    """A bundle settled in aligned parts of `width` leaves, then settleTree:
    the recorded root is the manifest root over all n leaves, and every
    application's full-tree path checks against it."""
    items = sw.make_items(sim, n, 2, 1)
    world.register_all(items)
    roots = []
    for start in range(0, n, width):
        result = world.send(sw.settle_calldata(items[start:start + width]))
        assert result.success, result.revert_reason()
        roots.append(result.output)
    levels = sw.manifest(items)
    root = levels[-1][0]
    combined = world.send(abi.settle_tree(roots))
    assert combined.success and combined.output == root
    assert combined.logs == [([sw.keccak(b"BundleSettled(bytes32,uint256)"), root], abi.word(n))]
    assert world.leaf_count(root) == n
    for i, (name, key, x, _) in enumerate(items):
        call = abi.is_settled(root, abi.application_id(name), abi.statement_hash(sw.key_hash(key), x), i,
                              abi.merkle_path(levels, i))
        assert world.view(call) == abi.word(1)
    again = world.send(abi.settle_tree(roots))
    assert again.success and again.logs == []


def test_settle_tree_refuses_unsettled_or_misaligned_parts(world, sim):
    items = sw.make_items(sim, 12, 1, 0)
    world.register_all(items)
    roots = [world.send(sw.settle_calldata(items[s:s + 4])).output for s in (0, 4, 8)]
    odd = world.send(sw.settle_calldata(items[:3])).output           # 3 leaves: not a power of two
    assert world.send(abi.settle_tree([sw.keccak(b"never settled")] + roots[1:])).revert_reason() == "part not settled"
    assert world.send(abi.settle_tree(roots[:2] + [sw.keccak(b"never settled")])).revert_reason() == "part not settled"
    assert world.send(abi.settle_tree([odd] + roots[1:])).revert_reason() == "part width"
    assert world.send(abi.settle_tree([roots[0], odd, roots[2]])).revert_reason() == "part width"
    assert world.send(abi.settle_tree([])).revert_reason() == "no parts"
    assert world.send(abi.settle_tree([roots[0]])).output == roots[0]    # one part: its own root
