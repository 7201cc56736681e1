# huzhu — the two commands: `make run` and `make test`.
# Both install what is missing (Debian 12 packages) before building.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DB ?= huzhu.db

.PHONY: all build deps web-deps run test test-deps bench clean format

all: build

deps:
	@bash scripts/deps.sh build

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHZ_WERROR=OFF >/dev/null
	@cmake --build build -j $(JOBS) --target huzhu

# the console's front-end libraries, from npm with the lock file
web-deps:
	@[ -d web/node_modules/vue ] || (cd web && npm ci --no-audit --no-fund --loglevel=error)

run: build web-deps
	@bash scripts/run.sh "$(DB)"

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

clean:
	rm -rf build build-asan

format:
	clang-format -i src/*/*.c src/*/*.h tests/*/*.c bench/*.c
