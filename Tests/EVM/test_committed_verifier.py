"""Commit-and-prove Groth16 verifier (Contracts/Groth16CommittedVerifier.vy.template) in a real EVM.

Two independent sources of proofs:
* Fixtures/commit-and-prove/threshold: a real proof from Sheaf's prover
  (ThresholdCircuit, lookups over a BSB22 commitment), exported and encoded by
  the `sheaf` CLI;
* groth16_sim's committed keys and proofs, forged with the trapdoor in Python
  (py_ecc), which `sheaf verify` must accept too.
"""
import json
import os

import pytest

import render_verifier
import sheaf_cli
from evm import ROOT, PyEvmChain, RevmChain, calldata_cost, compile_vyper, prague_expected, selector
from groth16_sim import (P, R, Simulator, commitment_challenge, committed_key, committed_proof, g1_mul, g2_mul)
from snarkjs_vectors import ECADD_GAS, ECMUL_GAS, PAIRING_BASE, PAIRING_PER_PAIR

FIXTURE = os.path.join(ROOT, "Fixtures", "commit-and-prove", "threshold")

# Exact total gas (pyrevm, CANCUN) of one successful verifyProof transaction.
EXPECTED_FIXTURE_GAS = 310689
# Execution beyond 21000 + calldata + precompiles, by the statement's input count.
EXPECTED_OVERHEAD = {0: 3548, 1: 2793, 2: 3205, 5: 4445}


def precompile_gas(ell):
    """One 6-pair ECPAIRING; ECMULs for the inputs, the challenge, rho*D and
    rho*pi; ECADDs for the inputs, the challenge's term and D."""
    return PAIRING_BASE + 6 * PAIRING_PER_PAIR + (ell + 3) * ECMUL_GAS + (ell + 2) * ECADD_GAS


def calldata(words, inputs):
    sig = "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],uint256[%d])" % len(inputs)
    return selector(sig) + b"".join(int(w).to_bytes(32, "big") for w in list(words) + list(inputs))


def as_bool(res):
    assert res.success, res
    assert len(res.output) == 32 and res.output[:31] == bytes(31) and res.output[31] in (0, 1)
    return res.output[31] == 1


def load_fixture():
    def j(name):
        with open(os.path.join(FIXTURE, name)) as f:
            return json.load(f)
    vk, proof, inputs = j("verification_key.json"), j("proof.json"), [int(x) for x in j("public.json")]
    a, b, c = proof["pi_a"], proof["pi_b"], proof["pi_c"]
    d, k = proof["commitment"], proof["knowledge_proof"]
    words = [int(a[0]), int(a[1]), int(b[0][1]), int(b[0][0]), int(b[1][1]), int(b[1][0]), int(c[0]), int(c[1]),
             int(d[0]), int(d[1]), int(k[0]), int(k[1])]
    return vk, words, inputs


@pytest.fixture(scope="module")
def chain():
    return RevmChain()


@pytest.fixture(scope="module")
def fixture_contract(chain):
    vk, words, inputs = load_fixture()
    return chain.deploy(compile_vyper(render_verifier.render(vk))), words, inputs


def rejections(chain, address, words, inputs):
    """Every way a proof can be wrong that the contract must answer False
    (never revert), and the wrong input counts it must revert on."""
    def false(w, x):
        assert as_bool(chain.call(address, calldata(w, x))) is False

    def with_(**changes):
        w = list(words)
        for index, value in changes.items():
            w[int(index[1:])] = value
        return w

    # another valid commitment, knowledge proof or C; D and pi swapped
    dx, dy = g1_mul(11)
    false(with_(w8=dx, w9=dy), inputs)
    false(with_(w10=dx, w11=dy), inputs)
    false(with_(w6=dx, w7=dy), inputs)
    false(with_(w8=words[10], w9=words[11], w10=words[8], w11=words[9]), inputs)
    # D or pi off the curve, or with a coordinate >= p (the same field element)
    false(with_(w9=(words[9] + 1) % P), inputs)
    false(with_(w11=(words[11] + 1) % P), inputs)
    false(with_(w9=words[9] + P), inputs)
    false(with_(w10=words[10] + P), inputs)
    # A off the curve: the ECPAIRING precompile fails
    false(with_(w1=(words[1] + 1) % P), inputs)
    if inputs:
        false(words, [(inputs[0] + 1) % R] + inputs[1:])
        false(words, [inputs[0] + R] + inputs[1:])      # same value mod r: still refused
        false(words, inputs[:-1] + [2**256 - 1])
        assert not chain.call(address, calldata(words, inputs[:-1])).success
    assert not chain.call(address, calldata(words, inputs + [1])).success


