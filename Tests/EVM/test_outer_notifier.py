"""Settlement with notification (Contracts/SheafOuterNotifier.vy.template) in a
real EVM: the notifier builds the statement tree from the statements, settles
its root on a SheafOuterSettlement, and calls each statement's receiver
(Contracts/ExampleSettlementReceiver.vy).

Gas is asserted in py-evm (Prague rules, each transaction with a cold access
list): pyrevm keeps accounts warm from one message call to the next, which
would hide the cold CALL to every receiver that this mode pays.
"""
import json

import pytest

import render_verifier
import sheaf_cli
from evm import PyEvmChain, compile_runtime, compile_vyper, keccak, read_contract, selector
from groth16_sim import Simulator, g1_mul, outer_key
from outer_world import (FIXTURE, PADDED_FIXTURE, as_bool, checks_only_receiver, h, is_settled_data, load_fixture, notify_data,
                         settle_data, sha, simulated, tree)

# Exact total gas (py-evm, Prague) of settleAndNotify for 16 simulated
# statements, each delivered to an ExampleSettlementReceiver (which checks its
# caller and application id and logs the statement) ...
EXPECTED_NOTIFY_16 = 399592
# ... and to a receiver that only checks its caller and application id.
EXPECTED_NOTIFY_16_CHECKS_ONLY = 376968
# The fixture's real outer proof (three applications) through the notifier.
EXPECTED_NOTIFY_FIXTURE = 315598
# A receiver's budget and the margin the notifier requires beyond it (the template's constants).
RECEIVER_GAS = 50000
CALL_MARGIN = 10000

CHECKS_ONLY = checks_only_receiver()
REVERTS = """# pragma version 0.4.3
@external
def onSettled(root: bytes32, applicationId: bytes32, statementHash: bytes32):
    raise "no"
"""
GREEDY = """# pragma version 0.4.3
spent: public(HashMap[uint256, uint256])
@external
def onSettled(root: bytes32, applicationId: bytes32, statementHash: bytes32):
    for i: uint256 in range(10):
        self.spent[i] = 1
"""
SETTLED_TOPIC = keccak(b"StatementSettled(bytes32,bytes32)")
NOT_DELIVERED_TOPIC = keccak(b"NotDelivered(bytes32,uint256)")
OUTER_SETTLED_TOPIC = keccak(b"OuterSettled(bytes32,uint256)")


def word(address: bytes) -> bytes:
    return bytes(12) + address


class World:
    """A settlement contract for an outer key, its notifier, and receivers."""

    def __init__(self, outer_source: str, n: int):
        self.chain = PyEvmChain()
        self.n = n
        self.source = outer_source
        self.settlement = self.chain.deploy(compile_vyper(outer_source))
        self.notifier = self.chain.deploy(compile_vyper(render_verifier.render_notifier(n)) + word(self.settlement))

    def receiver(self, application: bytes, source: str | None = None) -> bytes:
        """A receiver of this notifier for `application`: ExampleSettlementReceiver,
        or `source` with the same constructor (notifier, application id)."""
        source = read_contract("ExampleSettlementReceiver.vy") if source is None else source
        return self.chain.deploy(compile_vyper(source) + word(self.notifier) + application)

    def contract(self, source: str) -> bytes:
        """A contract without constructor arguments (a misbehaving receiver)."""
        return self.chain.deploy(compile_vyper(source))


@pytest.fixture()
def sim16():
    sim = Simulator(seed=1515)
    key = outer_key(sim)
    world = World(render_verifier.render_outer(key.snarkjs_json(), 16), 16)
    leaves, root, paths, words = simulated(sim, key, 16)
    return world, leaves, root, paths, words


