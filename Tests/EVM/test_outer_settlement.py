"""Outer settlement (Contracts/SheafOuterSettlement.vy.template) in a real EVM.

Two sources of outer proofs:
* Fixtures/outer: a real outer proof from Sheaf's prover (`sheaf aggregate
  --outer` over Fixtures/note-spend, rollup and wallet-recovery: three inner
  proofs under three keys in one commit-and-prove Groth16 proof), with its
  statement tree;
* groth16_sim's outer-shaped keys (one input, g = gamma) and proofs forged with
  the trapdoor in Python, for the contract's logic on any root.
"""
import json
import os
import subprocess
import sys

import pytest

import render_verifier
import sheaf_cli
from evm import PyEvmChain, RevmChain, calldata_cost, compile_vyper, keccak, prague_expected
from groth16_sim import P, Simulator, g1_mul, outer_key
from snarkjs_vectors import SHARED_SNARKJS
from outer_world import (FIXTURE, PADDED_FIXTURE, as_bool, assert_refused, fixture_apps, h, is_settled_data, load_fixture, precompile_gas,
                         settle_data, sha, simulated, tree)
# Exact total gas (pyrevm, CANCUN) of the fixture's settleOuter transaction.
EXPECTED_SETTLE_GAS = 294018
# Execution beyond 21000 + calldata + precompiles (the root's storage, 22,100, included).
EXPECTED_EXECUTION = 26698
# The same proof through the outer notifier (py-evm), each of its three
# applications with a receiver that checks its caller and application id.
EXPECTED_NOTIFY_CHECKS_ONLY = 311356


@pytest.fixture(scope="module")
def sim_world():
    sim = Simulator(seed=1515)
    key = outer_key(sim)
    chain = RevmChain()
    address = chain.deploy(compile_vyper(render_verifier.render_outer(key.snarkjs_json(), 5)))
    return sim, key, chain, address


def test_simulated_roots_settle_once_and_open_for_every_leaf(sim_world):
    sim, key, chain, address = sim_world
    leaves, root, paths, words = simulated(sim, key, 5)
    res = chain.call(address, settle_data(root, words))
    assert as_bool(res) is True
    assert res.logs == [([keccak(b"OuterSettled(bytes32,uint256)"), root], (5).to_bytes(32, "big"))]
    # replay: recorded already, nothing new
    again = chain.call(address, settle_data(root, words))
    assert as_bool(again) is False and again.logs == [] and again.gas_used < res.gas_used
    for i, data in enumerate(leaves):
        ok = chain.call(address, is_settled_data(root, data[:32], data[32:], i, paths[i]), static=True)
        assert as_bool(ok) is True
        # wrong index, wrong statement, a missing or extra sibling, another root
        assert as_bool(chain.call(address, is_settled_data(root, data[:32], data[32:], (i + 1) % 5, paths[i]))) is False
        assert as_bool(chain.call(address, is_settled_data(root, data[:32], bytes(32), i, paths[i]))) is False
        assert as_bool(chain.call(address, is_settled_data(root, data[:32], data[32:], i, paths[i][:-1]))) is False
        assert as_bool(chain.call(address, is_settled_data(root, data[:32], data[32:], i, paths[i] + [bytes(32)]))) is False
        assert as_bool(chain.call(address, is_settled_data(bytes(32), data[:32], data[32:], i, paths[i]))) is False
    # an inner node passed off as a leaf fails: the leaf prefix differs
    assert as_bool(chain.call(address, is_settled_data(root, paths[4][0][:32], paths[4][0][:32], 0, paths[0][1:]))) is False


