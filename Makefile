# Sheaf: the two set-up commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
RELEASE_TEST_FLAGS = -c release -Xswiftc -enable-testing

# The EVM tests: the Vyper contracts compiled from source and run in revm
# (pyrevm) and py-evm, with versions pinned in Tests/EVM/requirements.txt.
PYTHON ?= python3
VENV = .venv-evm
OUTER_TMP ?= /tmp/sheaf-outer-fixture

.PHONY: deps demo test build bench clean evm-env evm-test calibrate readme-check recursion-prove outer-fixture outer-padded-fixture nested-fixture nested3-fixture

# Installs the system libraries when pkg-config cannot find them (Debian/Ubuntu).
deps:
	@if ! pkg-config --exists gmp libsecp256k1 2>/dev/null; then \
		echo "Installing libgmp-dev and libsecp256k1-dev…"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y pkg-config libgmp-dev libsecp256k1-dev; \
	fi

build: deps
	$(SWIFT) build -c release

# The main job: builds in release and runs the end-to-end demo.
demo: build
	$(SWIFT) run -c release sheaf demo

# The test suite, in release with testing enabled (debug-mode pairings are slow),
# then the contracts in a real EVM, driven by the release `sheaf` binary.
test: deps
	$(SWIFT) build $(RELEASE_TEST_FLAGS) --build-tests
	$(SWIFT) test $(RELEASE_TEST_FLAGS) --skip-build
	$(PYTHON) scripts/recursion/g2_membership.py
	$(MAKE) evm-test

# A virtual environment with the pinned EVM test dependencies (PyPI).
evm-env: $(VENV)/.installed
$(VENV)/.installed: Tests/EVM/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r Tests/EVM/requirements.txt
	touch $@

evm-test: evm-env
	SHEAF_BIN=$(CURDIR)/.build/release/sheaf $(VENV)/bin/pytest Tests/EVM -q -p no:cacheprovider

# Re-measure the contracts and rewrite the gas table (Contracts/gas-calibration.json
# and Sources/SheafGas/ContractCalibration+Measured.swift).
calibrate: evm-env
	$(VENV)/bin/python scripts/evm/calibrate.py

# The README's Swift examples (every ```swift block but the Package.swift fragment) compiled in a
# fresh package that depends on this checkout by path. Not part of `make test`: a
# first run builds Sheaf and WasmKit again in a temporary package (several minutes).
readme-check: deps
	scripts/check_readme_examples.sh

# Benchmarks (package-benchmark) are targets under Benchmarks/, added to Package.swift only when SHEAF_BENCHMARKS=1.
# The benchmark run ends with the timed prove-and-verify of an outer proof.
bench: deps
	SHEAF_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark $(BENCH_ARGS)
	$(MAKE) recursion-prove

# A complete prove-and-verify of an outer proof of one inner proof (about 1.1M
# constraints with lookups): also part of `make test`; this target runs it alone, timed.
recursion-prove: deps
	$(SWIFT) build $(RELEASE_TEST_FLAGS) --build-tests
	$(SWIFT) test $(RELEASE_TEST_FLAGS) --skip-build --filter Groth16BatchProveTests

# The files of a proof directory (sheaf aggregate --outer or sheaf nest) that a
# fixture commits: $(call copy-proof-dir,FROM,TO).
copy-proof-dir = mkdir -p $(2) && cp $(1)/verification_key.json $(1)/proof.json $(1)/public.json $(1)/statements.json $(2)/

# Fixtures/outer: an outer proof over Fixtures/note-spend, rollup and wallet-recovery
# (about 3.6M constraints: an INSECURE seeded setup of about two minutes, then the proof).
outer-fixture: build
	rm -rf $(OUTER_TMP) && mkdir -p $(OUTER_TMP)/apps
	for a in note-spend rollup wallet-recovery; do cp -r Fixtures/$$a $(OUTER_TMP)/apps/$$a; done
	.build/release/sheaf aggregate --proofs $(OUTER_TMP)/apps --out $(OUTER_TMP)/bundle.shb --outer $(OUTER_TMP)/outer \
		--outer-key $(OUTER_TMP)/outer.shpk --insecure-outer-seed 151
	$(call copy-proof-dir,$(OUTER_TMP)/outer,Fixtures/outer)

