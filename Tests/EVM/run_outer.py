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
"settled", "opened": [...], "notifyGas"}; exits 1 unless the settlement
succeeded and every application's leaf opens. `sheaf demo --outer` runs it to
measure the gas it prints.

When DIR also holds SheafOuterNotifier.vy (`sheaf export outer-notifier`), the
same proof is settled again on a fresh chain through the notifier, every
application with a receiver that checks its caller and application id
(outer_world.checks_only_receiver): notifyGas is that settleAndNotify
transaction's gas (null without the notifier), and it must succeed, return the
plan's root and record it.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from evm import PyEvmChain, compile_vyper, evm_description  # noqa: E402
from outer_world import checks_only_receiver, notify_data  # noqa: E402


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
    notify_gas, notified = None, True
    notifier_path = os.path.join(directory, "SheafOuterNotifier.vy")
    if os.path.exists(notifier_path):
        with open(notifier_path) as f:
            notifier_source = f.read()
        apps = plan["applications"]
        chain = PyEvmChain()
        settlement = chain.deploy(compile_vyper(source))
        notifier = chain.deploy(compile_vyper(notifier_source) + bytes(12) + settlement)
        receiver = compile_vyper(checks_only_receiver())
        ids = [_hex(a["applicationId"]) for a in apps]
        receivers = [chain.deploy(receiver + bytes(12) + notifier + i) for i in ids]
        words = [int.from_bytes(settle[36 + 32 * k:68 + 32 * k], "big") for k in range(12)]
        r = chain.call(notifier, notify_data(len(apps), words, ids, [_hex(a["statementHash"]) for a in apps], receivers))
        notify_gas = r.gas_used
        notified = r.success and r.output == _hex(plan["statementRoot"])
    return {"evm": evm_description(prague=True), "settleGas": result.gas_used, "settled": settled and notified,
            "revert": result.revert_reason(), "isSettledGas": gas, "opened": opened, "notifyGas": notify_gas}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = run(sys.argv[1])
    print(json.dumps(out))
    sys.exit(0 if out["settled"] and all(out["opened"]) else 1)
