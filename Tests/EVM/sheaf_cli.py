"""Running the `sheaf` CLI from the EVM tests, on data from groth16_sim.

SHEAF_BIN names the binary; by default the release build in .build/release
(what `make test` builds). Tests that need it skip with a message when absent.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess

from evm import ROOT

SHEAF = os.environ.get("SHEAF_BIN", os.path.join(ROOT, ".build", "release", "sheaf"))


def available() -> bool:
    return os.access(SHEAF, os.X_OK)


def run(*args, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run([SHEAF, *map(str, args)], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"sheaf {' '.join(map(str, args))} exited {result.returncode}: {result.stderr}")
    return result


def proof_json(words) -> dict:
    """snarkjs's proof.json for 8 words; Sheaf's commit-and-prove one for 12."""
    w = [str(v) for v in words]
    out = {"pi_a": [w[0], w[1], "1"], "pi_b": [[w[3], w[2]], [w[5], w[4]], ["1", "0"]],
           "pi_c": [w[6], w[7], "1"], "protocol": "groth16", "curve": "bn128"}
    if len(w) == 12:
        out.update(commitment=[w[8], w[9], "1"], knowledge_proof=[w[10], w[11], "1"], protocol="groth16-bsb22")
    return out


def write_apps(directory: str, items) -> str:
    """One snarkjs triple per application: DIR/apps/<name>/{verification_key,proof,public}.json."""
    apps = os.path.join(directory, "apps")
    shutil.rmtree(apps, ignore_errors=True)
    for name, key, x, words in items:
        d = os.path.join(apps, name)
        os.makedirs(d)
        with open(os.path.join(d, "verification_key.json"), "w") as f:
            json.dump(key.snarkjs_json(), f)
        with open(os.path.join(d, "public.json"), "w") as f:
            json.dump([str(v) for v in x], f)
        with open(os.path.join(d, "proof.json"), "w") as f:
            json.dump(proof_json(words), f)
    return apps


def bundle_and_plan(directory: str, items, *settle_args) -> tuple[dict, subprocess.CompletedProcess]:
    """`sheaf aggregate` then `sheaf settle`; returns plan.json and the settle run."""
    apps = write_apps(directory, items)
    bundle = os.path.join(directory, "bundle.sheaf")
    run("aggregate", "--proofs", apps, "--out", bundle)
    out = os.path.join(directory, "settle")
    settled = run("settle", bundle, "--out", out, *settle_args)
    with open(os.path.join(out, "plan.json")) as f:
        return json.load(f), settled


def calldata(directory: str, entry: dict) -> bytes:
    with open(os.path.join(directory, "settle", entry["file"])) as f:
        return bytes.fromhex(f.read().strip().removeprefix("0x"))
