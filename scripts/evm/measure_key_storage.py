#!/usr/bin/env python3
"""Storage slots against code-as-data for SheafSettlement's verifying keys.

usage: .venv-evm/bin/python scripts/evm/measure_key_storage.py

Measures in py-evm (real transactions, cold at the start of each) what it
costs to store a verifying key's canonical bytes and to read all of them back
in a later transaction, both ways: one storage slot per 32-byte word, or the
bytes deployed as a data contract's code and read with EXTCODECOPY (a word at a
time, as settle reads a key's points; both record the word count in a slot). The store
and read functions do nothing else, so the difference is the storage choice.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "EVM"))

import settlement_abi as abi  # noqa: E402
from evm import PyEvmChain, compile_vyper, selector  # noqa: E402
from groth16_sim import Simulator  # noqa: E402

SOURCE = """
# pragma version 0.4.3
# pragma optimize gas
# pragma evm-version cancun
# pragma experimental-codegen

MAXW: constant(uint256) = 81
slots: HashMap[bytes32, uint256[MAXW]]
lengths: HashMap[bytes32, uint256]
codes: HashMap[bytes32, address]

@external
def storeSlots(key: Bytes[2592]) -> bytes32:
    h: bytes32 = keccak256(key)
    n: uint256 = len(key) // 32
    for i: uint256 in range(n, bound=MAXW):
        self.slots[h][i] = extract32(key, 32 * i, output_type=uint256)
    self.lengths[h] = n
    return h

@external
def storeCode(key: Bytes[2592]) -> bytes32:
    h: bytes32 = keccak256(key)
    size: uint256 = len(key) + 1
    self.lengths[h] = len(key) // 32
    self.codes[h] = raw_create(concat(b"\\x61", convert(convert(size, uint16), bytes2), b"\\x80\\x60\\x0a\\x5f\\x39\\x5f\\xf3\\x00", key))
    return h

@external
def readSlots(h: bytes32) -> uint256:
    acc: uint256 = 0
    for i: uint256 in range(self.lengths[h], bound=MAXW):
        acc = acc ^ self.slots[h][i]
    return acc

@external
def readCode(h: bytes32) -> uint256:
    a: address = self.codes[h]
    acc: uint256 = 0
    for i: uint256 in range(self.lengths[h], bound=MAXW):
        acc = acc ^ convert(slice(a.code, 1 + 32 * i, 32), uint256)
    return acc
"""


def main():
    sim = Simulator(11)
    print("l | key bytes | store: slots / code | read in a later transaction: slots / code")
    for ell in (0, 1, 5, 11):
        key = sim.key(ell).canonical_bytes()
        chain = PyEvmChain()
        address = chain.deploy(compile_vyper(SOURCE))
        arg = abi.register_key(key)[4:]
        stored = {w: chain.call(address, selector(f"store{w}(bytes)") + arg) for w in ("Slots", "Code")}
        h = stored["Slots"].output
        read = {w: chain.call(address, selector(f"read{w}(bytes32)") + h) for w in ("Slots", "Code")}
        for name, r in list(stored.items()) + list(read.items()):
            assert r.success, (name, r.gas_used, r.revert_reason())
        assert read["Slots"].output == read["Code"].output
        print(f"{ell} | {len(key)} | {stored['Slots'].gas_used:,} / {stored['Code'].gas_used:,} | "
              f"{read['Slots'].gas_used:,} / {read['Code'].gas_used:,}")


if __name__ == "__main__":
    main()
