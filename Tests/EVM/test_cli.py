"""The `sheaf` CLI's Ethereum output executed in a real EVM.

Verifier export and calldata for every snarkjs vector; `sheaf settle` over the
grid of bundle shapes (revm, functional); the gas `sheaf` predicts against
py-evm's measurement (real transactions) within 0.5%; and the CLI's refusals.
"""
import json
import os
import subprocess

import pytest

import render_verifier
import settlement_abi as abi
import settlement_world as sw
import sheaf_cli
from evm import ROOT, PyEvmChain, RevmChain, compile_vyper
from groth16_sim import R, Simulator
from snarkjs_vectors import VECTOR_DIRS, load, proof_words, verify_calldata

pytestmark = pytest.mark.skipif(not sheaf_cli.available(), reason=f"{sheaf_cli.SHEAF} is not built (make test builds it)")

NAMES = [os.path.basename(d.rstrip("/")) for d in VECTOR_DIRS]


@pytest.mark.parametrize("d", VECTOR_DIRS, ids=NAMES)
def test_exported_verifier_accepts_the_cli_calldata(tmp_path, d):
    vk_path, proof_path, public_path = (os.path.join(d, f) for f in ("verification_key.json", "proof.json", "public.json"))
    out = tmp_path / "Verifier.vy"
    sheaf_cli.run("export", "verifier", "--vk", vk_path, "--out", out)
    vk, proof, inputs = load(d)
    source = out.read_text()
    assert source == render_verifier.render(vk)       # Swift and Python renderers agree
    call = bytes.fromhex(sheaf_cli.run("calldata", "--proof", proof_path, "--public", public_path).stdout.strip()[2:])
    assert call == verify_calldata(proof_words(proof), inputs)
    fields = json.loads(sheaf_cli.run("calldata", "--proof", proof_path, "--public", public_path, "--vk", vk_path,
                                      "--json", "--fork", "prague").stdout)
    assert [int(x, 16) for x in fields["input"]] == inputs
    for chain in (RevmChain(), PyEvmChain()):
        address = chain.deploy(compile_vyper(source))
        result = chain.call(address, call)
        assert result.success and int.from_bytes(result.output, "big") == 1
        # the prediction is within 0.5% of the measured total
        assert abs(fields["expectedGas"] - result.gas_used) <= 0.005 * result.gas_used, (fields["expectedGas"], result.gas_used)
        # tampered proof, input >= r: false; another input count: revert
        words = proof_words(proof)
        bad = verify_calldata(words[:6] + [words[6], (words[7] + 1)], inputs)
        assert int.from_bytes(chain.call(address, bad).output or b"\0", "big") == 0
        if inputs:
            over = verify_calldata(words, [inputs[0] + R] + inputs[1:])
            assert int.from_bytes(chain.call(address, over).output or b"\0", "big") == 0
        assert not chain.call(address, verify_calldata(words, inputs + [1])).success


def test_cli_calldata_refuses_bad_files(tmp_path):
    d = VECTOR_DIRS[0]
    bad = tmp_path / "proof.json"
    bad.write_text('{"pi_a": ["1", "2", "1"]}')
    r = sheaf_cli.run("calldata", "--proof", bad, "--public", os.path.join(d, "public.json"), check=False)
    assert r.returncode == 2 and str(bad) in r.stderr and len(r.stderr.strip().splitlines()) == 1
    other = VECTOR_DIRS[1]
    r = sheaf_cli.run("calldata", "--proof", os.path.join(other, "proof.json"), "--public", os.path.join(other, "public.json"),
                      "--vk", os.path.join(d, "verification_key.json"), check=False)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    r = sheaf_cli.run("export", "verifier", "--vk", bad, "--out", tmp_path / "V.vy", check=False)
    assert r.returncode == 2 and not (tmp_path / "V.vy").exists()


def grid():
    out = []
    for ell in (0, 1, 5, 11):
        for n in (1, 2, 4, 8, 16, 64, 256):
            for k in sorted({1, 3, n}):
                if k <= n:
                    out.append((n, k, ell))
    return out


def send_plan(world, directory, plan):
    results = []
    for entry in plan["transactions"]:
        result = world.send(sheaf_cli.calldata(directory, entry))
        assert result.success, (entry, result.revert_reason())
        results.append(result)
    return results


