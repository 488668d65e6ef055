# The README's two commands are `make demo` and `make test`; both start from a
# fresh clone and install what they need into .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
EXTRACTOR := $(VENV)/bin/extractor
STAMP_DEV := $(VENV)/.dev-installed
STAMP_LOCAL := $(VENV)/.local-installed
# llama-cpp-python compiles from source. A native build (-march=native) uses
# every instruction the CPU reports, AMX and AVX-512 included, and dies with
# SIGILL where the host does not let a process use them (containers, some
# VMs): build a portable wheel once per machine and install that.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_WHEELS := $(HOME)/.cache/conflict-extractor/wheels/llama-portable-1

# browser tests: Debian's Chromium (apt), driven by Playwright from PyPI
STAMP_BROWSER := $(VENV)/.browser-installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: test-browser demo _demo_model _demo_run test lint format schemas record eval baseline bench smoke ceiling clean _staged_run \
  eval-events fuse-ceiling

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(STAMP_DEV): pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q -e '.[dev,ray,serve]'
	touch $@

$(STAMP_LOCAL): pyproject.toml | $(VENV)/bin/python
	ls $(LLAMA_WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) wheel -q --no-cache-dir --no-deps \
	    -w $(LLAMA_WHEELS) 'llama-cpp-python>=0.3.2'
	$(PIP) install -q --no-deps $$(ls $(LLAMA_WHEELS)/llama_cpp_python-*.whl | tail -n 1)
	$(PIP) install -q -e '.[local,dev,ray,serve]'
	touch $@ $(STAMP_DEV)

## demo: install what it needs, extract the seeds, score them. The staged strategy with the
## embedded model when a kind of choice is put to it (MODEL_KINDS); otherwise rules, without
## building llama.cpp. Prints strategy, model, model choices and extraction time.
demo: $(STAMP_DEV)
	@if $(PY) tools/demo_summary.py --use-model; then \
	  $(MAKE) --no-print-directory _demo_model; \
	else \
	  echo "demo: no kind of choice is put to the embedded model (MODEL_KINDS is empty)," \
	    "so the demo runs the rules strategy and builds no llama.cpp" >&2; \
	  $(MAKE) --no-print-directory _demo_run STRATEGY=rules; \
	fi

_demo_model: $(STAMP_LOCAL)
	@$(MAKE) --no-print-directory _demo_run STRATEGY=staged

