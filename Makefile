# The two commands of the README's quick start are `make run` and `make test`;
# both set up everything they need first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint bench screenshots package smoke system venv clean fresh-check

run: system venv
	$(PY) -m blogeditor --demo

test: system venv
	$(PY) -m ruff check blogeditor tests bench packaging
	$(PY) -m mypy --strict blogeditor/core
	$(PY) -m mypy blogeditor/gui blogeditor/cli
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

lint: venv
	$(PY) -m ruff check blogeditor tests bench packaging
	$(PY) -m mypy --strict blogeditor/core
	$(PY) -m mypy blogeditor/gui blogeditor/cli

bench: system venv
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py --write docs/benchmarks.md

screenshots: system venv
	$(PY) scripts/screenshots.py docs

package: system venv
	@bash scripts/system-deps.sh package
	$(PY) -m pip install -q -e '.[package]'
	$(PY) packaging/build.py

smoke: package
	bash packaging/smoke-test.sh

system:
	@bash scripts/system-deps.sh

# The quick start on a brand-new Debian 12 chroot (root, debootstrap): make test, make run, make smoke.
fresh-check:
	bash scripts/fresh-check.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
