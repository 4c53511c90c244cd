#!/usr/bin/env python3
"""Render a Vyper verifier for one verification key.

usage: render_verifier.py verification_key.json [out.vy]
(writes to stdout when out.vy is omitted)

A snarkjs key ("protocol": "groth16") fills Contracts/Groth16Verifier.vy.template;
a Sheaf commit-and-prove key ("protocol": "groth16-bsb22", docs/formats.md:
nPublic statement inputs, IC with nPublic + 2 points, the last the challenge's,
and vk_commitment_g_2, vk_commitment_gsigmaneg_2) fills
Contracts/Groth16CommittedVerifier.vy.template.

Template language (kept deliberately tiny so it is easy to port):
  {{NAME}}                 scalar substitution (decimal integers)
  {{#SECTION}}..{{/SECTION}} section kept or dropped (ELL_POS / ELL_ZERO), or
                           repeated for j = 1..L (IC_DECL, IC_CHECK, IC_OPEN, IC_CLOSE)
"""
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "..", "..", "Contracts", "Groth16Verifier.vy.template")
COMMITTED_TEMPLATE = os.path.join(HERE, "..", "..", "Contracts", "Groth16CommittedVerifier.vy.template")
COMMITTED_PROTOCOL = "groth16-bsb22"

P = 21888242871839275222246405745257275088696311157297823662689037894645226208583


def key_values(vk: dict) -> dict:
    """snarkjs JSON -> template values (EIP-197 order: G2 = x.c1, x.c0, y.c1, y.c0)."""

    def g1(pt):
        x, y, z = (int(v) for v in pt)
        if z == 0:
            return 0, 0
        assert z == 1, "snarkjs G1 must be affine"
        return x, y

    def g2(pt):
        (x0, x1), (y0, y1), (z0, z1) = ((int(a), int(b)) for a, b in pt)
        assert (z0, z1) == (1, 0), "snarkjs G2 must be affine"
        return x1, x0, y1, y0

    v = {}
    v["ALPHA_X"], v["ALPHA_Y"] = g1(vk["vk_alpha_1"])
    for name, key in (("BETA", "vk_beta_2"), ("GAMMA", "vk_gamma_2"), ("DELTA", "vk_delta_2")):
        v[name + "_X1"], v[name + "_X0"], v[name + "_Y1"], v[name + "_Y0"] = g2(vk[key])
    ic = [g1(p) for p in vk["IC"]]
    if vk["protocol"] == COMMITTED_PROTOCOL:
        assert len(ic) == int(vk["nPublic"]) + 2
        v["ICX_X"], v["ICX_Y"] = ic.pop()
        for name, key in (("G", "vk_commitment_g_2"), ("GSN", "vk_commitment_gsigmaneg_2")):
            v[name + "_X1"], v[name + "_X0"], v[name + "_Y1"], v[name + "_Y0"] = g2(vk[key])
    else:
        assert vk["protocol"] == "groth16" and len(ic) == int(vk["nPublic"]) + 1
    return v, ic


SECTION = re.compile(r"\{\{#([A-Z0-9_]+)\}\}")


def _expand(lines: list[str], values: dict, sections: dict) -> list[str]:
    """Expand every section once per context in sections[name] (none: dropped),
    then substitute {{NAME}} placeholders; mirrors VyperVerifier.render in Swift."""
    out, i = [], 0
    while i < len(lines):
        m = SECTION.fullmatch(lines[i])
        if m:
            name = m.group(1)
            end = lines.index("{{/%s}}" % name, i + 1)
            for context in sections.get(name, []):
                out += _expand(lines[i + 1:end], {**values, **context}, sections)
            i = end + 1
            continue
        out.append(re.sub(r"\{\{([A-Z0-9_]+)\}\}", lambda mm: str(values[mm.group(1)]), lines[i]))
        i += 1
    return out


OUTER_TEMPLATE = os.path.join(HERE, "..", "..", "Contracts", "SheafOuterSettlement.vy.template")


