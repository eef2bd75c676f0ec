# Everything runs inside .venv, created on first use from the repo's own pyproject.toml.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup run test lint eval eval-heldout eval-blind eval-press eval-en train bench bench-memory bench-hostile bench-languages bench-recognizers clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The environment alone (every other target sets it up too).
setup: $(STAMP)

# The main job: extract corpus/ into out/claims.jsonl and out/claims.sqlite, then print a summary table.
run: $(STAMP)
	mkdir -p out
	$(PY) -m pipeline extract corpus --out out/claims.jsonl --db out/claims.sqlite
	$(PY) -m pipeline summary out/claims.jsonl

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests bench

# Extract, then score against the gold; writes out/report.html and out/metrics.json; fails below gold/thresholds.
eval: $(STAMP)
	mkdir -p out
	$(PY) -m pipeline evaluate --extract corpus --gold gold/seeds.jsonl --pred out/eval.jsonl \
		--html out/report.html --json out/metrics.json --history gold/last_metrics.json --thresholds gold/thresholds

# The same on the held-out articles (written and labelled for the project; see tests/heldout/README.md).
eval-heldout: $(STAMP)
	mkdir -p out
	$(PY) -m pipeline evaluate --extract tests/heldout/corpus --corpus tests/heldout/corpus \
		--gold tests/heldout/gold.jsonl --pred out/heldout.jsonl --html out/heldout.html --thresholds tests/heldout/thresholds

# The same on the blind articles (written and labelled for the project after the rules; see tests/blind/README.md).
eval-blind: $(STAMP)
	mkdir -p out
	$(PY) -m pipeline evaluate --extract tests/blind/corpus --corpus tests/blind/corpus \
		--gold tests/blind/gold.jsonl --pred out/blind.jsonl --html out/blind.html --thresholds tests/blind/thresholds

# The press-grounded set (tests/press/README.md): the training part (development figures: the claim models learn
# from it) and the test part (measured once before its errors were read), each against its thresholds.
eval-press: $(STAMP)
	mkdir -p out
	$(PY) -m pipeline evaluate --extract tests/press/train/corpus --corpus tests/press/train/corpus \
		--gold tests/press/train/gold.jsonl --pred out/press-train.jsonl --html out/press-train.html \
		--thresholds tests/press/train/thresholds
	$(PY) -m pipeline evaluate --extract tests/press/test/corpus --corpus tests/press/test/corpus \
		--gold tests/press/test/gold.jsonl --pred out/press-test.jsonl --html out/press-test.html \
		--thresholds tests/press/test/thresholds

# The English set (tests/en/README.md): nine articles written anew from real English press, read by the English
# pipeline (a blank English tokenizer, a borrowed recognizer of names, English language data).
eval-en: $(STAMP)
	mkdir -p out
	$(PY) -m pipeline evaluate --extract tests/en/corpus --corpus tests/en/corpus \
		--gold tests/en/gold.jsonl --pred out/en.jsonl --html out/en.html --thresholds tests/en/thresholds

# Retrain the claim models from the gold sets (cross-validated by article; writes resources/fr/claim_models.json).
train: $(STAMP)
	$(PY) -m pipeline train claims --lang fr

bench: $(STAMP)
	$(PY) bench/throughput.py

# Memory of every process over 10,000 articles streamed through the extract code path (takes long).
bench-memory: $(STAMP)
	$(PY) bench/throughput.py --articles 200 --skip-variants --rerun-articles 0 --memory-articles 10000

bench-hostile: $(STAMP)
	$(PY) bench/hostile.py

# Language identification's share of the bare model's time (target: at most 3 %).
bench-languages: $(STAMP)
	$(PY) bench/languages.py

bench-recognizers: $(STAMP)
	$(PY) bench/recognizers_numbers.py
	$(PY) bench/recognizers_dates.py

clean:
	rm -rf out .pytest_cache
