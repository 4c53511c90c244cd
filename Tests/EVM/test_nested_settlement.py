"""Nested outer settlement in a real EVM: Fixtures/nested is a nested outer
proof (`sheaf nest`) over two outer proofs under the Fixtures/outer key: the
fixture's own (note-spend, rollup, wallet-recovery) and a second one over fresh
statements of the same three circuits (Fixtures/nested/child-b). Its contract is
SheafOuterSettlement.vy.template with the NESTED section: each application
opens the nested root with the same isSettled call, through its child's tree.
"""
import json
import math
import os
import shutil

import pytest

import render_verifier
import sheaf_cli
from evm import PyEvmChain, RevmChain, calldata_cost, compile_vyper, keccak, prague_expected
from groth16_sim import Simulator, committed_proof, outer_key
from outer_world import MASK, NESTED3_FIXTURE, NESTED_FIXTURE, as_bool, assert_refused, h, is_settled_data, load_fixture, precompile_gas, settle_data, sha, tree

# Exact total gas (pyrevm, CANCUN) of the nested fixture's settleOuter
# transaction: the same contract code as a flat outer settlement, so the same
# execution gas; only the calldata differs.
EXPECTED_SETTLE_GAS = 293982
EXPECTED_EXECUTION = 26698


@pytest.fixture(scope="module")
def nested_world():
    vk, words, statements = load_fixture(NESTED_FIXTURE)
    chain = RevmChain()
    source = render_verifier.render_outer(vk, statements["count"], child_leaves=statements["childLeaves"])
    return vk, words, statements, chain, chain.deploy(compile_vyper(source)), source


def leaves_of(statements):
    return [h(i["applicationId"]) + h(i["statementHash"]) for i in statements["statements"]]


def test_nested_statements_open_to_the_root_through_their_child(nested_world):
    """Child roots recomputed from their statements, the nested root from the
    child roots, and every listed path the child's path then the child's."""
    _, _, statements, _, _, _ = nested_world
    n_c, m = statements["childLeaves"], statements["children"]
    assert (n_c, m, statements["count"]) == (3, 2, 6)
    for item in statements["statements"]:
        body = h(item["keyHash"]) + b"".join(int(x).to_bytes(32, "big") for x in item["publicInputs"])
        assert sha(body) == h(item["statementHash"])
        assert keccak(item["id"].encode()) == h(item["applicationId"])
    leaves = leaves_of(statements)
    children = [tree(leaves[c * n_c:(c + 1) * n_c]) for c in range(m)]
    assert [r.hex() for r, _ in children] == [s[2:] for s in statements["childRoots"]]
    root, top = tree([r for r, _ in children], hashed=True)
    assert root == h(statements["root"])
    with open(os.path.join(NESTED_FIXTURE, "..", "outer", "statements.json")) as f:
        assert json.load(f)["root"] == statements["childRoots"][0]      # child 0 is Fixtures/outer
    for item in statements["statements"]:
        c, j = divmod(item["leafIndex"], n_c)
        assert item["child"] == c
        assert [h(s) for s in item["siblings"]] == children[c][1][j] + top[c]


def test_nested_proof_settles_with_exact_gas_and_every_application_opens(nested_world):
    vk, words, statements, chain, address, source = nested_world
    root = h(statements["root"])
    data = settle_data(root, words)
    res = chain.call(address, data)
    assert as_bool(res) is True
    assert res.logs == [([keccak(b"OuterSettled(bytes32,uint256)"), root], (6).to_bytes(32, "big"))]
    assert res.gas_used == EXPECTED_SETTLE_GAS
    assert res.gas_used - 21000 - calldata_cost(data) - precompile_gas() == EXPECTED_EXECUTION
    for item in statements["statements"]:
        siblings = [h(s) for s in item["siblings"]]
        app, st, i = h(item["applicationId"]), h(item["statementHash"]), item["leafIndex"]
        assert as_bool(chain.call(address, is_settled_data(root, app, st, i, siblings), static=True)) is True
        # another statement, another index, the child path alone, an extra sibling
        assert as_bool(chain.call(address, is_settled_data(root, app, sha(b"other"), i, siblings))) is False
        assert as_bool(chain.call(address, is_settled_data(root, app, st, (i + 3) % 6, siblings))) is False
        assert as_bool(chain.call(address, is_settled_data(root, app, st, i, siblings[:-1]))) is False
        assert as_bool(chain.call(address, is_settled_data(root, app, st, i, siblings + [bytes(32)]))) is False
    # a child root is not an application: its opening fails (leaf prefix)
    assert as_bool(chain.call(address, is_settled_data(root, h(statements["childRoots"][0]), bytes(32), 0, []))) is False
    pe = PyEvmChain()
    res = pe.call(pe.deploy(compile_vyper(source)), data)
    assert as_bool(res) is True and res.gas_used == prague_expected(EXPECTED_SETTLE_GAS, data)


