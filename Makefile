# huzhu — the two commands: `make run` and `make test`.
# Both install what is missing (Debian 12 packages) before building.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DB ?= huzhu.db

PREFIX ?= /usr/local
DESTDIR ?=

.PHONY: all build deps web-deps run install test test-deps bench fuzz clean format

all: build

deps:
	@bash scripts/deps.sh build

# quiet: the compiler's output goes to build/build.log and is shown only
# when the build fails
build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHZ_WERROR=OFF >/dev/null
	@cmake --build build -j $(JOBS) --target huzhu >build/build.log 2>&1 || \
	  { cat build/build.log; echo "编译失败 (build failed): build/build.log"; exit 1; }

# the console's front-end libraries, from npm with the lock file
web-deps:
	@[ -d web/node_modules/vue ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)

# PORT=8081 (or LISTEN=0.0.0.0:8080) serves elsewhere; DB=FILE another database
PORT ?= 8080
LISTEN ?= 127.0.0.1:$(PORT)
run: build web-deps
	@LISTEN="$(LISTEN)" bash scripts/run.sh "$(DB)"

# the service: binary, catalogue, console with its front-end files, systemd unit,
# sysusers entry, /etc/huzhu/huzhu.conf (kept if present); DESTDIR for packaging.
# docs/operations.md.
install: deps web-deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHZ_WERROR=OFF -DCMAKE_INSTALL_PREFIX="$(PREFIX)" >/dev/null
	@cmake --build build -j $(JOBS) --target huzhu
	@DESTDIR="$(DESTDIR)" cmake --install build --prefix "$(PREFIX)"

test-deps:
	@bash scripts/deps.sh test

test: test-deps web-deps
	@[ -d tests/web/node_modules/playwright-core ] || (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHZ_SANITIZE=ON -DHZ_WERROR=ON >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@bash scripts/check-banned.sh
	@bash scripts/check-layers.sh
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)
	@UBSAN_OPTIONS=print_stacktrace=1 bash scripts/test-pg.sh

bench: build
	@bash scripts/deps.sh bench
	@bash bench/run.sh

# libFuzzer (quality.md R5): each target for FUZZ_SECONDS, one at a time,
# with its corpus and dictionary; new inputs go to build-fuzz/corpus, crash
# reproducers to build-fuzz/artifacts (docs/fuzzing.md).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= roster xlsx feed bank json parsers router
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz: clang is needed (apt-get install clang)"; exit 1; }
	@CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DHZ_FUZZ=ON -DHZ_WERROR=OFF >/dev/null
	@cmake --build build-fuzz -j $(JOBS) --target fuzzers
	@bash scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf build build-asan build-fuzz

format:
	clang-format -i src/*/*.c src/*/*.h tests/*/*.c bench/*.c