def test_sheaf_proof_verifies_with_exact_gas(chain, fixture_contract):
    address, words, inputs = fixture_contract
    data = calldata(words, inputs)
    res = chain.call(address, data)
    assert as_bool(res) is True
    assert res.gas_used == EXPECTED_FIXTURE_GAS
    assert res.gas_used - 21000 - calldata_cost(data) - precompile_gas(len(inputs)) == EXPECTED_OVERHEAD[2]
    # py-evm (Prague) runs the same code: the same execution, EIP-7623 floor applied
    pe = PyEvmChain()
    vk, _, _ = load_fixture()
    res = pe.call(pe.deploy(compile_vyper(render_verifier.render(vk))), data)
    assert as_bool(res) is True
    assert res.gas_used == prague_expected(EXPECTED_FIXTURE_GAS, data)


def test_sheaf_proof_rejections(chain, fixture_contract):
    address, words, inputs = fixture_contract
    rejections(chain, address, words, inputs)


@pytest.mark.skipif(not sheaf_cli.available(), reason=f"{sheaf_cli.SHEAF} is not built (make test builds it)")
def test_cli_export_and_calldata(tmp_path, chain, fixture_contract):
    vk, words, inputs = load_fixture()
    paths = {name: os.path.join(FIXTURE, name + ".json") for name in ("verification_key", "proof", "public")}
    out = tmp_path / "Verifier.vy"
    sheaf_cli.run("export", "verifier", "--vk", paths["verification_key"], "--out", out)
    assert out.read_text() == render_verifier.render(vk)   # Swift and Python renderers agree
    call = sheaf_cli.run("calldata", "--proof", paths["proof"], "--public", paths["public"],
                         "--vk", paths["verification_key"]).stdout.strip()
    assert bytes.fromhex(call[2:]) == calldata(words, inputs)
    fields = json.loads(sheaf_cli.run("calldata", "--proof", paths["proof"], "--public", paths["public"], "--json").stdout)
    assert [int(x, 16) for x in fields["commitment"] + fields["knowledgeProof"]] == words[8:12]
    assert "expectedGas" not in fields
    # a plain snarkjs key with the commit-and-prove proof, and the reverse, are refused
    plain = os.path.join(ROOT, "Fixtures", "rollup")
    r = sheaf_cli.run("verify", "--vk", os.path.join(plain, "verification_key.json"), "--proof", paths["proof"],
                      "--public", paths["public"], check=False)
    assert r.returncode == 2 and "groth16-bsb22" in r.stderr
    r = sheaf_cli.run("verify", "--vk", paths["verification_key"], "--proof", os.path.join(plain, "proof.json"),
                      "--public", paths["public"], check=False)
    assert r.returncode == 2 and "groth16-bsb22" in r.stderr


@pytest.fixture(scope="module")
def simulated():
    sim = Simulator(seed=20261205)
    out = {}
    for ell in (0, 1, 2, 5):
        key = committed_key(sim, ell)
        x = sim.inputs(ell)
        out[ell] = (key, x, committed_proof(sim, key, x))
    return sim, out


