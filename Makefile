# attrib: the README's two commands are `make report` and `make test`.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build report test sanitize fuzz eval bench clean

# The system packages the build needs (Debian): PCRE2 for the rules, cmark-gfm for Markdown,
# libxml2 for HTML. Only the missing ones are installed.
SYSTEM_PACKAGES := libpcre2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev
deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "installing" $$missing; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; fi

# The release binary links the Swift runtime and Foundation statically: it starts in about half
# the time (no dynamic relocation of Foundation) and runs where no Swift toolchain is installed,
# for a 60 MB binary instead of 3 MB. lld links it: ld.gold warns about a mktemp call inside the
# toolchain's own FoundationEssentials.
RELEASE_FLAGS := --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
build: deps
	swift build -c release --product attrib $(RELEASE_FLAGS)

# Runs attrib over Corpus/ and writes the Markdown report to corpus-report.md.
report: build
	.build/release/attrib report Corpus -o corpus-report.md
	@echo "wrote corpus-report.md"

test: deps
	swift test

# The test suite under AddressSanitizer, then ThreadSanitizer (each with its own build folder).
# .ci/lsan.supp lists the few leaks at exit that belong to the toolchain and dependencies.
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp:print_suppressions=0 swift test --sanitize=address --scratch-path .build-asan
	swift test --sanitize=thread --scratch-path .build-tsan

# libFuzzer over the whole pipeline for FUZZ_SECONDS (default 60), seeded from Corpus/ and
# Benchmarks/fuzz-seeds; crashes land in Benchmarks/fuzz-artifacts/ (copy each into
# Tests/AttribKitTests/FuzzRegressions/ so the suite replays it).
FUZZ_SECONDS ?= 60
fuzz: deps
	swift build -c debug --product attrib-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
	mkdir -p Benchmarks/fuzz-artifacts .build-fuzz/corpus
	cp -n Benchmarks/fuzz-seeds/* .build-fuzz/corpus/ 2>/dev/null || true
	LSAN_OPTIONS=suppressions=$(CURDIR)/.ci/lsan.supp:print_suppressions=0 .build-fuzz/debug/attrib-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	  -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=Benchmarks/fuzz-artifacts/ .build-fuzz/corpus

# Scores attrib on PolNeAR (needs ../shared); EVAL_ARGS="--worst 10" and friends pass through.
eval: deps
	bash Benchmarks/eval.sh $(EVAL_ARGS)

# Speed and scale (MB/s, files/s, peak RSS, ratios; needs ../shared for PolNeAR and the
# baseline); BENCH_ARGS="--no-build --runs 1" and friends pass through.
bench: deps
	bash Benchmarks/bench.sh $(BENCH_ARGS)

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz corpus-report.md Benchmarks/out