# Fixtures/outer-padded: note-spend and rollup padded to the three slots of
# Fixtures/outer's key (--outer-size 3), proved under that very key (read from
# $(OUTER_TMP)/outer.shpk, or made again from its seed).
outer-padded-fixture: build
	rm -rf $(OUTER_TMP)/padded && mkdir -p $(OUTER_TMP)/padded/apps
	for a in note-spend rollup; do cp -r Fixtures/$$a $(OUTER_TMP)/padded/apps/$$a; done
	.build/release/sheaf aggregate --proofs $(OUTER_TMP)/padded/apps --out $(OUTER_TMP)/padded/bundle.shb --outer $(OUTER_TMP)/padded/outer \
		--outer-size 3 --outer-key $(OUTER_TMP)/outer.shpk --insecure-outer-seed 151
	$(call copy-proof-dir,$(OUTER_TMP)/padded/outer,Fixtures/outer-padded)

# Fixtures/nested: a nested outer proof (sheaf nest) over Fixtures/outer and a
# second outer proof under the same key, over fresh statements of the same three
# circuits (the outer key is read from $(OUTER_TMP)/outer.shpk, or made again from
# its seed: about two minutes; the nested setup about one, the proofs one or two each).
NESTED_TMP ?= /tmp/sheaf-nested-fixture
nested-fixture: build
	rm -rf $(NESTED_TMP) && mkdir -p $(NESTED_TMP)
	for a in note-spend rollup wallet-recovery; do .build/release/sheaf prove --circuit $$a --out $(NESTED_TMP)/apps/$$a; done
	.build/release/sheaf aggregate --proofs $(NESTED_TMP)/apps --out $(NESTED_TMP)/bundle.shb --outer $(NESTED_TMP)/child-b \
		--outer-key $(OUTER_TMP)/outer.shpk --insecure-outer-seed 151
	.build/release/sheaf nest --child Fixtures/outer --child $(NESTED_TMP)/child-b --out $(NESTED_TMP)/nested \
		--key $(NESTED_TMP)/nested.shpk --insecure-seed 152
	$(call copy-proof-dir,$(NESTED_TMP)/nested,Fixtures/nested)
	$(call copy-proof-dir,$(NESTED_TMP)/child-b,Fixtures/nested/child-b)

# Fixtures/nested3: a three-level tree, a nested proof (sheaf nest) over two
# nested proofs under the Fixtures/nested key: Fixtures/nested itself and a
# second one over the same two outer proofs in the other order
# (Fixtures/nested3/child-b). The nested key is made again from its seed
# (about a minute; the same verifying key as Fixtures/nested) or read from
# $(NESTED_TMP)/nested.shpk; the top key from seed 154 (about a minute).
NESTED3_TMP ?= /tmp/sheaf-nested3-fixture
nested3-fixture: build
	rm -rf $(NESTED3_TMP) && mkdir -p $(NESTED3_TMP) $(NESTED_TMP)
	.build/release/sheaf nest --child Fixtures/nested/child-b --child Fixtures/outer --out $(NESTED3_TMP)/child-b \
		--key $(NESTED_TMP)/nested.shpk --insecure-seed 152
	.build/release/sheaf nest --child Fixtures/nested --child $(NESTED3_TMP)/child-b --out $(NESTED3_TMP)/nested3 \
		--key $(NESTED3_TMP)/nested3.shpk --insecure-seed 154
	$(call copy-proof-dir,$(NESTED3_TMP)/nested3,Fixtures/nested3)
	$(call copy-proof-dir,$(NESTED3_TMP)/child-b,Fixtures/nested3/child-b)

clean:
	rm -rf .build .build-bench $(VENV)
