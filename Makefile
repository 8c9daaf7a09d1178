# attrib: the README's two commands are `make report` and `make test`.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build report test eval clean

# PCRE2's headers are the one system package the build needs (Debian: libpcre2-dev).
deps:
	@dpkg -s libpcre2-dev >/dev/null 2>&1 || { echo "installing libpcre2-dev"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpcre2-dev; }

build: deps
	swift build -c release --product attrib

# Runs attrib over Corpus/ and writes the Markdown report to corpus-report.md.
report: build
	.build/release/attrib report Corpus -o corpus-report.md
	@echo "wrote corpus-report.md"

test: deps
	swift test

# Scores attrib on PolNeAR (needs ../shared); EVAL_ARGS="--worst 10" and friends pass through.
eval: deps
	bash Benchmarks/eval.sh $(EVAL_ARGS)

clean:
	rm -rf .build corpus-report.md Benchmarks/out