@pytest.mark.parametrize("n,k,ell", grid(), ids=lambda v: str(v))
def test_settle_grid(tmp_path, n, k, ell):
    sim = Simulator(seed=1000 * n + 10 * k + ell)
    items = sw.make_items(sim, n, k, ell, grouped=False)
    plan, settled = sheaf_cli.bundle_and_plan(str(tmp_path), items)
    world = sw.SettlementWorld()
    send_plan(world, str(tmp_path), plan)
    settles = [t for t in plan["transactions"] if t["function"] == "settle"]
    assert len([t for t in plan["transactions"] if t["function"] == "registerKey"]) == k
    assert sum(t["statements"] for t in settles) == n
    assert plan["split"] == (len(settles) > 1)
    trees = [t for t in plan["transactions"] if t["function"] == "settleTree"]
    assert len(trees) == (1 if plan["split"] else 0)
    # whole or in parts, the root recorded for every application is the bundle's own
    assert {a["root"] for a in plan["applications"]} == {plan["bundleManifestRoot"]}
    if plan["split"]:
        width = settles[0]["statements"]
        assert width & (width - 1) == 0 and all(t["statements"] == width for t in settles[:-1])
    assert sorted(a["id"] for a in plan["applications"]) == sorted(name for name, _, _, _ in items)
    for app in plan["applications"]:
        assert world.leaf_count(bytes.fromhex(app["root"][2:])) > 0
        assert world.view(bytes.fromhex(app["isSettledCalldata"][2:])) == abi.word(1)
    # the Python encoder agrees with the CLI's calldata for the first settle call
    first = plan["applications"][: settles[0]["statements"]]
    by_name = {name: (name, key, x, words) for name, key, x, words in items}
    assert sheaf_cli.calldata(str(tmp_path), settles[0]) == sw.settle_calldata([by_name[a["id"]] for a in first])
    # a replay of every settle call records nothing new
    for entry in settles:
        again = world.send(sheaf_cli.calldata(str(tmp_path), entry))
        assert again.success and again.logs == []


@pytest.mark.parametrize("n,k,ell,share", [(1, 1, 0, ""), (8, 1, 1, ""), (8, 3, 5, ""), (16, 16, 1, ""), (40, 3, 11, ""),
                                           (100, 1, 1, ""), (16, 16, 1, "g"), (16, 16, 1, "abg"), (8, 4, 2, "ab"),
                                           (64, 64, 0, "abg")], ids=lambda v: str(v))
def test_predicted_gas_within_half_a_percent(tmp_path, n, k, ell, share):
    """Every transaction `sheaf settle` writes, measured in py-evm (real
    transactions) against the gas it predicts for Prague; share: keys that
    take the first key's alpha and beta ("ab") or gamma ("g"), whose pairs the
    contract merges and the CLI counts (fewer pairs, so more claims a call)."""
    sim = Simulator(seed=7 * n + k + ell)
    items = sw.make_items(sim, n, k, ell, share=share)
    plan, _ = sheaf_cli.bundle_and_plan(str(tmp_path), items, "--fork", "prague")
    world = sw.SettlementWorld(PyEvmChain())
    results = send_plan(world, str(tmp_path), plan)
    total_measured = sum(r.gas_used for r in results)
    total_predicted = sum(t["expectedGas"] for t in plan["transactions"])
    for entry, result in zip(plan["transactions"], results):
        assert abs(entry["expectedGas"] - result.gas_used) <= 0.005 * result.gas_used, (entry, result.gas_used)
    assert abs(total_predicted - total_measured) <= 0.005 * total_measured


