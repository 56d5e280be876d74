# The README's two commands: `make demo` and `make test`. Both install missing Debian packages.
.PHONY: deps build demo test test-release test-asan fuzz oracle bench format clean

JOBS ?= $(shell nproc)
BUILD ?= build/release
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 45
export GOFLAGS := -mod=mod
export GOTOOLCHAIN := local

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOOMGUARD_WERROR=ON $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/src/cli/oomguard

test: deps
	@scripts/test.sh

bench: build
	@scripts/bench.sh

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