def test_nested_rejections(nested_world):
    """Children swapped, a statement changed after proving, a forged proof, a
    changed root: each reverts on a fresh contract and nothing opens."""
    vk, words, statements, chain, _, source = nested_world
    address = chain.deploy(compile_vyper(source))
    root = h(statements["root"])
    child_roots = [h(s) for s in statements["childRoots"]]
    swapped = tree([child_roots[1], child_roots[0]], hashed=True)[0]
    leaves = leaves_of(statements)
    changed_child = tree(leaves[3:5] + [leaves[5][:32] + sha(b"changed")])[0]
    changed = tree([child_roots[0], changed_child], hashed=True)[0]
    assert_refused(chain, address, root, words, statements, [swapped, changed])
    # a child's own outer proof is not a nested proof: refused by this contract
    _, child_words, _ = load_fixture(os.path.join(NESTED_FIXTURE, "..", "outer"))
    res = chain.call(address, settle_data(child_roots[0], child_words))
    assert not res.success and res.revert_reason() == "invalid outer proof"


def check_cli_on_nested_fixture(tmp_path, fixture, valid_line, export_args, source, changed):
    """`sheaf verify-nested` prints valid_line for the fixture; `export
    outer-settlement` with export_args writes source; with statement `changed`
    altered after proving, verify-nested says invalid (exit 1). Returns that
    altered copy's directory."""
    r = sheaf_cli.run("verify-nested", fixture)
    assert valid_line in r.stdout
    out = tmp_path / "Nested.vy"
    sheaf_cli.run("export", "outer-settlement", "--vk", os.path.join(fixture, "verification_key.json"), *export_args, "--out", out)
    assert out.read_text() == source
    copy = tmp_path / os.path.basename(fixture)
    shutil.copytree(fixture, copy)
    listing = json.loads((copy / "statements.json").read_text())
    listing["statements"][changed]["publicInputs"][0] = str(int(listing["statements"][changed]["publicInputs"][0]) + 1)
    (copy / "statements.json").write_text(json.dumps(listing))
    r = sheaf_cli.run("verify-nested", copy, check=False)
    assert r.returncode == 1 and "invalid: the nested proof does not verify on these statements" in r.stdout
    return copy


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_cli_verifies_the_nested_fixture_and_renders_its_contract(nested_world, tmp_path):
    vk, _, statements, _, _, source = nested_world
    check_cli_on_nested_fixture(tmp_path, NESTED_FIXTURE, "valid: nested proof over 2 outer proofs of 3 applications",
                                ["--statements", 6, "--child-leaves", 3], source, changed=4)
    # a child directory whose listing does not hash to its root: nest refuses before proving
    child = tmp_path / "child"
    shutil.copytree(os.path.join(NESTED_FIXTURE, "..", "outer"), child)
    listing = json.loads((child / "statements.json").read_text())
    listing["statements"][0]["publicInputs"][0] = "1"
    (child / "statements.json").write_text(json.dumps(listing))
    r = sheaf_cli.run("nest", "--child", child, "--out", tmp_path / "n", "--insecure-seed", 1, check=False)
    assert r.returncode == 2 and "lists a root that its statements do not hash to" in r.stderr
    # a nested directory is a child like any other (trees of any depth); without a key nothing is proved
    r = sheaf_cli.run("nest", "--child", NESTED_FIXTURE, "--out", tmp_path / "n", check=False)
    assert r.returncode == 2 and "nest needs a proving key" in r.stderr
    # a nested proof and an outer proof are under different keys: refused before any setup
    r = sheaf_cli.run("nest", "--child", NESTED_FIXTURE, "--child", os.path.join(NESTED_FIXTURE, "..", "outer"),
                      "--out", tmp_path / "n", "--insecure-seed", 1, check=False)
    assert r.returncode == 2 and "is under another outer key" in r.stderr