def test_the_key_most_keys_share_with_goes_first(tmp_path):
    """A bundle whose first application has a key of its own, then 15 keys that
    share alpha, beta and gamma: `sheaf settle` lists the sharing key first, so
    the contract merges 30 pairs; its calldata is the Python encoder's, and its
    predictions hold in py-evm."""
    sim = Simulator(seed=4242)
    items = sw.make_items(sim, 1, 1, 1, prefix="lone") + sw.make_items(sim, 15, 15, 1, prefix="ptau", share="abg")
    shape = sw.shape_of(items)
    assert shape["sharedAB"] == 14 and shape["sharedG"] >= 14 and shape["pairs"] <= 16 + 3 * 16 - 28
    assert sw.key_order(items)[0] == sw.key_hash(items[1][1])
    plan, _ = sheaf_cli.bundle_and_plan(str(tmp_path), items, "--fork", "prague")
    settles = [t for t in plan["transactions"] if t["function"] == "settle"]
    assert len(settles) == 1
    by_name = {name: (name, key, x, words) for name, key, x, words in items}
    ordered = [by_name[a["id"]] for a in plan["applications"]]
    assert sheaf_cli.calldata(str(tmp_path), settles[0]) == sw.settle_calldata(ordered)
    world = sw.SettlementWorld(PyEvmChain())
    for entry, result in zip(plan["transactions"], send_plan(world, str(tmp_path), plan)):
        assert abs(entry["expectedGas"] - result.gas_used) <= 0.005 * result.gas_used, (entry, result.gas_used)


def test_bundles_over_the_cap_are_split_and_each_part_fits(tmp_path):
    sim = Simulator(seed=99)
    items = sw.make_items(sim, 256, 256, 11, grouped=False)
    plan, settled = sheaf_cli.bundle_and_plan(str(tmp_path), items, "--fork", "osaka")
    assert "split" in settled.stdout
    assert plan["transactionGasCap"] == 2 ** 24
    settles = [t for t in plan["transactions"] if t["function"] == "settle"]
    assert len(settles) > 1 and all(t["expectedGas"] <= 2 ** 24 for t in settles)
    world = sw.SettlementWorld()
    send_plan(world, str(tmp_path), plan)
    root = bytes.fromhex(plan["bundleManifestRoot"][2:])
    assert world.leaf_count(root) == 256
    assert {a["root"] for a in plan["applications"]} == {plan["bundleManifestRoot"]}


def test_invalid_proofs_are_refused_at_intake_or_dropped(tmp_path):
    """`sheaf aggregate` checks every proof; the bundle it writes with
    --drop-invalid settles without the bad one. (`sheaf settle`'s own refusal of
    a bundle that carries an invalid proof is tested in Swift, where such a
    bundle can be built: SettlementPlannerTests.)"""
    sim = Simulator(seed=3)
    items = sw.make_items(sim, 6, 2, 1)
    name, key, x, words = items[4]
    items[4] = (name, key, [(x[0] + 1) % R], words)
    apps = sheaf_cli.write_apps(str(tmp_path), items)
    bundle = str(tmp_path / "b.sheaf")
    r = sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle, check=False)
    assert r.returncode == 2 and name in r.stderr and len(r.stderr.strip().splitlines()) == 1
    sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle, "--drop-invalid")
    sheaf_cli.run("settle", bundle, "--out", tmp_path / "out")
    plan = json.loads((tmp_path / "out" / "plan.json").read_text())
    assert plan["dropped"] == [] and name not in [a["id"] for a in plan["applications"]]
    assert len(plan["applications"]) == 5
    world = sw.SettlementWorld()
    for entry in plan["transactions"]:
        data = bytes.fromhex((tmp_path / "out" / entry["file"]).read_text().strip()[2:])
        assert world.send(data).success


def test_snarkpacked_bundles_settle_with_their_raw_proofs(tmp_path):
    sim = Simulator(seed=4)
    items = sw.make_items(sim, 8, 1, 1)
    apps = sheaf_cli.write_apps(str(tmp_path), items)
    srs, bundle = str(tmp_path / "srs.bin"), str(tmp_path / "b.sheaf")
    sheaf_cli.run("srs", "--insecure", "--max-proofs", 8, "--out", srs)
    sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle, "--srs", srs, "--snarkpack", 4)
    r = sheaf_cli.run("settle", bundle, "--out", tmp_path / "out", check=False)
    assert r.returncode == 2 and "--proofs" in r.stderr
    sheaf_cli.run("settle", bundle, "--out", tmp_path / "out", "--proofs", apps)
    plan = json.loads((tmp_path / "out" / "plan.json").read_text())
    world = sw.SettlementWorld()
    for entry in plan["transactions"]:
        assert world.send(bytes.fromhex((tmp_path / "out" / entry["file"]).read_text().strip()[2:])).success
    assert [t for t in plan["transactions"] if t["function"] == "settle"][0]["root"] == plan["bundleManifestRoot"]


