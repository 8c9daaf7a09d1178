# Developer entry points. Usage: make eval EVAL_ARGS="--split train --worst 10"

EVAL_ARGS ?=

.PHONY: eval

eval: ## Score attrib on PolNeAR (needs ../shared); see Benchmarks/eval.sh --help
	bash Benchmarks/eval.sh $(EVAL_ARGS)
