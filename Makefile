# Sheaf: the two set-up commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
RELEASE_TEST_FLAGS = -c release -Xswiftc -enable-testing

.PHONY: deps demo test build bench clean

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

# The test suite, in release with testing enabled (debug-mode pairings are slow).
test: deps
	$(SWIFT) build $(RELEASE_TEST_FLAGS) --build-tests
	$(SWIFT) test $(RELEASE_TEST_FLAGS) --skip-build

# Benchmarks (package-benchmark) are targets under Benchmarks/, added to Package.swift only when SHEAF_BENCHMARKS=1.
bench: deps
	SHEAF_BENCHMARKS=1 $(SWIFT) package --scratch-path .build-bench benchmark $(BENCH_ARGS)

clean:
	rm -rf .build .build-bench