def test_settle_refuses_a_malformed_bundle(tmp_path):
    bad = tmp_path / "b.sheaf"
    bad.write_bytes(b"SHEAFB" + b"\x00" * 10)
    r = sheaf_cli.run("settle", bad, "--out", tmp_path / "out", check=False)
    assert r.returncode == 2 and str(bad) in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_bundles_with_commit_and_prove_proofs_settle(tmp_path):
    """Plain snarkjs-style apps, simulated commit-and-prove apps and Sheaf's real
    commit-and-prove fixture, through `sheaf aggregate` and `sheaf settle`, sent
    to py-evm: every transaction succeeds within 0.5% of its predicted gas, and
    every application's isSettled call answers true."""
    import shutil
    sim = Simulator(seed=5150)
    items = sw.make_items(sim, 3, 2, 1, prefix="plain") + sw.make_items(sim, 4, 2, 1, prefix="lookup", committed=True)
    apps = sheaf_cli.write_apps(str(tmp_path), items)
    shutil.copytree(os.path.join(ROOT, "Fixtures", "commit-and-prove", "threshold"), os.path.join(apps, "threshold"))
    bundle = str(tmp_path / "b.sheaf")
    out = sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle).stdout
    assert "8 proofs (5 commit-and-prove, under 3 commit-and-prove keys)" in out
    sheaf_cli.run("verify-bundle", bundle)
    inspect = json.loads(sheaf_cli.run("inspect", bundle, "--json").stdout)
    assert inspect["formatVersion"] == 2 and len(inspect["commitAndProveKeys"]) == 3
    sheaf_cli.run("settle", bundle, "--out", tmp_path / "settle", "--fork", "prague")
    plan = json.loads((tmp_path / "settle" / "plan.json").read_text())
    assert len([t for t in plan["transactions"] if t["function"] == "registerKey"]) == 5
    # plain statements first, then the commit-and-prove ones, each group by key
    assert [a["id"] for a in plan["applications"]][:3] == ["plain-0", "plain-2", "plain-1"]
    world = sw.SettlementWorld(PyEvmChain())
    results = send_plan(world, str(tmp_path), plan)
    for entry, result in zip(plan["transactions"], results):
        assert abs(entry["expectedGas"] - result.gas_used) <= 0.005 * result.gas_used, (entry, result.gas_used)
    for app in plan["applications"]:
        assert world.view(bytes.fromhex(app["isSettledCalldata"][2:])) == abi.word(1)
    # the Python encoder agrees with the CLI's settle calldata, the fixture's
    # key and proof read back from its files
    by_name = {name: (name, key, x, words) for name, key, x, words in items}
    by_name["threshold"] = fixture_item(os.path.join(apps, "threshold"))
    settles = [t for t in plan["transactions"] if t["function"] == "settle"]
    assert len(settles) == 1
    ordered = [by_name[a["id"]] for a in plan["applications"]]
    assert sheaf_cli.calldata(str(tmp_path), settles[0]) == sw.settle_calldata(ordered)


def fixture_item(directory):
    """(name, CommittedKey, inputs, 12 proof words) from commit-and-prove JSON
    files; the trapdoor fields are unknown (zero) and unused here."""
    from groth16_sim import CommittedKey, Key

    def load(name):
        with open(os.path.join(directory, name)) as f:
            return json.load(f)
    vk, p, public = load("verification_key.json"), load("proof.json"), load("public.json")
    g1 = lambda pt: (int(pt[0]), int(pt[1]))
    g2 = lambda pt: (int(pt[0][1]), int(pt[0][0]), int(pt[1][1]), int(pt[1][0]))
    base = Key(alpha=g1(vk["vk_alpha_1"]), beta=g2(vk["vk_beta_2"]), gamma=g2(vk["vk_gamma_2"]), delta=g2(vk["vk_delta_2"]),
               ic=[g1(pt) for pt in vk["IC"]], t_alpha=0, t_beta=0, t_gamma=0, t_delta=0, t_ic=[])
    key = CommittedKey(base=base, g=g2(vk["vk_commitment_g_2"]), gsn=g2(vk["vk_commitment_gsigmaneg_2"]), t_g=0, t_sigma=0)
    words = [*g1(p["pi_a"]), *g2(p["pi_b"]), *g1(p["pi_c"]), *g1(p["commitment"]), *g1(p["knowledge_proof"])]
    return ("threshold", key, [int(v) for v in public], words)