_demo_run:
	@start=$$(date +%s.%N); \
	$(EXTRACTOR) run seeds/*.txt --out runs/demo --no-cache --no-resume --strategy $(STRATEGY) && \
	$(PY) tools/demo_summary.py runs/demo/results.jsonl \
	  --started $$start
	$(EXTRACTOR) eval --gold seeds/annotations --pred runs/demo/results.jsonl --html runs/demo/report.html

## test: install the dev environment and run the whole suite offline from cassettes
test: $(STAMP_DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest

$(STAMP_BROWSER): pyproject.toml $(STAMP_DEV)
	$(PIP) install -q -e '.[dev,ray,serve,browser]'
	touch $@

## test-browser: the review app in Debian's Chromium (installed with apt-get when missing)
test-browser: $(STAMP_BROWSER)
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	$(VENV)/bin/pytest tests_browser

lint: $(STAMP_DEV)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP_DEV)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## schemas: regenerate schemas/ from the pydantic models
schemas: $(STAMP_DEV)
	$(EXTRACTOR) schema --write schemas

## record: re-record every cassette from the real embedded server
record: $(STAMP_LOCAL)
	$(PY) tools/seeds_run.py --record --cassettes evals/cassettes --out runs/record
	$(PY) tools/seeds_run.py --record --strategy staged --cassettes evals/cassettes/staged \
	  --out runs/record-staged
	$(PY) tools/seeds_run.py --record --strategy staged --seeds $(DEVSET) \
	  --cassettes evals/cassettes/devset/staged --out runs/record-devset-staged

## eval: replay the recorded embedded-model runs (single; staged and rules on seeds and dev set),
## score them, compare each with its baseline
eval: $(STAMP_DEV)
	$(PY) tools/seeds_run.py --cassettes evals/cassettes --out runs/eval
	$(EXTRACTOR) eval --gold seeds/annotations --pred runs/eval/results.jsonl --html runs/eval/report.html
	$(EXTRACTOR) eval --gold seeds/annotations --pred runs/eval/results.jsonl --json > runs/eval/scores.json
	$(EXTRACTOR) compare evals/baseline.json runs/eval/scores.json --fail-on-drop
	@set -e; for run in $(STAGED_RUNS); do \
	  set=$${run%%-*}; strategy=$${run#*-}; out=runs/eval-$$run; \
	  $(MAKE) --no-print-directory _staged_run SET=$$set STRATEGY=$$strategy OUT=$$out; \
	  echo "== $$set, strategy $$strategy" >&2; \
	  $(EXTRACTOR) eval --gold $$($(SET_DIR))/annotations --pred $$out/results.jsonl --json > $$out/scores.json; \
	  $(EXTRACTOR) compare evals/baseline/$$run.json $$out/scores.json --fail-on-drop; \
	done
	$(MAKE) --no-print-directory fuse-ceiling eval-events

## baseline: the one explicit command that updates evals/baseline.json and evals/baseline/
baseline: $(STAMP_DEV)
	$(PY) tools/seeds_run.py --cassettes evals/cassettes --out runs/eval
	$(EXTRACTOR) eval --gold seeds/annotations --pred runs/eval/results.jsonl --json > evals/baseline.json
	@mkdir -p evals/baseline
	@set -e; for run in $(STAGED_RUNS); do \
	  set=$${run%%-*}; strategy=$${run#*-}; out=runs/eval-$$run; \
	  $(MAKE) --no-print-directory _staged_run SET=$$set STRATEGY=$$strategy OUT=$$out; \
	  $(EXTRACTOR) eval --gold $$($(SET_DIR))/annotations --pred $$out/results.jsonl --json > evals/baseline/$$run.json; \
	done

DEVSET := evals/devset
DEVSET2 := evals/devset2
GOLD_SETS := seeds/annotations $(DEVSET)/annotations \
  $(wildcard $(DEVSET2)/dev/annotations) $(wildcard $(DEVSET2)/test/annotations)

## ceiling: what a perfect model would score (gold-derived drafts through grounding and
## normalisation), per set and per language, with field accuracy for dates, places, figures, actors
ceiling: $(STAMP_DEV)
	$(EXTRACTOR) ceiling $(foreach g,$(GOLD_SETS),--gold $(g))
# the folder of a set, in the shell loops below: seeds, devset (the first dev set),
# d2dev and d2test (the second dev set's splits)
SET_DIR = case $$set in seeds) echo seeds;; devset) echo $(DEVSET);; d2dev) echo $(DEVSET2)/dev;; d2test) echo $(DEVSET2)/test;; esac
# staged runs replay cassettes from `make record`; rules runs need none
STAGED_RUNS := seeds-rules devset-rules d2dev-rules d2test-rules \
  $(if $(wildcard evals/cassettes/staged/*.json),seeds-staged) \
  $(if $(wildcard evals/cassettes/devset/staged/*.json),devset-staged)

# one replayed staged/rules run: SET (seeds, devset), STRATEGY (staged, rules), OUT
_staged_run:
	$(PY) tools/seeds_run.py --strategy $(STRATEGY) --out $(OUT) \
	  $(if $(filter seeds,$(SET)),--cassettes evals/cassettes/$(STRATEGY),--seeds $$(set=$(SET); $(SET_DIR)) --cassettes evals/cassettes/$(SET)/$(STRATEGY))

## bench: scoring speed, batch-file throughput, stop times, service overhead, then batch throughput, client CPU per
## document and CLI start-up (the last line: efficiency=... cached_docs_per_s=...
## peak_rss_mb=... cpu_ms_per_doc=... cli_start_s=...)
bench: $(STAMP_DEV)
	$(PY) benchmarks/bench_eval.py
	$(PY) benchmarks/bench_batchfile.py
	$(PY) benchmarks/bench_stops.py
	$(PY) benchmarks/bench_service.py
	$(PY) benchmarks/bench_gazetteer.py
	$(PY) benchmarks/bench_batch.py

## smoke: one seed through the real embedded server (live, no cassette); strategy single,
## since staged puts no choice to the embedded model today and would not exercise it; then
## choices whose options hold quotes, backslashes, Arabic and Cyrillic (tools/grammar_smoke.py)
smoke: $(STAMP_LOCAL)
	$(EXTRACTOR) run seeds/003_13956b3d53b21d07.txt --out runs/smoke --no-cache --no-resume --strategy single
	$(EXTRACTOR) show runs/smoke/results.jsonl > /dev/null
	$(PY) tools/grammar_smoke.py

clean:
	rm -rf runs build dist *.egg-info

## eval-events: fuse the rules strategy's results of each devset2 split and score the events
## (pairwise merge precision/recall, B-cubed, low/high match) against evals/devset2/events.json
EVENT_SPLITS := dev test
eval-events: $(STAMP_DEV)
	@set -e; for split in $(EVENT_SPLITS); do \
	  out=runs/events-rules-$$split; \
	  $(PY) tools/seeds_run.py --strategy rules --seeds $(DEVSET2)/$$split --out $$out; \
	  $(EXTRACTOR) fuse $$out --out $$out/events; \
	  echo "== events, strategy rules, $(DEVSET2)/$$split" >&2; \
	  $(EXTRACTOR) eval-events --gold $(DEVSET2)/events.json --pred $$out > $$out/event-scores.json; \
	done

## fuse-ceiling: fuse the gold records of each devset2 split, then of both (no extraction
## errors), and gate pairwise merge precision >= 0.95 and recall >= 0.9
fuse-ceiling: $(STAMP_DEV)
	@mkdir -p runs
	@set -e; for split in $(EVENT_SPLITS); do \
	  echo "== events ceiling, $(DEVSET2)/$$split" >&2; \
	  $(EXTRACTOR) eval-events --gold $(DEVSET2)/events.json --ceiling \
	    --docs-of $(DEVSET2)/$$split/annotations --min-precision 0.95 --min-recall 0.9 \
	    > runs/fuse-ceiling-$$split.json; \
	done; \
	echo "== events ceiling, $(DEVSET2) (both splits)" >&2; \
	$(EXTRACTOR) eval-events --gold $(DEVSET2)/events.json --ceiling \
	  --min-precision 0.95 --min-recall 0.9 > runs/fuse-ceiling-all.json