def test_forged_outer_proofs_revert(sim_world):
    sim, key, chain, address = sim_world
    leaves, root, paths, words = simulated(sim, key, 5)

    def reverts(r, w):
        res = chain.call(address, settle_data(r, w))
        assert not res.success and res.revert_reason() == "invalid outer proof", res

    other = bytes([root[0] ^ 1]) + root[1:]
    reverts(other, words)                                   # a changed root
    swapped = tree([leaves[1], leaves[0]] + leaves[2:])[0]
    reverts(swapped, words)                                 # statements swapped after proving
    w = list(words); w[0], w[1] = g1_mul(5)
    reverts(root, w)                                        # another A
    w = list(words); w[8], w[9] = g1_mul(7)
    reverts(root, w)                                        # another commitment D
    w = list(words); w[10], w[11] = g1_mul(7)
    reverts(root, w)                                        # another knowledge proof
    w = list(words); w[9] = (w[9] + 1) % P
    reverts(root, w)                                        # D off the curve
    w = list(words); w[10] += P
    reverts(root, w)                                        # a coordinate >= p
    # the top three bits of the root are outside the proof's input, but a root
    # differing there is still not the tree's root, so nothing opens under it
    high = bytes([root[0] ^ 0x80]) + root[1:]
    res = chain.call(address, settle_data(high, words))
    assert as_bool(res) is True
    data = leaves[0]
    assert as_bool(chain.call(address, is_settled_data(high, data[:32], data[32:], 0, paths[0]))) is False


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_swift_and_python_render_the_same_contract(sim_world, tmp_path):
    _, key, _, _ = sim_world
    path = tmp_path / "vk.json"
    path.write_text(json.dumps(key.snarkjs_json()))
    out = tmp_path / "Outer.vy"
    sheaf_cli.run("export", "outer-settlement", "--vk", path, "--statements", 5, "--out", out)
    assert out.read_text() == render_verifier.render_outer(key.snarkjs_json(), 5)
    # a key that is not an outer key is refused, exit 2
    plain = tmp_path / "plain.json"
    other = dict(key.snarkjs_json(), vk_commitment_g_2=key.snarkjs_json()["vk_beta_2"])
    plain.write_text(json.dumps(other))
    res = sheaf_cli.run("export", "outer-settlement", "--vk", plain, "--statements", 5, "--out", out, check=False)
    assert res.returncode == 2 and "Pedersen base g is not gamma" in res.stderr


@pytest.fixture(scope="module")
def fixture_world():
    vk, words, statements = load_fixture()
    chain = RevmChain()
    source = render_verifier.render_outer(vk, statements["count"])
    return vk, words, statements, chain, chain.deploy(compile_vyper(source)), source


def test_fixture_statements_are_the_applications_own(fixture_world):
    """statements.json's inputs are the applications' public.json, and its
    statement hashes, leaves and paths hash up to its root."""
    _, _, statements, _, _, _ = fixture_world
    leaves = []
    for item in statements["statements"]:
        with open(os.path.join(FIXTURE, "..", item["id"], "public.json")) as f:
            assert [int(x) for x in json.load(f)] == [int(x) for x in item["publicInputs"]]
        body = h(item["keyHash"]) + b"".join(int(x).to_bytes(32, "big") for x in item["publicInputs"])
        assert sha(body) == h(item["statementHash"])
        assert keccak(item["id"].encode()) == h(item["applicationId"])
        leaves.append(h(item["applicationId"]) + h(item["statementHash"]))
    root, paths = tree(leaves)
    assert root == h(statements["root"])
    assert [[x.hex() for x in p] for p in paths] == [[s[2:] for s in item["siblings"]] for item in statements["statements"]]


def test_sheaf_outer_proof_settles_with_exact_gas(fixture_world):
    vk, words, statements, chain, address, source = fixture_world
    root = h(statements["root"])
    data = settle_data(root, words)
    res = chain.call(address, data)
    assert as_bool(res) is True
    assert res.gas_used == EXPECTED_SETTLE_GAS
    assert res.gas_used - 21000 - calldata_cost(data) - precompile_gas() == EXPECTED_EXECUTION
    for item in statements["statements"]:
        call = is_settled_data(root, h(item["applicationId"]), h(item["statementHash"]), item["leafIndex"],
                               [h(s) for s in item["siblings"]])
        assert as_bool(chain.call(address, call)) is True
        wrong = is_settled_data(root, h(item["applicationId"]), sha(b"another statement"), item["leafIndex"],
                                [h(s) for s in item["siblings"]])
        assert as_bool(chain.call(address, wrong)) is False
    # py-evm (Prague, every account cold) charges the same
    pe = PyEvmChain()
    res = pe.call(pe.deploy(compile_vyper(source)), data)
    assert as_bool(res) is True and res.gas_used == prague_expected(EXPECTED_SETTLE_GAS, data)


