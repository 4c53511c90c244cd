#!/usr/bin/env python3
"""Send a `sheaf settle` plan to a fresh SheafSettlement in revm.

usage: run_plan.py DIR [--revm]

DIR holds plan.json (its "transactions" list: {"file": ..., ...} in sending
order) and the 0x-hex calldata files it names. The contract is compiled from
Contracts/SheafSettlement.vy and deployed on a fresh chain: py-evm under
Prague's rules by default (real transactions, so the gas is what a chain
charges), or with --revm pyrevm (CANCUN), each transaction in a fresh EVM.
Prints one JSON object: {"evm", "address", "gasUsed": [...], "success": [...],
"reverts": [...]}; exits 1 when a transaction failed. `sheaf demo` runs it to
measure the gas it prints.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from evm import PyEvmChain, evm_description  # noqa: E402
from settlement_world import SettlementWorld  # noqa: E402


def run(directory: str, revm: bool = False) -> dict:
    with open(os.path.join(directory, "plan.json")) as f:
        plan = json.load(f)
    world = SettlementWorld() if revm else SettlementWorld(PyEvmChain())
    address = world.address
    gas, success, reverts = [], [], []
    for tx in plan["transactions"]:
        with open(os.path.join(directory, tx["file"])) as f:
            data = bytes.fromhex(f.read().strip().removeprefix("0x"))
        result = world.send(data)
        gas.append(result.gas_used)
        success.append(result.success)
        reverts.append(result.revert_reason())
    if isinstance(address, bytes):
        address = "0x" + address.hex()
    return {"evm": evm_description(prague=not revm), "address": address, "gasUsed": gas, "success": success, "reverts": reverts}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = run(sys.argv[1], revm="--revm" in sys.argv[2:])
    print(json.dumps(out))
    sys.exit(0 if all(out["success"]) else 1)