def test_sixteen_statements_settle_and_every_receiver_hears_its_own(sim16):
    world, leaves, root, paths, words = sim16
    apps, statements = [l[:32] for l in leaves], [l[32:] for l in leaves]
    receivers = [world.receiver(a) for a in apps]
    data = notify_data(16, words, apps, statements, receivers)
    res = world.chain.call(world.notifier, data)
    assert res.success, res.revert_reason()
    assert res.output == root
    assert res.gas_used == EXPECTED_NOTIFY_16
    assert res.gas_used // 16 == 24974, "per application, against issue 15's 25,000"
    # The settlement contract's event, then one StatementSettled per receiver, in order.
    assert res.logs[0] == ([OUTER_SETTLED_TOPIC, root], (16).to_bytes(32, "big"))
    assert [(t, d) for t, d in res.logs[1:]] == [([SETTLED_TOPIC, s], root) for s in statements]
    # The root is recorded in the settlement contract: isSettled opens every leaf as before.
    for i in range(16):
        assert as_bool(world.chain.call(world.settlement, is_settled_data(root, apps[i], statements[i], i, paths[i])))
    # Replaying records nothing and notifies no one.
    again = world.chain.call(world.notifier, data)
    assert again.success and again.output == root and again.logs == []
    # A receiver refuses a call from anyone but its notifier.
    direct = selector("onSettled(bytes32,bytes32,bytes32)") + root + apps[0] + statements[0]
    res = world.chain.call(receivers[0], direct)
    assert not res.success


def test_a_receiver_that_only_checks_its_caller(sim16):
    """The cost of learning that a statement settled, apart from what an
    application then does: the receiver checks its caller and application id."""
    world, leaves, root, paths, words = sim16
    apps, statements = [l[:32] for l in leaves], [l[32:] for l in leaves]
    receivers = [world.receiver(a, CHECKS_ONLY) for a in apps]
    data = notify_data(16, words, apps, statements, receivers)
    res = world.chain.call(world.notifier, data)
    assert res.success and res.output == root and len(res.logs) == 1
    assert res.gas_used == EXPECTED_NOTIFY_16_CHECKS_ONLY
    assert res.gas_used // 16 == 23560, "docs/recursion.md: per application, against issue 15's 25,000"
    # Against settleOuter alone on a fresh contract for the same key: the tree,
    # the statements' calldata and 16 deliveries.
    plain = World(world.source, 16)
    alone = plain.chain.call(plain.settlement, settle_data(root, words))
    assert as_bool(alone) is True
    assert alone.gas_used == 294006
    assert (res.gas_used - alone.gas_used) // 16 == 5185, "docs/recursion.md: the notification's cost per application"
    assert (EXPECTED_NOTIFY_16 - EXPECTED_NOTIFY_16_CHECKS_ONLY) // 16 == 1414, "the example receiver's log"


def test_invalid_proofs_and_changed_statements_revert_and_notify_no_one(sim16):
    world, leaves, root, paths, words = sim16
    apps, statements = [l[:32] for l in leaves], [l[32:] for l in leaves]
    receivers = [world.receiver(a) for a in apps]

    def refused(w, a, s):
        res = world.chain.call(world.notifier, notify_data(16, w, a, s, receivers))
        assert not res.success and res.revert_reason() == "invalid outer proof", res
        assert res.logs == []

    forged = list(words)
    forged[6], forged[7] = g1_mul(3)
    refused(forged, apps, statements)                                        # a forged C
    refused(words, [apps[1], apps[0]] + apps[2:], [statements[1], statements[0]] + statements[2:])  # swapped
    refused(words, apps, statements[:-1] + [sha(b"changed")])                # a changed statement
    refused(words, apps[:3] + [sha(b"another app")] + apps[4:], statements)  # another application id
    # Nothing was recorded: the real leaves do not open.
    assert not as_bool(world.chain.call(world.settlement, is_settled_data(root, apps[0], statements[0], 0, paths[0])))