def nested_tree(leaves, levels):
    """The root of a tree of trees (NestedStatementTree) and each leaf's path:
    levels[0] leaves per outer proof's tree, then levels[k] roots per tree at
    each level above, the paths bottom up."""
    paths = [[] for _ in leaves]
    roots, below = [], 1
    for k, width in enumerate(levels):
        nodes = leaves if k == 0 else roots
        roots = []
        for g in range(len(nodes) // width):
            r, p = tree(nodes[g * width:(g + 1) * width], hashed=k > 0)
            roots.append(r)
            for member in range(width):
                first = (g * width + member) * below
                for leaf in range(first, first + below):
                    paths[leaf] += p[member]
        below *= width
    return roots[0], paths


@pytest.mark.parametrize("levels", [[3, 2, 2], [2, 3, 2], [1, 3, 3, 2], [4, 1, 3], [5, 3, 1]])
def test_deeper_trees_settle_and_every_application_opens(levels):
    """A tree of outer proofs of any depth (`sheaf nest` over nested proofs):
    the contract rendered for its widths records a root proved under a
    simulated nested key, and every application opens it through each level,
    by the same isSettled; a wrong index, a short or long path, and the flat
    tree's root over the same leaves do not open."""
    sim = Simulator(seed=1800 + sum(levels))
    key = outer_key(sim)
    n = math.prod(levels)
    leaves = [sha(b"app %d" % i) + sha(b"statement %d %d" % (i, len(levels))) for i in range(n)]
    root, paths = nested_tree(leaves, levels)
    chain = RevmChain()
    source = render_verifier.render_outer(key.snarkjs_json(), n, levels=levels)
    address = chain.deploy(compile_vyper(source))
    words = committed_proof(sim, key, [int.from_bytes(root, "big") & MASK])
    assert as_bool(chain.call(address, settle_data(root, words))) is True
    for i, data in enumerate(leaves):
        app, st = data[:32], data[32:]
        assert as_bool(chain.call(address, is_settled_data(root, app, st, i, paths[i]), static=True)) is True
        if n > 1:
            assert as_bool(chain.call(address, is_settled_data(root, app, st, (i + 1) % n, paths[i]))) is False
        if paths[i]:
            assert as_bool(chain.call(address, is_settled_data(root, app, st, i, paths[i][:-1]))) is False
        assert as_bool(chain.call(address, is_settled_data(root, app, st, i, paths[i] + [bytes(32)]))) is False
    flat, flat_paths = tree(leaves)
    if flat != root:
        assert as_bool(chain.call(address, is_settled_data(flat, leaves[0][:32], leaves[0][32:], 0, flat_paths[0]))) is False


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_swift_renders_deeper_trees_as_python_does(tmp_path):
    """`sheaf export outer-settlement --levels` writes the Python renderer's
    contract for a three-level tree, the NESTED rendering for two levels, and
    refuses widths that do not multiply to the statement count."""
    sim = Simulator(seed=1900)
    vk = tmp_path / "vk.json"
    vk.write_text(json.dumps(outer_key(sim).snarkjs_json()))
    key = json.loads(vk.read_text())
    for levels in ([3, 2, 2], [3, 2], [1, 3, 3, 2]):
        out = tmp_path / ("%s.vy" % "-".join(map(str, levels)))
        sheaf_cli.run("export", "outer-settlement", "--vk", vk, "--statements", math.prod(levels),
                      "--levels", ",".join(map(str, levels)), "--out", out)
        assert out.read_text() == render_verifier.render_outer(key, math.prod(levels), levels=levels)
    assert render_verifier.render_outer(key, 6, levels=[3, 2]) == render_verifier.render_outer(key, 6, child_leaves=3)
    r = sheaf_cli.run("export", "outer-settlement", "--vk", vk, "--statements", 12, "--levels", "3,2,3", "--out", tmp_path / "x.vy", check=False)
    assert r.returncode == 2 and "cannot hold 12 statements" in r.stderr
    r = sheaf_cli.run("export", "outer-settlement", "--vk", vk, "--statements", 12, "--levels", "3,x", "--out", tmp_path / "x.vy", check=False)
    assert r.returncode == 2 and "not a comma-separated list of widths" in r.stderr
    for huge in ("4611686018427387904,4611686018427387904,2", "99999999999999999999,2"):
        r = sheaf_cli.run("export", "outer-settlement", "--vk", vk, "--statements", 12, "--levels", huge, "--out", tmp_path / "x.vy", check=False)
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Fatal" not in r.stderr, r.stderr


def test_three_level_fixture_settles_and_every_application_opens():
    """Fixtures/nested3 (`make nested3-fixture`): a real nested proof over two
    nested proofs (Fixtures/nested and its two outer proofs in the other
    order). Its listing hashes up through three levels to its root; the
    contract rendered for widths [3, 2, 2] settles it in revm and py-evm with
    the flat contract's execution gas, and every application opens through
    all three levels; swapped children, a changed statement and a child's own
    nested proof are refused."""
    vk, words, statements = load_fixture(NESTED3_FIXTURE)
    assert statements["levels"] == [3, 2, 2] and (statements["childLeaves"], statements["children"], statements["count"]) == (6, 2, 12)
    leaves = leaves_of(statements)
    root, paths = nested_tree(leaves, [3, 2, 2])
    assert root == h(statements["root"])
    assert [[p.hex() for p in path] for path in paths] == [[s[2:] for s in i["siblings"]] for i in statements["statements"]]
    with open(os.path.join(NESTED_FIXTURE, "statements.json")) as f:
        assert json.load(f)["root"] == statements["childRoots"][0]         # child 0 is Fixtures/nested
    source = render_verifier.render_outer(vk, 12, levels=[3, 2, 2])
    data = settle_data(root, words)
    chain = RevmChain()
    address = chain.deploy(compile_vyper(source))
    res = chain.call(address, data)
    assert as_bool(res) is True
    assert res.gas_used - 21000 - calldata_cost(data) - precompile_gas() == EXPECTED_EXECUTION
    for i, item in enumerate(statements["statements"]):
        app, st = h(item["applicationId"]), h(item["statementHash"])
        assert as_bool(chain.call(address, is_settled_data(root, app, st, i, paths[i]), static=True)) is True
        assert as_bool(chain.call(address, is_settled_data(root, app, st, (i + 6) % 12, paths[i]))) is False
    pe = PyEvmChain()
    res = pe.call(pe.deploy(compile_vyper(source)), data)
    assert as_bool(res) is True and res.gas_used == prague_expected(21000 + calldata_cost(data) + precompile_gas() + EXPECTED_EXECUTION, data)

    fresh = chain.deploy(compile_vyper(source))
    child_roots = [h(s) for s in statements["childRoots"]]
    swapped = tree([child_roots[1], child_roots[0]], hashed=True)[0]
    changed = nested_tree(leaves[:11] + [leaves[11][:32] + sha(b"changed")], [3, 2, 2])[0]
    assert_refused(chain, fresh, root, words, statements, [swapped, changed])
    _, child_words, _ = load_fixture(NESTED_FIXTURE)
    res = chain.call(fresh, settle_data(child_roots[0], child_words))
    assert not res.success and res.revert_reason() == "invalid outer proof"


@pytest.mark.skipif(not sheaf_cli.available(), reason="needs the release sheaf binary (make build)")
def test_cli_verifies_the_three_level_fixture(tmp_path):
    """`sheaf verify-nested` over three levels, `export outer-settlement
    --levels 3,2,2` as the Python renderer, a changed statement found invalid,
    and a listing whose levels do not fit its children refused."""
    vk, _, _ = load_fixture(NESTED3_FIXTURE)
    copy = check_cli_on_nested_fixture(tmp_path, NESTED3_FIXTURE, "valid: nested proof over 2 nested proofs of 6 applications",
                                       ["--statements", 12, "--levels", "3,2,2"], render_verifier.render_outer(vk, 12, levels=[3, 2, 2]),
                                       changed=9)
    listing = json.loads(open(os.path.join(NESTED3_FIXTURE, "statements.json")).read())
    listing["levels"] = [2, 3, 2]
    (copy / "statements.json").write_text(json.dumps(listing))
    r = sheaf_cli.run("verify-nested", copy, check=False)
    assert r.returncode == 1 and "invalid" in r.stdout
    # widths that do not fit, or whose product would overflow, and a huge childLeaves: refused, never a crash
    for levels in ([4, 2], [2**62, 2**62, 2], [-1, -6, 2]):
        listing["levels"] = levels
        (copy / "statements.json").write_text(json.dumps(listing))
        r = sheaf_cli.run("verify-nested", copy, check=False)
        assert r.returncode == 2 and "levels must list" in r.stderr, (levels, r.stderr)
    del listing["levels"]
    listing["childLeaves"] = 2**62
    (copy / "statements.json").write_text(json.dumps(listing))
    r = sheaf_cli.run("verify-nested", copy, check=False)
    assert r.returncode == 2 and "no valid childLeaves and children" in r.stderr
