#!/usr/bin/env python3
"""Settle an outer proof on a fresh SheafOuterSettlement and open every leaf.

usage: run_outer.py DIR

DIR holds SheafOuterSettlement.vy (the contract for the outer key, as `sheaf
aggregate --outer` writes it), settle-outer.hex (settleOuter's calldata) and
plan.json (as `sheaf settle --outer` writes it: per application its
isSettledCalldata). The contract is compiled and deployed in py-evm under
Prague's rules; settleOuter and then each application's isSettled run as
transactions of their own, every one starting cold as on a chain.
Prints one JSON object: {"evm", "settleGas", "isSettledGas": [...],
"settled", "opened": [...]}; exits 1 unless the settlement succeeded and
every application's leaf opens. `sheaf demo --outer` runs it to measure the
gas it prints.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from evm import PyEvmChain, compile_vyper, evm_description  # noqa: E402


def _hex(text: str) -> bytes:
    return bytes.fromhex(text.strip().removeprefix("0x"))


def run(directory: str) -> dict:
    with open(os.path.join(directory, "SheafOuterSettlement.vy")) as f:
        source = f.read()
    with open(os.path.join(directory, "plan.json")) as f:
        plan = json.load(f)
    with open(os.path.join(directory, "settle-outer.hex")) as f:
        settle = _hex(f.read())
    chain = PyEvmChain()
    address = chain.deploy(compile_vyper(source))
    result = chain.call(address, settle)
    # settleOuter returns True when this call recorded the root.
    settled = result.success and result.output[31:32] == b"\x01"
    gas, opened = [], []
    for app in plan["applications"]:
        r = chain.call(address, _hex(app["isSettledCalldata"]))
        gas.append(r.gas_used)
        opened.append(r.success and r.output[31:32] == b"\x01")
    return {"evm": evm_description(prague=True), "settleGas": result.gas_used, "settled": settled,
            "revert": result.revert_reason(), "isSettledGas": gas, "opened": opened}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = run(sys.argv[1])
    print(json.dumps(out))
    sys.exit(0 if out["settled"] and all(out["opened"]) else 1)
