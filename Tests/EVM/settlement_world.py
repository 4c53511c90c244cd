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
from groth16_sim import CommittedKey, Key, Simulator, committed_key, committed_proof

ECADD, ECMUL, PAIRING_BASE, PAIRING_PAIR = 150, 6000, 45000, 34000


@functools.lru_cache(maxsize=None)
def settlement_initcode() -> bytes:
    return compile_vyper(read_contract("SheafSettlement.vy"))


def key_hash(key: Key) -> bytes:
    return keccak(key.canonical_bytes())


def is_committed(key) -> bool:
    return isinstance(key, CommittedKey)


def groth16_part(key) -> Key:
    return key.base if is_committed(key) else key


def key_order(items) -> list[bytes]:
    """The key hashes in settle's keyHashes order, as Sheaf writes them: first
    the key that the most others share alpha and beta or gamma with (the
    contract merges those keys' pairs into the first key's), then the rest in
    first-appearance order."""
    keys, hashes = [], []
    for _, key, _, _ in items:
        if key_hash(key) not in hashes:
            hashes.append(key_hash(key))
            keys.append(groth16_part(key))
    shares = lambda i: sum(((keys[j].alpha, keys[j].beta) == (keys[i].alpha, keys[i].beta)) + (keys[j].gamma == keys[i].gamma)
                           for j in range(len(keys)) if j != i)
    best = max(range(len(keys)), key=lambda i: (shares(i), -i))
    return [hashes[best]] + [h for i, h in enumerate(hashes) if i != best]


def shape_of(items) -> dict:
    """n, k, runs, claim inputs, run inputs (a commit-and-prove run counts its
    challenge as one more input), pairs, the commit-and-prove claims and keys
    nc and kc (keys in first-appearance order), and the keys sharing the first
    key's alpha and beta (sharedAB) or its gamma (sharedG), whose pairs the
    contract merges into the first key's."""
    keys, runs, run_inputs, kc, shared_ab, shared_g = [], 0, 0, 0, 0, 0
    first_hash = key_order(items)[0]
    first = next(groth16_part(key) for _, key, _, _ in items if key_hash(key) == first_hash)
    for i, (_, key, _, _) in enumerate(items):
        h = key_hash(key)
        if h not in keys:
            keys.append(h)
            kc += is_committed(key)
            g = groth16_part(key)
            if h != first_hash:
                shared_ab += (g.alpha, g.beta) == (first.alpha, first.beta)
                shared_g += g.gamma == first.gamma
        if i == 0 or key_hash(items[i - 1][1]) != h:
            runs += 1
            run_inputs += key.ell + is_committed(key)
    n, k = len(items), len(keys)
    nc = sum(is_committed(key) for _, key, _, _ in items)
    return {"n": n, "k": k, "runs": runs, "claimInputs": sum(len(x) for _, _, x, _ in items),
            "runInputs": run_inputs, "pairs": n + 3 * k + 2 * kc - shared_ab - shared_g, "nc": nc, "kc": kc,
            "sharedAB": shared_ab, "sharedG": shared_g}


def settle_precompile_gas(s: dict) -> int:
    nc = s.get("nc", 0)
    ecmul = 2 * s["n"] + 2 * s["k"] + s["runInputs"] + 3 * nc - s.get("sharedAB", 0)
    ecadd = s["n"] + s["k"] + s["runInputs"] + 3 * nc + s.get("sharedG", 0)
    return ECMUL * ecmul + ECADD * ecadd + PAIRING_BASE + PAIRING_PAIR * s["pairs"]


def register_precompile_gas(ell: int, committed: bool = False) -> int:
    """ECADD on alpha and every IC point; 3 G2 points in one ECPAIRING, and a
    commit-and-prove key's 2 more in a second."""
    if committed:
        return ECADD * (ell + 3) + PAIRING_BASE + 3 * PAIRING_PAIR + PAIRING_BASE + 2 * PAIRING_PAIR
    return ECADD * (ell + 2) + PAIRING_BASE + 3 * PAIRING_PAIR


def settle_calldata(items) -> bytes:
    keys, inputs, claims, commitments = key_order(items), [], [], []
    for name, key, x, proof in items:
        h = key_hash(key)
        claims.append((abi.application_id(name), keys.index(h), proof[:8]))
        if is_committed(key):
            commitments.append(proof[8:12])
        inputs += x
    return abi.settle(keys, claims, inputs, commitments if commitments else None)


def manifest(items) -> list[list[bytes]]:
    return abi.merkle_levels([abi.leaf(abi.application_id(name), abi.statement_hash(key_hash(key), x))
                              for name, key, x, _ in items])