def test_zero_receivers_failing_receivers_and_starved_calls(sim16):
    world, leaves, root, paths, words = sim16
    apps, statements = [l[:32] for l in leaves], [l[32:] for l in leaves]
    receivers = [world.receiver(a) for a in apps]
    receivers[2] = bytes(20)                                # none: skipped
    receivers[5] = world.contract(REVERTS)                  # reverts
    receivers[9] = world.contract(GREEDY)                   # needs more than RECEIVER_GAS
    receivers[11] = world.receiver(apps[12])                # another application's receiver refuses
    data = notify_data(16, words, apps, statements, receivers)
    # Too little gas to grant a receiver its budget: the whole call reverts, nothing is recorded.
    starved = world.chain.call(world.notifier, data, gas=EXPECTED_NOTIFY_16)
    assert not starved.success and starved.revert_reason() == "too little gas to notify"
    assert not as_bool(world.chain.call(world.settlement, is_settled_data(root, apps[0], statements[0], 0, paths[0])))
    res = world.chain.call(world.notifier, data)
    assert res.success and res.output == root
    heard = [s for t, s in ((t, t[1]) for t, _ in res.logs[1:]) if t[0] == SETTLED_TOPIC]
    assert heard == [statements[i] for i in range(16) if i not in (2, 5, 9, 11)]
    missed = [int.from_bytes(d, "big") for t, d in res.logs[1:] if t[0] == NOT_DELIVERED_TOPIC]
    assert missed == [5, 9, 11]
    assert all(t[1] == root for t, _ in res.logs[1:] if t[0] == NOT_DELIVERED_TOPIC)


def test_notifier_size_bounds():
    """64 statements compile under EIP-170's 24,576-byte limit; sizes outside 1...64 are refused."""
    assert len(compile_runtime(render_verifier.render_notifier(64))) < 24576
    for n in (0, 65):
        with pytest.raises(AssertionError):
            render_verifier.render_notifier(n)
    # The written-out tree is the statement tree, odd nodes promoted, for every size.
    for n in range(1, 65):
        values, sections = render_verifier.notifier_sections(n)
        level = {i: bytes([i]) for i in range(n)}
        for node in sections["NODE"]:
            level[node["K"]] = sha(b"\x01" + level[node["LEFT"]] + level[node["RIGHT"]])
        assert len(level) == 2 * n - 1 == values["NODES"]
        assert level[values["ROOT"]] == tree([bytes([i]) for i in range(n)], hashed=True)[0]