@pytest.mark.parametrize("ell", [0, 1, 2, 5])
def test_simulated_keys(chain, simulated, ell):
    sim, cases = simulated
    key, x, words = cases[ell]
    address = chain.deploy(compile_vyper(render_verifier.render(key.snarkjs_json())))
    data = calldata(words, x)
    res = chain.call(address, data)
    assert as_bool(res) is True
    assert res.gas_used - 21000 - calldata_cost(data) - precompile_gas(ell) == EXPECTED_OVERHEAD[ell]
    rejections(chain, address, words, x)
    if ell == 0:
        assert data[:4] == selector("verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[2],uint256[2],uint256[0])")
        assert not chain.call(address, data + bytes(32)).success     # trailing bytes
        assert not chain.call(address, b"\x12\x34\x56\x78" + data[4:]).success
        assert not chain.call(address, b"").success


def test_forgeries_the_commitment_must_stop(chain, simulated):
    """Proofs that satisfy one of the two equations but not both."""
    sim, cases = simulated
    key, x, words = cases[1]
    address = chain.deploy(compile_vyper(render_verifier.render(key.snarkjs_json())))
    k = key.base
    a, b = 5, sim._g2_pick()
    A, B = g1_mul(a), g2_mul(b)

    def groth16_c(d, challenge):
        s = k.t_ic[0] + k.t_ic[1] * x[0] + k.t_ic[2] * challenge
        return g1_mul((a * b - k.t_alpha * k.t_beta - k.t_gamma * (s + d)) * pow(k.t_delta, -1, R) % R)

    def words_for(d_point, pi_point, c_point):
        return [A[0], A[1], B[0], B[1], B[2], B[3], c_point[0], c_point[1], *d_point, *pi_point]

    d = 77
    D = g1_mul(d)
    honest = words_for(D, g1_mul(key.t_sigma * d), groth16_c(d, commitment_challenge(D)))
    assert as_bool(chain.call(address, calldata(honest, x))) is True
    # The prover picks its own challenge (not keccak(D)): the Groth16 equation
    # holds for that challenge, the contract computes the real one.
    forged = words_for(D, g1_mul(key.t_sigma * d), groth16_c(d, 12345))
    assert as_bool(chain.call(address, calldata(forged, x))) is False
    # D is not backed by a knowledge proof: the Groth16 equation holds, pi is wrong.
    forged = words_for(D, g1_mul(key.t_sigma * d + 1), groth16_c(d, commitment_challenge(D)))
    assert as_bool(chain.call(address, calldata(forged, x))) is False
    # D at infinity with pi at infinity is a valid empty commitment.
    zero = (0, 0)
    empty = words_for(zero, zero, groth16_c(0, commitment_challenge(zero)))
    assert as_bool(chain.call(address, calldata(empty, x))) is True


@pytest.mark.skipif(not sheaf_cli.available(), reason=f"{sheaf_cli.SHEAF} is not built (make test builds it)")
def test_sheaf_verify_accepts_the_simulated_proofs(tmp_path, simulated):
    """The Python simulator and Sheaf's native verifier agree: an independent check of both."""
    _, cases = simulated
    for ell, (key, x, words) in cases.items():
        w = [str(v) for v in words]
        proof = {"pi_a": [w[0], w[1], "1"], "pi_b": [[w[3], w[2]], [w[5], w[4]], ["1", "0"]],
                 "pi_c": [w[6], w[7], "1"], "commitment": [w[8], w[9], "1"], "knowledge_proof": [w[10], w[11], "1"],
                 "protocol": "groth16-bsb22", "curve": "bn128"}
        files = {"verification_key.json": key.snarkjs_json(), "proof.json": proof, "public.json": [str(v) for v in x]}
        for name, value in files.items():
            (tmp_path / name).write_text(json.dumps(value))
        args = ["verify", "--vk", tmp_path / "verification_key.json", "--proof", tmp_path / "proof.json",
                "--public", tmp_path / "public.json"]
        assert sheaf_cli.run(*args).returncode == 0, ell
        proof["knowledge_proof"] = [str(g1_mul(9)[0]), str(g1_mul(9)[1]), "1"]
        (tmp_path / "proof.json").write_text(json.dumps(proof))
        assert sheaf_cli.run(*args, check=False).returncode == 1, ell
