"""Extraction time is linear in the article's length and in the number of figures per sentence, and an article
that runs past its time budget fails alone (``extract --max-seconds``)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.readers.inputs import Article
from pipeline.records import Document
from pipeline.runner.extract import ExtractionError
from pipeline.runner.parallel import ProcessExecutor, SerialExecutor
from pipeline.runner.run import process

ROOT = Path(__file__).resolve().parent.parent


def _bench_module() -> ModuleType:
    """bench/hostile.py (a script, not a package): its text builders are the ones the benchmark measures."""
    spec = importlib.util.spec_from_file_location("bench_hostile", ROOT / "bench" / "hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_BENCH = _bench_module()
ordinary_text, repeated = _BENCH.ordinary_text, _BENCH.repeated
CORPUS = ROOT / "corpus"
LENGTH = 20_000
# Pathological text against ordinary text of the same length: a quadratic scan is tens of times slower at this
# length; the margin leaves room for a loaded machine.
MAX_RATIO = 5.0


def best_time(run: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def test_linear_email_mask_on_a_long_run_without_spaces(nlp: Language) -> None:
    finder = nlp.get_pipe("news_quantities").finder
    ordinary = ordinary_text(LENGTH)
    hostile = "a" * LENGTH
    finder.numbers(ordinary)  # warm up
    ratio = best_time(lambda: finder.numbers(hostile)) / best_time(lambda: finder.numbers(ordinary))
    assert ratio < MAX_RATIO


def test_linear_email_mask_keeps_its_matches(nlp: Language) -> None:
    finder = nlp.get_pipe("news_quantities").finder
    text = "Écrire à jean.dupont2@exemple.fr ou a1@b.c!x2@y.z, puis x@y 3 et 4@5.6 le 7."
    masked = [text[start:end] for start, end in finder.masked_spans(text)]
    assert "jean.dupont2@exemple.fr" in masked and "a1@b.c!x2@y.z" in masked and "4@5.6" in masked
    assert [n.value for n in finder.numbers(text)] == [3, 7]


def test_linear_many_figures_in_one_sentence(nlp: Language) -> None:
    ordinary = ordinary_text(LENGTH)
    hostile = repeated("Nvidia a vendu 3 000 GPU, ", LENGTH)
    nlp(ordinary)  # warm up
    ratio = best_time(lambda: nlp(hostile), repeats=1) / best_time(lambda: nlp(ordinary), repeats=1)
    assert ratio < MAX_RATIO
    claims = nlp(repeated("Nvidia a vendu 3 000 GPU, ", 2_000))._.news_claims
    assert claims and all(claim.subject == "nvidia" for claim in claims[:-1])


@Language.component("test_slow_on_lent")
def _slow_on_lent(doc: Doc) -> Doc:
    if "LENT" in doc.text:
        time.sleep(30)
    return doc


@pytest.fixture(scope="module")
def slow_nlp() -> Language:
    nlp = spacy.blank("fr")
    nlp.add_pipe("test_slow_on_lent")
    return nlp


def test_max_seconds_fails_the_slow_article_and_goes_on(slow_nlp: Language) -> None:
    articles = [Article(f"a{i}", text, lang="fr", source=f"a{i}.txt") for i, text in
                enumerate(["Un article.", "Celui-ci est LENT.", "Le suivant."])]
    start = time.perf_counter()
    outcomes = list(process(articles, batch_size=8, executor=SerialExecutor(lambda lang: slow_nlp, max_seconds=0.5)))
    assert time.perf_counter() - start < 10
    assert [type(o).__name__ for o in outcomes] == ["Document", "ExtractionError", "Document"]
    assert str(outcomes[1]) == "a1.txt: extraction failed: time budget of 0.5 s exceeded (--max-seconds)"


def test_max_seconds_in_a_worker_process(tmp_path: Path) -> None:
    slow = repeated((CORPUS / "003_546742847a512ba8.txt").read_text(encoding="utf-8"), 400_000)
    articles = [
        Article("slow", slow, lang="fr", source="slow.txt"),
        Article("quick", "Nvidia a vendu 3 000 GPU.", lang="fr"),
    ]
    executor = ProcessExecutor(1, in_flight=1, max_seconds=1.0)
    try:
        outcomes = list(process(articles, None, batch_size=1, executor=executor))
    finally:
        executor.close()
    assert isinstance(outcomes[0], ExtractionError) and "time budget of 1 s exceeded" in outcomes[0].message
    assert isinstance(outcomes[1], Document) and outcomes[1].claims


def test_max_seconds_on_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_slow.txt").write_text(repeated(ordinary_text(10_000), 400_000), encoding="utf-8")
    (folder / "b_quick.txt").write_text("Nvidia a vendu 3 000 GPU en 2024.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "--out", str(out), "--max-seconds", "2",
         "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {folder / 'a_slow.txt'}: extraction failed: time budget of 2 s exceeded (--max-seconds)"]
    assert result.stderr.splitlines()[-1] == "2 articles, 1 extracted, 1 failed"
    assert '"doc_id": "b_quick"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "abc"])
def test_max_seconds_must_be_a_positive_number(value: str) -> None:
    from pipeline.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x.txt", "--max-seconds", value])
    assert exit_info.value.code == 2