@pytest.mark.parametrize("directory", [FIXTURE, PADDED_FIXTURE])
def test_sheaf_outer_proofs_settle_through_the_notifier(directory):
    """Sheaf's real outer proofs (Fixtures/outer, and Fixtures/outer-padded with
    its repeated entry given no receiver) through the notifier."""
    vk, words, statements = load_fixture(directory)
    items = statements["statements"]
    world = World(render_verifier.render_outer(vk, statements["count"]), statements["count"])
    apps, hashes = [h(i["applicationId"]) for i in items], [h(i["statementHash"]) for i in items]
    receivers = [world.receiver(a) if a not in apps[:k] else bytes(20) for k, a in enumerate(apps)]
    data = notify_data(len(items), words, apps, hashes, receivers)
    res = world.chain.call(world.notifier, data)
    assert res.success, res.revert_reason()
    assert res.output == h(statements["root"])
    heard = [t[1] for t, _ in res.logs[1:] if t[0] == SETTLED_TOPIC]
    assert heard == [s for s, r in zip(hashes, receivers) if r != bytes(20)]
    if directory == FIXTURE:
        assert res.gas_used == EXPECTED_NOTIFY_FIXTURE


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_swift_and_python_render_the_same_notifier(tmp_path):
    for n in (1, 3, 16, 64):
        out = tmp_path / ("n%d.vy" % n)
        sheaf_cli.run("export", "outer-notifier", "--statements", n, "--out", out)
        assert out.read_text() == render_verifier.render_notifier(n)
    res = sheaf_cli.run("export", "outer-notifier", "--statements", 65, "--out", tmp_path / "x.vy", check=False)
    assert res.returncode == 2 and "1 to 64" in res.stderr


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_cli_writes_the_notifier_calldata(tmp_path):
    """`sheaf settle --outer DIR --notify FILE` over the fixture's bundle: its
    settle-notify.hex settles the fixture's root through the notifier and
    reaches exactly the receivers the file names; bad receivers files are
    refused with exit 2 and nothing written."""
    from outer_world import fixture_apps
    apps = fixture_apps(tmp_path)
    bundle = tmp_path / "b.sheaf"
    sheaf_cli.run("aggregate", "--proofs", apps, "--out", bundle)
    vk, words, statements = load_fixture()
    items = statements["statements"]
    world = World(render_verifier.render_outer(vk, 3), 3)
    notifier_source = tmp_path / "Notifier.vy"
    sheaf_cli.run("export", "outer-notifier", "--statements", 3, "--out", notifier_source)
    assert notifier_source.read_text() == render_verifier.render_notifier(3)
    # note-spend and wallet-recovery have receivers; rollup has none.
    listed = {i["id"]: world.receiver(h(i["applicationId"])) for i in items if i["id"] != "rollup"}
    receivers_file = tmp_path / "receivers.json"
    receivers_file.write_text(json.dumps({k: "0x" + v.hex() for k, v in listed.items()}))
    out = tmp_path / "settle"
    sheaf_cli.run("settle", bundle, "--outer", FIXTURE, "--out", out, "--notify", receivers_file)
    plan = json.loads((out / "plan.json").read_text())
    assert plan["notify"]["file"] == "settle-notify.hex" and plan["notify"]["instead"] == "settle-outer.hex"
    assert plan["notify"]["receiverGas"] == RECEIVER_GAS
    expected = [listed.get(i["id"], bytes(20)) for i in items]
    assert plan["notify"]["receivers"] == ["0x" + r.hex() for r in expected]
    data = bytes.fromhex((out / "settle-notify.hex").read_text().strip()[2:])
    assert data == notify_data(3, words, [h(i["applicationId"]) for i in items], [h(i["statementHash"]) for i in items], expected)
    res = world.chain.call(world.notifier, data)
    assert res.success and res.output == h(statements["root"])
    heard = [t[1] for t, _ in res.logs[1:] if t[0] == SETTLED_TOPIC]
    assert heard == [h(i["statementHash"]) for i in items if i["id"] != "rollup"]
    # The plan's expected gas is for receivers that only check their caller:
    # with such receivers for all three, the measured gas is within 0.5%.
    world = World(render_verifier.render_outer(vk, 3), 3)
    checking = {i["id"]: world.receiver(h(i["applicationId"]), CHECKS_ONLY) for i in items}
    receivers_file.write_text(json.dumps({k: "0x" + v.hex() for k, v in checking.items()}))
    sheaf_cli.run("settle", bundle, "--outer", FIXTURE, "--out", out, "--notify", receivers_file)
    plan = json.loads((out / "plan.json").read_text())
    res = world.chain.call(world.notifier, bytes.fromhex((out / "settle-notify.hex").read_text().strip()[2:]))
    assert res.success and res.output == h(statements["root"])
    assert abs(res.gas_used - plan["notify"]["expectedGas"]) <= 0.005 * res.gas_used, (res.gas_used, plan["notify"]["expectedGas"])

    def refused(content, message):
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        r = sheaf_cli.run("settle", bundle, "--outer", FIXTURE, "--out", tmp_path / "bad-out", "--notify", bad, check=False)
        assert r.returncode == 2 and message in r.stderr, r.stderr
        assert not (tmp_path / "bad-out").exists()

    refused('{"someone-else": "0x00000000000000000000000000000000000000a1"}', "is not an application of this bundle")
    refused('{"rollup": "0x00a1"}', "is not an address")
    refused('{"rollup": "0x' + "zz" * 20 + '"}', "is not an address")
    refused('{"rollup": 161}', "is not an address")
    refused('{"rollup": "0x' + "00" * 20 + '"}', "is the zero address")
    refused('["rollup"]', "not a JSON object")
    refused("{", "not a JSON object")
    # --notify needs an outer proof
    r = sheaf_cli.run("settle", bundle, "--out", tmp_path / "plain", "--notify", receivers_file, check=False)
    assert r.returncode == 2 and "--notify needs an outer proof" in r.stderr