def make_items(sim: Simulator, n: int, k: int, ell: int, grouped: bool = True, prefix: str = "app",
               committed: bool = False, share: str = "", like=None):
    """n claims over k keys with ell inputs; grouped: claims of a key
    consecutive; committed: commit-and-prove keys and proofs (12 words);
    share: "ab" and/or "g", the keys after the first take its alpha and beta
    and/or gamma (or `like`'s, for every key, when given)."""
    keys = []
    for _ in range(k):
        ref = like if like is not None else (keys[0] if keys else None)
        keys.append(committed_key(sim, ell, like=ref, share=share) if committed else sim.key(ell, like=getattr(ref, "base", ref), share=share))
    order = sorted(range(n), key=lambda i: i % k) if grouped else list(range(n))
    items = []
    for i in order:
        key = keys[i % k]
        x = sim.inputs(ell)
        proof = committed_proof(sim, key, x) if committed else sim.proof(key, x)
        items.append((f"{prefix}-{i}", key, x, proof))
    return items


KEY_REGISTERED = keccak(b"KeyRegistered(bytes32,address)")
BUNDLE_SETTLED = keccak(b"BundleSettled(bytes32,uint256)")


def storage_slot(base: int, key: bytes) -> int:
    """Vyper's HashMap slot: keccak256(slot | key)."""
    return int.from_bytes(keccak(base.to_bytes(32, "big") + key), "big")


class SettlementWorld:
    """SheafSettlement on a chain, one transaction at a time.

    pyrevm's message_call keeps one journal across calls, so an account or slot
    touched by an earlier call stays warm (EIP-2929) in the next, which real
    transactions never see, and its commit() is unusable at depth 0. On revm,
    every transaction therefore runs in a fresh EVM whose database holds the
    state so far (the contract, every key's data contract and storage slot, every
    recorded root), inserted below the journal so that all of it starts cold.
    py-evm runs real transactions and needs none of this.
    """

    def __init__(self, chain=None):
        self.chain = chain or RevmChain()
        self.address = self.chain.deploy(settlement_initcode())
        self.isolated = isinstance(self.chain, RevmChain)
        self.runtime = self.chain.code(self.address) if self.isolated else b""
        self.registered = set()
        self.key_state = {}   # key hash -> (data contract address, keyInfo word, code)
        self.roots = {}       # root -> leaf count
        self.nonce = 1        # the contract's nonce (EIP-161), so CREATE addresses follow

    def _fresh(self) -> RevmChain:
        from pyrevm import AccountInfo

        chain = RevmChain()
        for h, (data_address, info, code) in self.key_state.items():
            chain.evm.insert_account_storage(self.address, storage_slot(0, h), info)
        for root, n in self.roots.items():
            chain.evm.insert_account_storage(self.address, storage_slot(1, root), n)
        for h, (data_address, info, code) in self.key_state.items():
            chain.evm.insert_account_info(data_address, AccountInfo(nonce=1, code=code))
        chain.evm.insert_account_info(self.address, AccountInfo(nonce=self.nonce, code=self.runtime))
        return chain

    def _track(self, chain, result):
        for topics, data in result.logs:
            if topics and topics[0] == KEY_REGISTERED:
                h = topics[1]
                data_address = "0x" + data[12:32].hex()
                info = chain.evm.storage(self.address, storage_slot(0, h)) if self.isolated else 0
                code = chain.code(data_address) if self.isolated else b""
                self.key_state[h] = (data_address, info, code)
                self.nonce += 1
            elif topics and topics[0] == BUNDLE_SETTLED:
                self.roots[topics[1]] = int.from_bytes(data, "big")

    def send(self, data: bytes):
        chain = self._fresh() if self.isolated else self.chain
        result = chain.call(self.address, data)
        if result.success:
            self._track(chain, result)
        return result

    def register(self, key: Key):
        data = abi.register_key(key.canonical_bytes())
        result = self.send(data)
        if result.success:
            self.registered.add(key_hash(key))
        return result, data

    def register_all(self, items):
        for _, key, _, _ in items:
            if key_hash(key) not in self.registered:
                result, _ = self.register(key)
                assert result.success, result.revert_reason()

    def view(self, data: bytes) -> bytes:
        result = self.send(data)
        assert result.success, result.revert_reason()
        return result.output

    def leaf_count(self, root: bytes) -> int:
        from evm import selector
        return int.from_bytes(self.view(selector("leafCount(bytes32)") + root), "big")

    @staticmethod
    def execution(gas_used: int, data: bytes, precompiles: int) -> int:
        return gas_used - 21000 - calldata_cost(data) - precompiles
