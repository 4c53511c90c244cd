"""A SheafSettlement deployed in revm, driven with Python-made calldata.

`items` are (application name, Key, inputs, proof words) with keys and proofs
from groth16_sim (independent of Sheaf). The helpers count what the contract
pays the precompiles, so that a test or the calibration can isolate the
contract's own work: gasUsed - 21,000 - calldata - precompiles.
"""
from __future__ import annotations

import functools

import settlement_abi as abi
from evm import RevmChain, calldata_cost, compile_vyper, keccak, read_contract
from groth16_sim import Key, Simulator

ECADD, ECMUL, PAIRING_BASE, PAIRING_PAIR = 150, 6000, 45000, 34000


@functools.lru_cache(maxsize=None)
def settlement_initcode() -> bytes:
    return compile_vyper(read_contract("SheafSettlement.vy"))


def key_hash(key: Key) -> bytes:
    return keccak(key.canonical_bytes())


def shape_of(items) -> dict:
    """n, k, runs, claim inputs, run inputs, pairs (keys in first-appearance order)."""
    keys, runs, run_inputs = [], 0, 0
    for i, (_, key, _, _) in enumerate(items):
        h = key_hash(key)
        if h not in keys:
            keys.append(h)
        if i == 0 or key_hash(items[i - 1][1]) != h:
            runs += 1
            run_inputs += key.ell
    n, k = len(items), len(keys)
    return {"n": n, "k": k, "runs": runs, "claimInputs": sum(len(x) for _, _, x, _ in items),
            "runInputs": run_inputs, "pairs": n + 3 * k}


def settle_precompile_gas(s: dict) -> int:
    ecmul = 2 * s["n"] + 2 * s["k"] + s["runInputs"]
    ecadd = s["n"] + s["k"] + s["runInputs"]
    return ECMUL * ecmul + ECADD * ecadd + PAIRING_BASE + PAIRING_PAIR * s["pairs"]


def register_precompile_gas(ell: int) -> int:
    return ECADD * (ell + 2) + PAIRING_BASE + 3 * PAIRING_PAIR


def settle_calldata(items) -> bytes:
    keys, inputs, claims = [], [], []
    for name, key, x, proof in items:
        h = key_hash(key)
        if h not in keys:
            keys.append(h)
        claims.append((abi.application_id(name), keys.index(h), proof))
        inputs += x
    return abi.settle(keys, claims, inputs)


def manifest(items) -> list[list[bytes]]:
    return abi.merkle_levels([abi.leaf(abi.application_id(name), abi.statement_hash(key_hash(key), x))
                              for name, key, x, _ in items])


def make_items(sim: Simulator, n: int, k: int, ell: int, grouped: bool = True, prefix: str = "app"):
    """n claims over k keys with ell inputs; grouped: claims of a key consecutive."""
    keys = [sim.key(ell) for _ in range(k)]
    order = sorted(range(n), key=lambda i: i % k) if grouped else list(range(n))
    items = []
    for i in order:
        key = keys[i % k]
        x = sim.inputs(ell)
        items.append((f"{prefix}-{i}", key, x, sim.proof(key, x)))
    return items


class SettlementWorld:
    def __init__(self, chain=None):
        self.chain = chain or RevmChain()
        self.address = self.chain.deploy(settlement_initcode())
        self.registered = set()

    def register(self, key: Key):
        data = abi.register_key(key.canonical_bytes())
        result = self.chain.call(self.address, data)
        if result.success:
            self.registered.add(key_hash(key))
        return result, data

    def register_all(self, items):
        for _, key, _, _ in items:
            if key_hash(key) not in self.registered:
                result, _ = self.register(key)
                assert result.success, result.revert_reason()

    def send(self, data: bytes):
        return self.chain.call(self.address, data)

    def view(self, data: bytes) -> bytes:
        result = self.chain.call(self.address, data)
        assert result.success, result.revert_reason()
        return result.output

    def leaf_count(self, root: bytes) -> int:
        from evm import selector
        return int.from_bytes(self.view(selector("leafCount(bytes32)") + root), "big")

    @staticmethod
    def execution(gas_used: int, data: bytes, precompiles: int) -> int:
        return gas_used - 21000 - calldata_cost(data) - precompiles
