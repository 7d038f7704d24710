# The front door. `make reports` and `make test` build .venv first when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: env lock reports test lab bench clean-outputs

$(STAMP): pyproject.toml requirements-lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c requirements-lock.txt -e '.[test]'
	touch $(STAMP)

env: $(STAMP)          ## build the project environment in .venv

lock:                  ## after changing pyproject.toml: newest allowed versions into .venv and requirements-lock.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade -e '.[test]'
	head -2 requirements-lock.txt > requirements-lock.new
	$(BIN)/python -m pip freeze --exclude-editable >> requirements-lock.new
	mv requirements-lock.new requirements-lock.txt
	touch $(STAMP)

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