def test_sheaf_outer_proof_rejections(fixture_world):
    """A fresh contract: a changed root, statements swapped after proving, a
    forged proof: each reverts, and nothing is recorded."""
    vk, words, statements, chain, _, source = fixture_world
    address = chain.deploy(compile_vyper(source))
    root = h(statements["root"])
    leaves = [h(i["applicationId"]) + h(i["statementHash"]) for i in statements["statements"]]
    swapped = tree([leaves[1], leaves[0]] + leaves[2:])[0]
    changed = tree(leaves[:-1] + [leaves[-1][:32] + sha(b"changed")])[0]
    assert_refused(chain, address, root, words, statements, [swapped, changed])


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_cli_verifies_and_settles_the_fixture_bundle(tmp_path):
    """`sheaf aggregate` over the fixture's applications (no --outer: the outer
    proof is the committed one), then `verify-bundle --outer` and `settle
    --outer`; the settle transaction and every isSettled call run in py-evm
    at the gas the plan predicts."""
    apps = fixture_apps(tmp_path)
    bundle = tmp_path / "b.sheaf"
    sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle)
    report = json.loads(sheaf_cli.run("verify-bundle", bundle, "--outer", FIXTURE, "--json").stdout)
    assert report["status"] == "valid" and report["outerProof"] == "valid"
    out = tmp_path / "settle"
    sheaf_cli.run("settle", bundle, "--outer", FIXTURE, "--out", out, "--fork", "prague")
    plan = json.loads((out / "plan.json").read_text())
    assert plan["mode"] == "outer" and [t["function"] for t in plan["transactions"]] == ["settleOuter"]
    vk, words, statements = load_fixture()
    assert plan["statementRoot"] == statements["root"]
    data = bytes.fromhex((out / "settle-outer.hex").read_text().strip()[2:])
    assert data == settle_data(h(statements["root"]), words)
    chain = PyEvmChain()
    address = chain.deploy(compile_vyper(render_verifier.render_outer(vk, 3)))
    res = chain.call(address, data)
    assert as_bool(res) is True and res.gas_used == plan["transactions"][0]["expectedGas"] == plan["settleGas"]
    for app in plan["applications"]:
        r = chain.call(address, bytes.fromhex(app["isSettledCalldata"][2:]))
        assert as_bool(r) is True
        assert abs(r.gas_used - app["isSettledGas"]) <= 0.005 * r.gas_used, (r.gas_used, app["isSettledGas"])

    # Another bundle (one application's directory renamed: another application id)
    # does not match the outer proof: verify-bundle says invalid, settle refuses.
    os.rename(apps / "rollup", apps / "rollup-2")
    other = tmp_path / "other.sheaf"
    sheaf_cli.run("aggregate", "--proofs", apps, "--out", other)
    r = sheaf_cli.run("verify-bundle", other, "--outer", FIXTURE, check=False)
    assert r.returncode == 1 and "the outer proof does not verify on these statements" in r.stdout
    r = sheaf_cli.run("settle", other, "--outer", FIXTURE, "--out", tmp_path / "s2", check=False)
    assert r.returncode == 2 and "does not verify on this bundle's statements" in r.stderr
    # --outer without a key: refused before anything is proved
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", other, "--outer", tmp_path / "o", check=False)
    assert r.returncode == 2 and "--outer needs a proving key" in r.stderr


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_run_outer_measures_a_settlement_plan(tmp_path):
    """Tests/EVM/run_outer.py, which `sheaf demo --outer` runs to measure the
    gas it prints: on the fixture's `settle --outer` plan and exported contract
    it settles at the plan's exact gas and opens every leaf at its predicted
    gas (within 0.5%), and settles through the exported notifier at its exact
    gas; with the proof's C altered nothing settles, no leaf opens, and the
    script exits 1."""
    apps = fixture_apps(tmp_path)
    bundle = tmp_path / "b.sheaf"
    sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle)
    out = tmp_path / "settle"
    sheaf_cli.run("settle", bundle, "--outer", FIXTURE, "--out", out, "--fork", "prague")
    sheaf_cli.run("export", "outer-settlement", "--vk", os.path.join(FIXTURE, "verification_key.json"), "--statements", 3,
                  "--out", out / "SheafOuterSettlement.vy")
    sheaf_cli.run("export", "outer-notifier", "--statements", 3, "--out", out / "SheafOuterNotifier.vy")
    plan = json.loads((out / "plan.json").read_text())
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run_outer.py")
    done = subprocess.run([sys.executable, script, str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["settled"] is True and result["opened"] == [True, True, True]
    assert result["evm"].startswith("py-evm") and result["settleGas"] == plan["settleGas"]
    for measured, app in zip(result["isSettledGas"], plan["applications"]):
        assert abs(measured - app["isSettledGas"]) <= 0.005 * measured, (measured, app["isSettledGas"])
    # The same proof through the notifier, each application with a receiver that checks its caller.
    assert result["notifyGas"] == EXPECTED_NOTIFY_CHECKS_ONLY

    data = bytearray(bytes.fromhex((out / "settle-outer.hex").read_text().strip()[2:]))
    data[4 + 32 + 6 * 32 + 31] ^= 1          # C's x coordinate
    (out / "settle-outer.hex").write_text("0x" + data.hex() + "\n")
    refused = subprocess.run([sys.executable, script, str(out)], capture_output=True, text=True)
    assert refused.returncode == 1
    result = json.loads(refused.stdout)
    assert result["settled"] is False and result["revert"] == "invalid outer proof" and result["opened"] == [False] * 3


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_outer_key_file_that_does_not_read_is_refused(tmp_path):
    """A key file is read beside the witness (PendingProvingKey), its container
    and header first: one that is not a key is refused with exit 2 naming the
    file before any witness is built, and nothing is written."""
    apps = tmp_path / "apps"
    (apps / "rollup").mkdir(parents=True)
    for f in ("verification_key.json", "proof.json", "public.json"):
        (apps / "rollup" / f).write_text(open(os.path.join(FIXTURE, "..", "rollup", f)).read())
    for name, content in (("garbage.shpk", b"not a key"), ("truncated.shpk", b"shpk" + bytes(40))):
        key = tmp_path / name
        key.write_bytes(content)
        r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", tmp_path / "b.sheaf", "--outer", tmp_path / "o",
                          "--outer-key", key, check=False)
        assert r.returncode == 2, r.stderr
        assert str(key) in r.stderr and "Fatal error" not in r.stderr
        # the container and header are checked before the witness is built
        assert "witness" not in r.stderr
        assert not (tmp_path / "o").exists()


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_bundle_carrying_its_outer_proof_verifies_and_settles(tmp_path):
    """`aggregate --attach-outer` carries Fixtures/outer's proof inside the bundle
    (format version 3); `verify-bundle` checks it without --outer and `settle`
    settles through it by default, at the gas py-evm charges."""
    apps = fixture_apps(tmp_path)
    bundle = tmp_path / "b.sheaf"
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle, "--attach-outer", FIXTURE)
    assert "carrying its outer proof" in r.stdout
    assert bundle.read_bytes()[6:8] == b"\x00\x03"
    report = json.loads(sheaf_cli.run("verify-bundle", bundle, "--json").stdout)
    assert report["status"] == "valid" and report["outerProof"] == "valid"
    out = tmp_path / "settle"
    sheaf_cli.run("settle", bundle, "--out", out, "--fork", "prague")
    plan = json.loads((out / "plan.json").read_text())
    assert plan["mode"] == "outer"
    vk, words, statements = load_fixture()
    data = bytes.fromhex((out / "settle-outer.hex").read_text().strip()[2:])
    assert data == settle_data(h(statements["root"]), words)
    chain = PyEvmChain()
    res = chain.call(chain.deploy(compile_vyper(render_verifier.render_outer(vk, 3))), data)
    assert as_bool(res) is True and res.gas_used == plan["settleGas"]
    # The carried proof altered in the file (C replaced): verify-bundle says invalid.
    raw = bytearray(bundle.read_bytes())
    start = len(raw) - 32 - 4 - 384
    raw[start + 192:start + 256] = (1).to_bytes(32, "big") + (2).to_bytes(32, "big")   # the generator of G1
    forged = tmp_path / "forged.sheaf"
    forged.write_bytes(bytes(raw))
    r = sheaf_cli.run("verify-bundle", forged, check=False)
    assert r.returncode == 1 and "the outer proof does not verify on these statements" in r.stdout
    # Attaching the proof to other applications is refused.
    os.rename(apps / "rollup", apps / "rollup-2")
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", tmp_path / "o.sheaf", "--attach-outer", FIXTURE, check=False)
    assert r.returncode == 2 and "does not verify on this bundle's statements" in r.stderr


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_padded_bundle_shares_the_fixture_key_and_settles(tmp_path):
    """Fixtures/outer-padded: note-spend and rollup padded to the three slots of
    Fixtures/outer's key (`--outer-size 3`, rollup repeated). One verifying key
    serves both bundles, so one contract settles both roots, and every leaf of
    each opens with isSettled, at the gas the plan predicts."""
    vk, words, statements = load_fixture()
    pvk, pwords, pstatements = load_fixture(PADDED_FIXTURE)
    assert pvk == vk
    assert [i["id"] for i in pstatements["statements"]] == ["note-spend", "rollup", "rollup"]
    assert pstatements["statements"][1]["statementHash"] == pstatements["statements"][2]["statementHash"]
    apps = fixture_apps(tmp_path)
    for f in ("verification_key.json", "proof.json", "public.json"):
        (apps / "wallet-recovery" / f).unlink()
    (apps / "wallet-recovery").rmdir()
    # Without the padding the proof does not fit the two-application bundle.
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", tmp_path / "x.sheaf", "--attach-outer", PADDED_FIXTURE, check=False)
    assert r.returncode == 2 and "does not verify on this bundle's statements" in r.stderr
    bundle = tmp_path / "b.sheaf"
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle, "--attach-outer", PADDED_FIXTURE, "--outer-size", "3")
    assert "padded to the fixed outer size 3: 1 copy of rollup's proof" in r.stderr
    assert "3 proofs" in r.stdout and "carrying its outer proof" in r.stdout
    report = json.loads(sheaf_cli.run("verify-bundle", bundle, "--json").stdout)
    assert report["status"] == "valid" and report["outerProof"] == "valid"
    out = tmp_path / "settle"
    sheaf_cli.run("settle", bundle, "--out", out, "--fork", "prague")
    plan = json.loads((out / "plan.json").read_text())
    assert plan["statementRoot"] == pstatements["root"]
    assert [a["id"] for a in plan["applications"]] == ["note-spend", "rollup", "rollup"]
    data = bytes.fromhex((out / "settle-outer.hex").read_text().strip()[2:])
    assert data == settle_data(h(pstatements["root"]), pwords)
    chain = PyEvmChain()
    address = chain.deploy(compile_vyper(render_verifier.render_outer(vk, 3)))
    res = chain.call(address, settle_data(h(statements["root"]), words))
    assert as_bool(res) is True
    res = chain.call(address, data)
    assert as_bool(res) is True and res.gas_used == plan["settleGas"]
    for app in plan["applications"]:
        r = chain.call(address, bytes.fromhex(app["isSettledCalldata"][2:]))
        assert as_bool(r) is True
        assert abs(r.gas_used - app["isSettledGas"]) <= 0.005 * r.gas_used, (r.gas_used, app["isSettledGas"])
    for item in statements["statements"]:
        call = is_settled_data(h(statements["root"]), h(item["applicationId"]), h(item["statementHash"]), item["leafIndex"],
                               [h(s) for s in item["siblings"]])
        assert as_bool(chain.call(address, call)) is True


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_outer_size_refusals(tmp_path):
    """--outer-size is checked before anything is proved: a size that is not 1
    to 64 or auto, without --outer or --attach-outer, smaller than the bundle,
    or over keys of several input counts."""
    apps = fixture_apps(tmp_path)
    out = tmp_path / "b.sheaf"
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", out, "--outer", tmp_path / "o", "--outer-size", "65", check=False)
    assert r.returncode == 2 and "--outer-size '65' is not a size from 1 to 64 or auto" in r.stderr
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", out, "--outer-size", "4", check=False)
    assert r.returncode == 2 and "--outer-size is for --outer or --attach-outer" in r.stderr
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", out, "--outer", tmp_path / "o", "--outer-size", "2", check=False)
    assert r.returncode == 2 and "3 proofs do not fit 2 slots" in r.stderr
    # A key of another input count (snarkjs's test vector takes one input).
    other = os.path.join(SHARED_SNARKJS, "multiplier2-0x79de")
    if os.path.isdir(other):   # ../shared sits beside the repository in CI
        (apps / "multiplier").mkdir()
        for f in ("verification_key.json", "proof.json", "public.json"):
            (apps / "multiplier" / f).write_text(open(os.path.join(other, f)).read())
        r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", out, "--outer", tmp_path / "o", "--outer-size", "auto", check=False)
        assert r.returncode == 2 and "a fixed size takes keys of one input count; these take 1, 3" in r.stderr
    assert not (tmp_path / "o").exists()
