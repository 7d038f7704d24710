# The front door. `make reports` and `make test` build .venv first when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: env reports test lab bench clean-outputs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

env: $(STAMP)          ## build the project environment in .venv

reports: $(STAMP)      ## render every report from data/raw into reports/ (extra options: ARGS="--force")
	$(BIN)/python -m src.render $(ARGS)

test: $(STAMP)         ## run the whole test suite
	$(BIN)/python -m pytest

lab: $(STAMP)          ## open the notebooks in JupyterLab with the project kernel
	PYTHONHASHSEED=0 $(BIN)/python -m jupyter lab notebooks/

bench: $(STAMP)        ## throughput benchmark on the IndoSum corpus (K="1 10 30")
	$(BIN)/python -m src.benchmark --k $(or $(K),1 10 30)

clean-outputs:         ## remove data/processed and reports outputs
	rm -rf data/processed/* reports/*
	touch data/processed/.gitkeep reports/.gitkeep
