"""Minimal EVM harness for Sheaf's Vyper contracts.

* `compile_vyper` compiles a .vy source with the installed vyper package (no
  committed bytecode).  Settings: evm_version "cancun", optimize "gas"; the
  codegen is chosen by each contract's own `# pragma experimental-codegen`
  (both contracts use it: venom measured cheaper).
* `RevmChain` deploys and calls contracts in pyrevm (revm), spec CANCUN.
* `PyEvmChain` deploys and calls contracts in py-evm, fork Prague (used to
  check the EIP-7623 calldata floor on small cases).
* `calldata_cost` / `prague_floor` compute the intrinsic calldata gas.

Both chains return a `TxResult(gas_used, success, output, logs)` where
`gas_used` is the whole transaction's gas (intrinsic 21,000 + calldata +
execution, after refunds) and `logs` is a list of (topics, data) with topics
as 32-byte `bytes`.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from eth_hash.auto import keccak as _keccak

import vyper
from vyper.compiler.settings import OptimizationLevel, Settings

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONTRACTS = os.path.join(ROOT, "Contracts")

TX_BASE = 21_000
EVM_VERSION = "cancun"


def keccak(b: bytes) -> bytes:
    return _keccak(bytes(b))


def selector(signature: str) -> bytes:
    return keccak(signature.encode())[:4]


def calldata_cost(data: bytes) -> int:
    """Intrinsic calldata gas (EIP-2028): 16 per nonzero byte, 4 per zero byte."""
    z = data.count(0)
    return 4 * z + 16 * (len(data) - z)


def calldata_tokens(data: bytes) -> int:
    z = data.count(0)
    return z + 4 * (len(data) - z)


def prague_floor(data: bytes) -> int:
    """EIP-7623 floor: 21,000 + 10 per token (zero byte = 1 token, nonzero = 4)."""
    return TX_BASE + 10 * calldata_tokens(data)


def prague_expected(cancun_gas_used: int, data: bytes) -> int:
    """Prague gas for a call whose Cancun gas was `cancun_gas_used` (no refunds)."""
    return max(cancun_gas_used, prague_floor(data))


@functools.lru_cache(maxsize=None)
def _compile_cached(source: str, experimental) -> tuple[bytes, bytes, tuple]:
    settings = Settings(
        evm_version=EVM_VERSION,
        optimize=OptimizationLevel.GAS,
        experimental_codegen=experimental,
    )
    out = vyper.compile_code(
        source, output_formats=["bytecode", "bytecode_runtime", "abi"], settings=settings
    )
    return (
        bytes.fromhex(out["bytecode"][2:]),
        bytes.fromhex(out["bytecode_runtime"][2:]),
        tuple(map(repr, out["abi"])),
    )


def compile_vyper(source: str, experimental=None) -> bytes:
    """Returns the deployable (init) bytecode for `source`."""
    return _compile_cached(source, experimental)[0]


def compile_runtime(source: str, experimental=None) -> bytes:
    return _compile_cached(source, experimental)[1]


def read_contract(name: str) -> str:
    with open(os.path.join(CONTRACTS, name)) as f:
        return f.read()


@dataclass
class TxResult:
    gas_used: int
    success: bool
    output: bytes
    logs: list

    def revert_reason(self) -> str | None:
        """Decodes Error(string) revert data, if any."""
        o = self.output
        if self.success or len(o) < 68 or o[:4] != selector("Error(string)"):
            return None
        n = int.from_bytes(o[36:68], "big")
        return o[68 : 68 + n].decode(errors="replace")


DEPLOYER = "0x00000000000000000000000000000000000d0e01"
CALLER = "0x00000000000000000000000000000000000ca11e"


class RevmChain:
    """pyrevm (revm) with spec CANCUN. Each `call` is a committed transaction."""

    def __init__(self, gas_limit: int = 30_000_000):
        from pyrevm import EVM, BlockEnv, Env

        self.gas_limit = gas_limit
        self.evm = EVM(
            spec_id="CANCUN",
            gas_limit=2**63,
            env=Env(block=BlockEnv(gas_limit=2**63, basefee=0, number=1, timestamp=1)),
        )
        self.evm.set_balance(DEPLOYER, 10**30)
        self.evm.set_balance(CALLER, 10**30)

    def deploy(self, initcode: bytes) -> str:
        return self.evm.deploy(DEPLOYER, initcode, gas=self.gas_limit)

    def call(self, to: str, data: bytes, gas: int | None = None, static: bool = False) -> TxResult:
        gas = self.gas_limit if gas is None else gas
        try:
            out = self.evm.message_call(CALLER, to, calldata=data, gas=gas, is_static=static)
            out = bytes(out)
        except RuntimeError as e:  # revert / halt
            res = self.evm.result
            out = _parse_revert_output(str(e))
            return TxResult(res.gas_used if res else 0, False, out, [])
        res = self.evm.result
        logs = [
            ([bytes(t) if isinstance(t, (bytes, bytearray)) else bytes.fromhex(str(t)[2:]) for t in lg.data[0]], bytes(lg.data[1]))
            for lg in res.logs
        ]
        return TxResult(res.gas_used, bool(res.is_success), out, logs)

    def code(self, address: str) -> bytes:
        return bytes(self.evm.get_code(address) or b"")


def _parse_revert_output(msg: str) -> bytes:
    # pyrevm reports reverts as "Revert { gas_used: .., output: 0x.. }"
    i = msg.find("output: 0x")
    if i < 0:
        return b""
    j = i + len("output: 0x")
    k = j
    while k < len(msg) and msg[k] in "0123456789abcdefABCDEF":
        k += 1
    return bytes.fromhex(msg[j:k])


class PyEvmChain:
    """py-evm, Prague (or Cancun) rules. Each `call` is a signed legacy
    transaction applied on its own, so every transaction starts with a cold
    access list (EIP-2929), as on a real chain."""

    KEY = b"\x01" * 32

    def __init__(self, gas_limit: int = 30_000_000, fork: str = "prague"):
        from eth import constants
        from eth.chains.base import MiningChain
        from eth.db.atomic import AtomicDB
        from eth.vm.forks.cancun import CancunVM
        from eth.vm.forks.prague import PragueVM
        from eth_keys import keys

        self.gas_limit = gas_limit
        self.pk = keys.PrivateKey(self.KEY)
        self.sender = self.pk.public_key.to_canonical_address()
        klass = MiningChain.configure(
            __name__="SheafTestChain", vm_configuration=((constants.GENESIS_BLOCK_NUMBER, {"prague": PragueVM, "cancun": CancunVM}[fork]),), chain_id=1337
        )
        genesis_params = {
            "coinbase": constants.ZERO_ADDRESS,
            "difficulty": 0,
            "gas_limit": 2 * gas_limit,
            "timestamp": 1,
            "extra_data": b"",
            "nonce": b"\x00" * 8,
            "base_fee_per_gas": 0,
        }
        state = {self.sender: {"balance": 10**30, "nonce": 0, "code": b"", "storage": {}}}
        self.chain = klass.from_genesis(AtomicDB(), genesis_params, state)
        self.nonce = 0
        self._cumulative = 0

    def _tx(self, to: bytes, data: bytes, gas: int) -> TxResult:
        vm = self.chain.get_vm()
        tx = vm.create_unsigned_transaction(
            nonce=self.nonce, gas_price=0, gas=gas, to=to, value=0, data=data
        ).as_signed_transaction(self.pk, chain_id=1337)
        self.nonce += 1
        _block, receipt, comp = self.chain.apply_transaction(tx)
        # one transaction per block: a receipt carries its block's cumulative gas
        gas_used = receipt.gas_used - self._cumulative
        self._cumulative = 0
        self.chain.mine_block()
        logs = [
            ([t.to_bytes(32, "big") for t in lg.topics], bytes(lg.data)) for lg in receipt.logs
        ]
        ok = comp.is_success
        out = comp.output if ok else (comp._error.args[0] if comp._error and comp._error.args and isinstance(comp._error.args[0], bytes) else b"")
        return TxResult(gas_used, ok, bytes(out), logs if ok else [])

    def deploy(self, initcode: bytes) -> bytes:
        from eth._utils.address import generate_contract_address

        addr = generate_contract_address(self.sender, self.nonce)
        r = self._tx(b"", initcode, self.gas_limit)
        assert r.success, "deploy failed"
        return addr

    def call(self, to: bytes, data: bytes, gas: int | None = None) -> TxResult:
        return self._tx(to, data, self.gas_limit if gas is None else gas)


def evm_description(prague: bool = False) -> str:
    """The EVM and compiler the measurements come from, with their versions."""
    from importlib.metadata import version

    if prague:
        return f"py-evm {version('py-evm')} (Prague rules), vyper {version('vyper')}"
    return f"pyrevm {version('pyrevm')} (revm, spec CANCUN), vyper {version('vyper')}"
