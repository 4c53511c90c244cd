#!/usr/bin/env bash
# Checks that the README's Swift examples for package users compile unchanged in
# a fresh package that depends on this checkout by path.
#
# Every ```swift block of README.md is a complete program: it becomes the
# main.swift of its own executable target (example1, example2, …) in a temporary
# package, which is then built; an example must compile without warnings. Only a
# block whose first line is `// Package.swift` (a manifest fragment) is skipped.
# Nothing is run: the examples read files the reader supplies.
#
#   scripts/check_readme_examples.sh            (or `make readme-check`)
# SHEAF_README_CHECK_DIR keeps the package (and its build) in a fixed folder, so a
# second run is incremental.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${SHEAF_README_CHECK_DIR:-$(mktemp -d)}"
PACKAGE="$(basename "$ROOT")"     # a path dependency's package name is its folder's name
mkdir -p "$WORK/Sources"

count=$(python3 - "$ROOT/README.md" "$WORK/Sources" <<'PY'
import os, re, shutil, sys
readme, sources = sys.argv[1], sys.argv[2]
blocks = re.findall(r"^```swift\n(.*?)^```", open(readme, encoding="utf-8").read(), re.S | re.M)
for entry in os.listdir(sources):
    shutil.rmtree(os.path.join(sources, entry))
n = 0
for block in blocks:
    if block.lstrip().startswith("// Package.swift"):
        continue
    n += 1
    os.makedirs(os.path.join(sources, f"example{n}"))
    with open(os.path.join(sources, f"example{n}", "main.swift"), "w", encoding="utf-8") as f:
        f.write(block)
print(n)
PY
)
if [ "$count" -eq 0 ]; then echo "check_readme_examples: no Swift example in README.md" >&2; exit 1; fi

{
    echo "// swift-tools-version:6.1"
    echo "import PackageDescription"
    echo "let package = Package("
    echo "    name: \"ReadmeExamples\","
    echo "    platforms: [.macOS(.v15)],"
    echo "    dependencies: [.package(path: \"$ROOT\")],"
    echo "    targets: ["
    for i in $(seq 1 "$count"); do
        echo "        .executableTarget(name: \"example$i\", dependencies: [.product(name: \"Sheaf\", package: \"$PACKAGE\")]),"
    done
    echo "    ]"
    echo ")"
} > "$WORK/Package.swift"

echo "check_readme_examples: $count README examples in $WORK, building (a first build compiles Sheaf and WasmKit: several minutes)…"
cd "$WORK"
if nice swift build --scratch-path "$WORK/.build" > "$WORK/build.log" 2>&1; then
    warnings=$(grep -E "^$WORK/Sources/.*warning:" "$WORK/build.log" || true)
    if [ -n "$warnings" ]; then
        echo "$warnings"
        echo "check_readme_examples: FAIL ($count examples compile, with the warnings above)" >&2
        exit 1
    fi
    echo "check_readme_examples: OK ($count examples compile without warnings)"
else
    grep -E "error:|warning:" "$WORK/build.log" | sort -u >&2 || tail -30 "$WORK/build.log" >&2
    echo "check_readme_examples: FAIL (see $WORK/build.log)" >&2
    exit 1
fi