def render_outer(vk: dict, statements: int, child_leaves: int | None = None, levels: list[int] | None = None) -> str:
    """The outer settlement contract for an outer key (groth16-bsb22, one
    statement input, g = gamma) and bundle size, or for a nested outer key
    whose children hold child_leaves statements each, or for a tree of outer
    proofs of any depth (levels: statements per outer proof, then children per
    proof at each level above); mirrors VyperVerifier.outerSettlementSource in
    Swift."""
    assert vk["protocol"] == COMMITTED_PROTOCOL and int(vk["nPublic"]) == 1, "not an outer key"
    assert vk["vk_commitment_g_2"] == vk["vk_gamma_2"], "an outer key's Pedersen base is gamma"
    assert 1 <= statements <= 256
    if levels is None:
        levels = [statements] if child_leaves is None else [child_leaves, statements // child_leaves]
    assert 1 <= len(levels) <= 8 and levels[0] >= 1 and all(1 <= w <= 16 for w in levels[1:])
    assert math.prod(levels) == statements, "the widths multiply to the statement count"
    with open(OUTER_TEMPLATE) as f:
        template = f.read()
    if len(levels) == 1:
        fixed = {"N": statements, "LEAF_POSITION": "leafIndex", "LEAF_TREE_SIZE": "N", "MAX_SIBLINGS": 8}
        nested, between = [], []
    else:
        nested = [{"CHILD_LEAVES": statements // levels[-1]}]
        between, below = [], levels[0]
        if len(levels) == 2:
            fixed = {"N": statements, "LEAF_POSITION": "leafIndex % CHILD_LEAVES", "LEAF_TREE_SIZE": "CHILD_LEAVES",
                     "MAX_SIBLINGS": 16}
        else:
            fixed = {"N": statements, "LEAF_POSITION": "leafIndex %% %d" % levels[0], "LEAF_TREE_SIZE": levels[0],
                     "MAX_SIBLINGS": 16}
            for width in levels[1:-1]:
                between.append({"LEVEL_NODES": "the roots of %d proofs of %d statements each" % (width, below),
                                "LEVEL_POSITION": "(leafIndex // %d) %% %d" % (below, width), "LEVEL_WIDTH": width})
                below *= width
        between.append({"LEVEL_NODES": "the N / CHILD_LEAVES child roots", "LEVEL_POSITION": "leafIndex // CHILD_LEAVES",
                        "LEVEL_WIDTH": "N // CHILD_LEAVES"})
    for name, value in fixed.items():
        template = template.replace("{{%s}}" % name, str(value))
    return render(vk, template, extra_sections={"NESTED": nested, "LEVELS": between})


NOTIFIER_TEMPLATE = os.path.join(HERE, "..", "..", "Contracts", "SheafOuterNotifier.vy.template")
# The largest bundle whose written-out tree keeps the notifier under EIP-170's
# 24,576-byte code limit with room to spare.
NOTIFIER_MAX_STATEMENTS = 64


def notifier_sections(statements: int) -> tuple[dict, dict]:
    """The notifier's tree for N statements: LEAF per statement, NODE per inner
    node (level by level, an odd node promoted), and ROOT; mirrors
    VyperVerifier.outerNotifierSource in Swift."""
    leaves = [{"I": i} for i in range(statements)]
    nodes, names, k = [], list(range(statements)), statements
    while len(names) > 1:
        up = []
        for i in range(0, len(names), 2):
            if i + 1 < len(names):
                nodes.append({"K": k, "LEFT": names[i], "RIGHT": names[i + 1]})
                up.append(k)
                k += 1
            else:
                up.append(names[i])
        names = up
    return {"N": statements, "NODES": 2 * statements - 1, "ROOT": names[0]}, {"LEAF": leaves, "NODE": nodes}


def render_notifier(statements: int) -> str:
    """The notifier for an outer settlement contract of N statements (flat
    tree): Contracts/SheafOuterNotifier.vy.template filled in."""
    assert 1 <= statements <= NOTIFIER_MAX_STATEMENTS
    with open(NOTIFIER_TEMPLATE) as f:
        template = f.read()
    values, sections = notifier_sections(statements)
    return "\n".join(_expand(template.split("\n"), values, sections))


def render(vk: dict, template: str | None = None, extra_sections: dict | None = None) -> str:
    if template is None:
        with open(COMMITTED_TEMPLATE if vk["protocol"] == COMMITTED_PROTOCOL else TEMPLATE) as f:
            template = f.read()
    values, ic = key_values(vk)
    ell = len(ic) - 1
    values.update(L=ell, KL=384 + 32 * ell, IC0_X=ic[0][0], IC0_Y=ic[0][1])
    per_input = [{"J": j, "JM1": j - 1, "ICJ_X": ic[j][0], "ICJ_Y": ic[j][1]} for j in range(1, ell + 1)]
    sections = {
        "ELL_POS": [{}] if ell > 0 else [],
        "ELL_ZERO": [] if ell > 0 else [{}],
        "IC_DECL": per_input, "IC_CHECK": per_input, "IC_OPEN": per_input, "IC_CLOSE": per_input,
        **(extra_sections or {}),
    }
    return "\n".join(_expand(template.split("\n"), values, sections))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        vk = json.load(f)
    src = render(vk)
    if len(argv) > 2:
        with open(argv[2], "w") as f:
            f.write(src)
    else:
        sys.stdout.write(src)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
