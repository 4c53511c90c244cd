#!/usr/bin/env python3
"""Refresh every CLI output quoted in docs/.

usage: scripts/update_docs_outputs.py [path/to/sheaf]

A block introduced by `<!-- output of: sheaf ARGS -->` and followed by a fenced
block is replaced by what `sheaf ARGS` prints now. Tests/SheafCLITests/DocsTests
fails when a quoted block differs from the CLI, so run this after a change that
moves a figure, and read the diff.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHEAF = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "sheaf")
PATTERN = re.compile(r"^(<!-- output of: sheaf ([^\n]+?) -->\n```[a-z]*\n)(.*?)(\n```)", re.S | re.M)


def refresh(match):
    args = match.group(2).split()
    out = subprocess.run([SHEAF, *args], capture_output=True, text=True, check=True).stdout.strip("\n")
    return match.group(1) + out + match.group(4)


for path in sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))):
    text = open(path).read()
    new = PATTERN.sub(refresh, text)
    if new != text:
        open(path, "w").write(new)
        print("updated", os.path.relpath(path, ROOT))
