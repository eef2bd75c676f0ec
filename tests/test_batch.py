"""Batch processing at scale: errors inside one article, worker processes, Dask, a crash in the middle of a run."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.readers.inputs import Article, InputError, read_inputs
from pipeline.records import Document
from pipeline.runner.parallel import ProcessExecutor
from pipeline.runner.progress import Progress
from pipeline.runner.run import Unchanged, one_line, process, run_extraction
from pipeline.runner.store import ClaimStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@Language.component("test_fails_on_boum")
def _fails_on_boum(doc: Doc) -> Doc:
    if "BOUM" in doc.text:
        raise RuntimeError("component exploded")
    return doc


@pytest.fixture(scope="module")
def tiny_nlp() -> Language:
    """A blank French pipeline with a component that fails on one word: no model, so the tests are fast."""
    nlp = spacy.blank("fr")
    nlp.add_pipe("test_fails_on_boum")
    return nlp


def _articles(*texts: str) -> list[Article]:
    return [Article(doc_id=f"a{i}", text=text, lang="fr", source=f"a{i}.txt") for i, text in enumerate(texts)]


def test_batch_exception_in_one_article_is_recorded_and_the_batch_goes_on(tiny_nlp: Language, tmp_path: Path) -> None:
    articles = _articles("Un article.", "Celui-ci fait BOUM.", "Encore un.", "Et un dernier.")
    with ClaimStore(tmp_path / "s.sqlite") as store:
        outcomes = list(process(articles, lambda lang: tiny_nlp, store, batch_size=4))
        assert [type(o).__name__ for o in outcomes] == ["Document", "ExtractionError", "Document", "Document"]
        assert "RuntimeError: component exploded" in str(outcomes[1]) and "a1.txt" in str(outcomes[1])
        assert store.counts()["documents"] == 3
        assert store.connection.execute("SELECT doc_id, message FROM errors").fetchall() == [
            ("a1", "RuntimeError: component exploded")
        ]


def test_batch_ten_megabyte_article_above_the_pipeline_limit_fails_alone(tiny_nlp: Language) -> None:
    """Let through by a high --max-chars, a 10 MB text is refused by spaCy's max_length: an error, not a crash."""
    huge = "Nvidia vend des puces. " * (10_000_000 // 23)
    outcomes = list(process(_articles("Avant.", huge, "Après."), lambda lang: tiny_nlp, batch_size=8))
    assert [type(o).__name__ for o in outcomes] == ["Document", "ExtractionError", "Document"]
    assert "max_length" in outcomes[1].message or "[E088]" in outcomes[1].message


def test_batch_language_without_pipeline_fails_its_articles_only(tiny_nlp: Language) -> None:
    def nlp_for(lang: str) -> Language:
        if lang != "fr":
            raise ValueError(f"no base model configured for language {lang!r}")
        return tiny_nlp

    articles = [Article("a", "Un.", "fr"), Article("b", "Two.", "xx"), Article("c", "Trois.", "fr")]
    outcomes = list(process(articles, nlp_for, batch_size=8))
    assert [type(o).__name__ for o in outcomes] == ["Document", "InputError", "Document"]
    assert "no pipeline for language 'xx' (declared; have: en, fr)" in outcomes[1].message


def test_batch_unchanged_articles_come_from_the_store_without_the_pipeline(tiny_nlp: Language, tmp_path: Path) -> None:
    articles = _articles("Un article.", "Deux articles.")
    with ClaimStore(tmp_path / "s.sqlite") as store:
        first = list(process(articles, lambda lang: tiny_nlp, store))

        def no_pipeline(lang: str) -> Language:
            raise AssertionError("the pipeline is not needed for unchanged articles")

        again = list(process(articles, no_pipeline, store))
    assert all(isinstance(o, Unchanged) for o in again)
    assert [o.document for o in again] == first


def test_batch_progress_bar_shows_rate_and_eta_on_a_terminal(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("Un article.", encoding="utf-8")
    stream = io.StringIO()
    progress = Progress([tmp_path], stream, enabled=True)
    for _ in range(3):
        progress.advance()
    print("error: a message", file=progress.log)
    progress.close()
    shown = stream.getvalue()
    assert "3/3" in shown and "articles/s" in shown and "error: a message\n" in shown
    first, *_, last = (part for part in shown.split("\r") if part.strip())
    assert "loading the model…" in first and "0/3" in first and "loading" not in last
    slow = progress.bar.format_meter(**{**progress.bar.format_dict, "n": 1, "elapsed": 1.54})
    assert "0.65 articles/s" in slow and "s/ articles" not in slow  # never "1.54s/ articles"
    quiet = io.StringIO()
    Progress([tmp_path], quiet).advance()  # a StringIO is no TTY
    assert quiet.getvalue() == ""


# --- with the real pipeline, in worker processes and subprocesses ---------------------------------------------


def run_cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,
    )


@pytest.fixture(scope="module")
def serial_corpus_records(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("serial") / "claims.jsonl"
    result = run_cli(str(CORPUS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_batch_two_processes_write_the_same_records_in_input_order(tmp_path: Path, serial_corpus_records: str) -> None:
    out, db = tmp_path / "claims.jsonl", tmp_path / "claims.sqlite"
    result = run_cli(str(CORPUS), "--out", str(out), "--db", str(db), "--processes", "2", "--batch-size", "2")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == serial_corpus_records
    assert result.stderr.strip().splitlines() == ["5 articles, 5 extracted, 0 failed"]  # no progress bar: no TTY
    with ClaimStore(db) as store:
        assert [d.doc_id for d in store.documents()] == sorted(p.stem for p in CORPUS.glob("*.txt"))


def test_batch_dask_local_cluster_writes_the_same_records(tmp_path: Path, serial_corpus_records: str) -> None:
    out, db = tmp_path / "claims.jsonl", tmp_path / "claims.sqlite"
    result = run_cli(
        str(CORPUS), "--out", str(out), "--db", str(db), "--engine", "dask", "--processes", "2", "--batch-size", "2"
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == serial_corpus_records
    assert result.stderr.strip().splitlines()[-1] == "5 articles, 5 extracted, 0 failed"
    with ClaimStore(db) as store:
        assert store.counts()["documents"] == 5


def test_batch_process_executor_records_errors_and_keeps_order(tmp_path: Path) -> None:
    good = (CORPUS / "003_546742847a512ba8.txt").read_text(encoding="utf-8")
    items = [
        Article("a", good),
        InputError("x.txt", "empty text", doc_id="x"),
        Article("b", good[:400]),
        Article("c", "Un texte.", lang="xx"),
    ]
    executor = ProcessExecutor(2, in_flight=1)
    try:
        outcomes = list(process(items, None, batch_size=1, executor=executor))
    finally:
        executor.close()
    assert [type(o).__name__ for o in outcomes] == ["Document", "InputError", "Document", "InputError"]
    assert [o.doc_id for o in outcomes if isinstance(o, Document)] == ["a", "b"]
    assert isinstance(outcomes[3], InputError) and "no pipeline for language 'xx'" in outcomes[3].message


def _synthetic_folder(folder: Path, count: int) -> list[str]:
    """Short articles recombining corpus sentences (seeded), one .txt file each."""
    sentences = [
        s.strip() + "."
        for p in sorted(CORPUS.glob("*.txt"))
        for s in p.read_text(encoding="utf-8").split(".")
        if len(s.split()) > 6
    ]
    rng = random.Random(7)
    folder.mkdir()
    ids = [f"art{i:03d}" for i in range(count)]
    for doc_id in ids:
        (folder / f"{doc_id}.txt").write_text(" ".join(rng.sample(sentences, 6)), encoding="utf-8")
    return ids


def _stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT doc_id, extracted_at || text_sha256 FROM documents"))


def test_batch_killed_run_then_rerun_completes_without_loss_or_duplicates(tmp_path: Path) -> None:
    ids = _synthetic_folder(tmp_path / "in", 60)
    db, out = tmp_path / "s.sqlite", tmp_path / "out.jsonl"
    args = [
        sys.executable,
        "-m",
        "pipeline",
        "extract",
        str(tmp_path / "in"),
        "--db",
        str(db),
        "--out",
        str(out),
        "--batch-size",
        "4",
    ]
    with subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as victim:
        deadline = time.monotonic() + 300
        committed: dict[str, str] = {}
        while time.monotonic() < deadline and victim.poll() is None:
            time.sleep(0.05)
            try:
                committed = _stored(db) if db.exists() else {}
            except sqlite3.OperationalError:  # the file exists but the child has not created the tables yet
                committed = {}
            if len(committed) >= 8:
                os.kill(victim.pid, signal.SIGKILL)
                break
        victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 8 <= len(committed) < 60 and not out.exists()
    committed = _stored(db)  # rows committed up to the kill

    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary == f"60 articles, {60 - len(committed)} extracted, {len(committed)} unchanged, 0 failed"
    after = _stored(db)
    assert sorted(after) == ids
    assert {doc_id: after[doc_id] for doc_id in committed} == committed  # kept, not extracted again
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ids
    with sqlite3.connect(db) as connection:
        for table in ("entities", "quantities", "dates", "claims"):
            orphans = connection.execute(
                f"SELECT COUNT(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0
        per_doc = dict(connection.execute("SELECT doc_id, COUNT(*) FROM quantities GROUP BY doc_id"))
    assert per_doc == {r["doc_id"]: len(r["quantities"]) for r in records if r["quantities"]}


def test_batch_run_extraction_counts_on_article_callbacks(tiny_nlp: Language, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Un article.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    seen: list[int] = []
    summary = run_extraction(
        read_inputs([tmp_path]),
        lambda lang: tiny_nlp,
        io.StringIO(),
        log=io.StringIO(),
        on_article=lambda: seen.append(1),
    )
    assert summary.line() == "2 articles, 1 extracted, 1 failed" and len(seen) == 2


def test_batch_control_characters_in_messages_cannot_forge_log_lines(tiny_nlp: Language) -> None:
    article = Article(doc_id="a", text="Celui-ci fait BOUM.", source="a\nerror: forged\u2028.txt\x1b[2J")
    log = io.StringIO()
    run_extraction([article], lambda lang: tiny_nlp, io.StringIO(), log=log)
    assert log.getvalue().splitlines() == [
        "error: a\\nerror: forged\\u2028.txt\\x1b[2J: extraction failed: RuntimeError: component exploded"
    ]
    assert one_line("déjà vu\u00a0: 2 000 €") == "déjà vu\u00a0: 2 000 €"  # printable text is left as it is


def test_batch_errors_name_file_and_line_alike_and_clear_once_fixed(tiny_nlp: Language, tmp_path: Path) -> None:
    articles, text = tmp_path / "a.jsonl", tmp_path / "b.txt"
    articles.write_text('{"id": "k1", "text": "Ça fait BOUM."}\n{oops\n', encoding="utf-8")
    text.write_text("Un article.", encoding="utf-8")

    def run() -> list[tuple[str, int, str | None]]:
        list(process(read_inputs([articles, text]), lambda lang: tiny_nlp, store))
        return store.connection.execute("SELECT source, line, doc_id FROM errors ORDER BY line").fetchall()

    with ClaimStore(tmp_path / "s.sqlite") as store:
        # an extraction error and an input error are kept alike: the file, and the line within it
        assert run() == [(str(articles), 1, "k1"), (str(articles), 2, None)]
        articles.write_text('{"id": "k1", "text": "Un."}\n{"id": "k2", "text": "Deux."}\n', encoding="utf-8")
        assert run() == []
        text.write_text("", encoding="utf-8")
        assert run() == [(str(text), 0, "b")]
        text.write_text("Un article.", encoding="utf-8")  # back to the stored text: unchanged, not extracted again
        assert run() == []
        assert store.counts()["documents"] == 3
